from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.piece_rate import Participant, PieceLine, piece_rate_shares, piece_rate_total


def test_total_rounds_each_line_then_adds():
    traced = piece_rate_total(
        lines=[PieceLine("AZ-101", D("2"), D("120.00")), PieceLine("AZ-105", D("12.5"), D("6.55"))],
        policy_version="2026-A",
    )
    # 12.5 × 6.55 = 81.875 → 81.88 (half up); 240.00 + 81.88
    assert traced.amount == D("321.88")
    step = traced.as_dict()["steps"][0]
    assert step["rule"] == "piece_rate.total"
    assert step["inputs"]["lines"][1]["amount"] == "81.88"
    assert traced.as_dict()["policy_version"] == "2026-A"


def test_shares_by_days_add_up_to_the_total():
    shares = piece_rate_shares(
        total=D("100.00"), participants=[Participant(1, D("1")), Participant(2, D("1")), Participant(3, D("1"))]
    )
    assert [shares[k].amount for k in (1, 2, 3)] == [D("33.34"), D("33.33"), D("33.33")]


def test_crews_own_percentages_replace_days():
    shares = piece_rate_shares(
        total=D("300.00"), participants=[Participant(1, D("5"), D("70")), Participant(2, D("1"), D("30"))]
    )
    assert shares[1].amount == D("210.00")
    assert shares[2].amount == D("90.00")


@pytest.mark.parametrize(
    ("participants", "code"),
    [
        ([], "piece_rate.no_participants"),
        ([Participant(1, D("0")), Participant(2, D("0"))], "piece_rate.no_days"),
        ([Participant(1, D("1"), D("60")), Participant(2, D("1"), D("30"))], "piece_rate.pct_sum"),
        ([Participant(1, D("1"), D("60")), Participant(2, D("1"))], "piece_rate.mixed_split"),
    ],
)
def test_impossible_splits_are_refused_with_a_code(participants, code):
    with pytest.raises(IncentiveError) as err:
        piece_rate_shares(total=D("10.00"), participants=participants)
    assert err.value.code == code


def test_bad_line_and_participant_inputs_name_the_parameter():
    with pytest.raises(IncentiveError) as err:
        PieceLine("AZ-101", D("0"), D("1.00"))
    assert err.value.params["parameter"] == "quantity"
    with pytest.raises(IncentiveError) as err:
        Participant(1, D("1"), D("120"))
    assert err.value.params == {"parameter": "split_pct", "allowed": "0–100", "value": "120"}
