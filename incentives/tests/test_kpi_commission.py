import json
from decimal import Decimal as D
from fractions import Fraction

import pytest

from incentives.errors import IncentiveError
from incentives.rules.commission import tiered_commission
from incentives.rules.kpi import performance_pay, scorecard

ALL_DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


def flat(value):
    return {d: D(value) for d in ALL_DIMS}


def test_full_360_scorecard(policy):
    result = scorecard(
        scores={"self": flat(95), "peer": flat(85), "customer": flat(90), "supervisor": flat(80)}, policy=policy
    )
    # 0.1 × 95 + 0.2 × 85 + 0.3 × 90 + 0.4 × 80 = 85.5 → B
    assert (result.score, result.band.code, result.reweighted) == (D("85.50"), "B", ())


def test_missing_source_is_reweighted_and_said(policy):
    result = scorecard(scores={"self": flat(100), "supervisor": flat(80)}, policy=policy)
    # (0.1 × 100 + 0.4 × 80) ÷ 0.5 = 84.00
    assert result.score == D("84.00")
    assert set(result.reweighted) == {"peer", "customer"}
    assert "re-weighted without: peer, customer" in result.steps[-1].note


def test_missing_dimension_within_a_source_is_reweighted(policy):
    # The customer only rates the customer dimension.
    result = scorecard(scores={"customer": {"customer": D(70)}, "supervisor": flat(90)}, policy=policy)
    assert result.source_scores["customer"] == D(70)
    assert result.score == D("81.43")  # (0.3 × 70 + 0.4 × 90) ÷ 0.7 = 81.428…


@pytest.mark.parametrize(
    ("value", "band", "coefficient"),
    [
        ("100", "A", "1.2"),
        ("90", "A", "1.2"),
        ("89.99", "B", "1.0"),
        ("80", "B", "1.0"),
        ("60", "C", "0.8"),
        ("59.99", "D", "0.5"),
        ("0", "D", "0.5"),
    ],
)
def test_band_boundaries(policy, value, band, coefficient):
    result = scorecard(scores={"supervisor": flat(value)}, policy=policy)
    assert (result.band.code, result.band.coefficient) == (band, D(coefficient))


def test_score_is_rounded_before_the_band_is_read(policy):
    # 89.995 shows as 90.00, so it is an A.
    result = scorecard(scores={"supervisor": {"attitude": D("89.995")}}, policy=policy)
    assert (result.score, result.band.code) == (D("90.00"), "A")


def test_performance_pay_is_base_times_coefficient(policy):
    result = scorecard(scores={"supervisor": flat(92)}, policy=policy)
    traced = performance_pay(result=result, base=D("1200.00"), policy=policy)
    assert traced.amount == D("1440.00")
    assert traced.steps[-1].rule == "kpi.performance_pay"


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        ({}, "kpi.no_scores"),
        ({"supervisor": {"skill": D(105)}}, "kpi.score_out_of_range"),
        ({"boss": flat(90)}, "kpi.unknown_source"),
    ],
)
def test_bad_scorecards_are_refused(policy, scores, code):
    with pytest.raises(IncentiveError) as err:
        scorecard(scores=scores, policy=policy)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("volume", "commission", "base"),
    [
        ("9999.99", "0.00", "3200.00"),
        ("10000", "50.00", "3200.00"),
        ("79999.99", "400.00", "3200.00"),
        ("80000", "800.00", "3500.00"),
        ("149999.99", "1500.00", "3500.00"),
        ("150000", "3000.00", "3800.00"),
    ],
)
def test_commission_tiers_have_inclusive_lower_bounds(policy, volume, commission, base):
    result = tiered_commission(volume=D(volume), policy=policy)
    assert (result.commission.amount, result.base) == (D(commission), D(base))


def test_negative_volume_is_refused(policy):
    with pytest.raises(IncentiveError) as err:
        tiered_commission(volume=D("-1"), policy=policy)
    assert err.value.code == "commission.volume_negative"


