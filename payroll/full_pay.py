"""What the close needs beyond incentives to pay a month in full: each engineer's pay scheme, attendance,
tax claims and bonus-tax choice, and the year's figures from the earlier payslips; read in a fixed
number of queries whatever the head count. The engine does the arithmetic (incentives.rules.full_pay);
this turns its results into payslip lines, sharing a line between engineers whose inputs are equal."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from django.db.models import Q
from django.utils.translation import gettext as _

from attendance.models import AttendanceMonth
from core.errors import DomainError
from engineers.models import (
    AnnualBonusTaxChoice,
    EmploymentType,
    PayScheme,
    SpecialDeductionClaim,
    TaxYearOpening,
)
from incentives.money import ZERO
from incentives.rules.contributions import contributions
from incentives.rules.full_pay import Scheme, Withholding, fixed_pay, withholding
from incentives.rules.income_tax import Claim, YearBefore
from incentives.rules.wages import Attendance
from incentives.trace import Traced
from policies.choices import ContributionKind, OvertimeKind, PieceRateMode, label_of
from policies.explain import money, number, percent
from policies.selectors import PayRules, pay_rules_in_force

from .errors import PayrollErrorCode
from .models import LineKind, Payslip
from .spans import Span, within


class SchemeRow(NamedTuple):
    scheme: Scheme
    city: str
    declared_base: Decimal


@dataclass
class PaySetup:
    """The month's pay inputs per engineer id, and the rules in force at the month's end."""

    rules: PayRules
    schemes: dict[int, SchemeRow]
    attendance: dict[int, Attendance]
    claims: dict[int, list[Claim]]
    bonus_apart: set[int]
    before: dict[int, YearBefore]


ATTENDANCE_FIELDS = (
    "days_worked",
    "paid_leave_days",
    "sick_leave_days",
    "unpaid_absence_days",
    "overtime_weekday_hours",
    "overtime_rest_day_hours",
    "overtime_holiday_hours",
)


def pay_setup(year: int, month: int, start: date, end: date, span: Span | None = None) -> PaySetup:
    """Seven queries: the rules, schemes in force, attendance, claims, bonus choices, the year before
    (opening figures and earlier payslips)."""
    rules = pay_rules_in_force(end)
    if rules.tax is None:
        raise DomainError(PayrollErrorCode.NO_TAX_RULES, _("No income-tax rules are in force for this month."))
    schemes: dict[int, SchemeRow] = {}
    for engineer_id, base, post, rate, mode, city, declared in (
        within(PayScheme.objects.filter(effective_from__lte=end), span)
        .order_by("engineer_id", "-effective_from")
        .values_list(
            "engineer_id",
            "base_wage",
            "post_wage",
            "probation_rate",
            "piece_rate_mode",
            "contribution_city",
            "contribution_base",
        )
    ):
        if engineer_id not in schemes:  # the latest from on or before the month's end
            schemes[engineer_id] = SchemeRow(Scheme(base, post, rate, mode == PieceRateMode.REPLACES), city, declared)
    attendance = {
        row[0]: Attendance(*row[1:])
        for row in within(AttendanceMonth.objects.filter(year=year, month=month), span).values_list(
            "engineer_id", *ATTENDANCE_FIELDS
        )
    }
    claims: dict[int, list[Claim]] = defaultdict(list)
    for engineer_id, kind, amount, first, last in (
        within(SpecialDeductionClaim.objects.filter(first_month__lte=end), span)
        .filter(Q(last_month__isnull=True) | Q(last_month__gte=date(year, 1, 1)))
        .order_by("engineer_id", "first_month", "pk")
        .values_list("engineer_id", "kind", "monthly_amount", "first_month", "last_month")
    ):
        claims[engineer_id].append(Claim(kind, amount, first, last))
    bonus_apart = set(
        within(AnnualBonusTaxChoice.objects.filter(year=year, separately=True), span).values_list(
            "engineer_id", flat=True
        )
    )
    return PaySetup(rules, schemes, attendance, dict(claims), bonus_apart, _year_before(year, month, span))


def _year_before(year: int, month: int, span: Span | None = None) -> dict[int, YearBefore]:
    """Each engineer's wage income, contributions and wage tax this year before `month`: the opening
    figures from the earlier payroll (months 1 … through_month), then this system's payslips after them."""
    opened: dict[int, tuple[int, YearBefore]] = {
        engineer_id: (through, YearBefore(income, paid_in, tax))
        for engineer_id, through, income, paid_in, tax in within(
            TaxYearOpening.objects.filter(year=year, through_month__lt=month), span
        ).values_list("engineer_id", "through_month", "income", "contributions", "tax_withheld")
    }
    sums: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for engineer_id, slip_month, income, paid_in, tax, bonus_tax in within(
        Payslip.objects.filter(period__year=year, period__month__lt=month), span
    ).values_list(
        "engineer_id", "period__month", "wage_income", "contributions_amount", "tax_amount", "bonus_tax_amount"
    ):
        if engineer_id in opened and slip_month <= opened[engineer_id][0]:
            continue  # the opening figures already count this month
        total = sums[engineer_id]
        total[0] += income
        total[1] += paid_in
        total[2] += tax - bonus_tax
    before = {engineer_id: opening for engineer_id, (_through, opening) in opened.items()}
    for engineer_id, (income, paid_in, tax) in sums.items():
        start = before.get(engineer_id, YearBefore())
        before[engineer_id] = YearBefore(start.income + income, start.contributions + paid_in, start.tax_withheld + tax)
    return before


