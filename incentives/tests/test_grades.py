from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.grades import GradeFacts, grade_eligibility


@pytest.mark.parametrize(
    ("facts", "grade", "reasons"),
    [
        (GradeFacts(20, 0, 6, D("85")), "junior", ()),
        (GradeFacts(19, 0, 6, D("85")), "junior", ("site_services",)),
        (GradeFacts(20, 0, 5, D("84.99")), "junior", ("tenure", "csat")),
        (GradeFacts(20, 0, 6, None), "junior", ("csat",)),
        (GradeFacts(50, 0, 12, D("90"), has_documents=True), "intermediate", ()),
        (GradeFacts(50, 0, 12, D("90")), "intermediate", ("documents",)),
        (GradeFacts(60, 4, 30, D("90"), has_documents=True), "senior", ("large_projects",)),
        (GradeFacts(60, 5, 36, D("90"), has_documents=True), "principal", ("key_accounts",)),
        (GradeFacts(60, 5, 36, D("90"), True, True), "principal", ()),
    ],
)
def test_grade_requirements_from_seed_003(policy, facts, grade, reasons):
    check = grade_eligibility(facts=facts, grade=grade, policy=policy)
    assert check.reasons == reasons and check.eligible is (reasons == ())


def test_evidence_shows_actual_against_required(policy):
    check = grade_eligibility(facts=GradeFacts(12, 0, 8, D("91.5")), grade="junior", policy=policy)
    assert check.evidence["site_services"] == [12, 20] and check.evidence["csat_average"] == ["91.5", "85"]


def test_unknown_grade_is_an_error(policy):
    with pytest.raises(IncentiveError) as err:
        grade_eligibility(facts=GradeFacts(1, 0, 1, None), grade="master", policy=policy)
    assert err.value.code == "grade.unknown"


@pytest.mark.parametrize(
    ("kwargs", "code", "parameter"),
    [
        ({"tenure_months": D("6.5")}, "grade.count_not_whole", "tenure_months"),
        ({"site_services": -1}, "grade.count_negative", "site_services"),
        ({"csat_average": 85.0}, "money.float_refused", "csat_average"),
    ],
)
def test_grade_facts_refuse_impossible_input(kwargs, code, parameter):
    with pytest.raises(IncentiveError) as err:
        GradeFacts(**{"site_services": 20, "large_projects": 0, "tenure_months": 6, "csat_average": D(90), **kwargs})
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (
        code,
        parameter,
        "grades.eligibility",
    )
