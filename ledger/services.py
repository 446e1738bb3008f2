"""Writes to the ledger: the open period money lands in, and payable items with their traces.

Periods are created on first use by the services that write into them (approvals, the
close's adjustments, HR opening a month to close it); reading a page never creates one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.errors import ConflictError
from incentives.trace import Traced

from .errors import LedgerErrorCode, PeriodClosedError, PeriodErrorCode
from .models import PayableItem, PayPeriod, PeriodStatus
from .selectors import not_open_period


def period_for_month(year: int, month: int) -> PayPeriod:
    """The month's period, created open if it does not exist yet."""
    period, _created = PayPeriod.objects.get_or_create(year=year, month=month)
    return period


def open_period_for(day: date, *, lock: bool = False) -> PayPeriod:
    """The month containing `day`, created open on first use; refused when closing or closed."""
    period = period_for_month(day.year, day.month)
    if lock:
        period = PayPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.OPEN:
        raise PeriodClosedError(
            PeriodErrorCode.CLOSED,
            _("Pay period %(period)s is %(status)s: nothing can be added to it.")
            % {"period": str(period), "status": period.get_status_display()},
            field="period",
        )
    return period


def require_month_open(day: date | None) -> None:
    """Refuse a change to money of a month whose period is closing or closed (no period yet → open)."""
    if day is None:
        return
    period = not_open_period(day.year, day.month)
    if period:
        raise PeriodClosedError(PeriodErrorCode.CLOSED, closed_message(period), field="resolved_at")


def closed_message(period: PayPeriod) -> str:
    """What a closing or closed month says to whoever tries to change its money (pages, API, admin)."""
    return _("Pay period %(period)s is %(status)s: record a correction as an adjustment in the open period.") % {
        "period": str(period),
        "status": period.get_status_display(),
    }


def next_open_period(day: date) -> PayPeriod:
    """The month of `day`, or the first month after it whose period is still open."""
    year, month = day.year, day.month
    for _step in range(24):
        period = period_for_month(year, month)
        if period.status == PeriodStatus.OPEN:
            return period
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise PeriodClosedError(PeriodErrorCode.NONE_OPEN, _("No open pay period in the next two years."))


def payable_items_add(
    *,
    user,
    period: PayPeriod,
    kind: str,
    source: str,
    traced_by_engineer: Iterable[tuple[int, Traced]],
    reason: str = "",
    deduction_rate: Decimal | None = None,
) -> list[PayableItem]:
    """One item per engineer, each with its trace; must run inside the approving transaction.

    `reason` and `deduction_rate` are what the close reads of a deduction (typed, not from the trace).
    A source pays an engineer once per kind: a second call for the same source, engineer and kind
    (an approval replayed) is refused before the database's constraint would fail."""
    traced_by_engineer = list(traced_by_engineer)
    paid = PayableItem.objects.filter(
        source=source, kind=kind, engineer_id__in=[engineer_id for engineer_id, _t in traced_by_engineer]
    )
    if paid.exists():
        raise ConflictError(
            LedgerErrorCode.ALREADY_PAID,
            _("%(source)s has already been paid (pay period %(period)s): it is not paid a second time.")
            % {"source": source, "period": str(paid.select_related("period").first().period)},
        )
    items = [
        PayableItem(
            period=period,
            engineer_id=engineer_id,
            kind=kind,
            amount=traced.amount,
            rule=traced.steps[-1].rule if traced.steps else kind,
            trace=traced.as_dict(),
            policy_version=traced.policy_version,
            source=source,
            reason=reason[:200],
            deduction_rate=deduction_rate,
        )
        for engineer_id, traced in traced_by_engineer
    ]
    return bulk_create_with_history(items, PayableItem, default_user=user)