def on_probation(employment_type: str, probation_end: date | None, end: date) -> bool:
    """A month is paid at the probation rate when probation lasts to its last day (month granularity)."""
    if probation_end is not None:
        return probation_end >= end
    return employment_type == EmploymentType.PROBATION


def whole_month(hire_date: date, leaving_date: date | None, start: date, end: date) -> bool:
    return hire_date <= start and (leaving_date is None or leaving_date >= end)


class Totals(NamedTuple):
    gross: Decimal
    contributions: Decimal
    tax: Decimal
    bonus_tax: Decimal
    after_tax: Decimal
    net: Decimal
    employer: Decimal
    wage_income: Decimal
    additional: Decimal
    taxable_to_date: Decimal
    bonus_apart: Decimal


class LineMaker:
    """Builds the full-pay lines for a close, caching those whose inputs repeat between engineers.

    `make(kind, description, traced, source)` is the close's own line builder, passed in so both
    write lines the same way."""

    def __init__(self, make, rules: PayRules):
        self.make, self.rules = make, rules
        self.fixed = cache(self._fixed)
        self.shares = cache(self._shares)
        self.overtime_labels = {kind: label_of(OvertimeKind, kind) for kind in OvertimeKind.values}
        self.item_labels = {kind: label_of(ContributionKind, kind) for kind in ContributionKind.values}

    def _fixed(self, scheme: Scheme, attendance: Attendance | None, probation: bool, whole: bool) -> tuple:
        if self.rules.wage is None:
            raise DomainError(PayrollErrorCode.NO_WAGE_RULES, _("No wage standard is in force for this month."))
        lines = []
        for code, traced in fixed_pay(
            scheme=scheme, attendance=attendance, on_probation=probation, whole_month=whole, policy=self.rules.wage
        ):
            kind, _sep, overtime = code.partition(".")
            if kind == "overtime":
                hours = attendance.overtime_hours(overtime)
                description = _("%(kind)s, %(hours)s hours") % {
                    "kind": self.overtime_labels[overtime],
                    "hours": number(hours),
                }
                lines.append(self.make(LineKind.OVERTIME, description, traced))
            elif kind == "meal_allowance":
                description = _("days worked: %(days)s") % {"days": number(attendance.days_worked)}
                lines.append(self.make(LineKind.MEAL_ALLOWANCE, description, traced))
            else:
                lines.append(self.make(kind, self._wage_description(kind, attendance, probation, whole), traced))
        return tuple(lines)

    def _wage_description(self, kind: str, attendance: Attendance | None, probation: bool, whole: bool) -> str:
        parts = []
        if probation:
            parts.append(_("probation rate"))
        if attendance is None:
            parts.append(_("no attendance entered") if not whole else _("no absence entered"))
        elif whole:
            unpaid = attendance.unpaid_absence_days
            if unpaid:
                parts.append(_("unpaid absence: %(days)s days") % {"days": number(unpaid)})
            if attendance.sick_leave_days:
                parts.append(_("sick leave: %(days)s days") % {"days": number(attendance.sick_leave_days)})
        else:
            paid = attendance.days_worked + attendance.paid_leave_days
            parts.append(_("part month: %(days)s days paid") % {"days": number(paid)})
        return _(", ").join(str(p) for p in parts) or str(LineKind(kind).label)

    def _shares(self, city: str, declared_base: Decimal) -> tuple[tuple, tuple, tuple]:
        policy = self.rules.cities[city]
        shares = contributions(declared_base=declared_base, policy=policy)
        employee, employer = [], []
        for share in shares:
            item = next(i for i in policy.items if i.code == share.code)
            label = self.item_labels[share.code]
            if share.employee.amount:
                description = _("%(item)s, employee %(rate)s") % {"item": label, "rate": percent(item.employee_rate)}
                employee.append(self.make(LineKind.CONTRIBUTION, description, share.employee))
            if share.employer.amount:
                description = _("%(item)s, employer %(rate)s") % {"item": label, "rate": percent(item.employer_rate)}
                employer.append(self.make(LineKind.EMPLOYER_CONTRIBUTION, description, share.employer))
        return shares, tuple(employee), tuple(employer)

    def contribution_lines(self, row: SchemeRow | None) -> tuple[tuple, tuple, tuple]:
        """(the engine's shares, employee lines, employer lines); none without a scheme or a city."""
        if row is None or not row.city:
            return (), (), ()
        if row.city not in self.rules.cities:
            raise DomainError(
                PayrollErrorCode.NO_CITY_RULES,
                _("No social insurance rules are in force for the city %(city)s.") % {"city": row.city},
            )
        return self.shares(row.city, row.declared_base)

    def tax_lines(self, taxed: Withholding) -> list:
        wage = taxed.wage_tax
        steps = (taxed.additional.steps if taxed.additional else ()) + wage.traced.steps
        traced = Traced(wage.traced.amount, steps, wage.traced.policy_version)
        description = _("cumulative withholding, taxable income this year %(taxable)s") % {
            "taxable": money(wage.taxable_to_date)
        }
        lines = [self.make(LineKind.INCOME_TAX, description, traced)]
        if taxed.bonus_tax is not None:
            description = _("annual bonus %(bonus)s taxed apart") % {"bonus": money(taxed.bonus_apart)}
            lines.append(self.make(LineKind.BONUS_TAX, description, taxed.bonus_tax))
        return lines


def month_withholding(
    setup: PaySetup,
    *,
    engineer_id: int,
    shares: tuple,
    hire_date: date,
    gross: Decimal,
    annual_awards: Decimal,
    year: int,
    month: int,
    end: date,
) -> Withholding:
    return withholding(
        gross=gross,
        annual_bonus=annual_awards,
        bonus_apart_chosen=engineer_id in setup.bonus_apart,
        shares=shares,
        claims=setup.claims.get(engineer_id, ()),
        hire_date=hire_date,
        year=year,
        month=month,
        month_end=end,
        before=setup.before.get(engineer_id, YearBefore()),
        policy=setup.rules.tax,
    )
