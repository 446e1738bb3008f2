"""Individual income tax on wages by the cumulative withholding method (累计预扣法), and on an annual
bonus taxed apart (全年一次性奖金单独计税).

Cumulative taxable income = the year's wage income to date − the basic deduction × months counted
(from January, or from the month of hire for someone hired this year) − the year's employee social
insurance and housing fund to date − the year's special additional deductions to date; never below
zero. The annual table gives the cumulative tax (taxable × rate − quick deduction, in the bracket
the income falls in); this month withholds the cumulative tax less what was withheld before, never
below zero. An annual bonus taxed apart: bonus ÷ 12 picks the monthly-converted table's bracket,
tax = bonus × rate − quick deduction. Each rule rounds once, half up, to the fen; amounts withheld
are returned negative, as the payslip line shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import ZERO, exact, quantize
from ..pay_policy import Bracket, TaxPolicy
from ..trace import Step, Traced


@dataclass(frozen=True)
class Claim:
    """One special additional deduction claimed: a monthly amount from a month, until a month (or on)."""

    kind: str
    monthly_amount: Decimal
    first_month: date  # the first day of the first month
    last_month: date | None = None


@dataclass(frozen=True)
class YearBefore:
    """The tax year's figures from the months before this one (sums of the earlier payslips)."""

    income: Decimal = ZERO  # wage income taxed cumulatively
    contributions: Decimal = ZERO  # employee social insurance and housing fund, positive
    tax_withheld: Decimal = ZERO  # wage tax withheld, positive


@dataclass(frozen=True)
class WageTax:
    """This month's withholding and the cumulative figures a payslip shows."""

    traced: Traced  # amount: this month's tax, negative (or 0.00)
    taxable_to_date: Decimal  # 累计应纳税所得额
    tax_to_date: Decimal  # 累计应纳税额 (before subtracting what was withheld)


def bracket_for(amount: Fraction, brackets: Sequence[Bracket]) -> Bracket:
    """The bracket an amount falls in: the last whose threshold it exceeds (the first for 0)."""
    found = brackets[0]
    for bracket in brackets:
        if amount > bracket.above:
            found = bracket
    return found


def months_counted(*, hire_date: date, year: int, month: int) -> int:
    """Months of basic deduction to date: from January, or from the hire month for a hire this year."""
    if hire_date.year > year or (hire_date.year == year and hire_date.month > month):
        raise refused(
            ErrorCode.TAX_NOT_YET_HIRED,
            "the engineer was not yet hired in this month",
            parameter="hire_date",
            rule="tax.months",
            value=str(hire_date),
        )
    first = hire_date.month if hire_date.year == year else 1
    return month - first + 1


def _claimed_in(claim: Claim, month_start: date) -> bool:
    return claim.first_month <= month_start and (claim.last_month is None or month_start <= claim.last_month)


def additional_deductions_to_date(
    *, claims: Sequence[Claim], year: int, first_month: int, month: int, policy: TaxPolicy
) -> Traced:
    """Σ over the months counted (first_month … month of `year`) of each claim in force, each held to its cap."""
    rule = "tax.additional_deductions"
    total, rows = Fraction(0), []
    for claim in claims:
        if claim.kind not in policy.additional_caps:
            raise refused(
                ErrorCode.TAX_UNKNOWN_DEDUCTION,
                f"{claim.kind!r} is not a special additional deduction under {policy.label}",
                parameter="kind",
                rule=rule,
                value=claim.kind,
            )
        amount = exact(claim.monthly_amount, parameter="monthly_amount", rule=rule)
        if amount < 0:
            raise refused(
                ErrorCode.TAX_DEDUCTION_NEGATIVE,
                "a deduction cannot be negative",
                parameter="monthly_amount",
                rule=rule,
                value=str(claim.monthly_amount),
            )
        per_month = min(amount, Fraction(policy.additional_caps[claim.kind]))
        months = sum(1 for m in range(first_month, month + 1) if _claimed_in(claim, date(year, m, 1)))
        if months:
            total += per_month * months
            rows.append([claim.kind, str(claim.monthly_amount), str(policy.additional_caps[claim.kind]), months])
    result = quantize(total)
    step = Step(
        rule=rule,
        formula_zh="累计专项附加扣除 = Σ 每项每月金额(不超过标准) × 本年已计月数",
        formula_en="special additional deductions to date = "
        "Σ each claim's monthly amount (within its cap) × months this year",
        inputs={"columns": ["kind", "monthly_amount", "cap", "months"], "claims": rows},
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=policy.label)


