from decimal import Decimal as D

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
