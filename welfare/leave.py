"""Paid annual leave balances: the days the national rule gives (document LEAVE, incentives.rules.annual_leave)
less the paid leave days already entered in attendance.

- Cumulative service starts on the engineer's WorkStart (earlier employers counted) or, without one, the
  hire date here. The days are earned only while employed here (hire date … leaving date).
- The LEAVE version used for a year is the one in force on the year's last day: the year's entitlement is
  one figure, and a revision approved during the year (never less than the law) applies to the whole year.
- "Used" is the sum of the year's attendance months' paid leave days (half days allowed). Attendance's
  paid leave may include other paid leave (marriage, bereavement): a negative balance is a warning on the
  attendance save, never a refusal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from attendance.models import AttendanceMonth
from engineers.models import Engineer
from incentives.leave_policy import LEAVE_DOCUMENT, LeavePolicy
from incentives.money import shown
from incentives.rules.annual_leave import annual_leave_days
from incentives.trace import Traced
from policies.errors import PolicyError
from policies.selectors import policy_version_in_force

from .models import WorkStart


@dataclass(frozen=True)
class LeaveBalance:
    engineer: Engineer
    year: int
    work_start: date
    work_start_recorded: bool  # False: counted from the hire date (no earlier service recorded)
    entitled: Decimal  # whole days
    used: Decimal  # paid leave days in the year's attendance
    trace: Traced

    @property
    def remaining(self) -> Decimal:
        return self.entitled - self.used

    @property
    def over(self) -> bool:
        return self.remaining < 0

    @property
    def exact_days(self) -> str:
        """The exact sum before rounding down, as a decimal ("9.191781…")."""
        return str(shown(self.trace.steps[0].inputs["exact_days"]))

    @property
    def policy_version(self) -> str:
        return self.trace.policy_version


def leave_policy_for(year: int) -> LeavePolicy | None:
    """The LEAVE version in force on the year's last day, or None when none is."""
    try:
        version = policy_version_in_force(date(year, 12, 31), document_no=LEAVE_DOCUMENT)
    except PolicyError:
        return None
    return LeavePolicy.from_dict(version.parameters)


def leave_balances(engineers, year: int, *, policy: LeavePolicy | None = None) -> list[LeaveBalance]:
    """Each engineer's balance for `year` (three queries whatever their number); [] without a LEAVE version."""
    engineers = list(engineers)
    policy = policy or leave_policy_for(year)
    if policy is None or not engineers:
        return []
    ids = [e.pk for e in engineers]
    starts = dict(WorkStart.objects.filter(engineer_id__in=ids).values_list("engineer_id", "started_on"))
    used = defaultdict(
        Decimal,
        AttendanceMonth.objects.filter(engineer_id__in=ids, year=year)
        .values_list("engineer_id")
        .annotate(days=Sum("paid_leave_days"))
        .values_list("engineer_id", "days"),
    )
    out = []
    for e in engineers:
        start = min(starts.get(e.pk, e.hire_date), e.hire_date)
        traced = annual_leave_days(
            policy=policy, year=year, work_start=start, employed_from=e.hire_date, employed_to=e.leaving_date
        )
        out.append(LeaveBalance(e, year, start, e.pk in starts, traced.amount, Decimal(used[e.pk] or 0), traced))
    return out


def leave_balance(engineer: Engineer, year: int) -> LeaveBalance | None:
    found = leave_balances([engineer], year)
    return found[0] if found else None


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def paid_leave_warnings(*, rows) -> dict[int, str]:
    """Attendance's hook: engineer id → a warning when the year's paid leave (the rows just saved included)
    passes the engineer's annual leave."""
    by_year: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        by_year[row.year].add(row.engineer_id)
    found: dict[int, str] = {}
    for year, ids in by_year.items():
        engineers = Engineer.objects.filter(pk__in=ids).order_by("pk")
        for b in leave_balances(engineers, year):
            if b.over:
                found[b.engineer.pk] = _(
                    "%(name)s: %(used)s days of paid leave in %(year)s, above the %(entitled)s days of annual "
                    "leave (%(over)s over). Saved: check it was annual leave and when their service began."
                ) % {
                    "name": b.engineer.name,
                    "used": _number(b.used),
                    "year": year,
                    "entitled": _number(b.entitled),
                    "over": _number(-b.remaining),
                }
    return found
