"""What an engineer's month estimate reads, in one round trip: the policy in force at the month's
end, the orders completed in the month and the engineer's shares of them, and the newest scored
month up to this one.

The estimate is on every engineer's payslip list and KPI page. As three ORM queries it cost ~2.4 ms
of a 6 ms page at 50,000 engineers, most of it building their SQL; this statement, written once
from the models' tables, costs ~0.6 ms (bench/load_bench.py). appraisal/tests/test_estimate_facts.py
holds it equal to the ORM queries it replaces."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection

from engineers.selectors import month_bounds
from incentives.policy import Policy
from policies.models import PolicyStatus, PolicyVersion
from policies.selectors import parsed_policy, policy_in_force
from workorders.models import Participant, WorkOrder

from .models import Scorecard

INCENTIVE_DOCUMENT = "FS-MS-KF-13"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class EstimateFacts:
    policy: Policy
    orders: int  # work orders completed in the month that the engineer took part in
    earned: Decimal  # the engineer's shares of them
    band: str  # the newest scored month's band up to this month; "" when none
    band_month: tuple[int, int] | None  # (year, month) of that band


def estimate_facts(engineer_id: int, today: date) -> EstimateFacts:
    start, end = month_bounds(today.year, today.month)
    day = connection.ops.adapt_datefield_value
    version = (INCENTIVE_DOCUMENT, PolicyStatus.APPROVED.value, day(end))
    done = (engineer_id, day(start), day(end))
    scored = (engineer_id, today.year, today.year, today.month)
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [*version, *done, *done, *scored, *scored, *scored])
        parameters, orders, earned, band, year, month = cursor.fetchone()
    if parameters is None:  # the same refusal as every other page without a policy in force
        policy = policy_in_force(end)
    else:  # as text (the SQL casts it), parsed once per process for every page that reads it
        policy = parsed_policy(parameters)
    return EstimateFacts(
        policy=policy,
        orders=orders or 0,
        earned=_money(earned),
        band=band or "",
        band_month=(year, month) if band else None,
    )


def _money(value) -> Decimal:
    # PostgreSQL sums numeric as Decimal; SQLite sums in binary floating point: taken to the cent.
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


@functools.cache
def _sql() -> str:
    """Standard SQL both backends run: scalar subqueries, each on an index the ORM queries used."""
    version, participant, order, card = (m._meta.db_table for m in (PolicyVersion, Participant, WorkOrder, Scorecard))
    done = (
        f"FROM {participant} p JOIN {order} w ON w.id = p.work_order_id "
        "WHERE p.engineer_id = %s AND w.completed_on BETWEEN %s AND %s"
    )
    newest = (
        f"FROM {card} s WHERE s.engineer_id = %s AND s.score IS NOT NULL AND s.band <> '' "
        "AND (s.year < %s OR (s.year = %s AND s.month <= %s)) ORDER BY s.year DESC, s.month DESC LIMIT 1"
    )
    return (
        "SELECT "
        f"(SELECT CAST(v.parameters AS TEXT) FROM {version} v WHERE v.document_no = %s AND v.status = %s "
        "AND v.effective_from <= %s ORDER BY v.effective_from DESC LIMIT 1), "
        f"(SELECT COUNT(DISTINCT p.work_order_id) {done}), "
        f"(SELECT SUM(p.share_amount) {done}), "
        f"(SELECT s.band {newest}), (SELECT s.year {newest}), (SELECT s.month {newest})"
    )
