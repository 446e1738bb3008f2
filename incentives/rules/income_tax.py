"""Individual income tax on wages by the cumulative withholding method (累计预扣法), and on an annual
bonus taxed apart (全年一次性奖金单独计税).

Cumulative taxable income = the year's wage income to date − the basic deduction × months counted
(from January, or from the month of hire for someone hired this year) − the year's employee social
insurance and housing fund to date − the year's special additional deductions to date; never below
zero. The annual table gives the cumulative tax (taxable × rate − quick deduction, in the bracket
the income falls in); this month withholds the cumulative tax less what was withheld before, never
below zero: what was withheld too much comes back at the annual reconciliation, not on a payslip
(国家税务总局公告2018年第61号). An annual bonus taxed apart: bonus ÷ 12 picks the monthly-converted
table's bracket, tax = bonus × rate − quick deduction (财政部 税务总局公告2023年第30号, allowed until the
tax policy's `annual_bonus_separate_until`, 2027-12-31). Each rule rounds once, half up, to the fen;
amounts withheld are returned negative, as the payslip line shows them.

Special additional deductions count for each month counted in which a claim is in force, so a claim
entered late from an earlier month catches up at once. Children's education and infant care are
claimed per child (each claim held to the cap); every other kind is one claim per taxpayer a month,
and housing loan interest and housing rent never in the same month: a second claim is refused,
not silently capped.

Excludes: the employee's choice to start the basic deduction in January when first employed this
year (公告2020年第19号) and the 60,000-yuan simplification for low earners (公告2020年第13号), serious
illness medical expenses and the one-off professional qualification deduction (claimed at the
annual reconciliation), income from other employers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import ZERO, exact, in_fen, quantize, to_decimal
from ..pay_policy import EXCLUSIVE_KINDS, PER_CHILD_KINDS, Bracket, TaxPolicy
from ..trace import Step, Traced


def _not_negative(value, *, parameter: str, rule: str, code: str = ErrorCode.TAX_NEGATIVE_INPUT) -> Decimal:
    amount = to_decimal(value, field=parameter, rule=rule)
    if amount < 0:
        raise refused(code, "cannot be negative", parameter=parameter, rule=rule, allowed="≥ 0", value=str(value))
    return amount


def _month(value, *, parameter: str, rule: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        raise refused(
            ErrorCode.TAX_MONTH_OUT_OF_RANGE,
            "a month is a whole number 1–12",
            parameter=parameter,
            rule=rule,
            allowed="1–12",
            value=repr(value),
        )
    return value


@dataclass(frozen=True)
class Claim:
    """One special additional deduction claimed: a monthly amount from a month, until a month (or on).

    Months are their first day. The amount is kept as Decimal (floats and negatives refused)."""

    kind: str
    monthly_amount: Decimal
    first_month: date  # the first day of the first month
    last_month: date | None = None

    def __post_init__(self) -> None:
        rule = "tax.claim"
        amount = _not_negative(
            self.monthly_amount, parameter="monthly_amount", rule=rule, code=ErrorCode.TAX_DEDUCTION_NEGATIVE
        )
        object.__setattr__(self, "monthly_amount", amount)
        for name in ("first_month", "last_month"):
            day = getattr(self, name)
            if day is None and name == "last_month":
                continue
            if not isinstance(day, date) or day.day != 1:
                raise refused(
                    ErrorCode.TAX_CLAIM_MONTHS,
                    "a claim's months are given as their first day (2026-03-01)",
                    parameter=name,
                    rule=rule,
                    value=str(day),
                )
        if self.last_month is not None and self.last_month < self.first_month:
            raise refused(
                ErrorCode.TAX_CLAIM_MONTHS,
                f"the last month {self.last_month:%Y-%m} is before the first {self.first_month:%Y-%m}",
                parameter="last_month",
                rule=rule,
                value=str(self.last_month),
            )

    def in_force(self, month_start: date) -> bool:
        return self.first_month <= month_start and (self.last_month is None or month_start <= self.last_month)


@dataclass(frozen=True)
class YearBefore:
    """The tax year's figures from the months before this one (sums of the earlier payslips).

    Kept as Decimal; floats and negative sums are refused."""

    income: Decimal = ZERO  # wage income taxed cumulatively
    contributions: Decimal = ZERO  # employee social insurance and housing fund, positive
    tax_withheld: Decimal = ZERO  # wage tax withheld, positive (the bonus taxed apart is not in it)

    def __post_init__(self) -> None:
        for name in ("income", "contributions", "tax_withheld"):
            value = _not_negative(getattr(self, name), parameter=f"before.{name}", rule="tax.year_before")
            object.__setattr__(self, name, value)


@dataclass(frozen=True)
class WageTax:
    """This month's withholding and the cumulative figures a payslip shows."""

    traced: Traced  # amount: this month's tax, negative (or 0.00)
    taxable_to_date: Decimal  # 累计应纳税所得额
    tax_to_date: Decimal  # 累计应纳税额 (before subtracting what was withheld)


