"""Quarterly and year-end bonus (KF-BONUS A/0): the numbers below are worked by hand, no database."""

from decimal import Decimal as D

import pytest

from incentives.bonus_policy import BonusPolicy
from incentives.errors import ErrorCode, IncentiveError
from incentives.rules.period_bonus import MonthScore, adjusted_amount, period_result

POLICY = BonusPolicy.load_default()


def months(*scores, start=1):
    return [MonthScore(start + n, D(s), 100 + n) for n, s in enumerate(scores)]


def test_quarter_mean_band_a_pays_the_band_amount():
    # (92 + 88 + 95) ÷ 3 = 91.666… → 91.67 ≥ 90 → A → 1,500.00
    result = period_result(
        kind="quarter", scores=months("92", "88", "95", start=7), inside_assessment=True, policy=POLICY
    )
    assert (result.mean, result.band, result.eligible, result.traced.amount) == (D("91.67"), "A", True, D("1500.00"))
    assert result.traced.policy_version == "KF-BONUS A/0"
    mean_step = result.traced.as_dict()["steps"][0]
    assert mean_step["inputs"]["months"] == {"7": "92", "8": "88", "9": "95"}
    assert mean_step["inputs"]["scorecards"] == [100, 101, 102]


def test_the_band_is_read_on_the_mean_the_summary_shows():
    # (89.99 + 90 + 90) ÷ 3 = 89.99666… → 90.00 as the summary prints it → A, not B
    result = period_result(kind="quarter", scores=months("89.99", "90", "90"), inside_assessment=True, policy=POLICY)
    assert (result.mean, result.band, result.traced.amount) == (D("90.00"), "A", D("1500.00"))


def test_two_months_are_enough_for_a_quarter_one_is_not():
    # (85 + 80) ÷ 2 = 82.50 → B → 800.00
    two = period_result(kind="quarter", scores=months("85", "80"), inside_assessment=True, policy=POLICY)
    assert (two.mean, two.band, two.traced.amount) == (D("82.50"), "B", D("800.00"))
    one = period_result(kind="quarter", scores=months("99"), inside_assessment=True, policy=POLICY)
    assert (one.eligible, one.reason, one.traced.amount) == (False, "too_few_months", D("0.00"))
    assert one.mean == D("99.00")


def test_outside_assessment_earns_nothing_but_keeps_the_result():
    result = period_result(kind="quarter", scores=months("95", "95", "95"), inside_assessment=False, policy=POLICY)
    assert (result.mean, result.band, result.eligible, result.reason) == (D("95.00"), "A", False, "outside_assessment")
    assert result.traced.amount == D("0.00")


def test_band_c_earns_a_year_end_bonus_but_no_quarterly_one():
    # nine months of 70 → 70.00 → C: year 1,000.00, quarter 0.00
    year = period_result(kind="year", scores=months(*["70"] * 9), inside_assessment=True, policy=POLICY)
    assert (year.band, year.traced.amount, year.eligible) == ("C", D("1000.00"), True)
    quarter = period_result(kind="quarter", scores=months("70", "70", "70"), inside_assessment=True, policy=POLICY)
    assert (quarter.band, quarter.traced.amount, quarter.reason) == ("C", D("0.00"), "band_pays_nothing")
    # eight months are too few for a year (A/0 needs nine)
    short = period_result(kind="year", scores=months(*["95"] * 8), inside_assessment=True, policy=POLICY)
    assert (short.reason, short.traced.amount) == ("too_few_months", D("0.00"))


def test_year_mean_of_twelve_months():
    # 6 × 92 + 6 × 86 = 1,068 ÷ 12 = 89.00 → B → 3,000.00
    result = period_result(kind="year", scores=months(*["92"] * 6, *["86"] * 6), inside_assessment=True, policy=POLICY)
    assert (result.mean, result.band, result.traced.amount) == (D("89.00"), "B", D("3000.00"))


def test_the_manager_may_move_the_amount_within_the_rates_with_a_note():
    standard = period_result(kind="quarter", scores=months("85", "85", "85"), inside_assessment=True, policy=POLICY)
    # B 800.00 × 80 % = 640.00 … × 120 % = 960.00
    moved = adjusted_amount(standard=standard.traced, kind="quarter", amount=D("960"), note="带新人", policy=POLICY)
    assert moved.amount == D("960.00")
    assert moved.as_dict()["steps"][-1]["note"] == "带新人"
    assert adjusted_amount(standard=standard.traced, kind="quarter", amount=D("800.00"), note="", policy=POLICY) is (
        standard.traced
    )
    with pytest.raises(IncentiveError) as high:
        adjusted_amount(standard=standard.traced, kind="quarter", amount=D("960.01"), note="x", policy=POLICY)
    assert high.value.code == ErrorCode.PERIOD_BONUS_AMOUNT_OUT_OF_RANGE
    assert (high.value.params["low"], high.value.params["high"]) == ("640.00", "960.00")
    with pytest.raises(IncentiveError) as low:
        adjusted_amount(standard=standard.traced, kind="quarter", amount=D("639.99"), note="x", policy=POLICY)
    assert low.value.code == ErrorCode.PERIOD_BONUS_AMOUNT_OUT_OF_RANGE
    with pytest.raises(IncentiveError) as silent:
        adjusted_amount(standard=standard.traced, kind="quarter", amount=D("700"), note=" ", policy=POLICY)
    assert silent.value.code == ErrorCode.PERIOD_BONUS_NOTE_REQUIRED


def test_an_ineligible_engineer_cannot_be_given_money():
    none = period_result(kind="quarter", scores=months("95"), inside_assessment=True, policy=POLICY)
    with pytest.raises(IncentiveError) as exc:
        adjusted_amount(standard=none.traced, kind="quarter", amount=D("100"), note="x", policy=POLICY)
    assert exc.value.params["high"] == "0.00"


def test_scores_outside_0_100_are_refused():
    with pytest.raises(IncentiveError) as exc:
        period_result(kind="quarter", scores=months("101", "90"), inside_assessment=True, policy=POLICY)
    assert exc.value.code == ErrorCode.PERIOD_BONUS_SCORE_OUT_OF_RANGE


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["bands"].reverse(), "bands[1].min_score"),
        (lambda d: d["bands"][0].update(quarter_amount=1500.0), "bands[0].quarter_amount"),
        (lambda d: d["bands"][3].update(min_score="10"), "bands"),
        (lambda d: d.update(quarter_min_months=4), "quarter_min_months"),
        (lambda d: d.update(highest_rate="0.9"), "highest_rate"),
        (lambda d: d["bands"][1].update(band="A"), "bands[1].band"),
    ],
)
def test_a_bad_document_names_the_bad_path(change, path):
    data = POLICY.to_dict()
    change(data)
    with pytest.raises(IncentiveError) as exc:
        BonusPolicy.from_dict(data)
    assert exc.value.code == ErrorCode.POLICY_INVALID
    assert exc.value.params["parameter"] == path


def test_the_document_round_trips():
    assert BonusPolicy.from_dict(POLICY.to_dict()) == POLICY
