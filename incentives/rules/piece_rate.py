"""Piece-rate pay (计件工资): a work order's total and each participant's share.

Includes: each line amount = quantity × unit rate (the rate the caller resolved
from the table in force on completion), rounded half up to the fen per line,
because the settlement sheet prints line amounts and they must add up to the
total it prints; the total = Σ line amounts. Then the split of that total
between participants, by days worked or by the crew's own percentages, by
largest remainder on exact values (ties to the lower engineer id).
Excludes: any incentive on top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import ZERO, exact, in_fen, quantize, split_largest_remainder
from ..trace import Step, Traced


@dataclass(frozen=True)
class PieceLine:
    item_code: str
    quantity: Decimal
    unit_rate: Decimal

    def __post_init__(self) -> None:
        rule = "piece_rate.total"
        if exact(self.quantity, parameter="quantity", rule=rule) <= 0:
            raise refused(
                ErrorCode.PIECE_RATE_QUANTITY_NOT_POSITIVE,
                f"item {self.item_code}: quantity must be greater than 0",
                parameter="quantity",
                rule=rule,
                allowed="> 0",
                value=str(self.quantity),
            )
        if exact(self.unit_rate, parameter="unit_rate", rule=rule) < 0:
            raise refused(
                ErrorCode.PIECE_RATE_RATE_NEGATIVE,
                f"item {self.item_code}: unit rate cannot be negative",
                parameter="unit_rate",
                rule=rule,
                allowed=">= 0",
                value=str(self.unit_rate),
            )


@dataclass(frozen=True)
class Participant:
    key: int  # stable tie-break for the split: the engineer's id
    days: Decimal
    split_pct: Decimal | None = None  # crew's own split in percent; None → by days

    def __post_init__(self) -> None:
        rule = "piece_rate.share"
        if exact(self.days, parameter="days", rule=rule) < 0:
            raise refused(
                ErrorCode.PIECE_RATE_DAYS_NEGATIVE,
                "days worked cannot be negative",
                parameter="days",
                rule=rule,
                allowed=">= 0",
                value=str(self.days),
            )
        if self.split_pct is not None and not (0 <= exact(self.split_pct, parameter="split_pct", rule=rule) <= 100):
            raise refused(
                ErrorCode.PIECE_RATE_PCT_OUT_OF_RANGE,
                "a participant's split percentage must be within 0–100",
                parameter="split_pct",
                rule=rule,
                allowed="0–100",
                value=str(self.split_pct),
            )


def line_amount(line: PieceLine) -> Decimal:
    """One line's amount: quantity × unit rate, rounded half up to the fen (the settlement sheet prints it)."""
    return quantize(Fraction(line.quantity) * Fraction(line.unit_rate))


def piece_rate_total(*, lines: Sequence[PieceLine], policy_version: str = "") -> Traced:
    """计件工资总额 = Σ 行金额, 行金额 = round(数量 × 单价): each line rounded to the fen, then totalled."""
    amounts = [line_amount(line) for line in lines]
    total = sum(amounts, ZERO)
    step = Step(
        rule="piece_rate.total",
        formula_zh="行金额 = 数量 × 单价,每行四舍五入到分;计件工资总额 = Σ 行金额(结算单打印行金额,合计须与之相符)",
        formula_en="line amount = quantity × unit rate, rounded half up to the fen per line; "
        "piece-rate total = Σ line amounts (the settlement sheet prints line amounts and their sum)",
        inputs={
            "lines": [
                {"item": ln.item_code, "quantity": ln.quantity, "unit_rate": ln.unit_rate, "amount": a}
                for ln, a in zip(lines, amounts, strict=True)
            ]
        },
        result=total,
    )
    return Traced(amount=total, steps=(step,), policy_version=policy_version)


def piece_rate_shares(
    *, total: Decimal, participants: Sequence[Participant], policy_version: str = ""
) -> dict[int, Traced]:
    """Each participant's share of the total.

    By days worked unless every participant carries the crew's own percentage,
    in which case by percentage (which must add up to 100). Largest-remainder
    rounding on exact values, equal remainders to the lower engineer id, so the
    shares add up to the total exactly. A negative or fractional-fen total and a
    participant listed twice are refused: no share may appear or vanish.
    """
    rule = "piece_rate.share"
    if not participants:
        raise refused(
            ErrorCode.PIECE_RATE_NO_PARTICIPANTS,
            "the work order has no participants",
            parameter="participants",
            rule=rule,
        )
    keys = [p.key for p in participants]
    if len(set(keys)) != len(keys):
        twice = sorted({k for k in keys if keys.count(k) > 1})
        raise refused(
            ErrorCode.PIECE_RATE_DUPLICATE_PARTICIPANT,
            f"participant {', '.join(map(str, twice))} is listed more than once; list each engineer once",
            parameter="participants",
            rule=rule,
            value=", ".join(map(str, twice)),
        )
    amount = exact(total, parameter="total", rule=rule)
    if amount < 0 or not in_fen(amount):
        raise refused(
            ErrorCode.PIECE_RATE_TOTAL_INVALID,
            "the piece-rate total must be a non-negative amount in whole fen",
            parameter="total",
            rule=rule,
            allowed=">= 0, in fen",
            value=str(total),
        )
    custom = [p.split_pct is not None for p in participants]
    if any(custom) and not all(custom):
        raise refused(
            ErrorCode.PIECE_RATE_MIXED_SPLIT,
            "either every participant has a split percentage or none has",
            parameter="split_pct",
            rule=rule,
        )
    if all(custom):
        weights = [Fraction(p.split_pct) for p in participants]
        pct_sum = sum(weights, Fraction(0))
        if pct_sum != 100:
            raise refused(
                ErrorCode.PIECE_RATE_PCT_SUM,
                f"split percentages add up to {sum((p.split_pct for p in participants), Decimal(0))}, "
                "they must add up to 100",
                parameter="split_pct",
                rule=rule,
                allowed="Σ = 100",
                value=str(sum((p.split_pct for p in participants), Decimal(0))),
            )
        basis, basis_zh, basis_en = "split_pct", "个人比例", "split %"
    else:
        weights = [Fraction(p.days) for p in participants]
        basis, basis_zh, basis_en = "days", "个人工期天数", "days worked"
        if sum(weights, Fraction(0)) == 0:
            raise refused(
                ErrorCode.PIECE_RATE_NO_DAYS,
                "no participant has any days worked, so the total cannot be split",
                parameter="days",
                rule=rule,
                allowed="Σ > 0",
            )
    shares = split_largest_remainder(amount, weights, keys, rule=rule)
    weight_sum = sum(weights, Fraction(0))
    result = {}
    for p, w, share in zip(participants, weights, shares, strict=True):
        step = Step(
            rule=rule,
            formula_zh=f"个人计件 = 计件工资总额 × {basis_zh} ÷ Σ{basis_zh}(最大余数法取整到分,余数相同者工号小者先得)",
            formula_en=f"share = total × {basis_en} ÷ Σ {basis_en} "
            "(largest remainder to the fen; equal remainders: lower engineer id first)",
            inputs={
                "total": total,
                "basis": basis,
                "weight": w,
                "weight_sum": weight_sum,
                "exact": amount * w / weight_sum,
            },
            result=share,
        )
        result[p.key] = Traced(amount=share, steps=(step,), policy_version=policy_version)
    return result
