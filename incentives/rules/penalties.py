"""Penalties (seed 001): warning, deduction, demotion, dismissal.

A deduction is a fixed amount or a percentage of the month's pay, returned as a
negative amount; the month's deductions together never exceed the policy's share
of the month's pay (工资支付暂行规定 第十六条: 20 %). Warning, demotion and
dismissal carry no money here: demotion changes the grade, dismissal ends the
employment; both are recorded by the app.
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import IncentiveError
from ..money import ZERO, quantize
from ..policy import Policy
from ..trace import Step, Traced

KINDS = ("warning", "deduction", "demotion", "dismissal")


def penalty(
    *,
    kind: str,
    month_pay: Decimal,
    already_deducted: Decimal = ZERO,
    fixed_amount: Decimal | None = None,
    pay_rate: Decimal | None = None,
    policy: Policy,
) -> Traced:
    """The money effect of one penalty (≤ 0)."""
    if kind not in KINDS:
        raise IncentiveError(
            "penalty.unknown_kind", f"kind must be one of {', '.join(KINDS)}", parameter="kind", value=kind
        )
    if kind != "deduction":
        step = Step(
            rule=f"penalty.{kind}",
            formula_zh="无金额影响",
            formula_en="no money effect",
            inputs={"kind": kind},
            result=ZERO,
        )
        return Traced(amount=ZERO, steps=(step,), policy_version=policy.label)
    if (fixed_amount is None) == (pay_rate is None):
        raise IncentiveError(
            "penalty.amount_or_rate",
            "a deduction needs either a fixed amount or a rate of the month's pay, not both",
            parameter="fixed_amount",
        )
    if month_pay < 0 or already_deducted < 0:
        raise IncentiveError(
            "penalty.negative_input", "month pay and earlier deductions cannot be negative", parameter="month_pay"
        )
    if fixed_amount is not None and fixed_amount <= 0:
        raise IncentiveError(
            "penalty.amount_not_positive",
            "a deduction amount must be greater than 0",
            parameter="fixed_amount",
            allowed="> 0",
            value=str(fixed_amount),
        )
    if pay_rate is not None and not (Decimal(0) < pay_rate <= Decimal(1)):
        raise IncentiveError(
            "penalty.rate_out_of_range",
            "a deduction rate must be a fraction above 0 and at most 1",
            parameter="pay_rate",
            allowed="0–1",
            value=str(pay_rate),
        )
    asked = quantize(fixed_amount if fixed_amount is not None else month_pay * pay_rate)
    limit = quantize(month_pay * policy.penalties.max_deduction_rate)
    room = max(limit - already_deducted, ZERO)
    deducted = min(asked, room)
    steps = (
        Step(
            rule="penalty.deduction",
            formula_zh="扣款 = 固定金额,或 当月工资 × 扣款比例",
            formula_en="deduction = fixed amount, or month's pay × rate",
            inputs={"fixed_amount": fixed_amount, "pay_rate": pay_rate, "month_pay": month_pay},
            result=asked,
        ),
        Step(
            rule="penalty.limit",
            formula_zh="本月扣款合计 ≤ 当月工资 × 扣款上限比例",
            formula_en="deductions this month ≤ month's pay × maximum deduction rate",
            inputs={
                "limit": limit,
                "already_deducted": already_deducted,
                "max_rate": policy.penalties.max_deduction_rate,
            },
            result=deducted,
            note=f"按上限削减为 {deducted} 元 / trimmed to {deducted} by the limit" if deducted < asked else "",
        ),
    )
    return Traced(amount=-deducted, steps=steps, policy_version=policy.label)
