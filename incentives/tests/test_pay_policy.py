"""The pay documents: their default numbers are the law's, and a bad version names the path it is wrong at."""

import copy
from datetime import date
from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.pay_policy import ContributionPolicy, TaxPolicy, WagePolicy
from incentives.rules.income_tax import annual_bonus_tax

WAGE = WagePolicy.load_default()
TAX = TaxPolicy.load_default()
FS = ContributionPolicy.load_default("SI-FS_2025")


def test_the_wage_standard_has_the_statutory_numbers():
    assert WAGE.label == "KF-PAY 2019"
    assert (WAGE.standard_paid_days, WAGE.hours_per_day) == (D("21.75"), D(8))
    assert (WAGE.overtime.weekday, WAGE.overtime.rest_day, WAGE.overtime.holiday) == (D("1.5"), D(2), D(3))
    assert (WAGE.meal_allowance_per_day, WAGE.sick_leave_pay_rate, WAGE.min_probation_rate) == (
        D("15.00"),
        D("0.80"),
        D("0.80"),
    )


def test_the_tax_rules_have_the_2019_tables_and_the_2023_caps():
    assert TAX.label == "IIT 2023"
    assert TAX.basic_deduction_per_month == 5000
    assert [(b.above, b.rate, b.quick_deduction) for b in TAX.annual_brackets] == [
        (0, D("0.03"), 0),
        (36000, D("0.10"), 2520),
        (144000, D("0.20"), 16920),
        (300000, D("0.25"), 31920),
        (420000, D("0.30"), 52920),
        (660000, D("0.35"), 85920),
        (960000, D("0.45"), 181920),
    ]
    assert [(b.above, b.quick_deduction) for b in TAX.monthly_brackets] == [
        (0, 0),
        (3000, 210),
        (12000, 1410),
        (25000, 2660),
        (35000, 4410),
        (55000, 7160),
        (80000, 15160),
    ]
    assert TAX.annual_bonus_separate_until == date(2027, 12, 31)
    assert TAX.additional_caps == {
        "children_education": 2000,
        "infant_care": 2000,
        "continuing_education": 400,
        "housing_loan": 1000,
        "housing_rent": 1500,
        "elderly_support": 3000,
    }
    assert "infant_care" not in TaxPolicy.load_default("IIT_2019").additional_caps
    assert TaxPolicy.load_default("IIT_2022").additional_caps["infant_care"] == 1000


@pytest.mark.parametrize("name", ["SI-FS_2025", "SI-GZ_2025", "SI-SZ_2025"])
def test_every_city_document_loads_with_six_items(name):
    city = ContributionPolicy.load_default(name)
    assert city.document_no == f"SI-{city.city_code}"
    assert [i.code for i in city.items] == [
        "pension",
        "medical",
        "unemployment",
        "work_injury",
        "maternity",
        "housing_fund",
    ]


@pytest.mark.parametrize(
    "document",
    [WAGE, TAX, FS, TaxPolicy.load_default("IIT_2019"), ContributionPolicy.load_default("SI-SZ_2025")],
    ids=lambda d: d.label,
)
def test_round_trip_through_json_is_lossless(document):
    assert type(document).from_dict(document.to_dict()) == document


def test_a_wage_standard_saved_before_the_probation_floor_existed_reads_as_80_percent():
    data = copy.deepcopy(WAGE.to_dict())
    del data["min_probation_rate"]
    assert WagePolicy.from_dict(data).min_probation_rate == D("0.80")


def _broken(document, path, value):
    data = copy.deepcopy(document.to_dict())
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "parameter", "message"),
    [
        (("overtime", "weekday"), "1.2", "overtime.weekday", "at least 1.5"),
        (("overtime", "rest_day"), "1.5", "overtime.rest_day", "at least 2"),
        (("overtime", "holiday"), "2", "overtime.holiday", "at least 3"),
        (("overtime", "night"), "2", "overtime.night", "unknown overtime kind"),
        (("overtime", "holiday"), 3.0, "overtime.holiday", "strings"),
        (("overtime",), None, "overtime", "missing section"),
        (("standard_paid_days",), "0", "standard_paid_days", "above zero"),
        (("standard_paid_days",), "32", "standard_paid_days", "at most 31"),
        (("hours_per_day",), KeyError, "hours_per_day", "missing"),
        (("meal_allowance_per_day",), "-15", "meal_allowance_per_day", "negative"),
        (("meal_allowance_per_day",), "fifteen", "meal_allowance_per_day", "not a number"),
        (("sick_leave_pay_rate",), "1.2", "sick_leave_pay_rate", "between 0 and 1"),
        (("min_probation_rate",), "0.70", "min_probation_rate", "劳动合同法"),
    ],
)
def test_an_invalid_wage_standard_names_the_path(path, value, parameter, message):
    with pytest.raises(IncentiveError) as err:
        WagePolicy.from_dict(_broken(WAGE, path, value))
    assert err.value.code == "policy.invalid"
    assert err.value.params["parameter"] == parameter
    assert message in err.value.message


