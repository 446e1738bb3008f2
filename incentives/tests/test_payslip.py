from decimal import Decimal as D

from incentives.rules.payslip import DeductionSpec, gross_total, month_deductions, month_pay
from incentives.trace import Traced


def test_deductions_share_one_monthly_limit(policy):
    lines = [Traced(D("4000.00")), Traced(D("1000.00"))]
    pay = month_pay(lines)
    assert pay == D("5000.00")
    cut = month_deductions(
        pay=pay, deductions=[DeductionSpec(pay_rate=D("0.15")), DeductionSpec(fixed_amount=D("400"))], policy=policy
    )
    # 15 % = 750.00; the limit is 20 % = 1,000.00, so the fixed 400.00 is trimmed to 250.00
    assert [t.amount for t in cut] == [D("-750.00"), D("-250.00")]
    assert gross_total([*lines, *cut]) == D("4000.00")
