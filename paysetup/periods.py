"""Which months the pay set-up may still change: those after the last month whose pay period is
closing or closed. A closed payslip used the scheme in force and the claims then known; a later
close must never find them rewritten under it (a correction for a closed month is an adjustment)."""

from __future__ import annotations

from datetime import date

from django.db import connection

from ledger.models import PayPeriod, PeriodStatus


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


def latest_closed_period() -> PayPeriod | None:
    """The latest month whose pay period is closing or closed; None while nothing is."""
    return PayPeriod.objects.exclude(status=PeriodStatus.OPEN).order_by("-year", "-month").first()


def month_closed(period: PayPeriod | None, day: date) -> bool:
    """Is `day`'s month in or before `period`'s month (the latest closed one)?"""
    return period is not None and (day.year, day.month) <= (period.year, period.month)


def december_closed(year: int) -> PayPeriod | None:
    """The year's December period when it is closing or closed: the tax year is over."""
    return PayPeriod.objects.filter(year=year, month=12).exclude(status=PeriodStatus.OPEN).first()


def lock_months_from(month: date) -> None:
    """Hold every existing pay period from `month` on (oldest first, the ledger's lock order: periods
    before engineers) until the caller's transaction ends. A close of one of them that is running is
    waited for, and then seen as closing or closed; one that has not started waits for this commit,
    so it reads what the caller wrote. FOR NO KEY UPDATE, as the ledger's writers take it."""
    if not connection.in_atomic_block:
        return
    list(
        PayPeriod.objects.filter(year__gte=month.year)
        .exclude(year=month.year, month__lt=month.month)
        .order_by("year", "month")
        .select_for_update(no_key=True)
        .values_list("pk", flat=True)
    )