@pytest.mark.parametrize(
    ("path", "value", "parameter", "message"),
    [
        (("annual_brackets", 2, "quick_deduction"), "16900", "annual_brackets[2].quick_deduction", "jumps at 144000"),
        (("annual_brackets", 1, "rate"), "0.02", "annual_brackets[1].rate", "rates increase"),
        (("annual_brackets", 3, "above"), "100000", "annual_brackets[3].above", "thresholds increase"),
        (("annual_brackets", 0, "above"), "100", "annual_brackets[0].above", "starts at 0"),
        (("annual_brackets", 0, "quick_deduction"), "10", "annual_brackets[0].quick_deduction", "no quick"),
        (("annual_brackets", 4, "rate"), "1.5", "annual_brackets[4].rate", "between 0 and 1"),
        (("annual_brackets",), [], "annual_brackets", "non-empty"),
        (("monthly_brackets", 1, "above"), "3500", "monthly_brackets[1].above", "÷ 12"),
        (("additional_caps", "pets"), "100", "additional_caps.pets", "unknown special additional deduction"),
        (("additional_caps", "housing_rent"), "-1", "additional_caps.housing_rent", "negative"),
        (("annual_bonus_separate_until",), "2027-13-01", "annual_bonus_separate_until", "YYYY-MM-DD"),
        (("basic_deduction_per_month",), 5000.0, "basic_deduction_per_month", "strings"),
    ],
)
def test_an_invalid_tax_policy_names_the_path(path, value, parameter, message):
    with pytest.raises(IncentiveError) as err:
        TaxPolicy.from_dict(_broken(TAX, path, value))
    assert err.value.code == "policy.invalid"
    assert err.value.params["parameter"] == parameter
    assert message in err.value.message


def test_a_consistent_new_tax_table_is_accepted_and_used():
    # a hypothetical reform: the 10 % bracket starts at 48,000 (4,000 a month); every quick deduction follows
    data = copy.deepcopy(TAX.to_dict())
    data["version"] = "2030"
    annual = [("0", "0"), ("48000", "3360"), ("144000", "17760"), ("300000", "32760"), ("420000", "53760"),
              ("660000", "86760"), ("960000", "182760")]  # fmt: skip
    monthly = [("0", "0"), ("4000", "280"), ("12000", "1480"), ("25000", "2730"), ("35000", "4480"),
               ("55000", "7230"), ("80000", "15230")]  # fmt: skip
    for table, rows in (("annual_brackets", annual), ("monthly_brackets", monthly)):
        for bracket, (above, quick) in zip(data[table], rows, strict=True):
            bracket.update(above=above, quick_deduction=quick)
    reform = TaxPolicy.from_dict(data)
    assert annual_bonus_tax(bonus=D("48000"), policy=reform).amount == D("-1440.00")  # ÷ 12 = 4,000: 3 %
    assert annual_bonus_tax(bonus=D("60000"), policy=reform).amount == D("-5720.00")  # 6,000 − 280
    # the old table's 10 % quick deduction would make the tax jump at the new threshold
    data["annual_brackets"][1]["quick_deduction"] = "2520"
    with pytest.raises(IncentiveError) as err:
        TaxPolicy.from_dict(data)
    assert err.value.params["parameter"] == "annual_brackets[1].quick_deduction"
    assert err.value.params["allowed"] == "3360.00"


@pytest.mark.parametrize(
    ("path", "value", "parameter", "message"),
    [
        (("items", 5, "employee_rate"), "0.15", "items[5].employee_rate", "between 0 and 0.12"),
        (("items", 5, "employer_rate"), "0.13", "items[5].employer_rate", "between 0 and 0.12"),
        (("items", 0, "employee_rate"), "1.1", "items[0].employee_rate", "between 0 and 1"),
        (("items", 0, "code"), "dental", "items[0].code", "unknown item"),
        (("items", 1, "code"), "pension", "items[1].code", "listed twice"),
        (("items", 0, "base_range"), ["5000", "4000"], "items[0].base_range", "above high"),
        (("items", 2), "pension", "items[2]", "expected {code"),
        (("items",), [], "items", "non-empty"),
        (("city_code",), "", "city_code", "missing"),
        (("document_no",), "SI-GZ", "document_no", "SI-FS"),
    ],
)
def test_an_invalid_city_names_the_path(path, value, parameter, message):
    with pytest.raises(IncentiveError) as err:
        ContributionPolicy.from_dict(_broken(FS, path, value))
    assert err.value.code == "policy.invalid"
    assert err.value.params["parameter"] == parameter
    assert message in err.value.message


@pytest.mark.parametrize("cls", [WagePolicy, TaxPolicy, ContributionPolicy])
def test_a_document_that_is_not_an_object_is_refused(cls):
    with pytest.raises(IncentiveError) as err:
        cls.from_dict(["not", "a", "document"])
    assert err.value.code == "policy.invalid"
