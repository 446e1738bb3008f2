"""Measurable KPI items from work orders (seeds 002, 004), computed, never typed.

Response time (reported → responded, minutes), resolution time (reported →
resolved, hours), on-time rate (resolved within the policy's hours), repeat-visit
rate (orders a later order came back to fix), CSAT average (0–100) and
attendance (weekdays not absent ÷ weekdays). Averages and rates are computed
exactly (durations to the microsecond as fractions) and rounded once, half up, to
0.01; an item with no data is None, not zero, so a month without CSAT is
re-weighted, not punished.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from .money import round_half_up


@dataclass(frozen=True)
class OrderFacts:
    reported_at: datetime
    responded_at: datetime | None
    resolved_at: datetime | None
    csat: int | None
    repeated: bool  # a later work order is a repeat visit of this one
    # The SLA's resolution deadline when the order came from a customer request: on time means by it
    # (a breach counts against the on-time rate); other orders are on time within the policy's hours.
    resolution_due: datetime | None = None


@dataclass(frozen=True)
class KpiMetrics:
    orders: int
    response_minutes: Decimal | None
    resolution_hours: Decimal | None
    on_time_rate: Decimal | None  # percent
    repeat_rate: Decimal | None  # percent
    csat_average: Decimal | None  # shown, rounded to 0.01
    attendance_rate: Decimal | None  # percent
    sla_breaches: int = 0  # resolved after their request's SLA resolution deadline
    # The exact CSAT mean is csat_sum / csat_count: the KPI's customer score is computed from
    # these, so the month's score is rounded once, not after an already rounded average.
    csat_sum: int = 0
    csat_count: int = 0

    @property
    def csat_exact(self) -> Fraction | None:
        return Fraction(self.csat_sum, self.csat_count) if self.csat_count else None

    def as_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in asdict(self).items()}


def _avg(values: Sequence[Fraction]) -> Decimal | None:
    return round_half_up(sum(values, Fraction(0)) / len(values)) if values else None


def _pct(part: int, whole: int) -> Decimal | None:
    return round_half_up(Fraction(100 * part, whole)) if whole else None


def _seconds(delta: timedelta) -> Fraction:
    """A duration in seconds, exactly (timedelta counts whole microseconds)."""
    return Fraction((delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds, 1_000_000)


def weekdays(start: date, end: date) -> list[date]:
    return [
        start + timedelta(days=n) for n in range((end - start).days + 1) if (start + timedelta(days=n)).weekday() < 5
    ]


def kpi_metrics(
    *,
    orders: Sequence[OrderFacts],
    on_time_hours: int,
    period: tuple[date, date],
    absences: Sequence[tuple[date, date]] = (),
) -> KpiMetrics:
    """Everything measurable for one engineer's month."""
    responded = [_seconds(o.responded_at - o.reported_at) / 60 for o in orders if o.responded_at is not None]
    resolved = [o for o in orders if o.resolved_at is not None]
    hours = [_seconds(o.resolved_at - o.reported_at) / 3600 for o in resolved]
    breaches = sum(1 for o in resolved if o.resolution_due is not None and o.resolved_at > o.resolution_due)
    on_time = sum(
        1
        for o, h in zip(resolved, hours, strict=True)
        if (o.resolved_at <= o.resolution_due if o.resolution_due is not None else h <= on_time_hours)
    )
    csat = [Fraction(o.csat) for o in orders if o.csat is not None]
    days = weekdays(*period)
    absent = {d for start, end in absences for d in days if start <= d <= end}
    return KpiMetrics(
        orders=len(orders),
        response_minutes=_avg(responded),
        resolution_hours=_avg(hours),
        on_time_rate=_pct(on_time, len(resolved)),
        repeat_rate=_pct(sum(1 for o in resolved if o.repeated), len(resolved)),
        csat_average=_avg(csat),
        attendance_rate=_pct(len(days) - len(absent), len(days)),
        sla_breaches=breaches,
        csat_sum=sum(o.csat for o in orders if o.csat is not None),
        csat_count=len(csat),
    )
