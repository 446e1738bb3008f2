"""Social insurance and housing fund: the declared base held within each item's limits, shares to the fen."""

from decimal import Decimal as D
from fractions import Fraction

import pytest

from incentives.errors import IncentiveError
from incentives.pay_policy import ContributionPolicy
from incentives.rules.contributions import contribution_base, contributions

FS = ContributionPolicy.load_default("SI-FS_2025")
GZ = ContributionPolicy.load_default("SI-GZ_2025")
SZ = ContributionPolicy.load_default("SI-SZ_2025")


def shares(declared, policy=FS):
    """{item: (employee, employer)}, the employee's share as the payslip shows it (negative)."""
    return {
        c.code: (c.employee.amount, c.employer.amount) for c in contributions(declared_base=D(declared), policy=policy)
    }


def test_a_base_above_the_upper_limits_is_held_to_each_items_own_limit():
    # Foshan: social insurance up to 26,421, housing fund up to 28,000
    assert shares("30000.00") == {
        "pension": (D("-2113.68"), D("3963.15")),  # 26,421 × 8 % / × 15 %
        "medical": (D("-528.42"), D("1453.16")),  # 26,421 × 2 % / × 5.5 % = 1,453.155 → 1,453.16
        "unemployment": (D("-52.84"), D("211.37")),  # 26,421 × 0.2 % = 52.842 / × 0.8 % = 211.368
        "work_injury": (D("0.00"), D("52.84")),  # 26,421 × 0.2 % = 52.842
        "maternity": (D("0.00"), D("264.21")),  # 26,421 × 1 %
        "housing_fund": (D("-1400.00"), D("1400.00")),  # 28,000 × 5 %
    }


def test_a_base_below_the_lower_limits_is_raised_item_by_item():
    # Guangzhou, declared 3,000: pension and unemployment up to 4,588, medical and maternity up to 6,000;
    # the housing fund's lower limit is 2,300, so its base stays 3,000
    assert shares("3000.00", GZ) == {
        "pension": (D("-367.04"), D("688.20")),
        "medical": (D("-120.00"), D("330.00")),
        "unemployment": (D("-9.18"), D("36.70")),  # 4,588 × 0.2 % = 9.176 / × 0.8 % = 36.704
        "work_injury": (D("0.00"), D("9.18")),
        "maternity": (D("0.00"), D("60.00")),
        "housing_fund": (D("-150.00"), D("150.00")),
    }


def test_a_base_within_the_limits_is_used_as_declared():
    assert shares("8000.00", SZ) == {
        "pension": (D("-640.00"), D("1200.00")),
        "medical": (D("-160.00"), D("440.00")),
        "unemployment": (D("-24.00"), D("56.00")),  # Shenzhen: 0.3 % / 0.7 %
        "work_injury": (D("0.00"), D("16.00")),
        "maternity": (D("0.00"), D("80.00")),
        "housing_fund": (D("-400.00"), D("400.00")),
    }


@pytest.mark.parametrize(
    ("declared", "pension_base", "medical_base"),
    [
        ("4588.00", "4588.00", "5284.00"),  # exactly the pension's lower limit: kept; medical's is 5,284
        ("4587.99", "4588.00", "5284.00"),  # a fen below: raised
        ("5284.00", "5284.00", "5284.00"),  # exactly medical's lower limit
        ("26421.00", "26421.00", "26421.00"),  # exactly the upper limit: kept
        ("26421.01", "26421.00", "26421.00"),  # a fen above: held
    ],
)
def test_a_base_exactly_at_a_limit_is_kept_and_a_fen_outside_is_clamped(declared, pension_base, medical_base):
    pension, medical = (
        c for c in contributions(declared_base=D(declared), policy=FS) if c.code in ("pension", "medical")
    )
    assert pension.employee.steps[0].inputs["base"] == Fraction(D(pension_base))
    assert medical.employee.steps[0].inputs["base"] == Fraction(D(medical_base))
    assert pension.employee.amount == -(D(pension_base) * D("0.08")).quantize(D("0.01"))


def test_contribution_base_clamps_exactly():
    assert contribution_base(declared=D("100"), low=D("4588"), high=D("26421")) == 4588
    assert contribution_base(declared=D("30000"), low=D("4588"), high=D("26421")) == 26421
    assert contribution_base(declared=D("4588.5"), low=D("4588"), high=D("26421")) == Fraction(9177, 2)


def test_items_the_employee_does_not_pay_are_zero_never_minus_zero():
    employee = {c.code: str(c.employee.amount) for c in contributions(declared_base=D("8000"), policy=SZ)}
    assert employee["work_injury"] == employee["maternity"] == "0.00"


def test_each_share_is_traced_with_the_city_the_limits_the_rate_and_the_policy_version():
    pension = contributions(declared_base=D("30000.00"), policy=FS)[0]
    step = pension.employer.as_dict()["steps"][0]
    assert pension.employer.policy_version == "SI-FS 2025"
    assert step["rule"] == "contributions.pension.employer"
    assert step["inputs"] == {
        "city": "佛山市",
        "declared_base": "30000",
        "base_low": "4588.00",
        "base_high": "26421.00",
        "base": "26421",
        "rate": "0.15",
    }
    assert step["result"] == "3963.15"
    assert pension.employee.steps[0].rule == "contributions.pension.employee"


@pytest.mark.parametrize(
    ("declared", "code"),
    [(D("-1.00"), "contribution.base_negative"), (8000.0, "money.float_refused"), ("abc", "money.not_a_number")],
)
def test_a_bad_declared_base_is_refused(declared, code):
    with pytest.raises(IncentiveError) as err:
        contributions(declared_base=declared, policy=FS)
    assert err.value.code == code
    assert (err.value.params["parameter"], err.value.params["rule"]) == ("declared_base", "contributions")


def test_contribution_base_refuses_a_float():
    with pytest.raises(IncentiveError) as err:
        contribution_base(declared=5000.0, low=D("4588"), high=D("26421"))
    assert (err.value.code, err.value.params["parameter"]) == ("money.float_refused", "declared")