def bracket_for(amount: Fraction, brackets: Sequence[Bracket]) -> Bracket:
    """The bracket an amount falls in: the last whose threshold it exceeds (the first for 0).

    A threshold belongs to the bracket below it: 36,000 exactly is taxed at 3 % (不超过36,000元)."""
    found = brackets[0]
    for bracket in brackets:
        if amount > bracket.above:
            found = bracket
    return found


def months_counted(*, hire_date: date, year: int, month: int) -> int:
    """Months of basic deduction to date: from January, or from the hire month for a hire this year."""
    _month(month, parameter="month", rule="tax.months")
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


def additional_deductions_to_date(
    *, claims: Sequence[Claim], year: int, first_month: int, month: int, policy: TaxPolicy
) -> Traced:
    """Σ over the months counted (first_month … month of `year`) of each claim in force, each held to its cap.

    Refused: a kind the tax policy does not know (infant care before 2022), two claims of a per-taxpayer
    kind in one month, housing loan interest and housing rent in one month."""
    rule = "tax.additional_deductions"
    _month(month, parameter="month", rule=rule)
    _month(first_month, parameter="first_month", rule=rule)
    if first_month > month:
        raise refused(
            ErrorCode.TAX_MONTH_OUT_OF_RANGE,
            f"the first month counted ({first_month}) is after this month ({month})",
            parameter="first_month",
            rule=rule,
            allowed=f"1–{month}",
            value=first_month,
        )
    for claim in claims:
        if claim.kind not in policy.additional_caps:
            raise refused(
                ErrorCode.TAX_UNKNOWN_DEDUCTION,
                f"{claim.kind!r} is not a special additional deduction under {policy.label}",
                parameter="kind",
                rule=rule,
                value=claim.kind,
            )
    counted = [date(year, m, 1) for m in range(first_month, month + 1)]
    for start in counted:
        kinds = [claim.kind for claim in claims if claim.in_force(start)]
        for kind in sorted(set(kinds) - set(PER_CHILD_KINDS)):
            if kinds.count(kind) > 1:
                raise refused(
                    ErrorCode.TAX_DEDUCTION_OVERLAP,
                    f"{kind} is claimed {kinds.count(kind)} times for {start:%Y-%m}: one claim per taxpayer a month "
                    f"(at most {policy.additional_caps[kind]})",
                    parameter="kind",
                    rule=rule,
                    value=kind,
                    month=f"{start:%Y-%m}",
                )
        if all(kind in kinds for kind in EXCLUSIVE_KINDS):
            raise refused(
                ErrorCode.TAX_DEDUCTION_OVERLAP,
                f"housing loan interest and housing rent are both claimed for {start:%Y-%m}: only one of them a month",
                parameter="kind",
                rule=rule,
                value=", ".join(EXCLUSIVE_KINDS),
                month=f"{start:%Y-%m}",
            )
    total, rows = Fraction(0), []
    for claim in claims:
        per_month = min(Fraction(claim.monthly_amount), Fraction(policy.additional_caps[claim.kind]))
        months = sum(1 for start in counted if claim.in_force(start))
        if months:
            total += per_month * months
            rows.append([claim.kind, str(claim.monthly_amount), str(policy.additional_caps[claim.kind]), months])
    result = quantize(total)
    step = Step(
        rule=rule,
        formula_zh="累计专项附加扣除 = Σ 每项每月金额(不超过标准) × 本年已计月数",
        formula_en="special additional deductions to date = "
        "Σ each claim's monthly amount (within its cap) × months this year",
        inputs={
            "year": year,
            "first_month": first_month,
            "month": month,
            "columns": ["kind", "monthly_amount", "cap", "months"],
            "claims": rows,
        },
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

    `income` is this month's wage income (every earning taxed with the wages: not the bonus taxed
    apart, not the penalties deducted after tax), `contributions` this month's employee social
    insurance and housing fund (positive), `additional_to_date` the special additional deductions
    to date, `months` the months counted (`months_counted`). Refused: floats, negative deductions,
    negative income to date, months outside 1–12."""
    rule = "tax.wages"
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 12:
        raise refused(
            ErrorCode.TAX_MONTHS,
            "months counted run 1–12",
            parameter="months",
            rule=rule,
            allowed="1–12",
            value=repr(months),
        )
    month_income = exact(income, parameter="income", rule=rule)
    income_to_date = Fraction(before.income) + month_income
    if income_to_date < 0:
        raise refused(
            ErrorCode.TAX_NEGATIVE_INPUT,
            "the year's wage income to date cannot be negative",
            parameter="income",
            rule=rule,
            allowed="≥ 0",
            value=str(income),
        )
    month_contributions = Fraction(_not_negative(contributions, parameter="contributions", rule=rule))
    contributions_to_date = Fraction(before.contributions) + month_contributions
    additional = Fraction(_not_negative(additional_to_date, parameter="additional_to_date", rule=rule))
    basic = Fraction(policy.basic_deduction_per_month) * months
    taxable = max(income_to_date - basic - contributions_to_date - additional, Fraction(0))
    bracket = bracket_for(taxable, policy.annual_brackets)
    tax_to_date = quantize(max(taxable * Fraction(bracket.rate) - Fraction(bracket.quick_deduction), Fraction(0)))
    withheld = Fraction(before.tax_withheld)
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
            "income": month_income,
            "income_before": before.income,
            "income_to_date": income_to_date,
            "months": months,
            "basic_deduction_per_month": policy.basic_deduction_per_month,
            "basic_deduction": basic,
            "contributions": month_contributions,
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
    """全年一次性奖金单独计税: bonus ÷ 12 picks the monthly table's bracket; tax = bonus × rate − quick deduction.

    Whether the bonus may be taxed apart (the employee's choice, once a year, while the policy allows
    it: `TaxPolicy.bonus_apart_allowed`) is the caller's to decide."""
    rule = "tax.annual_bonus"
    amount = Fraction(_not_negative(bonus, parameter="bonus", rule=rule, code=ErrorCode.TAX_BONUS_NEGATIVE))
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
    """实发 = 应发 − 社保公积金(个人) − 个税 − 税后扣款, exactly: no rounding, the inputs are payslip totals.

    Each deduction is a positive amount (the payslip shows its lines negative); `tax` is the wage tax
    plus the bonus tax. Refused: a negative deduction (a sign mixed up), an amount not in whole fen.
    The result may be negative when the deductions pass the gross (a month without pay)."""
    rule = "pay.net"
    values = {}
    for name, value in (("gross", gross), ("contributions", contributions), ("tax", tax), ("after_tax", after_tax)):
        amount = to_decimal(value, field=name, rule=rule)
        if not in_fen(amount):
            raise refused(
                ErrorCode.PAY_NOT_IN_FEN,
                "payslip totals are in whole fen",
                parameter=name,
                rule=rule,
                value=str(value),
            )
        if name != "gross" and amount < 0:
            raise refused(
                ErrorCode.PAY_DEDUCTION_NEGATIVE,
                "pass deductions as positive amounts",
                parameter=name,
                rule=rule,
                allowed="≥ 0",
                value=str(value),
            )
        values[name] = amount
    result = quantize(
        Fraction(values["gross"])
        - Fraction(values["contributions"])
        - Fraction(values["tax"])
        - Fraction(values["after_tax"])
    )
    step = Step(
        rule=rule,
        formula_zh="实发工资 = 应发工资 − 个人社保公积金 − 个人所得税 − 税后扣款",
        formula_en="net pay = gross pay − employee contributions − income tax − deductions after tax",
        inputs=values,
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=label)
