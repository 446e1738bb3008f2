"""One engineer's month from gross to net: fixed pay by attendance, then what is withheld before the bank.

`fixed_pay` gives the lines paid by the scheme and the attendance (base and post wage, meal
allowance, overtime by kind); the caller adds them to the month's other earnings (piece rate,
incentives, awards, KPI pay, honours, adjustments). `withholding` then takes the month's gross
and gives the employee's and employer's contributions, the special additional deductions to date,
the wage tax by the cumulative method and, when chosen and allowed, the annual bonus taxed apart.
Penalties come after tax (the caller limits them with the penalty rule) and `net_pay` closes the
sheet. Excludes: reading anything; the apps hand in plain values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..money import ZERO
from ..pay_policy import OVERTIME_KINDS, TaxPolicy, WagePolicy
from ..trace import Traced
from .contributions import Contribution
from .income_tax import (
    Claim,
    WageTax,
    YearBefore,
    additional_deductions_to_date,
    annual_bonus_tax,
    months_counted,
    wage_tax,
)
from .wages import Attendance, fixed_wage, meal_allowance, monthly_wage, overtime_pay

__all__ = ["Scheme", "Withholding", "fixed_pay", "withholding"]


@dataclass(frozen=True)
class Scheme:
    """The pay scheme in force for the month, as plain values."""

    base_wage: Decimal
    post_wage: Decimal
    probation_rate: Decimal
    piece_rate_replaces_base: bool = False


def fixed_pay(
    *,
    scheme: Scheme,
    attendance: Attendance | None,
    on_probation: bool,
    whole_month: bool,
    policy: WagePolicy,
) -> list[tuple[str, Traced]]:
    """(code, traced) for each fixed-pay line: "base_wage", "post_wage", "meal_allowance", "overtime.<kind>".

    No attendance entered: a whole month is paid in full with no allowance or overtime (nothing is known
    to deduct or add); a month joined or left part-way pays nothing until the days are entered. A base
    wage replaced by piece-rate pay is left out; a wage of zero is left out."""
    days = attendance if attendance is not None else Attendance()
    lines: list[tuple[str, Traced]] = []
    for kind, amount in (("base_wage", scheme.base_wage), ("post_wage", scheme.post_wage)):
        if amount == 0 or (kind == "base_wage" and scheme.piece_rate_replaces_base):
            continue
        lines.append(
            (
                kind,
                fixed_wage(
                    kind=kind,
                    amount=amount,
                    on_probation=on_probation,
                    probation_rate=scheme.probation_rate,
                    whole_month=whole_month,
                    attendance=days,
                    policy=policy,
                ),
            )
        )
    if attendance is None:
        return lines
    if attendance.days_worked > 0 and policy.meal_allowance_per_day > 0:
        lines.append(("meal_allowance", meal_allowance(days_worked=attendance.days_worked, policy=policy)))
    monthly = sum(
        (
            monthly_wage(amount=amount, on_probation=on_probation, probation_rate=scheme.probation_rate)
            for amount in (scheme.base_wage, scheme.post_wage)
        ),
        start=Fraction(0),
    )
    for kind in OVERTIME_KINDS:
        hours = attendance.overtime_hours(kind)
        if hours > 0:
            lines.append((f"overtime.{kind}", overtime_pay(kind=kind, hours=hours, monthly=monthly, policy=policy)))
    return lines


@dataclass(frozen=True)
class Withholding:
    """What the month withholds, and the figures the payslip and the next months need."""

    contributions: tuple[Contribution, ...]
    additional: Traced | None  # special additional deductions to date (None without claims)
    wage_tax: WageTax
    bonus_tax: Traced | None  # the annual bonus taxed apart, when chosen and allowed
    wage_income: Decimal  # this month's income taxed cumulatively
    bonus_apart: Decimal  # the annual bonus taxed apart (0.00 when not)

    @property
    def contributions_total(self) -> Decimal:
        """The employee's contributions, positive."""
        return -sum((c.employee.amount for c in self.contributions), ZERO)

    @property
    def employer_total(self) -> Decimal:
        return sum((c.employer.amount for c in self.contributions), ZERO)

    @property
    def tax_total(self) -> Decimal:
        """This month's tax, positive: wages plus the annual bonus taxed apart."""
        bonus = self.bonus_tax.amount if self.bonus_tax else ZERO
        return -(self.wage_tax.traced.amount + bonus)


def withholding(
    *,
    gross: Decimal,
    annual_bonus: Decimal,
    bonus_apart_chosen: bool,
    shares: Sequence[Contribution],
    claims: Sequence[Claim],
    hire_date: date,
    year: int,
    month: int,
    month_end: date,
    before: YearBefore,
    policy: TaxPolicy,
) -> Withholding:
    """The wage tax and the bonus tax, after the month's contributions (`shares`, from
    `rules.contributions.contributions` for the engineer's city; none without one)."""
    employee = -sum((c.employee.amount for c in shares), ZERO)
    apart = annual_bonus if bonus_apart_chosen and annual_bonus > 0 and policy.bonus_apart_allowed(month_end) else ZERO
    first = 1 if hire_date.year < year else hire_date.month  # the cumulative count starts at hire
    additional = (
        additional_deductions_to_date(claims=claims, year=year, first_month=first, month=month, policy=policy)
        if claims
        else None
    )
    wage_income = gross - apart
    taxed = wage_tax(
        income=wage_income,
        contributions=employee,
        additional_to_date=additional.amount if additional else ZERO,
        months=months_counted(hire_date=hire_date, year=year, month=month),
        before=before,
        policy=policy,
    )
    bonus = annual_bonus_tax(bonus=apart, policy=policy) if apart else None
    return Withholding(tuple(shares), additional, taxed, bonus, wage_income, apart)
