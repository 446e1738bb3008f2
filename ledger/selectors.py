"""Reads of the ledger: which periods no longer take money, what an engineer already has."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum

from .models import ItemKind, PayableItem, PayPeriod, PeriodStatus


def not_open_period(year: int, month: int) -> PayPeriod | None:
    """The month's period if it is closing or closed; None while it is open (or not created yet)."""
    return PayPeriod.objects.filter(year=year, month=month).exclude(status=PeriodStatus.OPEN).first()


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
