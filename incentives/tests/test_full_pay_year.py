"""The hand-computed year (full_pay_cases.py) through the engine, month by month, to the fen.

Each engineer's months run in order, the year's figures (YearBefore) carried from one month to the
next as the close carries them from the earlier payslips; every figure a case writes down is checked.
Two routes: the rules composed here one by one, and `rules.full_pay` (fixed_pay, withholding) as the
close calls it."""

from __future__ import annotations

import calendar
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from itertools import pairwise

import pytest

from incentives.money import ZERO
from incentives.pay_policy import OVERTIME_KINDS, ContributionPolicy, TaxPolicy, WagePolicy
from incentives.rules.contributions import contributions
from incentives.rules.full_pay import Scheme, fixed_pay, withholding
from incentives.rules.income_tax import (
    Claim,
    YearBefore,
    additional_deductions_to_date,
    annual_bonus_tax,
    months_counted,
    net_pay,
    wage_tax,
)
from incentives.rules.wages import Attendance, fixed_wage, meal_allowance, monthly_wage, overtime_pay

from .full_pay_cases import CASES, ENGINEERS, YEAR, EngineerYear, MonthCase

WAGE = WagePolicy.load_default()
TAX = TaxPolicy.load_default()
CITIES = {code: ContributionPolicy.load_default(f"SI-{code}_2025") for code in ("FS", "GZ", "SZ")}


def month_end(month: int) -> date:
    return date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def claims_on_file(engineer: EngineerYear, month: int) -> list[Claim]:
    """The claims the month's close knows: those entered by then (a late one counts from its first month)."""
    return [Claim(c.kind, c.monthly_amount, c.first_month, c.last_month) for c in engineer.claims if c.entered <= month]


def run_month(engineer: EngineerYear, case: MonthCase, before: YearBefore) -> tuple[dict, YearBefore]:
    """One engineer-month through the rules, composed as the close composes them: its figures, the next YearBefore."""
    scheme, attendance = engineer.scheme, Attendance(**asdict(case.attendance))
    probation, whole = case.on_probation, case.whole_month
    wage = {}
    for kind, amount in (("base_wage", scheme.base_wage), ("post_wage", scheme.post_wage)):
        if kind == "base_wage" and scheme.piece_rate_mode == "replaces":
            wage[kind] = ZERO
            continue
        wage[kind] = fixed_wage(
            kind=kind,
            amount=amount,
            on_probation=probation,
            probation_rate=scheme.probation_rate,
            whole_month=whole,
            attendance=attendance,
            policy=WAGE,
        ).amount
    meal = meal_allowance(days_worked=attendance.days_worked, policy=WAGE).amount
    monthly = sum(
        monthly_wage(amount=a, on_probation=probation, probation_rate=scheme.probation_rate)
        for a in (scheme.base_wage, scheme.post_wage)
    )
    overtime = {
        kind: overtime_pay(kind=kind, hours=attendance.overtime_hours(kind), monthly=monthly, policy=WAGE).amount
        for kind in OVERTIME_KINDS
    }
    gross = sum((*wage.values(), meal, *overtime.values()), ZERO) + case.other_earnings + case.annual_awards

    shares = contributions(declared_base=scheme.declared_base, policy=CITIES[scheme.city])
    employee = {s.code: -s.employee.amount for s in shares}
    contributed = sum(employee.values(), ZERO)
    employer = sum((s.employer.amount for s in shares), ZERO)

    first = 1 if engineer.hire_date.year < YEAR else engineer.hire_date.month
    claims = claims_on_file(engineer, case.month)
    additional = (
        additional_deductions_to_date(claims=claims, year=YEAR, first_month=first, month=case.month, policy=TAX).amount
        if claims
        else ZERO
    )
    apart = case.annual_awards if engineer.bonus_apart and TAX.bonus_apart_allowed(month_end(case.month)) else ZERO
    income = gross - apart
    taxed = wage_tax(
        income=income,
        contributions=contributed,
        additional_to_date=additional,
        months=months_counted(hire_date=engineer.hire_date, year=YEAR, month=case.month),
        before=before,
        policy=TAX,
    )
    bonus_tax = -annual_bonus_tax(bonus=apart, policy=TAX).amount if apart else ZERO
    tax = -taxed.traced.amount
    net = net_pay(
        gross=gross, contributions=contributed, tax=tax + bonus_tax, after_tax=case.penalties, label=TAX.label
    ).amount
    figures = {
        **wage,
        "meal_allowance": meal,
        "overtime": overtime,
        "contributions": employee,
        "contributions_total": contributed,
        "employer_total": employer,
        "gross": gross,
        "additional_to_date": additional,
        "taxable_to_date": taxed.taxable_to_date,
        "wage_tax": tax,
        "bonus_tax": bonus_tax,
        "after_tax": case.penalties,
        "net": net,
    }
    after = YearBefore(before.income + income, before.contributions + contributed, before.tax_withheld + tax)
    return figures, after


