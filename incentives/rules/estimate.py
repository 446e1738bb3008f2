"""What the rest of the month could pay an engineer: an estimate, never a payslip.

Piece-rate pay so far plus more completed orders at this month's average share; performance pay at a
band (the current one, or one step higher). Computed with the policy in force; the close decides.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import exact, quantize
from ..policy import Band, Policy
from ..trace import Step, Traced

MAX_MORE_ORDERS = 200  # more than anyone completes in a month: a typing slip, not a plan


def piece_rate_estimate(*, earned: Decimal, orders: int, more_orders: int, policy: Policy) -> Traced:
    """估算计件 = 本月已得计件 + 再完成单数 × 本月平均每单分配 (the average of the orders so far; none yet: 0)."""
    rule = "estimate.piece_rate"
    if not isinstance(more_orders, int) or not 0 <= more_orders <= MAX_MORE_ORDERS:
        raise refused(
            ErrorCode.ESTIMATE_MORE_ORDERS,
            f"more orders must be a whole number from 0 to {MAX_MORE_ORDERS}",
            parameter="more_orders",
            rule=rule,
            allowed=f"0–{MAX_MORE_ORDERS}",
            value=str(more_orders),
        )
    so_far = exact(earned, parameter="earned", rule=rule)
    average = so_far / orders if orders else Fraction(0)
    amount = quantize(so_far + more_orders * average)
    step = Step(
        rule=rule,
        formula_zh="估算计件 = 本月已得计件 + 再完成单数 × 本月平均每单分配",
        formula_en="estimated piece-rate pay = earned this month + more orders × this month's average share",
        inputs={"earned": earned, "orders": orders, "average": quantize(average), "more_orders": more_orders},
        result=amount,
        note="" if orders else "本月尚无完工工单,没有平均分配可用 / no order completed this month yet: no average",
    )
    return Traced(amount=amount, steps=(step,), policy_version=policy.label)


def band_above(code: str, policy: Policy) -> Band | None:
    """The band one step higher than `code` (bands run highest first), None at the top or for an unknown code."""
    codes = [b.code for b in policy.kpi.bands]
    if code not in codes or codes.index(code) == 0:
        return None
    return policy.kpi.bands[codes.index(code) - 1]


def performance_pay_estimate(*, base: Decimal, band: str, policy: Policy) -> Traced:
    """估算绩效工资 = 绩效工资基数 × 该等级系数."""
    rule = "estimate.performance_pay"
    found = next((b for b in policy.kpi.bands if b.code == band), None)
    if found is None:
        raise refused(
            ErrorCode.ESTIMATE_UNKNOWN_BAND,
            f"no band {band!r} in policy {policy.label}",
            parameter="band",
            rule=rule,
            allowed=", ".join(b.code for b in policy.kpi.bands),
            value=str(band),
        )
    amount = quantize(exact(base, parameter="base", rule=rule) * Fraction(found.coefficient))
    step = Step(
        rule=rule,
        formula_zh="估算绩效工资 = 绩效工资基数 × 等级系数",
        formula_en="estimated performance pay = performance-pay base × band coefficient",
        inputs={"base": base, "band": found.code, "coefficient": found.coefficient, "min_score": found.min_score},
        result=amount,
    )
    return Traced(amount=amount, steps=(step,), policy_version=policy.label)
