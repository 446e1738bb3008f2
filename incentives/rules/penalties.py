"""Penalties (seed 001): warning, deduction, demotion, dismissal.

A deduction is a fixed amount or a percentage of the month's pay, returned as a
negative amount; the month's deductions together never exceed the policy's share
of the month's pay (工资支付暂行规定 第十六条: 20 %). That limit is rounded *down*
to the fen, so the deductions can never pass 20 % even by a fraction of a fen; a
rate-based deduction itself is the exact product rounded half up. Warning,
demotion and dismissal carry no money here: demotion changes the grade,
dismissal ends the employment; both are recorded by the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import ZERO, exact, in_fen, quantize, round_down
from ..policy import Policy
from ..trace import Step, Traced

KINDS = ("warning", "deduction", "demotion", "dismissal")
RULE = "penalty.deduction"


@dataclass(frozen=True)
class DeductionSpec:
    """One approved deduction, typed: a fixed amount or a rate of the month's pay (exactly one), and why.

    This is what the app stores in columns and hands to the close; the close never
    reads a trace to learn the rate."""

    fixed_amount: Decimal | None = None
    pay_rate: Decimal | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if (self.fixed_amount is None) == (self.pay_rate is None):
            raise refused(
                ErrorCode.PENALTY_AMOUNT_OR_RATE,
                "a deduction needs either a fixed amount or a rate of the month's pay, not both",
                parameter="fixed_amount",
                rule=RULE,
            )
        if self.fixed_amount is not None:
            amount = exact(self.fixed_amount, parameter="fixed_amount", rule=RULE)
            if amount <= 0 or not in_fen(amount):
                raise refused(
                    ErrorCode.PENALTY_AMOUNT_NOT_POSITIVE,
                    "a deduction amount must be greater than 0, in whole fen",
                    parameter="fixed_amount",
                    rule=RULE,
                    allowed="> 0, in fen",
                    value=str(self.fixed_amount),
                )
        if self.pay_rate is not None and not (0 < exact(self.pay_rate, parameter="pay_rate", rule=RULE) <= 1):
            raise refused(
                ErrorCode.PENALTY_RATE_OUT_OF_RANGE,
                "a deduction rate must be a fraction above 0 and at most 1",
                parameter="pay_rate",
                rule=RULE,
                allowed="0–1",
                value=str(self.pay_rate),
            )

    @property
    def rate_based(self) -> bool:
        return self.pay_rate is not None


def deduction_item(*, spec: DeductionSpec, policy: Policy) -> Traced:
    """The deduction as approved, before the close: −fixed amount, or 0.00 for a rate-based one
    (its amount depends on the month's pay, so the close computes it). For the payable item's
    trace only: the close takes the rate from `spec.pay_rate`, never from this trace."""
    amount = ZERO - quantize(spec.fixed_amount) if spec.fixed_amount is not None else ZERO
    step = Step(
        rule=RULE,
        formula_zh="扣款 = 固定金额,或 当月工资 × 扣款比例(结算时计算,合计不超过当月工资的上限比例)",
        formula_en="deduction = fixed amount, or month's pay × rate (computed at the close, within the limit)",
        inputs={"fixed_amount": spec.fixed_amount, "pay_rate": spec.pay_rate, "reason": spec.reason},
        result=amount,
        note="按比例扣款,金额在结算时按当月工资计算 / rate-based: the amount is computed at the close"
        if spec.rate_based
        else "",
    )
    return Traced(amount=amount, steps=(step,), policy_version=policy.label)


def penalty(
    *,
    kind: str,
    month_pay: Decimal,
    already_deducted: Decimal = ZERO,
    fixed_amount: Decimal | None = None,
    pay_rate: Decimal | None = None,
    policy: Policy,
    reason: str = "",
) -> Traced:
    """The money effect of one penalty (≤ 0, never "-0.00").

    deduction = fixed amount, or round_half_up(month's pay × rate); limit =
    round_down(month's pay × maximum rate); deducted = min(deduction, limit − earlier deductions)."""
    if kind not in KINDS:
        raise refused(
            ErrorCode.PENALTY_UNKNOWN_KIND,
            f"kind must be one of {', '.join(KINDS)}",
            parameter="kind",
            rule=f"penalty.{kind}",
            value=kind,
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
    spec = DeductionSpec(fixed_amount=fixed_amount, pay_rate=pay_rate, reason=reason)
    pay = exact(month_pay, parameter="month_pay", rule=RULE)
    earlier = exact(already_deducted, parameter="already_deducted", rule=RULE)
    for name, value, raw in (("month_pay", pay, month_pay), ("already_deducted", earlier, already_deducted)):
        if value < 0 or not in_fen(value):
            raise refused(
                ErrorCode.PENALTY_NEGATIVE_INPUT,
                "month pay and earlier deductions must be non-negative amounts in whole fen",
                parameter=name,
                rule=RULE,
                allowed=">= 0, in fen",
                value=str(raw),
            )
    asked_exact = pay * Fraction(spec.pay_rate) if spec.rate_based else Fraction(spec.fixed_amount)
    asked = quantize(asked_exact)
    limit = round_down(pay * Fraction(policy.penalties.max_deduction_rate))
    room = max(limit - quantize(earlier), ZERO)
    deducted = min(asked, room)
    inputs = {"fixed_amount": fixed_amount, "pay_rate": pay_rate, "month_pay": month_pay}
    if reason:
        inputs["reason"] = reason
    steps = (
        Step(
            rule=RULE,
            formula_zh="扣款 = 固定金额,或 当月工资 × 扣款比例(四舍五入到分)",
            formula_en="deduction = fixed amount, or month's pay × rate (rounded half up to the fen)",
            inputs=inputs,
            result=asked,
        ),
        Step(
            rule="penalty.limit",
            formula_zh="本月扣款合计 ≤ 当月工资 × 扣款上限比例(上限向下取整到分)",
            formula_en="deductions this month ≤ month's pay × maximum deduction rate "
            "(the limit rounded down to the fen)",
            inputs={
                "limit": limit,
                "already_deducted": already_deducted,
                "max_rate": policy.penalties.max_deduction_rate,
            },
            result=deducted,
            note=f"按上限削减为 {deducted} 元 / trimmed to {deducted} by the limit" if deducted < asked else "",
        ),
    )
    return Traced(amount=ZERO - deducted, steps=steps, policy_version=policy.label)
