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
    assert "rounded half up to the fen per line" in step["formula_en"]
    assert "每行四舍五入到分" in step["formula_zh"]
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
    assert err.value.params == {
        "parameter": "split_pct",
        "rule": "piece_rate.share",
        "allowed": "0–100",
        "value": "120",
    }


def test_per_line_rounding_is_kept_even_where_one_rounding_would_differ():
    # 3 × 0.335 = 1.005 → 1.01 per line, twice = 2.02; one rounding of 2.01 would give 2.01.
    # The settlement sheet prints 1.01 twice, so the total it prints is 2.02.
    lines = [PieceLine("A", D("3"), D("0.335")), PieceLine("B", D("3"), D("0.335"))]
    assert piece_rate_total(lines=lines).amount == D("2.02")


@pytest.mark.parametrize(
    ("total", "participants", "code", "parameter"),
    [
        ("-100.00", [Participant(1, D("1")), Participant(2, D("2"))], "piece_rate.total_invalid", "total"),
        ("100.005", [Participant(1, D("1")), Participant(2, D("2"))], "piece_rate.total_invalid", "total"),
        (
            "100.00",
            [Participant(1, D("1")), Participant(1, D("2"))],
            "piece_rate.duplicate_participant",
            "participants",
        ),
        (100.0, [Participant(1, D("1"))], "money.float_refused", "total"),
    ],
)
def test_no_money_from_bad_split_input(total, participants, code, parameter):
    with pytest.raises(IncentiveError) as err:
        piece_rate_shares(total=D(total) if isinstance(total, str) else total, participants=participants)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (
        code,
        parameter,
        "piece_rate.share",
    )


@pytest.mark.parametrize(
    ("build", "parameter", "rule"),
    [
        (lambda: PieceLine("A", 2.0, D("1.00")), "quantity", "piece_rate.total"),
        (lambda: PieceLine("A", D("2"), 1.5), "unit_rate", "piece_rate.total"),
        (lambda: Participant(1, 1.5), "days", "piece_rate.share"),
        (lambda: Participant(1, D("1"), 50.0), "split_pct", "piece_rate.share"),
    ],
)
def test_a_float_is_the_engines_own_error_not_a_type_error(build, parameter, rule):
    with pytest.raises(IncentiveError) as err:
        build()
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (
        "money.float_refused",
        parameter,
        rule,
    )


def test_equal_remainders_go_to_the_lower_engineer_id():
    # 100.00 by days 1, 1, 1: 33.33⅓ each, one fen left → engineer 2 (the lowest id), whatever the order.
    shares = piece_rate_shares(
        total=D("100.00"), participants=[Participant(5, D("1")), Participant(2, D("1")), Participant(9, D("1"))]
    )
    assert {k: t.amount for k, t in shares.items()} == {5: D("33.33"), 2: D("33.34"), 9: D("33.33")}
    assert shares[2].as_dict()["steps"][0]["inputs"]["exact"] == "≈33.333333"
