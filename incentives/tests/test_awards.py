from datetime import date
from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.awards import annual_award, completed_years, months_employed, seniority_award


@pytest.mark.parametrize(
    ("since", "on", "years"),
    [
        (date(2020, 3, 15), date(2023, 3, 14), 2),
        (date(2020, 3, 15), date(2023, 3, 15), 3),
        (date(2020, 2, 29), date(2021, 2, 28), 0),
        (date(2020, 2, 29), date(2021, 3, 1), 1),
        (date(2026, 5, 1), date(2026, 4, 30), 0),
    ],
)
def test_completed_years_count_anniversaries(since, on, years):
    assert completed_years(since=since, on=on) == years


@pytest.mark.parametrize(("years", "amount"), [(0, "0.00"), (1, "50.00"), (3, "150.00"), (6, "300.00"), (12, "300.00")])
def test_seniority_award_per_year_up_to_the_cap(policy, years, amount):
    assert seniority_award(
        service_years=years, unexcused_absence=False, safety_incident=False, policy=policy
    ).amount == D(amount)


@pytest.mark.parametrize(("absence", "incident"), [(True, False), (False, True), (True, True)])
def test_seniority_award_is_forfeited_and_says_why(policy, absence, incident):
    traced = seniority_award(service_years=5, unexcused_absence=absence, safety_incident=incident, policy=policy)
    assert traced.amount == D("0.00")
    assert "forfeited" in traced.steps[0].note


def test_months_employed_counts_months_in_post_at_month_end():
    assert months_employed(hire_date=date(2020, 1, 1), leaving_date=None, year=2026) == 12
    assert months_employed(hire_date=date(2026, 6, 20), leaving_date=None, year=2026) == 7  # June–December
    assert months_employed(hire_date=date(2020, 1, 1), leaving_date=date(2026, 9, 29), year=2026) == 8
    assert months_employed(hire_date=date(2027, 1, 1), leaving_date=None, year=2026) == 0


def test_annual_awards_are_pro_rata_and_forfeitable(policy):
    assert annual_award(kind="safety", months=12, disqualified=False, policy=policy).amount == D("1000.00")
    assert annual_award(kind="quality", months=7, disqualified=False, policy=policy).amount == D("583.33")
    assert annual_award(kind="safety", months=12, disqualified=True, policy=policy).amount == D("0.00")
    with pytest.raises(IncentiveError) as err:
        annual_award(kind="safety", months=13, disqualified=False, policy=policy)
    assert err.value.params["allowed"] == "0–12"


@pytest.mark.parametrize(
    ("years", "code"),
    [
        (D("3.5"), "seniority.years_not_whole"),
        (3.0, "money.float_refused"),
        (-1, "seniority.years_negative"),
        (True, "money.bad_type"),
    ],
)
def test_seniority_refuses_anything_but_whole_years(policy, years, code):
    with pytest.raises(IncentiveError) as err:
        seniority_award(service_years=years, unexcused_absence=False, safety_incident=False, policy=policy)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (
        code,
        "service_years",
        "awards.seniority",
    )


def test_seniority_accepts_a_whole_decimal(policy):
    traced = seniority_award(service_years=D("3"), unexcused_absence=False, safety_incident=False, policy=policy)
    assert traced.amount == D("150.00")


@pytest.mark.parametrize(
    ("months", "code"),
    [(D("6.5"), "annual.months_not_whole"), (6.5, "money.float_refused"), (-1, "annual.months_out_of_range")],
)
def test_annual_award_refuses_anything_but_whole_months(policy, months, code):
    with pytest.raises(IncentiveError) as err:
        annual_award(kind="quality", months=months, disqualified=False, policy=policy)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (
        code,
        "months",
        "awards.annual_quality",
    )


@pytest.mark.parametrize(("months", "amount"), [(1, "83.33"), (5, "416.67"), (7, "583.33"), (11, "916.67")])
def test_annual_award_is_the_exact_pro_rata_rounded_once(policy, months, amount):
    # 1,000 × m ÷ 12: 83.333…, 416.666…, 583.333…, 916.666…
    assert annual_award(kind="safety", months=months, disqualified=False, policy=policy).amount == D(amount)
