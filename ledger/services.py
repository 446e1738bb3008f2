"""Writes to the ledger: the open period money lands in, and payable items with their traces.

Periods are created on first use by the services that write into them (approvals, the
close's adjustments, HR opening a month to close it); reading a page never creates one.

Locks are taken in one order everywhere: a bonus request's row (the request services), then
period rows (oldest month first), then engineers; the close locks only its period.
Writers lock the period FOR NO KEY UPDATE: the close holds it FOR UPDATE while it runs, so a
writer arriving mid-close waits for it and then sees the month closed (a clear refusal), and the
close never waits on a row a writer holds (no deadlock).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import connection
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


def _locked(period_id: int) -> PayPeriod:
    """The period row, locked against the close until the caller's transaction ends."""
    queryset = PayPeriod.objects.all()
    if connection.in_atomic_block:  # outside a transaction a lock would end at once
        queryset = queryset.select_for_update(no_key=True)
    return queryset.get(pk=period_id)


def _refuse_unless_open(period: PayPeriod) -> PayPeriod:
    if period.status != PeriodStatus.OPEN:
        raise PeriodClosedError(
            PeriodErrorCode.CLOSED,
            _("Pay period %(period)s is %(status)s: nothing can be added to it.")
            % {"period": str(period), "status": period.get_status_display()},
            field="period",
        )
    return period


def open_period_for(day: date) -> PayPeriod:
    """The month containing `day`, created open on first use, locked; refused when closing or closed.

    Call it before locking anything else (see the module's note on lock order)."""
    period = period_for_month(day.year, day.month)
    _refuse_unless_open(period)  # a close already under way: refuse now rather than wait for it
    return _refuse_unless_open(_locked(period.pk))


def closed_period_of(year: int, month: int) -> PayPeriod | None:
    """The month's period if it is closing or closed, else None (checked under the period's lock).

    Inside a transaction the period row stays locked until it ends, so a close cannot start
    between this check and the caller's commit."""
    period = not_open_period(year, month)  # a close already under way: refuse now rather than wait for it
    if period is not None:
        return period
    pk = PayPeriod.objects.filter(year=year, month=month).values_list("pk", flat=True).first()
    if pk is None:
        return None
    period = _locked(pk)
    return None if period.status == PeriodStatus.OPEN else period


def require_month_open(day: date | None) -> None:
    """Refuse a change to money of a month whose period is closing or closed (no period yet → open)."""
    if day is None:
        return
    period = closed_period_of(day.year, day.month)
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
        if period.status == PeriodStatus.OPEN and _locked(period.pk).status == PeriodStatus.OPEN:
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
    The period is checked again under its lock: money never lands in a closing or closed month.
    A source pays an engineer once per kind: a second call for the same source, engineer and kind
    (an approval replayed) is refused before the database's constraint would fail."""
    _refuse_unless_open(_locked(period.pk))
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
