"""A closed month of full pay written straight into payslips, with every figure worked out by hand below:
the workbook and the bank file read these, whatever the close computes.

    张伟 安装部  earnings 3,000.00 + 1,500.00 + 1,320.55 + 275.86 = 6,096.41; contributions 360.00 + 90.00
                 + 22.50 + 420.00 = 892.50; wage tax 45.21; penalty 100.00 → net 5,058.70; employer 1,635.00
    李娜 安装部  earnings 3,000.00 + 1,500.00 + 1,200.00 + 12,000.00 (annual awards) = 17,700.00; contributions
                 892.50; wage tax 30.00 + annual-bonus tax 360.00 = 390.00 → net 16,417.50; employer 1,635.00
    赵敏 安装部  earnings 2,400.00 + 330.00 = 2,730.00; contributions 200.00 + 50.00 + 12.50 + 250.00 = 512.50;
                 no tax → net 2,217.50; employer 875.00
    王强 维修部  unpaid all month: earnings 0.00; contributions 462.50 → net −462.50 (not paid by the bank);
                 employer 875.00
"""

from __future__ import annotations

from decimal import Decimal as D

from django.utils import timezone

from ledger.models import PayPeriod, PeriodStatus
from payroll.models import LineKind, Payslip, PayslipLine, Section, section_of

EMPLOYER_FULL = (
    ("pension", "720.00"),
    ("medical", "427.50"),
    ("unemployment", "22.50"),
    ("work_injury", "9.00"),
    ("maternity", "36.00"),
    ("housing_fund", "420.00"),
)  # 1,635.00
EMPLOYER_LOW = (
    ("pension", "400.00"),
    ("medical", "237.50"),
    ("unemployment", "12.50"),
    ("work_injury", "5.00"),
    ("maternity", "20.00"),
    ("housing_fund", "200.00"),
)  # 875.00


def employee(pension, medical, unemployment, housing_fund):
    return [
        (LineKind.CONTRIBUTION, f"contributions.{item}.employee", f"-{amount}")
        for item, amount in (
            ("pension", pension),
            ("medical", medical),
            ("unemployment", unemployment),
            ("work_injury", "0.00"),  # no employee share: a 0.00 line, never a column
            ("maternity", "0.00"),
            ("housing_fund", housing_fund),
        )
    ]


def employer(items):
    return [(LineKind.EMPLOYER_CONTRIBUTION, f"contributions.{item}.employer", amount) for item, amount in items]


LINES = {
    "E001": [
        (LineKind.BASE_WAGE, "wages.base_wage", "3000.00"),
        (LineKind.POST_WAGE, "wages.post_wage", "1500.00"),
        (LineKind.PIECE_RATE, "piece_rate.month", "1320.55"),
        (LineKind.OVERTIME, "wages.overtime.rest_day", "275.86"),
        *employee("360.00", "90.00", "22.50", "420.00"),
        (LineKind.INCOME_TAX, "tax.wage", "-45.21"),
        (LineKind.DEDUCTION, "penalty", "-100.00"),
        *employer(EMPLOYER_FULL),
    ],
    "E002": [
        (LineKind.BASE_WAGE, "wages.base_wage", "3000.00"),
        (LineKind.POST_WAGE, "wages.post_wage", "1500.00"),
        (LineKind.KPI_PAY, "kpi.performance_pay", "1200.00"),
        (LineKind.ANNUAL_AWARDS, "awards.annual", "12000.00"),
        *employee("360.00", "90.00", "22.50", "420.00"),
        (LineKind.INCOME_TAX, "tax.wage", "-30.00"),
        (LineKind.BONUS_TAX, "tax.annual_bonus", "-360.00"),
        *employer(EMPLOYER_FULL),
    ],
    "E004": [
        (LineKind.BASE_WAGE, "wages.base_wage", "2400.00"),
        (LineKind.MEAL_ALLOWANCE, "wages.meal_allowance", "330.00"),
        *employee("200.00", "50.00", "12.50", "250.00"),
        (LineKind.INCOME_TAX, "tax.wage", "0.00"),
        *employer(EMPLOYER_LOW),
    ],
    "E003": [
        (LineKind.BASE_WAGE, "wages.base_wage", "0.00"),
        *employee("200.00", "50.00", "12.50", "200.00"),
        *employer(EMPLOYER_LOW),
    ],
}
NET = {"E001": D("5058.70"), "E002": D("16417.50"), "E004": D("2217.50"), "E003": D("-462.50")}
PAID_TOTAL = D("23693.70")  # 5,058.70 + 16,417.50 + 2,217.50: everyone with net pay above zero
GROSS_TOTAL = D("26526.41")  # 6,096.41 + 17,700.00 + 2,730.00 + 0.00
CONTRIBUTIONS_TOTAL = D("2760.00")  # 892.50 + 892.50 + 512.50 + 462.50
TAX_TOTAL = D("435.21")  # 45.21 + 30.00 + 360.00
AFTER_TAX_TOTAL = D("100.00")
NET_TOTAL = D("23231.20")  # 23,693.70 − 462.50
EMPLOYER_TOTAL = D("5020.00")  # 1,635.00 × 2 + 875.00 × 2
COMPANY_COST = D("31546.41")  # gross + employer


def paid_month(c, *, year=2026, month=10) -> PayPeriod:
    """Period `year-month`, closed by HR, with the payslips above (fields the sums of their lines, as the close
    stores them: deductions positive)."""
    period = PayPeriod.objects.create(
        year=year, month=month, status=PeriodStatus.CLOSED, closed_at=timezone.now(), closed_by=c.hr
    )
    people = {e.employee_no: e for e in (c.zhang, c.li, c.wang, c.zhao)}
    for no, lines in LINES.items():
        engineer = people[no]
        by_section = {s: D("0.00") for s in Section.values}
        for kind, _rule, amount in lines:
            by_section[section_of(kind)] += D(amount)
        payslip = Payslip.objects.create(
            period=period,
            engineer=engineer,
            department_name=engineer.department.name,
            gross_amount=by_section[Section.EARNING],
            contributions_amount=-by_section[Section.CONTRIBUTION],
            tax_amount=-by_section[Section.TAX],
            bonus_tax_amount=-sum((D(a) for k, _r, a in lines if k == LineKind.BONUS_TAX), D("0.00")),
            after_tax_amount=-by_section[Section.AFTER_TAX],
            net_amount=NET[no],
            employer_cost_amount=by_section[Section.EMPLOYER],
            policy_version="FS-MS-KF-13 A/2",
        )
        assert (
            payslip.gross_amount - payslip.contributions_amount - payslip.tax_amount - payslip.after_tax_amount
            == (NET[no])
        ), no  # the hand-worked table above adds up
        PayslipLine.objects.bulk_create(
            PayslipLine(
                payslip=payslip,
                kind=kind,
                description=str(LineKind(kind).label),
                amount=D(amount),
                rule=rule,
                trace={"steps": []},
                policy_version="FS-MS-KF-13 A/2",
            )
            for kind, rule, amount in lines
        )
    return period
