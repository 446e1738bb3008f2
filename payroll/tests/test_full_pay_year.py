"""The hand-computed year (incentives/tests/full_pay_cases.py) through the close, to the fen.

The three engineers get their pay schemes, claims (each from the month its close first knows it),
bonus-tax choice and each month's attendance in the database; their other earnings arrive as an
approved payable item, their penalties as a fixed deduction; the months close one by one from
January, so every cumulative figure comes from the earlier payslips. A version of FS-MS-KF-13 with
no seniority award is in force, so the close's own incentive lines add nothing the table does not
know (the KPI line is 0.00 without a scorecard; the annual awards are the policy's 1,000 + 1,000
pro rata, as the table has them).
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone

from attendance.models import AttendanceMonth
from conftest import ensure_policy_a2
from engineers.models import AnnualBonusTaxChoice, Engineer, PayScheme, SpecialDeductionClaim
from incentives.tests.full_pay_cases import ENGINEERS, YEAR, EngineerYear
from ledger.models import ItemKind, PayableItem, PayPeriod
from payroll.close import period_close
from payroll.models import Payslip
from policies.models import PolicyVersion

pytestmark = pytest.mark.django_db
ZERO = D("0.00")


def _policy_without_seniority() -> None:
    a2 = PolicyVersion.objects.get(document_no="FS-MS-KF-13", version="A/2")
    params = copy.deepcopy(a2.parameters)
    params["seniority"] = {"per_year": "0.00", "cap": "0.00"}
    PolicyVersion.objects.create(
        document_no="FS-MS-KF-13",
        version="T/1",
        title=a2.title,
        effective_from=date(YEAR, 1, 1),
        status="approved",
        parameters=params,
        approved_at=timezone.now(),
    )


def _engineer(case: EngineerYear, department) -> Engineer:
    engineer = Engineer.objects.create(
        employee_no=f"Y-{case.key}",
        name=case.name,
        department=department,
        hire_date=case.hire_date,
        probation_end=case.probation_end,
        leaving_date=case.leaving_date,
        status="left" if case.leaving_date else "active",
    )
    s = case.scheme
    PayScheme.objects.create(
        engineer=engineer,
        effective_from=case.hire_date,
        base_wage=s.base_wage,
        post_wage=s.post_wage,
        probation_rate=s.probation_rate,
        piece_rate_mode=s.piece_rate_mode,
        contribution_city=s.city,
        contribution_base=s.declared_base,
    )
    if case.bonus_apart:
        AnnualBonusTaxChoice.objects.create(engineer=engineer, year=YEAR, separately=True)
    return engineer


def _month_inputs(case: EngineerYear, engineer: Engineer, month_case, period: PayPeriod) -> None:
    for claim in case.claims:
        if claim.entered == month_case.month:
            SpecialDeductionClaim.objects.create(
                engineer=engineer,
                kind=claim.kind,
                monthly_amount=claim.monthly_amount,
                first_month=claim.first_month,
                last_month=claim.last_month,
            )
    a = month_case.attendance
    AttendanceMonth.objects.create(
        engineer=engineer,
        year=YEAR,
        month=month_case.month,
        days_worked=a.days_worked,
        paid_leave_days=a.paid_leave_days,
        sick_leave_days=a.sick_leave_days,
        unpaid_absence_days=a.unpaid_absence_days,
        overtime_weekday_hours=a.overtime_weekday_hours,
        overtime_rest_day_hours=a.overtime_rest_day_hours,
        overtime_holiday_hours=a.overtime_holiday_hours,
    )
    trace = {"steps": [{"rule": "adjustment", "inputs": {}, "result": "0"}]}
    if month_case.other_earnings:
        PayableItem.objects.create(
            period=period,
            engineer=engineer,
            kind=ItemKind.ADJUSTMENT,
            amount=month_case.other_earnings,
            rule="adjustment",
            trace=trace,
            policy_version="FS-MS-KF-13 T/1",
            source=f"year:{case.key}:{month_case.month}",
            reason="计件、激励与绩效(手算表)",
        )
    if month_case.penalties:
        PayableItem.objects.create(
            period=period,
            engineer=engineer,
            kind=ItemKind.DEDUCTION,
            amount=-month_case.penalties,
            rule="penalty.deduction",
            trace=trace,
            policy_version="FS-MS-KF-13 T/1",
            source=f"penalty:{case.key}:{month_case.month}",
            reason="罚款(手算表)",
        )


def _figures(payslip: Payslip) -> dict:
    """The payslip's figures in the table's terms (deductions positive; a missing line is 0.00)."""
    lines = list(payslip.lines.all())

    def one(kind):
        return sum((ln.amount for ln in lines if ln.kind == kind), ZERO)

    overtime = {
        kind: sum((ln.amount for ln in lines if ln.rule == f"wages.overtime.{kind}"), ZERO)
        for kind in ("weekday", "rest_day", "holiday")
    }
    shares = {
        item: -sum((ln.amount for ln in lines if ln.rule == f"contributions.{item}.employee"), ZERO)
        for item in ("pension", "medical", "unemployment", "work_injury", "maternity", "housing_fund")
    }
    return {
        "base_wage": one("base_wage"),
        "post_wage": one("post_wage"),
        "meal_allowance": one("meal_allowance"),
        "overtime": overtime,
        "contributions": shares,
        "contributions_total": payslip.contributions_amount,
        "employer_total": payslip.employer_cost_amount,
        "gross": payslip.gross_amount,
        "additional_to_date": payslip.additional_deductions_amount,
        "taxable_to_date": payslip.taxable_income_ytd,
        "wage_tax": payslip.tax_amount - payslip.bonus_tax_amount,
        "bonus_tax": payslip.bonus_tax_amount,
        "after_tax": payslip.after_tax_amount,
        "net": payslip.net_amount,
    }


def test_the_hand_computed_year_through_the_close(company):
    ensure_policy_a2()
    _policy_without_seniority()
    people = {case.key: (case, _engineer(case, company.d2)) for case in ENGINEERS}
    checked = 0
    for month in range(1, 13):
        period = PayPeriod.objects.create(year=YEAR, month=month)
        due = []
        for case, engineer in people.values():
            month_case = next((m for m in case.months if m.month == month), None)
            if month_case is not None:
                _month_inputs(case, engineer, month_case, period)
                due.append((case, engineer, month_case))
        period_close(user=company.hr, period=period)
        for case, engineer, month_case in due:
            payslip = Payslip.objects.get(period=period, engineer=engineer)
            expected = vars(month_case.expected)
            assert _figures(payslip) == expected, f"{case.name} {YEAR}-{month:02d} {month_case.note}"
            checked += 1
    assert checked == sum(len(case.months) for case in ENGINEERS) >= 12
