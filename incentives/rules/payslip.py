"""A month's payslip from its lines: deductions against the month's pay, then the gross.

Includes: every deduction (fixed, or a rate of the month's pay) applied in order
through the penalty rule, so together they stay within the policy's share of the
month's pay; the gross total as the sum of the already-rounded lines. Excludes:
computing the positive lines, which their own rules do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..money import ZERO
from ..policy import Policy
from ..trace import Traced
from .penalties import penalty


@dataclass(frozen=True)
class DeductionSpec:
    fixed_amount: Decimal | None = None
    pay_rate: Decimal | None = None


def month_pay(lines: Sequence[Traced]) -> Decimal:
    """The month's pay that deductions are measured against: every positive line."""
    return sum((t.amount for t in lines if t.amount > 0), ZERO)


def month_deductions(*, pay: Decimal, deductions: Sequence[DeductionSpec], policy: Policy) -> list[Traced]:
    """Each deduction in turn, never taking the month past the deduction limit."""
    results, taken = [], ZERO
    for spec in deductions:
        traced = penalty(
            kind="deduction",
            month_pay=pay,
            already_deducted=taken,
            fixed_amount=spec.fixed_amount,
            pay_rate=spec.pay_rate,
            policy=policy,
        )
        taken += -traced.amount
        results.append(traced)
    return results


def gross_total(lines: Sequence[Traced]) -> Decimal:
    return sum((t.amount for t in lines), ZERO)
