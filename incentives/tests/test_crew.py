from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.crew import CrewMember, Inspection, crew_incentive, crew_split


def scores(safety, quality, communication, rules):
    return {"safety": D(safety), "quality": D(quality), "communication": D(communication), "rules": D(rules)}


WORKED_CREW = [CrewMember(1, D(10), D(100)), CrewMember(2, D(8), D(100)), CrewMember(3, D(6), D(80))]


def test_worked_example_to_the_fen(policy):
    result = crew_incentive(
        inspections=[Inspection("质安员", scores(90, 85, 80, 95))],
        project_total=D("12000.00"),
        ratio=D("0.15"),
        members=WORKED_CREW,
        policy=policy,
    )
    assert result.total_score == D("87.5")
    assert result.pool.amount == D("1575.00")
    assert [result.shares[k].amount for k in (1, 2, 3)] == [D("690.79"), D("552.63"), D("331.58")]
    assert [s["rule"] for s in result.pool.as_dict()["steps"]] == ["crew.total_score", "crew.pool"]


def test_several_inspectors_are_averaged_per_category(policy):
    result = crew_incentive(
        inspections=[
            Inspection("质安员", scores(90, 80, 80, 90)),
            Inspection("工程主管", scores(80, 90, 70, 100)),
            Inspection("质检员", scores(85, 85, 90, 95)),
        ],
        project_total=D("10000.00"),
        ratio=D("0.10"),
        members=[CrewMember(1, D(1), D(100))],
        policy=policy,
    )
    assert result.category_averages == {"safety": D(85), "quality": D(85), "communication": D(80), "rules": D(95)}
    assert result.total_score == D("86.25")
    assert result.pool.amount == D("862.50")


def test_scores_that_do_not_divide_evenly_are_kept_exact_until_the_money(policy):
    result = crew_incentive(
        inspections=[
            Inspection("a", scores(90, 90, 90, 90)),
            Inspection("b", scores(91, 90, 90, 90)),
            Inspection("c", scores(91, 90, 90, 90)),
        ],
        project_total=D("10000.00"),
        ratio=D("0.20"),
        members=[CrewMember(1, D(1), D(100))],
        policy=policy,
    )
    # safety average 90.666…; total 90.1666…; pool = 0.901666… × 10000 × 0.2 = 1803.333… → 1803.33
    assert result.pool.amount == D("1803.33")


@pytest.mark.parametrize(
    ("kwargs", "code", "parameter"),
    [
        ({"ratio": D("0.25")}, "crew.ratio_out_of_range", "ratio"),
        ({"inspections": [Inspection("x", scores(101, 80, 80, 80))]}, "crew.score_out_of_range", "scores.safety"),
        ({"inspections": []}, "crew.no_inspections", "inspections"),
        ({"members": []}, "crew.empty", "members"),
        ({"members": [CrewMember(1, D(0), D(100)), CrewMember(2, D(3), D(0))]}, "crew.zero_weight", "members"),
        ({"members": [CrewMember(1, D(3), D(120))]}, "crew.pct_out_of_range", "pct"),
    ],
)
def test_bad_inputs_raise_a_coded_error_naming_the_parameter(policy, kwargs, code, parameter):
    args = {
        "inspections": [Inspection("质安员", scores(90, 85, 80, 95))],
        "project_total": D("12000.00"),
        "ratio": D("0.15"),
        "members": WORKED_CREW,
        "policy": policy,
        **kwargs,
    }
    with pytest.raises(IncentiveError) as err:
        crew_incentive(**args)
    assert err.value.code == code
    assert err.value.params["parameter"] == parameter


def test_a_member_at_zero_percent_gets_nothing(policy):
    shares = crew_split(
        pool=D("100.00"), members=[CrewMember(1, D(5), D(0)), CrewMember(2, D(5), D(100))], policy=policy
    )
    assert (shares[1].amount, shares[2].amount) == (D("0.00"), D("100.00"))
