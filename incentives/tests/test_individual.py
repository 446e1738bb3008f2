from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.individual import Candidate, eligibility, individual_incentive, paid_training

BASE = {
    "inside_assessment": True,
    "probation_passed": True,
    "has_special_skill": False,
    "service_years": 1,
    "rated_excellent": True,
}


@pytest.mark.parametrize(
    ("changes", "reasons"),
    [
        ({"has_special_skill": True}, ()),
        ({"service_years": 3}, ()),
        ({"service_years": 2}, ("no_special_skill_or_service_years",)),
        ({"has_special_skill": True, "rated_excellent": False}, ("not_rated_excellent",)),
        ({"is_crew_leader": True, "rated_excellent": False}, ()),
        ({"has_special_skill": True, "probation_passed": False}, ("probation_not_passed",)),
        ({"is_crew_leader": True, "inside_assessment": False}, ("outside_assessment",)),
    ],
)
def test_eligibility_and_its_reasons(policy, changes, reasons):
    result = eligibility(Candidate(**{**BASE, **changes}), policy)
    assert result.reasons == reasons
    assert result.eligible is (reasons == ())


def test_worked_example_trims_480_to_380_by_the_cap(policy):
    # DOMAIN.md: 12,000.00 × 4 % = 480.00, but 120.00 already this month → 380.00.
    ok = eligibility(Candidate(**{**BASE, "has_special_skill": True}), policy)
    traced = individual_incentive(
        project_total=D("12000.00"), rate=D("0.04"), already_awarded=D("120.00"), eligible=ok, policy=policy
    )
    assert traced.amount == D("380.00")
    steps = traced.as_dict()["steps"]
    assert steps[0]["result"] == "480.00"
    assert "trimmed to 380.00" in steps[1]["note"]
    assert traced.policy_version == "FS-MS-KF-13 A/2"


def test_untrimmed_award_has_no_note(policy):
    ok = eligibility(Candidate(**{**BASE, "has_special_skill": True}), policy)
    traced = individual_incentive(
        project_total=D("3333.33"), rate=D("0.03"), already_awarded=D("0"), eligible=ok, policy=policy
    )
    assert traced.amount == D("100.00")  # 99.9999 → 100.00
    assert traced.steps[1].note == ""


@pytest.mark.parametrize("rate", [D("0.06"), D("0.029"), D("-0.04")])
def test_rate_outside_bounds_is_refused_with_the_range(policy, rate):
    ok = eligibility(Candidate(**{**BASE, "has_special_skill": True}), policy)
    with pytest.raises(IncentiveError) as err:
        individual_incentive(project_total=D("1000"), rate=rate, already_awarded=D("0"), eligible=ok, policy=policy)
    assert err.value.code == "individual.rate_out_of_range"
    assert err.value.params["allowed"] == "0.03–0.05"


def test_not_eligible_is_refused_with_the_reasons(policy):
    not_ok = eligibility(Candidate(**BASE), policy)
    with pytest.raises(IncentiveError) as err:
        individual_incentive(
            project_total=D("1000"), rate=D("0.04"), already_awarded=D("0"), eligible=not_ok, policy=policy
        )
    assert err.value.params["reasons"] == ["no_special_skill_or_service_years"]


def test_cap_already_reached_awards_zero(policy):
    ok = eligibility(Candidate(**{**BASE, "has_special_skill": True}), policy)
    traced = individual_incentive(
        project_total=D("9000"), rate=D("0.05"), already_awarded=D("500.00"), eligible=ok, policy=policy
    )
    assert traced.amount == D("0.00")


def test_paid_training_is_days_times_day_rate(policy):
    assert paid_training(days=D("2.5"), policy=policy).amount == D("150.00")
    for bad in (D("0"), D("0.3"), D("31")):
        with pytest.raises(IncentiveError) as err:
            paid_training(days=bad, policy=policy)
        assert err.value.code == "training.days_out_of_range"


@pytest.mark.parametrize(
    ("kwargs", "code", "parameter"),
    [
        ({"project_total": 1000.0}, "money.float_refused", "project_total"),
        ({"project_total": D("-1.00")}, "individual.total_negative", "project_total"),
        ({"rate": 0.04}, "money.float_refused", "rate"),
        ({"already_awarded": 10.0}, "money.float_refused", "already_awarded"),
    ],
)
def test_individual_incentive_refuses_floats_and_negative_totals(policy, kwargs, code, parameter):
    ok = eligibility(Candidate(**{**BASE, "has_special_skill": True}), policy)
    args = {"project_total": D("1000.00"), "rate": D("0.04"), "already_awarded": D("0"), **kwargs}
    with pytest.raises(IncentiveError) as err:
        individual_incentive(eligible=ok, policy=policy, **args)
    assert (err.value.code, err.value.params["parameter"]) == (code, parameter)
    assert err.value.params["rule"] in ("individual.amount", "individual.cap")


def test_candidate_service_years_must_be_whole(policy):
    with pytest.raises(IncentiveError) as err:
        Candidate(**{**BASE, "service_years": D("2.5")})
    assert (err.value.code, err.value.params["rule"]) == ("individual.years_not_whole", "individual.eligibility")


def test_paid_training_refuses_a_float(policy):
    with pytest.raises(IncentiveError) as err:
        paid_training(days=2.5, policy=policy)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (
        "money.float_refused",
        "days",
        "training.pay",
    )