def run_month_through_full_pay(engineer: EngineerYear, case: MonthCase, before: YearBefore) -> tuple[dict, YearBefore]:
    """One engineer-month as the close runs it: `fixed_pay`, then `withholding`, then `net_pay`."""
    scheme = engineer.scheme
    lines = dict(
        fixed_pay(
            scheme=Scheme(
                scheme.base_wage, scheme.post_wage, scheme.probation_rate, scheme.piece_rate_mode == "replaces"
            ),
            attendance=Attendance(**asdict(case.attendance)),
            on_probation=case.on_probation,
            whole_month=case.whole_month,
            policy=WAGE,
        )
    )
    amount = {code: traced.amount for code, traced in lines.items()}
    gross = sum(amount.values(), ZERO) + case.other_earnings + case.annual_awards
    taxed = withholding(
        gross=gross,
        annual_bonus=case.annual_awards,
        bonus_apart_chosen=engineer.bonus_apart,
        shares=contributions(declared_base=scheme.declared_base, policy=CITIES[scheme.city]),
        claims=claims_on_file(engineer, case.month),
        hire_date=engineer.hire_date,
        year=YEAR,
        month=case.month,
        month_end=month_end(case.month),
        before=before,
        policy=TAX,
    )
    wage_tax_ = -taxed.wage_tax.traced.amount
    net = net_pay(
        gross=gross,
        contributions=taxed.contributions_total,
        tax=taxed.tax_total,
        after_tax=case.penalties,
        label=TAX.label,
    ).amount
    figures = {
        "base_wage": amount.get("base_wage", ZERO),
        "post_wage": amount.get("post_wage", ZERO),
        "meal_allowance": amount.get("meal_allowance", ZERO),
        "overtime": {kind: amount.get(f"overtime.{kind}", ZERO) for kind in OVERTIME_KINDS},
        "contributions": {c.code: -c.employee.amount for c in taxed.contributions},
        "contributions_total": taxed.contributions_total,
        "employer_total": taxed.employer_total,
        "gross": gross,
        "additional_to_date": taxed.additional.amount if taxed.additional else ZERO,
        "taxable_to_date": taxed.wage_tax.taxable_to_date,
        "wage_tax": wage_tax_,
        "bonus_tax": -taxed.bonus_tax.amount if taxed.bonus_tax else ZERO,
        "after_tax": case.penalties,
        "net": net,
    }
    after = YearBefore(
        before.income + taxed.wage_income,
        before.contributions + taxed.contributions_total,
        before.tax_withheld + wage_tax_,
    )
    return figures, after


ROUTES = {"rules": run_month, "full_pay": run_month_through_full_pay}


def expected_figures(case: MonthCase) -> dict:
    return asdict(case.expected)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("engineer", ENGINEERS, ids=lambda e: e.key)
def test_each_month_of_the_year_matches_the_hand_computed_figures(engineer, route):
    before = YearBefore()
    for case in engineer.months:
        figures, before = ROUTES[route](engineer, case, before)
        assert figures == expected_figures(case), f"{engineer.name} {YEAR}-{case.month:02d} {case.note}"


def test_the_table_covers_a_year_of_at_least_twelve_months_and_every_situation_asked_for():
    assert len(CASES) >= 12
    assert {m.month for e in ENGINEERS for m in e.months} == set(range(1, 13))
    months = [m for _e, m in CASES]
    assert any(e.hire_date.year == YEAR and e.hire_date.day > 1 for e in ENGINEERS)  # mid-year hire
    assert any(m.on_probation for m in months) and any(not m.whole_month for m in months)
    assert any(m.attendance.unpaid_absence_days for m in months) and any(m.attendance.sick_leave_days for m in months)
    for kind in OVERTIME_KINDS:
        assert any(getattr(m.attendance, f"overtime_{kind}_hours") for m in months), kind
    assert any(e.scheme.piece_rate_mode == "replaces" for e in ENGINEERS)
    assert any(m.penalties for m in months) and any(m.expected.bonus_tax for m in months)
    assert any(c.entered > c.first_month.month for e in ENGINEERS for c in e.claims)  # claimed late
    assert any(c.first_month.month > 1 for e in ENGINEERS for c in e.claims)  # starting mid-year
    city = {e.key: CITIES[e.scheme.city] for e in ENGINEERS}
    assert any(e.scheme.declared_base > max(i.base_range.high for i in city[e.key].items) for e in ENGINEERS)
    assert any(e.scheme.declared_base < min(i.base_range.low for i in city[e.key].items[:5]) for e in ENGINEERS)


def _crosses(engineer: EngineerYear, threshold: Decimal) -> bool:
    taxable = [m.expected.taxable_to_date for m in engineer.months]
    return any(a <= threshold < b for a, b in pairwise(taxable))


def test_a_month_of_large_incentives_crosses_the_36000_bracket():
    assert any(_crosses(e, Decimal(36000)) for e in ENGINEERS)


@pytest.mark.parametrize("engineer", ENGINEERS, ids=lambda e: e.key)
def test_the_case_flags_follow_from_the_dates(engineer):
    """whole_month: employed from the month's first day to its last; on_probation: probation lasts to its last day."""
    for case in engineer.months:
        start, end = date(YEAR, case.month, 1), month_end(case.month)
        whole = engineer.hire_date <= start and (engineer.leaving_date is None or engineer.leaving_date >= end)
        assert (case.whole_month, case.on_probation) == (whole, engineer.probation_end >= end), case.month


@pytest.mark.parametrize(("engineer", "case"), CASES, ids=lambda v: getattr(v, "key", None) or f"{v.month:02d}")
def test_each_case_adds_up_on_its_own(engineer, case):
    """The hand figures are consistent before any engine runs: gross is the sum of its lines, net the rest."""
    e = case.expected
    lines = e.base_wage + e.post_wage + e.meal_allowance + sum(e.overtime.values(), ZERO)
    assert e.gross == lines + case.other_earnings + case.annual_awards
    assert e.contributions_total == sum(e.contributions.values(), ZERO)
    assert e.net == e.gross - e.contributions_total - e.wage_tax - e.bonus_tax - e.after_tax
    assert e.wage_tax >= 0 and e.bonus_tax >= 0 and e.taxable_to_date >= 0
