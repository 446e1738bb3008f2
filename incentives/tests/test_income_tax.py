"""Cumulative withholding, special additional deductions, the annual bonus taxed apart, net pay."""

from datetime import date
from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.pay_policy import TaxPolicy
from incentives.rules.income_tax import (
    Claim,
    YearBefore,
    additional_deductions_to_date,
    annual_bonus_tax,
    bracket_for,
    months_counted,
    net_pay,
    wage_tax,
)

TAX = TaxPolicy.load_default()  # IIT 2023
TAX_2019 = TaxPolicy.load_default("IIT_2019")


def taxed(income, *, months=1, contributions="0", additional="0", before=None, policy=TAX):
    return wage_tax(
        income=D(income),
        contributions=D(contributions),
        additional_to_date=D(additional),
        months=months,
        before=before or YearBefore(),
        policy=policy,
    )


def rate_of(result):
    return result.traced.steps[0].inputs["rate"]


# ---- months counted ----


def test_months_count_from_january_or_from_the_hire_month():
    assert months_counted(hire_date=date(2019, 3, 1), year=2026, month=1) == 1
    assert months_counted(hire_date=date(2019, 3, 1), year=2026, month=12) == 12
    assert months_counted(hire_date=date(2026, 7, 13), year=2026, month=7) == 1
    assert months_counted(hire_date=date(2026, 7, 13), year=2026, month=12) == 6
    assert months_counted(hire_date=date(2026, 1, 31), year=2026, month=3) == 3


@pytest.mark.parametrize(
    ("hire", "month", "code"),
    [(date(2026, 8, 1), 7, "tax.not_yet_hired"), (date(2027, 1, 1), 12, "tax.not_yet_hired"), (date(2020, 1, 1), 13,
     "tax.month_out_of_range")],
)  # fmt: skip
def test_a_month_before_hire_or_outside_the_year_is_refused(hire, month, code):
    with pytest.raises(IncentiveError) as err:
        months_counted(hire_date=hire, year=2026, month=month)
    assert err.value.code == code
    assert err.value.params["rule"] == "tax.months"


# ---- the cumulative method ----


def test_one_month_of_wages_after_the_basic_deduction_contributions_and_deductions():
    # 18,315.00 − 5,000 − 4,094.94 − 2,000 = 7,220.06; × 3 % = 216.6018 → 216.60
    result = taxed("18315.00", contributions="4094.94", additional="2000")
    assert result.traced.amount == D("-216.60")
    assert (result.taxable_to_date, result.tax_to_date) == (D("7220.06"), D("216.60"))


def test_the_second_month_withholds_the_cumulative_tax_less_what_was_withheld():
    before = YearBefore(income=D("18315.00"), contributions=D("4094.94"), tax_withheld=D("216.60"))
    # (18,315.00 + 19,003.10) − 10,000 − 8,189.88 − 4,000 = 15,128.22; × 3 % = 453.85; − 216.60 = 237.25
    result = taxed("19003.10", months=2, contributions="4094.94", additional="4000", before=before)
    assert result.traced.amount == D("-237.25")
    assert result.taxable_to_date == D("15128.22")


@pytest.mark.parametrize(
    ("income", "taxable", "rate", "tax"),
    [
        ("41000.00", "36000.00", D("0.03"), "1080.00"),  # exactly 36,000: still 3 % (不超过36,000元)
        ("41000.01", "36000.01", D("0.10"), "1080.00"),  # 36,000.01 × 10 % − 2,520 = 1,080.001: continuous
        ("41100.00", "36100.00", D("0.10"), "1090.00"),  # 3,610 − 2,520
        ("149000.00", "144000.00", D("0.10"), "11880.00"),  # exactly 144,000: still 10 %
        ("149000.01", "144000.01", D("0.20"), "11880.00"),  # × 20 % − 16,920 = 11,880.002 → 11,880.00
        ("155000.00", "150000.00", D("0.20"), "13080.00"),  # 30,000 − 16,920
        ("5000.00", "0.00", D("0.03"), "0.00"),  # nothing above the basic deduction
    ],
)
def test_bracket_edges_belong_to_the_bracket_below(income, taxable, rate, tax):
    result = taxed(income)
    assert result.taxable_to_date == D(taxable)
    assert rate_of(result) == rate
    assert result.tax_to_date == D(tax)
    assert str(result.traced.amount) == ("0.00" if tax == "0.00" else f"-{tax}")


