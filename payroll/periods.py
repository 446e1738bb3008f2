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
