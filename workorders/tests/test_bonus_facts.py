"""The engineers' circumstances the inbox quotes with (skills, absences, crews led) are read in one
statement written once (workorders/bonus/facts.circumstances_of); they are what the ORM reads."""

from datetime import date

import pytest

from engineers.models import Absence, Crew, EngineerSkill
from workorders.bonus.facts import circumstances_of

pytestmark = pytest.mark.django_db


def by_orm(ids: set[int]) -> dict[int, tuple]:
    return {
        pk: (
            sorted(EngineerSkill.objects.filter(engineer_id=pk).values_list("issued_on", "expires_on")),
            sorted(Absence.objects.filter(engineer_id=pk).values_list("start_date", "end_date")),
            Crew.objects.filter(leader_id=pk).exists(),
        )
        for pk in ids
    }


def test_circumstances_are_the_skills_absences_and_crews_the_orm_reads(company):
    c = company
    EngineerSkill.objects.create(engineer=c.li, skill="electrician", certificate_no="E-1", issued_on=date(2025, 3, 1))
    EngineerSkill.objects.create(
        engineer=c.li, skill="welder", certificate_no="W-1", issued_on=date(2024, 1, 1), expires_on=date(2026, 1, 1)
    )
    EngineerSkill.objects.create(engineer=c.wang, skill="welder", certificate_no="W-2", issued_on=date(2026, 2, 1))
    Absence.objects.create(engineer=c.li, start_date=date(2026, 3, 2), end_date=date(2026, 3, 4))
    Absence.objects.create(engineer=c.li, start_date=date(2026, 1, 5), end_date=date(2026, 2, 20))
    Absence.objects.create(engineer=c.zhao, start_date=date(2026, 3, 9), end_date=date(2026, 3, 9))
    c.other_crew.leader = c.wang
    c.other_crew.save()  # 张伟 leads 安装一组, 王强 now 维修一组; 李娜 and 赵敏 lead none
    ids = {c.zhang.pk, c.li.pk, c.zhao.pk}  # 王强 not asked: his skill and crew must not leak in

    found = circumstances_of(ids)

    assert set(found) == ids
    read = {pk: (sorted(x.skills), sorted(x.absences), x.leads_crew) for pk, x in found.items()}
    assert read == by_orm(ids)
    assert read[c.li.pk][0] == [(date(2024, 1, 1), date(2026, 1, 1)), (date(2025, 3, 1), None)]
    assert read[c.zhang.pk][2] and not read[c.li.pk][2]
    assert found[c.li.pk].skill_valid_on(date(2026, 3, 1)) and not found[c.zhao.pk].skill_valid_on(date(2026, 3, 1))
    assert circumstances_of(set()) == {}
    assert circumstances_of({c.wang.pk})[c.wang.pk].leads_crew
