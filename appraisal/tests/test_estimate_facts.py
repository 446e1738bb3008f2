"""The estimate's one statement reads what the ORM queries it replaced read: the policy in force at
the month's end, the month's orders and the engineer's shares, the newest scored month up to this one."""

import copy
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.db.models import Count, Q, Sum
from django.utils import timezone

from appraisal.estimate_facts import EstimateFacts, estimate_facts
from appraisal.models import Scorecard
from appraisal.scorecards import services as kpi
from engineers.selectors import month_bounds
from policies.errors import PolicyError
from policies.models import PolicyVersion
from policies.selectors import policy_in_force
from workorders.models import Participant

pytestmark = pytest.mark.django_db
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


def orm_facts(engineer, today: date) -> EstimateFacts:
    """The three ORM queries month_estimate ran before, as the reference."""
    start, end = month_bounds(today.year, today.month)
    so_far = Participant.objects.filter(engineer=engineer, work_order__completed_on__range=(start, end)).aggregate(
        orders=Count("work_order", distinct=True), earned=Sum("share_amount")
    )
    newest = (
        Scorecard.objects.filter(engineer=engineer, score__isnull=False)
        .exclude(band="")
        .filter(Q(year__lt=today.year) | Q(year=today.year, month__lte=today.month))
        .order_by("-year", "-month")
        .values_list("band", "year", "month")
        .first()
    )
    return EstimateFacts(
        policy=policy_in_force(end),
        orders=so_far["orders"],
        earned=so_far["earned"] or D("0.00"),
        band=newest[0] if newest else "",
        band_month=tuple(newest[1:]) if newest else None,
    )


def score(c, month, engineer, value):
    kpi.grid_save(
        user=c.hr, department=c.d1, month=month, source="supervisor", rows={engineer.pk: dict.fromkeys(DIMS, value)}
    )


def test_the_statement_reads_what_the_orm_read(bonus_people, make_work_order):
    c = bonus_people
    today = timezone.localdate()
    this = kpi.Month(today.year, today.month)
    last = kpi.Month(today.year - 1, 12) if today.month == 1 else kpi.Month(today.year, today.month - 1)
    ahead = kpi.Month(today.year + 1, 1) if today.month == 12 else kpi.Month(today.year, today.month + 1)
    people = (c.li, c.zhang, c.wang)

    def same():
        for engineer in people:
            assert estimate_facts(engineer.pk, today) == orm_facts(engineer, today), engineer.name

    same()  # nothing yet: no orders, no band
    assert estimate_facts(c.li.pk, today) == EstimateFacts(policy_in_force(today), 0, D("0.00"), "", None)
    make_work_order(
        reported=today,
        resolved=today,
        lines=(("AZ-101", "10"), ("AZ-105", "50")),
        people=((c.zhang, "5"), (c.li, "3"), (c.zhao, "2")),
    )  # 495.00 for 李娜
    make_work_order(reported=today, resolved=today, lines=(("AZ-101", "4"),), people=((c.zhang, "1"), (c.li, "2")))
    before = month_bounds(today.year, today.month)[0] - timedelta(days=1)  # last month: not counted
    make_work_order(reported=before, resolved=before, lines=(("AZ-101", "7"),), people=((c.li, "1"),))
    make_work_order(reported=today, lines=(("AZ-101", "9"),), people=((c.li, "1"),))  # not completed: not counted
    score(c, ahead, c.li, D(65))  # a month ahead scored by mistake is not the latest
    same()
    facts = estimate_facts(c.li.pk, today)
    assert (facts.orders, facts.band) == (2, "")
    assert facts.earned > D("495.00") and facts.earned.as_tuple().exponent == -2
    score(c, last, c.li, D(92))
    same()
    assert estimate_facts(c.li.pk, today).band_month == (last.year, last.month)
    score(c, this, c.li, D(80))
    same()
    assert (estimate_facts(c.li.pk, today).band, estimate_facts(c.li.pk, today).band_month) == (
        "B",
        (this.year, this.month),
    )


def test_the_policy_is_the_one_in_force_at_the_months_end(bonus_people):
    c = bonus_people
    today = timezone.localdate()
    end = month_bounds(today.year, today.month)[1]
    a2 = PolicyVersion.objects.get(document_no="FS-MS-KF-13", version="A/2")

    def version(name, effective_from, status="approved", cap="400.00"):
        params = copy.deepcopy(a2.parameters)
        params["version"] = name
        params["individual"]["monthly_cap"] = cap
        PolicyVersion.objects.create(
            document_no="FS-MS-KF-13",
            version=name,
            title=a2.title,
            effective_from=effective_from,
            status=status,
            parameters=params,
            approved_at=timezone.now(),
        )

    version("T/1", end - timedelta(days=3))  # in force before the month ends: the estimate takes it
    version("T/2", end + timedelta(days=1), cap="450.00")  # from next month: not yet
    version("T/3", end, status="withdrawn", cap="300.00")  # newer, but withdrawn
    facts = estimate_facts(c.li.pk, today)
    assert facts.policy == orm_facts(c.li, today).policy
    assert facts.policy.version == "T/1"


def test_without_a_policy_in_force_it_refuses_as_every_page_does(bonus_people):
    PolicyVersion.objects.filter(document_no="FS-MS-KF-13").update(status="retired")
    with pytest.raises(PolicyError) as refused:
        estimate_facts(bonus_people.li.pk, timezone.localdate())
    with pytest.raises(PolicyError) as reference:
        orm_facts(bonus_people.li, timezone.localdate())
    assert refused.value.message == reference.value.message


def test_orders_completed_on_the_months_first_and_last_days_count_and_none_beside_them(bonus_people, make_work_order):
    c = bonus_people
    today = timezone.localdate()
    start, end = month_bounds(today.year, today.month)
    for day in (start - timedelta(days=1), start, end, end + timedelta(days=1)):
        make_work_order(reported=day, resolved=day, lines=(("AZ-101", "2"),), people=((c.li, "1"),))
    facts = estimate_facts(c.li.pk, today)
    assert facts == orm_facts(c.li, today)
    assert facts.orders == 2  # the first and the last day's, not the day before nor the day after


def test_a_version_in_force_from_the_months_last_day_is_the_months(bonus_people):
    c = bonus_people
    today = timezone.localdate()
    end = month_bounds(today.year, today.month)[1]
    a2 = PolicyVersion.objects.get(document_no="FS-MS-KF-13", version="A/2")
    params = {**copy.deepcopy(a2.parameters), "version": "T/9"}
    PolicyVersion.objects.create(
        document_no="FS-MS-KF-13",
        version="T/9",
        title=a2.title,
        effective_from=end,
        status="approved",
        parameters=params,
        approved_at=timezone.now(),
    )
    assert estimate_facts(c.li.pk, today).policy.version == "T/9" == orm_facts(c.li, today).policy.version
