"""A month's payslip: the lines the engine builds for the close, deductions, the gross.

Includes: the month's piece-rate line (Σ the engineer's shares of the work orders
completed in the month, listed as compact rows), an HR adjustment line, every
deduction (fixed, or a rate of the month's pay) applied in order through the
penalty rule so together they stay within the policy's share of the month's pay,
and the gross total as the sum of the already-rounded lines. Every step a payslip
shows is built here or in another rule: the apps store traces, never write or read
their steps. Excludes: computing the other positive lines, which their own rules do.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..errors import ErrorCode, refused
from ..money import ZERO, in_fen, quantize, to_decimal
from ..policy import Policy
from ..trace import Step, Traced
from .penalties import DeductionSpec, deduction_item, penalty

__all__ = [
    "PIECE_RATE_MONTH_COLUMNS",
    "DeductionSpec",
    "adjustment",
    "deduction_item",
    "gross_total",
    "month_deductions",
    "month_pay",
    "piece_rate_month",
]

# The piece-rate line lists one row per work order; the columns are named once (the rows are the bulk).
PIECE_RATE_MONTH_COLUMNS = ("work_order", "days", "share")


def piece_rate_month(*, orders: Sequence[tuple[str, Decimal, Decimal]], policy: Policy) -> Traced:
    """月计件工资 = Σ the engineer's share of each work order completed in the month.

    `orders` are (work order number, days worked, share) in the order they should be
    listed; each share is already rounded to the fen by the work order's split, so the
    sum is exact and not rounded again. The trace keeps the rows compact:
    inputs = {"columns": ["work_order", "days", "share"], "orders": [[number, days, share], …]} as text."""
    rule = "piece_rate.month"
    rows, total = [], ZERO
    for number, days, share in orders:
        # Shares read from a two-place DecimalField pass without a conversion (the close sends 10⁵ of them).
        amount = share if type(share) is Decimal and share.is_finite() else to_decimal(share, field="share", rule=rule)
        if not in_fen(amount):
            raise refused(
                ErrorCode.PIECE_RATE_SHARE_NOT_IN_FEN,
                f"work order {number}: a share must be in whole fen",
                parameter="share",
                rule=rule,
                value=str(share),
            )
        day_count = days if type(days) is Decimal and days.is_finite() else to_decimal(days, field="days", rule=rule)
        rows.append([str(number), str(day_count), str(amount)])
        total += amount
    step = Step(
        rule=rule,
        formula_zh="月计件工资 = Σ 各工单个人计件(按完工日计入当月)",
        formula_en="month's piece-rate pay = Σ the engineer's share of each work order completed this month",
        inputs={"columns": list(PIECE_RATE_MONTH_COLUMNS), "orders": rows},
        result=total,
    )
    return Traced(amount=total, steps=(step,), policy_version=policy.label)


def adjustment(*, amount: Decimal, reason: str, entered_by: str, policy: Policy) -> Traced:
    """调整 = a correction HR enters after a close (in a later open period, never an edit).

    The amount is taken as entered: non-zero, in whole fen; the reason is required."""
    rule = "adjustment"
    value = to_decimal(amount, field="amount", rule=rule)
    if value == 0 or not in_fen(value):
        raise refused(
            ErrorCode.ADJUSTMENT_INVALID_AMOUNT,
            "an adjustment must be a non-zero amount in whole fen",
            parameter="amount",
            rule=rule,
            allowed="≠ 0, in fen",
            value=str(amount),
        )
    if not reason.strip():
        raise refused(
            ErrorCode.ADJUSTMENT_REASON_REQUIRED, "say what the adjustment corrects", parameter="reason", rule=rule
        )
    value = quantize(value)
    step = Step(
        rule=rule,
        formula_zh="调整 = 人事录入的更正金额",
        formula_en="adjustment = correction entered by HR",
        inputs={"reason": reason, "entered_by": entered_by},
        result=value,
    )
    return Traced(amount=value, steps=(step,), policy_version=policy.label)


def month_pay(lines: Sequence[Traced]) -> Decimal:
    """The month's pay that deductions are measured against: every positive line."""
    return sum((t.amount for t in lines if t.amount > 0), ZERO)


def month_deductions(*, pay: Decimal, deductions: Sequence[DeductionSpec], policy: Policy) -> list[Traced]:
    """Each deduction in turn (one payslip line each), never taking the month past the deduction limit.

    Takes the typed specs (fixed amount or rate, and the reason), not traces."""
    results, taken = [], ZERO
    for spec in deductions:
        traced = penalty(
            kind="deduction",
            month_pay=pay,
            already_deducted=taken,
            fixed_amount=spec.fixed_amount,
            pay_rate=spec.pay_rate,
            reason=spec.reason,
            policy=policy,
        )
        taken -= traced.amount
        results.append(traced)
    return results


def gross_total(lines: Sequence[Traced]) -> Decimal:
    """应发合计 = Σ the already-rounded lines (a printed payslip always adds up)."""
    return sum((t.amount for t in lines), ZERO)
