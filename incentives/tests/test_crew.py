from decimal import Decimal as D
from fractions import Fraction

import pytest

from incentives.errors import IncentiveError
from incentives.rules.crew import CrewMember, Inspection, crew_incentive, crew_pool, crew_split


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
        ({"members": [CrewMember(1, D(3), D(201))]}, "crew.pct_out_of_range", "pct"),
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


# x.xx5 cases worked out by hand: the exact pool ends in a half fen, so 四舍五入 rounds it up.
# The first two carry a non-terminating average that 28-digit Decimal used to round down.
X_XX5_POOLS = [
    pytest.param(
        # safety (86+84+85)/3 = 85, quality (82+87+81)/3 = 83⅓, communication (80+80+85)/3 = 81⅔,
        # rules (84+85+81)/3 = 83⅓ → total 1000/12 = 83⅓; pool = 83⅓ ÷ 100 × 5,564.52 × 0.15
        # = 5,564.52 × 0.125 = 695.565 → 695.57 (28-digit Decimal: 695.56)
        [(86, 82, 80, 84), (84, 87, 80, 85), (85, 81, 85, 81)],
        "5564.52",
        "0.15",
        "250/3",
        "695.57",
        id="three-inspectors-695.565",
    ),
    pytest.param(
        # safety 294/3 = 98, quality 214/3, communication 271/3, rules 262/3 → total 1041/12 = 86.75;
        # pool = 0.8675 × 3,150.00 × 0.20 = 546.525 → 546.53 (28-digit Decimal: 86.7499…98 → 546.52)
        [(95, 79, 93, 80), (99, 73, 89, 99), (100, 62, 89, 83)],
        "3150.00",
        "0.20",
        "347/4",
        "546.53",
        id="three-inspectors-546.525",
    ),
    pytest.param(
        # one inspector: total (90+85+80+95)/4 = 87.5; pool = 0.875 × 987.60 × 0.10 = 86.415 → 86.42
        [(90, 85, 80, 95)],
        "987.60",
        "0.10",
        "175/2",
        "86.42",
        id="one-inspector-86.415",
    ),
    pytest.param(
        # two inspectors: averages 90.5, 85.5, 80, 95 → total 351/4 = 87.75;
        # pool = 0.8775 × 1,000.60 × 0.10 = 87.80265 → 87.80 (not a tie: rounds down)
        [(91, 86, 80, 95), (90, 85, 80, 95)],
        "1000.60",
        "0.10",
        "351/4",
        "87.80",
        id="two-inspectors-not-a-tie",
    ),
]


@pytest.mark.parametrize(("rows", "project_total", "ratio", "score", "pool"), X_XX5_POOLS)
def test_crew_pool_is_the_exact_value_rounded_once(policy, rows, project_total, ratio, score, pool):
    result = crew_incentive(
        inspections=[Inspection(f"i{n}", scores(*row)) for n, row in enumerate(rows)],
        project_total=D(project_total),
        ratio=D(ratio),
        members=[CrewMember(1, D(1), D(100))],
        policy=policy,
    )
    assert result.total_score_exact == Fraction(score)
    assert result.pool.amount == D(pool)


def test_trace_shows_exact_intermediates_never_28_digit_noise(policy):
    result = crew_incentive(
        inspections=[
            Inspection("a", scores(95, 79, 93, 80)),
            Inspection("b", scores(99, 73, 89, 99)),
            Inspection("c", scores(100, 62, 89, 83)),
        ],
        project_total=D("3150.00"),
        ratio=D("0.20"),
        members=[CrewMember(1, D(1), D(100))],
        policy=policy,
    )
    score_step, pool_step = result.pool.as_dict()["steps"]
    assert score_step["result"] == "86.75"
    assert score_step["inputs"]["averages"]["quality"] == "≈71.333333"
    assert pool_step["inputs"]["total_score"] == "86.75"
    assert pool_step["inputs"]["exact"] == "546.525"
    assert pool_step["result"] == "546.53"
    assert "9999" not in result.pool.as_json()


def test_a_leader_coefficient_above_100_percent_is_allowed_up_to_the_policy_maximum(policy):
    # Leader 10 days × 120 %, member 10 days × 100 %: weights 12 : 10 of 1,100.00 → 600.00 / 500.00.
    shares = crew_split(
        pool=D("1100.00"), members=[CrewMember(1, D(10), D(120)), CrewMember(2, D(10), D(100))], policy=policy
    )
    assert (shares[1].amount, shares[2].amount) == (D("600.00"), D("500.00"))
    assert crew_split(pool=D("1.00"), members=[CrewMember(1, D(1), D(200))], policy=policy)[1].amount == D("1.00")
    with pytest.raises(IncentiveError) as err:
        crew_split(pool=D("1.00"), members=[CrewMember(1, D(1), D("200.01"))], policy=policy)
    assert err.value.params["allowed"] == "0–200"


def test_equal_remainders_go_to_the_lower_engineer_id(policy):
    # 333.48 over days 10, 10, 16 (all 100 %): exact 92.63⅓, 92.63⅓, 148.21⅓, one fen left → id 1.
    members = [CrewMember(3, D(10), D(100)), CrewMember(2, D(10), D(100)), CrewMember(1, D(16), D(100))]
    shares = crew_split(pool=D("333.48"), members=members, policy=policy)
    assert {k: t.amount for k, t in shares.items()} == {3: D("92.63"), 2: D("92.63"), 1: D("148.22")}


@pytest.mark.parametrize(
    ("kwargs", "code", "parameter"),
    [
        ({"total_score": D(150)}, "crew.score_out_of_range", "total_score"),
        ({"total_score": D(-5)}, "crew.score_out_of_range", "total_score"),
        ({"total_score": 87.5}, "money.float_refused", "total_score"),
        ({"project_total": D("-1.00")}, "crew.project_total_invalid", "project_total"),
        ({"project_total": D("1.001")}, "crew.project_total_invalid", "project_total"),
        ({"ratio": 0.15}, "money.float_refused", "ratio"),
    ],
)
def test_crew_pool_called_directly_refuses_impossible_input(policy, kwargs, code, parameter):
    args = {"total_score": D("87.5"), "project_total": D("12000.00"), "ratio": D("0.15"), **kwargs}
    with pytest.raises(IncentiveError) as err:
        crew_pool(policy=policy, **args)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (code, parameter, "crew.pool")


def test_crew_pool_never_returns_negative_zero(policy):
    assert str(crew_pool(total_score=D(0), project_total=D("100.00"), ratio=D("0.10"), policy=policy).amount) == "0.00"


@pytest.mark.parametrize(
    ("members", "pool", "code", "parameter"),
    [
        ([CrewMember(1, D(1), D(100)), CrewMember(1, D(2), D(100))], "10.00", "crew.duplicate_member", "members"),
        ([CrewMember(1, D(-1), D(100))], "10.00", "crew.days_negative", "days"),
        ([CrewMember(1, 1.5, D(100))], "10.00", "money.float_refused", "days"),
        ([CrewMember(1, D(1), 100.0)], "10.00", "money.float_refused", "pct"),
        ([CrewMember(1, D(1), D(100))], "-10.00", "crew.pool_invalid", "pool"),
    ],
)
def test_crew_split_refuses_impossible_input(policy, members, pool, code, parameter):
    with pytest.raises(IncentiveError) as err:
        crew_split(pool=D(pool), members=members, policy=policy)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (code, parameter, "crew.share")