def test_bracket_for_takes_the_threshold_into_the_lower_bracket():
    assert bracket_for(D(36000), TAX.annual_brackets).rate == D("0.03")
    assert bracket_for(D("36000.01"), TAX.annual_brackets).rate == D("0.10")
    assert bracket_for(D(0), TAX.annual_brackets).rate == D("0.03")
    assert bracket_for(D(10**7), TAX.annual_brackets).rate == D("0.45")


def test_a_month_of_large_incentives_is_taxed_across_the_bracket():
    # 15,128.22 taxable so far, 453.85 withheld; March adds 35,330.00 (20,000 of incentives)
    before = YearBefore(income=D("37318.10"), contributions=D("8189.88"), tax_withheld=D("453.85"))
    result = taxed("35330.00", months=3, contributions="4094.94", additional="6000", before=before)
    # 72,648.10 − 15,000 − 12,284.82 − 6,000 = 39,363.28; × 10 % − 2,520 = 1,416.328 → 1,416.33; − 453.85
    assert result.traced.amount == D("-962.48")
    assert rate_of(result) == D("0.10")


def test_tax_is_never_negative_when_withheld_tax_passes_the_cumulative_tax():
    # a deduction claimed late lowers the cumulative tax below what was withheld: this month is 0.00, not a refund
    before = YearBefore(income=D("38134.31"), contributions=D("3672.00"), tax_withheld=D("583.87"))
    result = taxed("13659.25", months=4, contributions="1224.00", additional="12000", before=before)
    assert result.tax_to_date == D("446.93")
    assert str(result.traced.amount) == "0.00"


def test_taxable_income_is_never_negative():
    result = taxed("3000.00", contributions="646.22")
    assert str(result.taxable_to_date) == "0.00" and str(result.traced.amount) == "0.00"


def test_the_trace_names_each_input_and_the_policy_version():
    before = YearBefore(income=D("10000"), contributions=D("1000"), tax_withheld=D("90"))
    step = taxed("10000.00", months=2, contributions="1000", additional="500", before=before).traced.as_dict()
    assert step["policy_version"] == "IIT 2023"
    inputs = step["steps"][0]["inputs"]
    assert inputs["income_to_date"] == "20000"
    assert inputs["basic_deduction"] == "10000"
    assert inputs["contributions_to_date"] == "2000"
    assert inputs["additional_to_date"] == "500"
    assert inputs["taxable_to_date"] == "7500"
    assert inputs["tax_to_date"] == "225.00"
    assert inputs["withheld_before"] == "90"
    assert step["amount"] == "-135.00"


@pytest.mark.parametrize(
    ("kwargs", "code", "parameter"),
    [
        ({"months": 0}, "tax.months", "months"),
        ({"months": 13}, "tax.months", "months"),
        ({"months": True}, "tax.months", "months"),
        ({"contributions": "-1"}, "tax.negative_input", "contributions"),
        ({"additional": "-1"}, "tax.negative_input", "additional_to_date"),
        ({"income": "-1"}, "tax.negative_input", "income"),
    ],
)
def test_bad_wage_tax_input_is_refused(kwargs, code, parameter):
    args = {"income": "1000", **kwargs}
    with pytest.raises(IncentiveError) as err:
        taxed(args.pop("income"), **args)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (code, parameter, "tax.wages")


def test_a_negative_month_is_allowed_while_the_year_stays_positive():
    # a correction after close can make one month's income negative, never the year's
    before = YearBefore(income=D("10000"), contributions=D("0"), tax_withheld=D("150"))
    result = taxed("-500.00", months=2, before=before)
    assert result.taxable_to_date == D("0.00")


def test_wage_tax_refuses_floats():
    with pytest.raises(IncentiveError) as err:
        wage_tax(income=1000.0, contributions=D(0), additional_to_date=D(0), months=1, before=YearBefore(), policy=TAX)
    assert (err.value.code, err.value.params["parameter"]) == ("money.float_refused", "income")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("income", 1.5, "money.float_refused"), ("tax_withheld", D("-0.01"), "tax.negative_input")],
)
def test_year_before_refuses_floats_and_negatives(field, value, code):
    with pytest.raises(IncentiveError) as err:
        YearBefore(**{field: value})
    assert (err.value.code, err.value.params["parameter"]) == (code, f"before.{field}")


