"""Reads of the ledger: which periods no longer take money, what an engineer already has."""

from __future__ import annotations

import functools
from decimal import Decimal

from django.db.models import Sum

from core.columns import column

from .models import ItemKind, PayableItem, PayPeriod, PeriodStatus


def period_of(year: int, month: int) -> PayPeriod | None:
    """The month's period (None before it is created), with SQL written once: the KPI grid, the inbox
    and the payslip pages ask on every view, and the ORM took longer to build the query than to run it."""
    return next(iter(PayPeriod.objects.raw(_period_sql(), [year, month])), None)


@functools.cache
def _period_sql() -> str:
    meta = PayPeriod._meta
    columns = ", ".join(f.column for f in meta.concrete_fields)  # named: a prepared "*" breaks on a new column
    year, month = column(PayPeriod, "year"), column(PayPeriod, "month")
    return f"SELECT {columns} FROM {meta.db_table} WHERE {year} = %s AND {month} = %s"  # one a month


def not_open_period(year: int, month: int) -> PayPeriod | None:
    """The month's period if it is closing or closed; None while it is open (or not created yet)."""
    period = period_of(year, month)
    return None if period is None or period.status == PeriodStatus.OPEN else period


def individual_incentives_by_engineer(period: PayPeriod | None, engineer_ids) -> dict[int, Decimal]:
    """The same for several engineers in one query (an engineer without any is absent)."""
    if period is None or not engineer_ids:
        return {}
    rows = (
        PayableItem.objects.filter(period=period, engineer_id__in=engineer_ids, kind=ItemKind.INDIVIDUAL_INCENTIVE)
        .values("engineer_id")
        .annotate(s=Sum("amount"))
        .order_by()
    )
    return {r["engineer_id"]: r["s"] for r in rows}


def individual_incentives_in(period: PayPeriod, engineer_id: int) -> Decimal:
    """What the engineer already has in individual incentives this period (for the cap)."""
    total = PayableItem.objects.filter(
        period=period, engineer_id=engineer_id, kind=ItemKind.INDIVIDUAL_INCENTIVE
    ).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")
