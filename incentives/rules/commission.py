"""Tiered commission (seed 001, 售后客服提成) as data.

The tier is chosen by the month's volume, lower bounds inclusive (80,000 is
already the second tier); the tier's rate applies to the whole volume and the
tier sets the base salary. Below the first listed bound nothing is paid.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import exact, quantize
from ..policy import CommissionTier, Policy
from ..trace import Step, Traced


@dataclass(frozen=True)
class CommissionResult:
    tier: CommissionTier
    base: Decimal
    commission: Traced


def tier_for(volume: Decimal, policy: Policy) -> CommissionTier | None:
    chosen = None
    for tier in policy.commission.tiers:
        if volume >= tier.lower:
            chosen = tier
    return chosen


def tiered_commission(*, volume: Decimal, policy: Policy) -> CommissionResult:
    """提成 = 当月提货额 × 所在档位比例 (the exact product rounded once, half up);底薪按档位。"""
    rule = "commission.tiered"
    q = exact(volume, parameter="volume", rule=rule)
    if q < 0:
        raise refused(
            ErrorCode.COMMISSION_VOLUME_NEGATIVE,
            "the month's volume cannot be negative",
            parameter="volume",
            rule=rule,
            allowed=">= 0",
            value=str(volume),
        )
    tier = tier_for(volume, policy)
    if tier is None:
        raise refused(
            ErrorCode.COMMISSION_BELOW_TIERS,
            f"no tier starts at or below {volume}",
            parameter="volume",
            rule=rule,
            allowed=f">= {policy.commission.tiers[0].lower}",
            value=str(volume),
        )
    amount = quantize(q * Fraction(tier.rate))
    step = Step(
        rule=rule,
        formula_zh="提成 = 当月提货额 × 档位比例(下限含本数)",
        formula_en="commission = month's volume × tier rate (lower bounds inclusive)",
        inputs={"volume": volume, "tier_lower": tier.lower, "rate": tier.rate, "base": tier.base},
        result=amount,
    )
    return CommissionResult(tier, tier.base, Traced(amount=amount, steps=(step,), policy_version=policy.label))


def pickup_amount(*, sales: Decimal, discount: Decimal) -> Decimal:
    """提货额 = 销售额 × 对应折扣 (seed 001): one franchisee's month, the exact product rounded once, half up.

    Both are refused below zero; a discount above 1 (paying more than list price) is refused too."""
    rule = "commission.pickup"
    s = exact(sales, parameter="sales", rule=rule)
    d = exact(discount, parameter="discount", rule=rule)
    if s < 0 or not 0 <= d <= 1:
        raise refused(
            ErrorCode.COMMISSION_VOLUME_NEGATIVE,
            "sales cannot be negative and the discount is between 0 and 1",
            parameter="sales" if s < 0 else "discount",
            rule=rule,
            allowed="sales >= 0, 0 <= discount <= 1",
            value=str(sales if s < 0 else discount),
        )
    return quantize(s * d)


def _volume_step(rule: str, pickups: Mapping[str, Decimal]) -> tuple[Decimal, Step]:
    volume = sum(pickups.values(), Decimal("0.00"))
    step = Step(
        rule=rule,
        formula_zh="当月提货额 = ∑ 各加盟商当月提货额",
        formula_en="month's volume = Σ each franchisee's pick-up amount in the month",
        inputs=dict(sorted(pickups.items())),
        result=volume,
    )
    return volume, step


def served_commission(*, pickups: Mapping[str, Decimal], policy) -> CommissionResult:
    """A customer-service staff member's month: the franchisees they serve (code → pick-up amount) are added
    up, the total picks the tier (lower bounds inclusive), the tier's rate applies to the whole total and the
    tier sets the base wage. Excludes the sales post's extra (`sales_extra`)."""
    volume, first = _volume_step("commission.volume", pickups)
    result = tiered_commission(volume=volume, policy=policy)
    traced = Traced(
        amount=result.commission.amount,
        steps=(first, *result.commission.steps),
        policy_version=result.commission.policy_version,
    )
    return CommissionResult(result.tier, result.base, traced)


def sales_extra(*, pickups: Mapping[str, Decimal], rate: Decimal, label: str) -> Traced:
    """The sales post's extra commission (seed 001, 二): its signed customers' pick-up in the month × rate
    (1 % in KF-COMM A/0), on top of its recruitment commission (which the seed does not define)."""
    rule = "commission.sales_extra"
    volume, first = _volume_step("commission.signed_volume", pickups)
    amount = quantize(exact(volume, parameter="volume", rule=rule) * exact(rate, parameter="rate", rule=rule))
    step = Step(
        rule=rule,
        formula_zh="销售额外提成 = 签约客户当月提货额 × 比例",
        formula_en="sales extra = signed customers' pick-up in the month × rate",
        inputs={"volume": volume, "rate": rate},
        result=amount,
    )
    return Traced(amount=amount, steps=(first, step), policy_version=label)
