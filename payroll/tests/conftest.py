"""A month for crew C01 with every kind of line, shared by the payroll tests."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.utils import timezone

from appraisal.awards import services as kpi_awards
from appraisal.scorecards import services as kpi
from engineers.models import Engineer
from ledger.models import PayPeriod
from workorders.bonus import services as bonus

DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


def month_start():
    return timezone.localdate().replace(day=1)


def years_before(day, n):
    return day.replace(year=day.year - n)


@pytest.fixture
def postgresql(transactional_db):
    """Real transactions on PostgreSQL (row locks, several connections, real workers); skipped on SQLite."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL (CI's second leg)")


@pytest.fixture
def month(bonus_people, make_work_order):
    """Crew C01 this month: two special projects, an individual and a crew incentive, KPI, a deduction."""
    c = bonus_people
    today, first = timezone.localdate(), month_start()
    for engineer, years, base in ((c.zhang, 6, "1000.00"), (c.li, 3, "1200.00"), (c.zhao, 1, "800.00")):
        Engineer.objects.filter(pk=engineer.pk).update(
            hire_date=years_before(first, years), performance_pay_base_amount=D(base)
        )
        engineer.refresh_from_db()
    p1 = make_work_order(
        reported=today,
        resolved=today,
        is_special=True,
        lines=(("AZ-101", "10"), ("AZ-105", "50")),
        people=((c.zhang, "5"), (c.li, "3"), (c.zhao, "2")),
    )  # 1,650.00 → 825.00 / 495.00 / 330.00
    make_work_order(
        reported=today, resolved=today, is_special=True, lines=(("AZ-101", "4"),), people=((c.zhang, "2"), (c.li, "2"))
    )  # 520.00 → 260.00 / 260.00
    r = bonus.bonus_request_propose(
        user=c.qs, kind="individual", work_order=p1, engineer=c.li, rate=D("0.04"), rated_excellent=True
    )
    bonus.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    bonus.bonus_request_transition(user=c.manager, request=r, action="approve")  # 66.00
    bonus.self_assessment_save(
        user=c.leader_user,
        work_order=p1,
        quality_assessment="合格",
        plan={c.zhang.pk: D(100), c.li.pk: D(100), c.zhao.pk: D(80)},
    )
    scores = {"safety": D(90), "quality": D(85), "communication": D(80), "rules": D(95)}
    for role, user in (("qs_officer", c.qs), ("supervisor", c.supervisor), ("qc_inspector", c.qs)):
        bonus.inspection_record(
            user=user, work_order=p1, inspector_role=role, inspector_name="检查员", inspected_on=today, scores=scores
        )
    crew = bonus.bonus_request_propose(user=c.supervisor, kind="crew", work_order=p1, ratio=D("0.15"))
    bonus.bonus_request_transition(user=c.supervisor, request=crew, action="submit")
    bonus.bonus_request_transition(user=c.manager, request=crew, action="review")
    bonus.bonus_request_transition(user=c.gm, request=crew, action="approve")  # pool 216.56
    m = kpi.Month(today.year, today.month)
    kpi.grid_save(
        user=c.hr,
        department=c.d1,
        month=m,
        source="supervisor",
        rows={
            c.zhang.pk: {d: D(90) for d in DIMS},
            c.li.pk: {d: D(80) for d in DIMS},
            c.zhao.pk: {d: D(60) for d in DIMS},
        },
    )
    kpi.grid_submit(user=c.hr, department=c.d1, month=m)
    d = kpi_awards.award_propose(
        user=c.supervisor,
        kind="deduction",
        department=c.d1,
        members=[c.zhao],
        month=m,
        reason="未按规定佩戴安全带",
        deduction_amount=D("100"),
    )
    kpi_awards.award_decide(user=c.manager, award=d, approve=True)
    kpi_awards.award_decide(user=c.hr, award=d, approve=True)
    return PayPeriod.objects.get(year=today.year, month=today.month)


@pytest.fixture
def closed(bonus_people, month):
    """The month above, closed by HR."""
    from payroll.close import period_close

    period_close(user=bonus_people.hr, period=month)
    month.refresh_from_db()
    return month


@pytest.fixture
def published(bonus_people, closed):
    """The closed month above, its payslips published to the engineers by HR (until then an
    engineer does not see theirs: payroll/delivery.py)."""
    from payroll.delivery import payslips_publish

    payslips_publish(user=bonus_people.hr, period=closed)
    return closed
