"""Full pay through the close: wages by attendance, contributions, cumulative income tax, net, to the fen.

陈刚 joins department D02 on 2026-10-01: base wage 4,350.00, post wage 1,087.50, social insurance in
佛山 on a declared base of 8,000.00, a children's-education claim of 2,000.00 a month from October.
The daily wage is 4,350 ÷ 21.75 = 200.00 (post: 50.00); an hour's wage (4,350 + 1,087.50) ÷ 21.75 ÷ 8 = 31.25.

Contributions each month (佛山 SI-FS 2025, base 8,000 within every item's limits):
  employee: pension 8 % 640.00, medical 2 % 160.00, unemployment 0.2 % 16.00, housing fund 5 % 400.00 = 1,216.00
  employer: pension 15 % 1,200.00, medical 5.5 % 440.00, unemployment 0.8 % 64.00, work injury 0.2 % 16.00,
            maternity 1 % 80.00, housing fund 5 % 400.00 = 2,200.00

October, 22 days worked: 4,350.00 + 1,087.50 + meal 15 × 22 = 330.00 → gross 5,767.50.
  taxable to date 5,767.50 − 5,000 × 1 − 1,216.00 − 2,000 = −2,448.50 → 0; tax 0.00; net 4,551.50.
November, 20 days worked, 1 day unpaid absence, 1 day sick (80 % paid), 10 h weekday and 8 h rest-day
overtime, and a 45,000.00 adjustment:
  base 4,350 − 200 × (1 + 0.2) = 4,110.00; post 1,087.50 − 50 × 1.2 = 1,027.50; meal 15 × 20 = 300.00;
  overtime 31.25 × 10 × 1.5 = 468.75 and 31.25 × 8 × 2 = 500.00 → gross 6,406.25 + 45,000 = 51,406.25.
  taxable to date 5,767.50 + 51,406.25 − 5,000 × 2 − 1,216 × 2 − 2,000 × 2 = 40,741.75: above 36,000, the
  10 % bracket: 40,741.75 × 10 % − 2,520 = 1,554.175 → 1,554.18, less 0.00 withheld → tax 1,554.18.
  net 51,406.25 − 1,216.00 − 1,554.18 = 48,636.07.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from attendance.models import AttendanceMonth
from conftest import ensure_policy_a2
from engineers.models import Engineer, PayScheme, SpecialDeductionClaim
from ledger.models import PayPeriod
from payroll.close import adjustment_add, period_close
from payroll.models import Payslip

pytestmark = pytest.mark.django_db
PAID_LINES = {"seniority", "kpi_pay"}  # the incentive lines a new hire gets as 0.00, not what this test is about


@pytest.fixture
def chen(company):
    ensure_policy_a2()
    chen = Engineer.objects.create(employee_no="E005", name="陈刚", department=company.d2, hire_date=date(2026, 10, 1))
    PayScheme.objects.create(
        engineer=chen,
        effective_from=date(2026, 10, 1),
        base_wage=D("4350.00"),
        post_wage=D("1087.50"),
        contribution_city="FS",
        contribution_base=D("8000.00"),
    )
    SpecialDeductionClaim.objects.create(
        engineer=chen, kind="children_education", monthly_amount=D("2000.00"), first_month=date(2026, 10, 1)
    )
    return chen


def lines(payslip):
    return sorted((ln.kind, ln.amount) for ln in payslip.lines.all() if ln.kind not in PAID_LINES)


EMPLOYEE = [("contribution", D(a)) for a in ("-640.00", "-160.00", "-16.00", "-400.00")]
EMPLOYER = [("employer_contribution", D(a)) for a in ("1200.00", "440.00", "64.00", "16.00", "80.00", "400.00")]


def test_two_months_of_full_pay_to_the_fen(company, chen):
    october = PayPeriod.objects.create(year=2026, month=10)
    AttendanceMonth.objects.create(engineer=chen, year=2026, month=10, days_worked=D("22"))
    period_close(user=company.hr, period=october)
    slip = Payslip.objects.get(period=october, engineer=chen)
    assert lines(slip) == sorted(
        [
            ("base_wage", D("4350.00")),
            ("post_wage", D("1087.50")),
            ("meal_allowance", D("330.00")),
            ("income_tax", D("0.00")),
            *EMPLOYEE,
            *EMPLOYER,
        ]
    )
    assert (slip.gross_amount, slip.contributions_amount, slip.tax_amount, slip.net_amount) == (
        D("5767.50"),
        D("1216.00"),
        D("0.00"),
        D("4551.50"),
    )
    assert slip.employer_cost_amount == D("2200.00") and slip.taxable_income_ytd == D("0.00")

    november = PayPeriod.objects.create(year=2026, month=11)
    AttendanceMonth.objects.create(
        engineer=chen,
        year=2026,
        month=11,
        days_worked=D("20"),
        unpaid_absence_days=D("1"),
        sick_leave_days=D("1"),
        overtime_weekday_hours=D("10"),
        overtime_rest_day_hours=D("8"),
    )
    adjustment_add(user=company.hr, engineer=chen, amount=D("45000.00"), reason="项目年度结算")
    period_close(user=company.hr, period=november)
    slip = Payslip.objects.get(period=november, engineer=chen)
    assert lines(slip) == sorted(
        [
            ("base_wage", D("4110.00")),
            ("post_wage", D("1027.50")),
            ("meal_allowance", D("300.00")),
            ("overtime", D("468.75")),
            ("overtime", D("500.00")),
            ("adjustment", D("45000.00")),
            ("income_tax", D("-1554.18")),
            *EMPLOYEE,
            *EMPLOYER,
        ]
    )
    assert (slip.gross_amount, slip.contributions_amount, slip.tax_amount, slip.net_amount) == (
        D("51406.25"),
        D("1216.00"),
        D("1554.18"),
        D("48636.07"),
    )
    assert slip.taxable_income_ytd == D("40741.75") and slip.additional_deductions_amount == D("4000.00")
    tax = slip.lines.get(kind="income_tax")
    rules = [step["rule"] for step in tax.trace["steps"]]
    assert rules == ["tax.additional_deductions", "tax.wages"] and tax.policy_version == "IIT 2023"
    wage = slip.lines.get(kind="base_wage")
    assert wage.trace["steps"][0]["inputs"]["unpaid_absence_days"] == "1.0" and wage.policy_version == "KF-PAY 2019"


def test_a_city_without_rules_in_force_stops_the_close_with_its_name(company, chen):
    PayScheme.objects.filter(engineer=chen).update(contribution_city="XX")
    november = PayPeriod.objects.create(year=2026, month=11)
    with pytest.raises(Exception, match="XX"):
        period_close(user=company.hr, period=november)
    november.refresh_from_db()
    assert november.status == "open" and not Payslip.objects.filter(period=november).exists()


def test_a_company_starting_mid_year_counts_the_tax_from_january(company, chen):
    """Opening figures for January–September from the earlier payroll: 陈刚 (say hired 2026-01-01)
    earned 90,000.00, paid 10,944.00 in contributions and had 1,692.00 withheld.
    October: 5,767.50 gross. Taxable to date 95,767.50 − 5,000 × 10 − 12,160.00 − 2,000 (October's claim)
    = 31,607.50 → 3 %: 948.225 → 948.23; less 1,692.00 withheld → 0.00 (never a refund).
    With the opening through September the withheld figure is what counts: at 20,000 income more
    the cumulative tax passes what was withheld."""
    from engineers.models import TaxYearOpening

    Engineer.objects.filter(pk=chen.pk).update(hire_date=date(2026, 1, 1))
    TaxYearOpening.objects.create(
        engineer=chen,
        year=2026,
        through_month=9,
        income=D("90000.00"),
        contributions=D("10944.00"),
        tax_withheld=D("1692.00"),
    )
    october = PayPeriod.objects.create(year=2026, month=10)
    AttendanceMonth.objects.create(engineer=chen, year=2026, month=10, days_worked=D("22"))
    period_close(user=company.hr, period=october)
    slip = Payslip.objects.get(period=october, engineer=chen)
    assert slip.tax_amount == D("0.00") and slip.taxable_income_ytd == D("31607.50")

    # November with 20,000.00 more: taxable 31,607.50 + 5,767.50 + 20,000 − 5,000 − 1,216 − 2,000 = 49,159.00
    # → 10 %: 4,915.90 − 2,520 = 2,395.90; withheld 1,692.00 + 0.00 → tax 703.90.
    november = PayPeriod.objects.create(year=2026, month=11)
    AttendanceMonth.objects.create(engineer=chen, year=2026, month=11, days_worked=D("22"))
    adjustment_add(user=company.hr, engineer=chen, amount=D("20000.00"), reason="季度奖")
    period_close(user=company.hr, period=november)
    slip = Payslip.objects.get(period=november, engineer=chen)
    assert slip.taxable_income_ytd == D("49159.00") and slip.tax_amount == D("703.90")


def test_the_close_page_says_who_has_a_pay_scheme_but_no_attendance(company, chen):
    from payroll.closing import close_readiness

    november = PayPeriod.objects.create(year=2026, month=11)
    gaps = close_readiness(november, date(2026, 12, 2))
    assert any("维修部: 1" in g or "维修部:1" in g for g in gaps), gaps
    AttendanceMonth.objects.create(engineer=chen, year=2026, month=11, days_worked=D("21"))
    PayScheme.objects.filter(engineer=chen).update(contribution_city="XX")
    gaps = close_readiness(november, date(2026, 12, 2))
    assert not any("维修部" in g for g in gaps) and any("XX" in g for g in gaps), gaps
