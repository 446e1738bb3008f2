"""Base and post wage by attendance, probation, the meal allowance and overtime: figures computed by hand."""

import copy
from decimal import Decimal as D
from fractions import Fraction

import pytest

from incentives.errors import IncentiveError
from incentives.pay_policy import WagePolicy
from incentives.rules.wages import Attendance, fixed_wage, hourly_rate, meal_allowance, monthly_wage, overtime_pay

POLICY = WagePolicy.load_default()


def wage(amount, *, whole=True, probation=False, rate="0.80", policy=POLICY, kind="base_wage", **days):
    return fixed_wage(
        kind=kind,
        amount=D(amount),
        on_probation=probation,
        probation_rate=D(rate),
        whole_month=whole,
        attendance=Attendance(**{k: D(v) for k, v in days.items()}),
        policy=policy,
    )


def test_a_whole_month_without_absence_pays_the_monthly_wage_whatever_the_days_worked():
    assert wage("10000.00", days_worked=17).amount == D("10000.00")
    assert wage("10000.00", days_worked=23, paid_leave_days=2).amount == D("10000.00")


def test_unpaid_absence_deducts_a_day_at_the_wage_divided_by_21_75():
    # 10,000 − 10,000 ÷ 21.75 × 2 = 10,000 − 919.540229… = 9,080.459770… → 9,080.46
    assert wage("10000.00", unpaid_absence_days=2).amount == D("9080.46")
    # half a day: 5,000 − 5,000 ÷ 21.75 × 0.5 = 5,000 − 114.942528… = 4,885.057471… → 4,885.06
    assert wage("5000.00", kind="post_wage", unpaid_absence_days="0.5").amount == D("4885.06")


def test_a_sick_day_deducts_only_its_unpaid_share():
    # paid at 80 %: 6,000 − 6,000 ÷ 21.75 × 3 × 0.20 = 6,000 − 165.517241… = 5,834.482758… → 5,834.48
    assert wage("6000.00", sick_leave_days=3).amount == D("5834.48")


def test_absence_beyond_the_paid_days_pays_nothing_never_a_negative_wage():
    result = wage("4000.00", unpaid_absence_days=22)  # 22 > 21.75 days
    assert str(result.amount) == "0.00"


def test_a_month_joined_part_way_pays_the_days_paid():
    # 4,000 ÷ 21.75 × 15 = 2,758.620689… → 2,758.62
    assert wage("4000.00", whole=False, days_worked=15).amount == D("2758.62")
    # worked 10, 1 paid holiday, 2 sick days at 80 %: 3,000 ÷ 21.75 × (10 + 1 + 1.6) = 1,737.931034… → 1,737.93
    assert wage("3000.00", whole=False, days_worked=10, paid_leave_days=1, sick_leave_days=2).amount == D("1737.93")


def test_a_part_month_never_pays_more_than_the_monthly_wage():
    # 23 weekdays worked: 5,000 ÷ 21.75 × 23 = 5,287.36, held to 5,000.00
    assert wage("5000.00", whole=False, days_worked=23).amount == D("5000.00")


def test_probation_pays_the_rate_of_the_scheme():
    assert wage("5000.00", probation=True, rate="0.80").amount == D("4000.00")
    assert wage("5000.00", probation=True, rate="0.90").amount == D("4500.00")
    # a part month on probation: 5,000 × 0.8 ÷ 21.75 × 15 = 2,758.62
    assert wage("5000.00", whole=False, probation=True, days_worked=15).amount == D("2758.62")
    assert monthly_wage(amount=D("1000.00"), on_probation=True, probation_rate=D("0.85")) == Fraction(850)


def test_a_probation_rate_below_80_percent_is_refused_naming_the_law():
    with pytest.raises(IncentiveError) as err:
        wage("5000.00", probation=True, rate="0.70")
    assert err.value.code == "wages.probation_below_minimum"
    assert err.value.params["parameter"] == "probation_rate"
    assert err.value.params["rule"] == "wages.base_wage"
    assert err.value.params["allowed"] == "0.80–1"
    assert "劳动合同法" in err.value.message
    # once probation is over the rate no longer matters
    assert wage("5000.00", probation=False, rate="0.70").amount == D("5000.00")


def test_a_policy_may_raise_the_probation_floor():
    data = copy.deepcopy(POLICY.to_dict())
    data["min_probation_rate"] = "0.90"
    with pytest.raises(IncentiveError) as err:
        wage("5000.00", probation=True, rate="0.85", policy=WagePolicy.from_dict(data))
    assert err.value.params["allowed"] == "0.90–1"


def test_a_probation_rate_outside_0_to_1_is_refused():
    with pytest.raises(IncentiveError) as err:
        wage("5000.00", probation=True, rate="1.2")
    assert (err.value.code, err.value.params["parameter"]) == ("wages.probation_rate", "probation_rate")


def test_meal_allowance_is_per_day_worked():
    assert meal_allowance(days_worked=D(21), policy=POLICY).amount == D("315.00")
    assert meal_allowance(days_worked=D("20.5"), policy=POLICY).amount == D("307.50")
    assert str(meal_allowance(days_worked=D(0), policy=POLICY).amount) == "0.00"


