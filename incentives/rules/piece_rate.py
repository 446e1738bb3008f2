"""Piece-rate pay (计件工资): a work order's total and each participant's share.

Includes: Σ quantity × unit rate (the rate the caller resolved from the table in
force on completion), and the split of that total between participants, by days
worked or by the crew's own percentages. Excludes: any incentive on top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..errors import IncentiveError
from ..money import ZERO, quantize, split_largest_remainder
from ..trace import Step, Traced


@dataclass(frozen=True)
class PieceLine:
    item_code: str
    quantity: Decimal
    unit_rate: Decimal

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise IncentiveError(
                "piece_rate.quantity_not_positive",
                f"item {self.item_code}: quantity must be greater than 0",
                parameter="quantity",
                allowed="> 0",
                value=str(self.quantity),
            )
        if self.unit_rate < 0:
            raise IncentiveError(
                "piece_rate.rate_negative",
                f"item {self.item_code}: unit rate cannot be negative",
                parameter="unit_rate",
                allowed=">= 0",
                value=str(self.unit_rate),
            )


@dataclass(frozen=True)
class Participant:
    key: int  # stable tie-break for the split: the engineer's id
    days: Decimal
    split_pct: Decimal | None = None  # crew's own split in percent; None → by days

    def __post_init__(self) -> None:
        if self.days < 0:
            raise IncentiveError(
                "piece_rate.days_negative",
                "days worked cannot be negative",
                parameter="days",
                allowed=">= 0",
                value=str(self.days),
            )
        if self.split_pct is not None and not (Decimal(0) <= self.split_pct <= Decimal(100)):
            raise IncentiveError(
                "piece_rate.pct_out_of_range",
                "a participant's split percentage must be within 0–100",
                parameter="split_pct",
                allowed="0–100",
                value=str(self.split_pct),
            )


def line_amount(line: PieceLine) -> Decimal:
    """One line's amount, rounded to the fen."""
    return quantize(line.quantity * line.unit_rate)


def piece_rate_total(*, lines: Sequence[PieceLine], policy_version: str = "") -> Traced:
    """计件工资总额 = Σ round(quantity × unit rate): each line rounded, then totalled."""
    amounts = [line_amount(line) for line in lines]
    total = sum(amounts, ZERO)
    step = Step(
        rule="piece_rate.total",
        formula_zh="计件工资总额 = Σ 数量 × 单价",
        formula_en="piece-rate total = Σ quantity × unit rate",
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
    rounding, so the shares add up to the total exactly.
    """
    if not participants:
        raise IncentiveError("piece_rate.no_participants", "the work order has no participants")
    custom = [p.split_pct is not None for p in participants]
    if any(custom) and not all(custom):
        raise IncentiveError(
            "piece_rate.mixed_split",
            "either every participant has a split percentage or none has",
            parameter="split_pct",
        )
    if all(custom):
        pct_sum = sum((p.split_pct for p in participants), Decimal(0))
        if pct_sum != Decimal(100):
            raise IncentiveError(
                "piece_rate.pct_sum",
                f"split percentages add up to {pct_sum}, they must add up to 100",
                parameter="split_pct",
                allowed="Σ = 100",
                value=str(pct_sum),
            )
        weights = [p.split_pct for p in participants]
        basis_zh, basis_en = "个人比例", "split %"
    else:
        weights = [p.days for p in participants]
        basis_zh, basis_en = "个人工期天数", "days worked"
        if sum(weights, Decimal(0)) == 0:
            raise IncentiveError(
                "piece_rate.no_days",
                "no participant has any days worked, so the total cannot be split",
                parameter="days",
                allowed="Σ > 0",
            )
    keys = [p.key for p in participants]
    shares = split_largest_remainder(total, weights, keys)
    weight_sum = sum(weights, Decimal(0))
    result = {}
    for p, w, share in zip(participants, weights, shares, strict=True):
        step = Step(
            rule="piece_rate.share",
            formula_zh=f"个人计件 = 计件工资总额 × {basis_zh} ÷ Σ{basis_zh}(最大余数法取整到分)",
            formula_en=f"share = total × {basis_en} ÷ Σ {basis_en} (largest remainder, to the fen)",
            inputs={"total": total, "weight": w, "weight_sum": weight_sum},
            result=share,
        )
        result[p.key] = Traced(amount=share, steps=(step,), policy_version=policy_version)
    return result
