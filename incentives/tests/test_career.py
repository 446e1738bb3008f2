"""Promotion eligibility (KF-CAREER): each requirement refused on its own, the document validated by path."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from incentives.career_policy import CareerPolicy
from incentives.errors import IncentiveError
from incentives.rules.career import CareerFacts, promotion_eligibility

POLICY = CareerPolicy.load_default()
GOOD = CareerFacts(
    rank="junior_engineer",
    months_at_rank=12,
    probation_passed=True,
    kpi_months=3,
    kpi_mean=D("80"),
    technical_grade="junior",
    csat_average=D("85"),
    work_orders=20,
    certificates=1,
    panel_score=D("70"),
)


def test_exactly_at_every_minimum_is_eligible():
    check = promotion_eligibility(facts=GOOD, target="manager_assistant", policy=POLICY)
    assert check.eligible and check.reasons == () and check.policy_version == "KF-CAREER A/0"
    assert check.evidence["kpi_mean"] == ["80", "80"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"months_at_rank": 11}, "months_at_rank"),
        ({"probation_passed": False}, "probation"),
        ({"kpi_months": 2}, "kpi_months"),
        ({"kpi_mean": D("79.99")}, "kpi_mean"),
        ({"kpi_mean": None, "kpi_months": 3}, "kpi_mean"),
        ({"technical_grade": ""}, "technical_grade"),
        ({"csat_average": D("84.99")}, "csat"),
        ({"csat_average": None}, "csat"),
        ({"work_orders": 19}, "work_orders"),
        ({"certificates": 0}, "certificates"),
        ({"panel_score": D("69.99")}, "panel_score"),
        ({"panel_score": None}, "panel_score"),
        ({"rank": "assistant"}, "not_next_rung"),
    ],
)
def test_each_requirement_short_by_a_hair_is_the_one_reason(change, reason):
    check = promotion_eligibility(facts=replace(GOOD, **change), target="manager_assistant", policy=POLICY)
    assert not check.eligible and check.reasons == (reason,)


def test_a_higher_grade_meets_a_lower_minimum():
    assert promotion_eligibility(
        facts=replace(GOOD, technical_grade="principal"), target="manager_assistant", policy=POLICY
    ).eligible


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        ("window_months", 0, "window_months"),
        ("min_scored_months", 7, "min_scored_months"),
        ("rungs.1.min_kpi_mean", "101", "rungs[1].min_kpi_mean"),
        ("rungs.2.min_technical_grade", "expert", "rungs[2].min_technical_grade"),
        ("rungs.1.post_wage", "-1", "rungs[1].post_wage"),
        ("rungs.1.min_kpi_mean", 75.0, "rungs[1].min_kpi_mean"),
    ],
)
def test_a_bad_document_names_the_path(path, value, where):
    data = POLICY.to_dict()
    keys = path.split(".")
    target = data
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    target[keys[-1]] = value
    with pytest.raises(IncentiveError) as exc:
        CareerPolicy.from_dict(data)
    assert exc.value.params["parameter"] == where


def test_every_rank_needs_a_rung_and_round_trips():
    data = POLICY.to_dict()
    assert CareerPolicy.from_dict(data) == POLICY
    data["rungs"] = data["rungs"][:-1]
    with pytest.raises(IncentiveError):
        CareerPolicy.from_dict(data)


def test_facts_refuse_nonsense():
    with pytest.raises(IncentiveError):
        replace(GOOD, kpi_mean=D("101"))
    with pytest.raises(IncentiveError):
        replace(GOOD, rank="chairman")
