"""Tiered commission (seed 001, 售后客服提成) as data.

The tier is chosen by the month's volume, lower bounds inclusive (80,000 is
already the second tier); the tier's rate applies to the whole volume and the
tier sets the base salary. Below the first listed bound nothing is paid.
"""

from __future__ import annotations

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
