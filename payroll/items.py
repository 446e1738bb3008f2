"""Payable items: approved money per engineer, waiting for the close."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Sum
from simple_history.utils import bulk_create_with_history

from incentives.trace import Traced

from .models import ItemKind, PayableItem, PayPeriod


def individual_incentives_in(period: PayPeriod, engineer_id: int) -> Decimal:
    """What the engineer already has in individual incentives this period (for the cap)."""
    total = PayableItem.objects.filter(
        period=period, engineer_id=engineer_id, kind=ItemKind.INDIVIDUAL_INCENTIVE
    ).aggregate(s=Sum("amount"))["s"]
    return total or Decimal("0.00")


def payable_items_add(
    *, user, period: PayPeriod, kind: str, source: str, traced_by_engineer: Iterable[tuple[int, Traced]]
) -> list[PayableItem]:
    """One item per engineer, each with its trace; must run inside the approving transaction."""
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
        )
        for engineer_id, traced in traced_by_engineer
    ]
    return bulk_create_with_history(items, PayableItem, default_user=user)