# ---- special additional deductions ----


def claim(kind, amount, first, last=None):
    return Claim(kind, D(amount), first, last)


def deductions(claims, *, month, first_month=1, year=2026, policy=TAX):
    return additional_deductions_to_date(
        claims=claims, year=year, first_month=first_month, month=month, policy=policy
    ).amount


def test_a_claim_counts_each_month_it_is_in_force():
    assert deductions([claim("children_education", "2000", date(2026, 1, 1))], month=3) == D("6000.00")
    # from September, counted in December: 4 months
    assert deductions([claim("housing_rent", "1500", date(2026, 9, 1))], month=12) == D("6000.00")
    # ended in June: 6 months, whatever the month
    assert deductions([claim("housing_loan", "1000", date(2025, 1, 1), date(2026, 6, 1))], month=12) == D("6000.00")


def test_a_claim_entered_late_catches_up_from_its_first_month():
    # entered at April's close, from January: 4 × 3,000
    assert deductions([claim("elderly_support", "3000", date(2026, 1, 1))], month=4) == D("12000.00")


def test_for_a_hire_this_year_claims_count_from_the_hire_month():
    assert deductions([claim("elderly_support", "3000", date(2025, 1, 1))], first_month=7, month=12) == D("18000.00")


def test_each_claim_is_held_to_its_cap_and_children_are_claimed_one_by_one():
    assert deductions([claim("children_education", "2500", date(2026, 1, 1))], month=1) == D("2000.00")
    two_children = [
        claim("children_education", "2000", date(2026, 1, 1)),
        claim("infant_care", "2000", date(2026, 1, 1)),
    ]
    assert deductions(two_children, month=2) == D("8000.00")
    twins = [claim("infant_care", "2000", date(2026, 1, 1)), claim("infant_care", "2000", date(2026, 1, 1))]
    assert deductions(twins, month=1) == D("4000.00")


def test_the_caps_follow_the_policy_version():
    assert deductions(
        [claim("children_education", "2000", date(2019, 1, 1))], month=1, year=2019, policy=TAX_2019
    ) == D("1000.00")
    with pytest.raises(IncentiveError) as err:  # infant care was introduced in 2022
        deductions([claim("infant_care", "1000", date(2019, 1, 1))], month=1, year=2019, policy=TAX_2019)
    assert (err.value.code, err.value.params["value"]) == ("tax.unknown_deduction", "infant_care")


def test_a_per_taxpayer_deduction_claimed_twice_in_a_month_is_refused():
    twice = [claim("elderly_support", "1500", date(2026, 1, 1)), claim("elderly_support", "1500", date(2026, 3, 1))]
    assert deductions(twice, month=2) == D("3000.00")  # January and February: only one in force
    with pytest.raises(IncentiveError) as err:
        deductions(twice, month=3)
    assert err.value.code == "tax.deduction_overlap"
    assert (err.value.params["parameter"], err.value.params["value"], err.value.params["month"]) == (
        "kind",
        "elderly_support",
        "2026-03",
    )


def test_housing_loan_and_rent_are_never_deducted_for_the_same_month():
    loan_then_rent = [
        claim("housing_loan", "1000", date(2026, 1, 1), date(2026, 6, 1)),
        claim("housing_rent", "1500", date(2026, 7, 1)),
    ]
    assert deductions(loan_then_rent, month=12) == D("15000.00")  # 6 × 1,000 + 6 × 1,500
    both = [claim("housing_loan", "1000", date(2026, 1, 1)), claim("housing_rent", "1500", date(2026, 5, 1))]
    with pytest.raises(IncentiveError) as err:
        deductions(both, month=5)
    assert (err.value.code, err.value.params["month"]) == ("tax.deduction_overlap", "2026-05")


def test_the_deduction_trace_lists_each_claim():
    traced = additional_deductions_to_date(
        claims=[claim("children_education", "2500", date(2026, 1, 1))], year=2026, first_month=1, month=3, policy=TAX
    )
    step = traced.as_dict()["steps"][0]
    assert step["inputs"]["claims"] == [["children_education", "2500", "2000", 3]]
    assert traced.policy_version == "IIT 2023"