def test_overtime_is_150_200_300_percent_of_the_hourly_wage():
    monthly = D("6000.00")  # hourly 6,000 ÷ 21.75 ÷ 8 = 34.482758…
    assert hourly_rate(monthly=monthly, policy=POLICY) == Fraction(6000 * 4, 87 * 8)
    # 34.482758… × 10 × 1.5 = 517.241379… → 517.24
    assert overtime_pay(kind="weekday", hours=D(10), monthly=monthly, policy=POLICY).amount == D("517.24")
    # × 8 × 2 = 551.724137… → 551.72
    assert overtime_pay(kind="rest_day", hours=D(8), monthly=monthly, policy=POLICY).amount == D("551.72")
    # × 8 × 3 = 827.586206… → 827.59
    assert overtime_pay(kind="holiday", hours=D(8), monthly=monthly, policy=POLICY).amount == D("827.59")


def test_overtime_rounds_an_exact_half_fen_up():
    # 1,740.87 ÷ 174 = 10.005 an hour exactly; a holiday hour is 30.015 → 30.02, a weekday hour 15.0075 → 15.01
    monthly = D("1740.87")
    assert overtime_pay(kind="holiday", hours=D(1), monthly=monthly, policy=POLICY).amount == D("30.02")
    assert overtime_pay(kind="weekday", hours=D(1), monthly=monthly, policy=POLICY).amount == D("15.01")


def test_overtime_on_probation_uses_the_probation_wage():
    monthly = monthly_wage(amount=D("6000.00"), on_probation=True, probation_rate=D("0.80"))
    # 4,800 ÷ 174 × 4 × 1.5 = 165.517241… → 165.52
    assert overtime_pay(kind="weekday", hours=D(4), monthly=monthly, policy=POLICY).amount == D("165.52")


def test_every_result_is_traced_with_its_inputs_and_the_policy_version():
    traced = wage("10000.00", unpaid_absence_days=2)
    step = traced.as_dict()["steps"][0]
    assert traced.policy_version == "KF-PAY 2019"
    assert step["rule"] == "wages.base_wage"
    assert step["inputs"]["standard_paid_days"] == "21.75"
    assert step["inputs"]["unpaid_absence_days"] == "2"
    assert step["inputs"]["daily"] == "≈459.770115"
    assert step["result"] == "9080.46"
    assert "计薪天数" in step["formula_zh"] and "paid days" in step["formula_en"]
    ot = overtime_pay(kind="holiday", hours=D(8), monthly=D("6000.00"), policy=POLICY).as_dict()
    assert ot["steps"][0]["rule"] == "wages.overtime.holiday"
    assert ot["steps"][0]["inputs"]["multiplier"] == "3"
    assert ot["policy_version"] == "KF-PAY 2019"


def test_a_new_policy_version_changes_the_numbers_not_the_code():
    data = copy.deepcopy(POLICY.to_dict())
    data.update(version="2027", meal_allowance_per_day="20.00", sick_leave_pay_rate="1")
    data["overtime"]["weekday"] = "2"
    policy = WagePolicy.from_dict(data)
    assert meal_allowance(days_worked=D(21), policy=policy).amount == D("420.00")
    assert wage("6000.00", sick_leave_days=3, policy=policy).amount == D("6000.00")
    # 6,000 ÷ 174 × 10 × 2 = 689.655172… → 689.66
    assert overtime_pay(kind="weekday", hours=D(10), monthly=D("6000"), policy=policy).amount == D("689.66")
    assert meal_allowance(days_worked=D(1), policy=policy).policy_version == "KF-PAY 2027"


def ot(kind="weekday", hours=D(1), monthly=D(6000)):
    return overtime_pay(kind=kind, hours=hours, monthly=monthly, policy=POLICY)


@pytest.mark.parametrize(
    ("call", "code", "parameter"),
    [
        (lambda: wage("5000.00", kind="bonus_wage"), "wages.unknown_kind", "kind"),
        (lambda: wage("-1.00"), "wages.negative", "amount"),
        (lambda: ot(kind="night"), "wages.unknown_kind", "kind"),
        (lambda: ot(hours=1.5), "money.float_refused", "hours"),
        (lambda: ot(hours=D(-1)), "wages.negative", "hours"),
        (lambda: ot(monthly=6000.0), "money.float_refused", "monthly"),
        (lambda: hourly_rate(monthly=D(-1), policy=POLICY), "wages.negative", "monthly"),
        (lambda: meal_allowance(days_worked=2.5, policy=POLICY), "money.float_refused", "days_worked"),
        (lambda: meal_allowance(days_worked=D(-1), policy=POLICY), "wages.negative", "days_worked"),
        (lambda: monthly_wage(amount=D(1), on_probation=True, probation_rate=0.8), "money.float_refused",
         "probation_rate"),
        (lambda: Attendance(days_worked=D(-1)), "wages.attendance_negative", "days_worked"),
        (lambda: Attendance(overtime_holiday_hours=8.0), "money.float_refused", "overtime_holiday_hours"),
        (lambda: Attendance(days_worked=D(22), paid_leave_days=D(5), unpaid_absence_days=D(5)),
         "wages.attendance_days", "days"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_a_code_naming_the_parameter_and_rule(call, code, parameter):
    with pytest.raises(IncentiveError) as err:
        call()
    assert err.value.code == code
    assert err.value.params["parameter"] == parameter
    assert err.value.params["rule"].startswith("wages")


def test_attendance_keeps_decimals_and_accepts_text():
    attendance = Attendance(days_worked="20.5", overtime_weekday_hours=3)
    assert attendance.days_worked == D("20.5") and isinstance(attendance.days_worked, D)
    assert attendance.overtime_hours("weekday") == D(3)
    assert Attendance(days_worked="21") == Attendance(days_worked=D(21))  # equal inputs, equal (and cached) lines
