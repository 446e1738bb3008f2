"""Turn database rows into the engine's inputs for the bonus rules."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection

from core.columns import column, placeholders
from engineers.models import Absence, Crew, EmploymentType, Engineer, EngineerSkill
from engineers.selectors import assessment_status, month_bounds
from incentives.policy import Policy
from incentives.rules.awards import completed_years
from incentives.rules.crew import CrewMember, Inspection
from incentives.rules.individual import Candidate
from workorders.models import WorkOrder


@dataclass(frozen=True)
class Circumstances:
    """What the bonus rules read of an engineer beyond the engineer's own row."""

    absences: tuple[tuple[date, date], ...]  # (start, end)
    skills: tuple[tuple[date, date | None], ...]  # each special skill's (issued on, expires on)
    leads_crew: bool

    def skill_valid_on(self, day: date) -> bool:
        return any(issued <= day and (expires is None or day <= expires) for issued, expires in self.skills)


def circumstances_of(engineer_ids: set[int]) -> dict[int, Circumstances]:
    """Every given engineer's circumstances in one statement read as plain values: a page that quotes
    forty requests reads them once, not as forty engineers' related managers. The statement is written
    once per number of engineers (the inbox's three ORM queries cost ~2.5 ms, most of it building them);
    workorders/tests/test_bonus_facts.py holds it to those queries."""
    ids = sorted(engineer_ids)
    skills: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    absences: dict[int, list[tuple[date, date]]] = defaultdict(list)
    leaders: set[int] = set()
    if ids:
        with connection.cursor() as cursor:
            cursor.execute(_circumstances_sql(len(ids)), ids * 3)
            for kind, engineer_id, first, second in cursor.fetchall():
                if kind == "l":
                    leaders.add(engineer_id)
                else:
                    (skills if kind == "s" else absences)[engineer_id].append((_day(first), _day(second)))
    return {
        pk: Circumstances(absences=tuple(absences[pk]), skills=tuple(skills[pk]), leads_crew=pk in leaders)
        for pk in engineer_ids
    }


def _day(value) -> date | None:
    # A union's columns lose their declared type on SQLite, which then hands dates over as text.
    return date.fromisoformat(value) if isinstance(value, str) else value


@functools.cache
def _circumstances_sql(count: int) -> str:
    skill, absence, crew = EngineerSkill, Absence, Crew
    ids = placeholders(count)
    return (
        f"SELECT 's', {column(skill, 'engineer')}, {column(skill, 'issued_on')}, {column(skill, 'expires_on')} "
        f"FROM {skill._meta.db_table} WHERE {column(skill, 'engineer')} IN ({ids}) UNION ALL "
        f"SELECT 'a', {column(absence, 'engineer')}, {column(absence, 'start_date')}, {column(absence, 'end_date')} "
        f"FROM {absence._meta.db_table} WHERE {column(absence, 'engineer')} IN ({ids}) UNION ALL "
        f"SELECT 'l', {column(crew, 'leader')}, NULL, NULL FROM {crew._meta.db_table} "
        f"WHERE {column(crew, 'leader')} IN ({ids}) ORDER BY 1, 2, 3, 4"
    )


def candidate_for(
    engineer: Engineer, *, on: date, rated_excellent: bool, policy: Policy, known: Circumstances | None = None
) -> Candidate:
    """The engine's candidate for an individual incentive on `on`; `known` when already read
    (circumstances_of), else read through the engineer's related managers."""
    start, end = month_bounds(on.year, on.month)
    return Candidate(
        inside_assessment=assessment_status(
            engineer,
            period_start=start,
            period_end=end,
            assessment_date=end,
            policy=policy,
            absences=known.absences if known else None,
        ).inside,
        probation_passed=engineer.employment_type != EmploymentType.PROBATION
        and (engineer.probation_end is None or engineer.probation_end < on),
        has_special_skill=known.skill_valid_on(on) if known else any(s.valid_on(on) for s in engineer.skills.all()),
        service_years=completed_years(since=engineer.hire_date, on=on),
        rated_excellent=rated_excellent,
        is_crew_leader=known.leads_crew if known else engineer.led_crews.exists(),
    )


def inspections_of(work_order: WorkOrder) -> list[Inspection]:
    return [Inspection(i.get_inspector_role_display(), i.scores()) for i in work_order.inspections.all()]


def crew_members_of(work_order: WorkOrder) -> list[CrewMember]:
    """Days from the work order's participants, percentages from the crew leader's plan."""
    days = {p.engineer_id: p.days_worked for p in work_order.participants.all()}
    plan = work_order.self_assessment.lines.all()
    return [CrewMember(key=line.engineer_id, days=days.get(line.engineer_id, 0), pct=line.pct) for line in plan]