@pytest.mark.parametrize(
    ("make", "code", "parameter"),
    [
        (lambda: claim("elderly_support", "-1", date(2026, 1, 1)), "tax.deduction_negative", "monthly_amount"),
        (lambda: Claim("elderly_support", 3000.0, date(2026, 1, 1)), "money.float_refused", "monthly_amount"),
        (lambda: claim("elderly_support", "3000", date(2026, 1, 15)), "tax.claim_months", "first_month"),
        (lambda: claim("elderly_support", "3000", date(2026, 3, 1), date(2026, 2, 1)), "tax.claim_months",
         "last_month"),
        (lambda: deductions([], month=13), "tax.month_out_of_range", "month"),
        (lambda: deductions([], first_month=7, month=6), "tax.month_out_of_range", "first_month"),
    ],
)  # fmt: skip
def test_a_bad_claim_is_refused(make, code, parameter):
    with pytest.raises(IncentiveError) as err:
        make()
    assert (err.value.code, err.value.params["parameter"]) == (code, parameter)


# ---- the annual bonus taxed apart ----


@pytest.mark.parametrize(
    ("bonus", "rate", "tax"),
    [
        ("2000.00", D("0.03"), "60.00"),
        ("36000.00", D("0.03"), "1080.00"),  # ÷ 12 = 3,000 exactly: still 3 %
        ("36000.12", D("0.10"), "3390.01"),  # ÷ 12 = 3,000.01: 10 % − 210 = 3,600.012 − 210 → 3,390.01
        ("36001.00", D("0.10"), "3390.10"),  # one yuan more, 2,310.10 more tax: the well-known trap
        ("144000.00", D("0.10"), "14190.00"),  # ÷ 12 = 12,000 exactly: 10 %
        ("144000.12", D("0.20"), "27390.02"),  # 28,800.024 − 1,410 = 27,390.024 → 27,390.02
        ("1200000.00", D("0.45"), "524840.00"),  # ÷ 12 = 100,000: 45 % − 15,160
    ],
)
def test_an_annual_bonus_is_taxed_with_the_monthly_converted_table(bonus, rate, tax):
    traced = annual_bonus_tax(bonus=D(bonus), policy=TAX)
    assert traced.amount == -D(tax)
    assert traced.steps[0].inputs["rate"] == rate
    assert traced.policy_version == "IIT 2023"


def test_no_bonus_no_tax():
    assert str(annual_bonus_tax(bonus=D("0.00"), policy=TAX).amount) == "0.00"


def test_a_negative_bonus_is_refused():
    with pytest.raises(IncentiveError) as err:
        annual_bonus_tax(bonus=D("-1"), policy=TAX)
    assert (err.value.code, err.value.params["parameter"]) == ("tax.bonus_negative", "bonus")


def test_taxing_the_bonus_apart_is_allowed_until_the_end_of_2027():
    assert TAX.bonus_apart_allowed(date(2026, 12, 31))
    assert TAX.bonus_apart_allowed(date(2027, 12, 31))
    assert not TAX.bonus_apart_allowed(date(2028, 1, 31))
    assert TAX_2019.bonus_apart_allowed(date(2021, 12, 31)) and not TAX_2019.bonus_apart_allowed(date(2022, 1, 31))


# ---- net pay ----


def test_net_pay_is_gross_less_contributions_tax_and_after_tax_deductions_exactly():
    traced = net_pay(
        gross=D("20345.00"), contributions=D("4094.94"), tax=D("785.01"), after_tax=D("0.00"), label="IIT 2023"
    )
    assert traced.amount == D("15465.05")
    assert traced.policy_version == "IIT 2023"
    assert traced.steps[0].rule == "pay.net"


def test_net_pay_can_be_negative_when_a_month_pays_less_than_its_contributions():
    net = net_pay(gross=D("0.00"), contributions=D("646.22"), tax=D("0"), after_tax=D("0"), label="IIT 2023")
    assert net.amount == D("-646.22")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("tax", D("-216.60"), "pay.deduction_negative"),
        ("contributions", D("-1"), "pay.deduction_negative"),
        ("after_tax", D("0.005"), "pay.not_in_fen"),
        ("gross", 100.0, "money.float_refused"),
    ],
)
def test_net_pay_refuses_a_negative_deduction_or_an_amount_not_in_fen(field, value, code):
    args = {"gross": D("1000.00"), "contributions": D("0"), "tax": D("0"), "after_tax": D("0"), field: value}
    with pytest.raises(IncentiveError) as err:
        net_pay(**args, label="IIT 2023")
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (code, field, "pay.net")
