"""Service-level rules for customer requests (seed 004, 第七章): deadlines, time left, breach, repeats, CSAT points.

Pure: every rule takes the moments it needs (the request's logged time, "now") as aware datetimes and the
SLA document (incentives.sla_policy.SlaPolicy); none reads a clock. Business hours are counted in the
document's time zone, working days and working day; clock hours are plain elapsed time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from ..errors import ErrorCode, refused
from ..sla_policy import BusinessHours, SlaPolicy, SlaTarget

MAX_DAYS = 3 * 366  # no target is that long: a guard against a document without working time


def _require_aware(value: datetime, parameter: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise refused(ErrorCode.SLA_NAIVE_TIME, "needs a time zone", parameter=parameter, rule="sla")


def _window(day: date, hours: BusinessHours, zone) -> tuple[datetime, datetime] | None:
    """The working window of a local day, or None on a day off."""
    if day.isoweekday() not in hours.workdays:
        return None
    return (datetime.combine(day, hours.start, tzinfo=zone), datetime.combine(day, hours.end, tzinfo=zone))


def add_business_time(start: datetime, amount: timedelta, *, hours: BusinessHours, zone) -> datetime:
    """The moment `amount` of working time after `start`: time outside the working windows does not count,
    so 2 business hours from Friday 16:30 (08:30–17:30, Mon–Sat) end on Saturday 09:30."""
    _require_aware(start, "start")
    if amount <= timedelta(0):
        return start
    cursor = start.astimezone(zone)
    left = amount
    for _n in range(MAX_DAYS):
        window = _window(cursor.date(), hours, zone)
        if window is not None:
            begin, end = window
            cursor = max(cursor, begin)
            if cursor < end:
                if left <= end - cursor:
                    return cursor + left
                left -= end - cursor
        cursor = datetime.combine(cursor.date() + timedelta(days=1), datetime.min.time(), tzinfo=zone)
    raise refused(ErrorCode.SLA_NO_WORKING_TIME, "no working time in reach", parameter="hours", rule="sla")


def business_time_between(start: datetime, end: datetime, *, hours: BusinessHours, zone) -> timedelta:
    """Working time from `start` to `end` (negative when `end` is earlier)."""
    _require_aware(start, "start")
    _require_aware(end, "end")
    if end < start:
        return -business_time_between(end, start, hours=hours, zone=zone)
    a, b = start.astimezone(zone), end.astimezone(zone)
    total = timedelta(0)
    day = a.date()
    while day <= b.date():
        window = _window(day, hours, zone)
        if window is not None:
            lo, hi = max(window[0], a), min(window[1], b)
            if hi > lo:
                total += hi - lo
        day += timedelta(days=1)
    return total


def _hours(value: Decimal) -> timedelta:
    return timedelta(seconds=int(value * 3600))  # targets are in hours, at most to the second


@dataclass(frozen=True)
class Deadlines:
    target: SlaTarget
    response_due: datetime
    resolution_due: datetime
    policy_version: str


def sla_deadlines(*, logged_at: datetime, category: str, priority: str, policy: SlaPolicy) -> Deadlines:
    """When a request logged at `logged_at` is due an answer (accepted by the engineer) and due resolved.

    Business-hours targets count only working time (a request logged on Sunday evening starts counting on
    Monday 08:30); clock targets count elapsed time."""
    _require_aware(logged_at, "logged_at")
    target = policy.target(category, priority)
    if target.business_hours:

        def due(h):
            return add_business_time(logged_at, _hours(h), hours=policy.hours, zone=policy.zone)
    else:

        def due(h):
            return logged_at + _hours(h)

    return Deadlines(target, due(target.response_hours), due(target.resolution_hours), policy.label)


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"  # not done, at most the document's share of the target left
    BREACHED = "breached"  # done late, or not done and past due
    MET = "met"  # done in time


@dataclass(frozen=True)
class SlaStatus:
    state: SlaState
    time_left: timedelta  # working time (or clock time) from now (or the moment it was done) to the due time


def sla_status(
    *,
    due: datetime,
    done_at: datetime | None,
    now: datetime,
    target_hours: Decimal,
    business_hours: bool,
    policy: SlaPolicy,
) -> SlaStatus:
    """Where one deadline stands: met or breached once done; otherwise on track, at risk or breached now."""
    _require_aware(due, "due")
    _require_aware(now, "now")
    moment = done_at or now
    if business_hours:
        left = business_time_between(moment, due, hours=policy.hours, zone=policy.zone)
    else:
        left = due - moment
    if done_at is not None:
        return SlaStatus(SlaState.MET if done_at <= due else SlaState.BREACHED, left)
    if now > due:
        return SlaStatus(SlaState.BREACHED, left)
    if left <= _hours(target_hours * policy.at_risk_share):
        return SlaStatus(SlaState.AT_RISK, left)
    return SlaStatus(SlaState.ON_TRACK, left)


# ---- repeats -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestFacts:
    """What the repeat rule compares: the caller's phone, the product, when it was logged."""

    key: int
    phone: str
    product: str
    logged_at: datetime


def normalise_phone(phone: str) -> str:
    """Digits only, without a +86 / 0086 prefix: "+86 138-0013-8000" and "13800138000" are one caller."""
    digits = re.sub(r"\D", "", phone or "")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) == 11:
            return digits[len(prefix) :]
    return digits


def normalise_product(product: str) -> str:
    """Case, spaces and punctuation do not make another product: "SL-200 热水器" is "sl200热水器"."""
    return re.sub(r"[\W_]+", "", (product or "").casefold())


def find_repeat(*, request: RequestFacts, earlier: Sequence[RequestFacts], window_days: int) -> int | None:
    """The key of the latest earlier request from the same phone about the same product logged within
    `window_days` before this one, or None. An empty phone or product never matches (nothing to compare)."""
    phone, product = normalise_phone(request.phone), normalise_product(request.product)
    if not phone or not product:
        return None
    since = request.logged_at - timedelta(days=window_days)
    matches = [
        e
        for e in earlier
        if e.key != request.key
        and since <= e.logged_at <= request.logged_at
        and normalise_phone(e.phone) == phone
        and normalise_product(e.product) == product
    ]
    return max(matches, key=lambda e: (e.logged_at, e.key)).key if matches else None


# ---- survey --------------------------------------------------------------------------------------------


def csat_points(*, stars: int, policy: SlaPolicy) -> int:
    """The work order's 0–100 CSAT for a survey answer of 1–5 stars (the document's table)."""
    if isinstance(stars, bool) or not isinstance(stars, int) or not 1 <= stars <= len(policy.csat_points):
        raise refused(
            ErrorCode.SLA_STARS_OUT_OF_RANGE,
            f"must be a whole number from 1 to {len(policy.csat_points)}",
            parameter="stars",
            rule="sla.csat",
            value=repr(stars),
        )
    return policy.csat_points[stars - 1]