def wage_tax(
    *,
    income: Decimal,
    contributions: Decimal,
    additional_to_date: Decimal,
    months: int,
    before: YearBefore,
    policy: TaxPolicy,
) -> WageTax:
    """This month's withholding on wages by the cumulative method (see the module's rule).

    `income` is this month's wage income, `contributions` this month's employee social insurance
    and housing fund (positive), `additional_to_date` the special additional deductions to date."""
    rule = "tax.wages"
    if months < 1 or months > 12:
        raise refused(ErrorCode.TAX_MONTHS, "months counted run 1–12", parameter="months", rule=rule, value=months)
    income_to_date = exact(before.income, parameter="before.income", rule=rule) + exact(
        income, parameter="income", rule=rule
    )
    contributions_to_date = exact(before.contributions, parameter="before.contributions", rule=rule) + exact(
        contributions, parameter="contributions", rule=rule
    )
    basic = Fraction(policy.basic_deduction_per_month) * months
    additional = exact(additional_to_date, parameter="additional_to_date", rule=rule)
    taxable = max(income_to_date - basic - contributions_to_date - additional, Fraction(0))
    bracket = bracket_for(taxable, policy.annual_brackets)
    tax_to_date = quantize(max(taxable * Fraction(bracket.rate) - Fraction(bracket.quick_deduction), Fraction(0)))
    withheld = exact(before.tax_withheld, parameter="before.tax_withheld", rule=rule)
    this_month = max(Fraction(tax_to_date) - withheld, Fraction(0))
    result = quantize(-this_month)
    step = Step(
        rule=rule,
        formula_zh="累计应纳税所得额 = 累计收入 − 累计减除费用 − 累计专项扣除 − 累计专项附加扣除;"
        "本月预扣税额 = 累计应纳税所得额 × 预扣率 − 速算扣除数 − 已预扣税额,不低于0",
        formula_en="taxable to date = income to date − basic deduction × months − contributions to date − "
        "special additional deductions to date; this month's tax = taxable × rate − quick deduction − tax withheld "
        "before, not below 0",
        inputs={
            "income_to_date": income_to_date,
            "months": months,
            "basic_deduction": basic,
            "contributions_to_date": contributions_to_date,
            "additional_to_date": additional,
            "taxable_to_date": taxable,
            "rate": bracket.rate,
            "quick_deduction": bracket.quick_deduction,
            "tax_to_date": tax_to_date,
            "withheld_before": withheld,
        },
        result=result,
    )
    return WageTax(Traced(amount=result, steps=(step,), policy_version=policy.label), quantize(taxable), tax_to_date)


def annual_bonus_tax(*, bonus: Decimal, policy: TaxPolicy) -> Traced:
    """全年一次性奖金单独计税: bonus ÷ 12 picks the monthly table's bracket; tax = bonus × rate − quick deduction."""
    rule = "tax.annual_bonus"
    amount = exact(bonus, parameter="bonus", rule=rule)
    if amount < 0:
        raise refused(ErrorCode.TAX_BONUS_NEGATIVE, "a bonus cannot be negative", parameter="bonus", rule=rule)
    bracket = bracket_for(amount / 12, policy.monthly_brackets)
    result = quantize(-max(amount * Fraction(bracket.rate) - Fraction(bracket.quick_deduction), Fraction(0)))
    step = Step(
        rule=rule,
        formula_zh="全年一次性奖金单独计税:奖金 ÷ 12 确定月度税率;税额 = 奖金 × 税率 − 速算扣除数",
        formula_en="annual bonus taxed apart: bonus ÷ 12 picks the monthly rate; tax = bonus × rate − quick deduction",
        inputs={
            "bonus": amount,
            "monthly": amount / 12,
            "rate": bracket.rate,
            "quick_deduction": bracket.quick_deduction,
        },
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=policy.label)


def net_pay(*, gross: Decimal, contributions: Decimal, tax: Decimal, after_tax: Decimal, label: str) -> Traced:
    """实发 = 应发 − 社保公积金(个人) − 个税 − 税后扣款; each deduction as a positive amount, already rounded."""
    rule = "pay.net"
    values = {
        name: exact(value, parameter=name, rule=rule)
        for name, value in (("gross", gross), ("contributions", contributions), ("tax", tax), ("after_tax", after_tax))
    }
    result = quantize(values["gross"] - values["contributions"] - values["tax"] - values["after_tax"])
    step = Step(
        rule=rule,
        formula_zh="实发工资 = 应发工资 − 个人社保公积金 − 个人所得税 − 税后扣款",
        formula_en="net pay = gross pay − employee contributions − income tax − deductions after tax",
        inputs=values,
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=label)