# x.xx5 month scores worked out by hand. Weights: dimensions customer 0.25, cost 0.10;
# sources self 0.10, customer 0.30, supervisor 0.40 (peer missing → ÷ 0.80).
X_XX5_SCORES = [
    pytest.param(
        # self (0.25 × 79.00 + 0.10 × 83.14) ÷ 0.35 = 561.28/7 = 80.182857…;
        # supervisor (0.25 × 80.01 + 0.10 × 79.78) ÷ 0.35 = 559.61/7 = 79.944285…; customer 80;
        # month = (0.1 × 561.28/7 + 0.4 × 559.61/7 + 0.3 × 80) ÷ 0.8 = (39.996 + 24) ÷ 0.8 = 79.995
        # → 80.00, band B (28-digit Decimal: 79.99499…, shown 79.99, band C: 200 yuan less on a 1,000 base)
        {"self": ("79.00", "83.14"), "supervisor": ("80.01", "79.78"), "customer": "80"},
        "79.995",
        "80.00",
        "B",
        "1000.00",
        id="79.995-is-band-B",
    ),
    pytest.param(
        # self (0.25 × 91 + 0.10 × 81) ÷ 0.35 = 617/7; supervisor (0.25 × 81 + 0.10 × 80) ÷ 0.35 = 565/7;
        # customer 92; month = (0.1 × 617/7 + 0.4 × 565/7 + 0.3 × 92) ÷ 0.8 = (41.1 + 27.6) ÷ 0.8 = 85.875 → 85.88
        {"self": ("91", "81"), "supervisor": ("81", "80"), "customer": "92"},
        "85.875",
        "85.88",
        "B",
        "1000.00",
        id="85.875-rounds-up",
    ),
    pytest.param(
        # a non-terminating score: self (0.25 × 89.99 + 0.1 × 90) ÷ 0.35 = 12599/140 = 89.992857…;
        # supervisor and customer 90 → (0.1 × 12599/140 + 0.7 × 90) ÷ 0.8 = 100799/1120 = 89.999107… → 90.00, A
        {"self": ("89.99", "90.00"), "supervisor": ("90", "90"), "customer": "90"},
        "100799/1120",
        "90.00",
        "A",
        "1200.00",
        id="89.9991-is-band-A",
    ),
]


@pytest.mark.parametrize(("rows", "exact", "shown", "band", "pay"), X_XX5_SCORES)
def test_kpi_score_is_the_exact_value_rounded_once_and_the_shown_score_decides_the_band(
    policy, rows, exact, shown, band, pay
):
    scores = {
        "self": {"customer": D(rows["self"][0]), "cost": D(rows["self"][1])},
        "supervisor": {"customer": D(rows["supervisor"][0]), "cost": D(rows["supervisor"][1])},
        "customer": {"customer": D(rows["customer"])},
    }
    result = scorecard(scores=scores, policy=policy)
    assert result.score_exact == Fraction(exact)
    assert (result.score, result.band.code) == (D(shown), band)
    assert performance_pay(result=result, base=D("1000.00"), policy=policy).amount == D(pay)
    assert "9999999" not in json.dumps([s.as_dict() for s in result.steps], ensure_ascii=False)


@pytest.mark.parametrize(
    ("kwargs", "code", "parameter"),
    [
        ({"scores": {"supervisor": {"skill": 90.0}}}, "money.float_refused", "supervisor.skill"),
        ({"scores": {"supervisor": {"skill": D(-5)}}}, "kpi.score_out_of_range", "supervisor.skill"),
    ],
)
def test_bad_scores_name_field_and_rule(policy, kwargs, code, parameter):
    with pytest.raises(IncentiveError) as err:
        scorecard(policy=policy, **kwargs)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (code, parameter, "kpi.source")


def test_performance_pay_refuses_a_float_or_negative_base(policy):
    result = scorecard(scores={"supervisor": flat(92)}, policy=policy)
    for base, code in ((1200.0, "money.float_refused"), (D("-1"), "kpi.base_negative")):
        with pytest.raises(IncentiveError) as err:
            performance_pay(result=result, base=base, policy=policy)
        assert (err.value.code, err.value.params["rule"]) == (code, "kpi.performance_pay")


def test_commission_refuses_a_float_volume(policy):
    with pytest.raises(IncentiveError) as err:
        tiered_commission(volume=80000.0, policy=policy)
    assert (err.value.code, err.value.params["rule"]) == ("money.float_refused", "commission.tiered")


def test_missing_performance_pay_is_zero_with_the_reason_in_its_trace(policy):
    from incentives.rules.kpi import performance_pay_missing

    traced = performance_pay_missing(why="not_submitted", policy=policy)
    assert traced.amount == D("0.00") and traced.policy_version == policy.label
    assert traced.steps[0].formula_zh == "本月考核未提交,绩效工资未计入"
    with pytest.raises(IncentiveError) as excinfo:
        performance_pay_missing(why="forgot", policy=policy)
    assert excinfo.value.code == "kpi.unknown_missing_reason"
