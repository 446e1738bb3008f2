"""Pay periods: the open month a payable item lands in; closed months are read-only."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from .errors import PolicyError
from .models import PayPeriod, PeriodStatus


class PeriodClosedError(PolicyError):
    pass


def open_period_for(day: date, *, lock: bool = False) -> PayPeriod:
    """The month containing `day`, created open on first use; refused when closing or closed."""
    period, _created = PayPeriod.objects.get_or_create(year=day.year, month=day.month)
    if lock:
        period = PayPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.OPEN:
        raise PeriodClosedError(
            "period.closed",
            _("Pay period %(period)s is %(status)s: nothing can be added to it.")
            % {"period": str(period), "status": period.get_status_display()},
            field="period",
        )
    return period


def not_open_period(year: int, month: int) -> PayPeriod | None:
    """The month's period if it is closing or closed; None while it is open (or not created yet)."""
    return PayPeriod.objects.filter(year=year, month=month).exclude(status=PeriodStatus.OPEN).first()


def require_month_open(day: date | None) -> None:
    """Refuse a change to money of a month whose period is closing or closed (no period yet → open)."""
    if day is None:
        return
    period = not_open_period(day.year, day.month)
    if period:
        raise PeriodClosedError(
            "period.closed",
            _("Pay period %(period)s is %(status)s: record a correction as an adjustment in the open period.")
            % {"period": str(period), "status": period.get_status_display()},
            field="resolved_at",
        )


def next_open_period(day: date) -> PayPeriod:
    """The month of `day`, or the first month after it whose period is still open."""
    year, month = day.year, day.month
    for _step in range(24):
        period, _created = PayPeriod.objects.get_or_create(year=year, month=month)
        if period.status == PeriodStatus.OPEN:
            return period
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise PeriodClosedError("period.none_open", _("No open pay period in the next two years."))
