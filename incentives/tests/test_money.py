from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incentives.errors import IncentiveError
from incentives.money import quantize, round_down, round_half_up, shown, split_largest_remainder, to_money


def test_float_is_refused_with_the_field_named():
    with pytest.raises(IncentiveError) as err:
        to_money(0.1, field="unit_rate")
    assert err.value.code == "money.float_refused"
    assert "unit_rate" in err.value.message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1.005", "1.01"), ("2.675", "2.68"), ("-1.005", "-1.01"), ("10", "10.00"), (" 3.3 ", "3.30"), (7, "7.00")],
)
def test_to_money_rounds_half_up_to_the_fen(raw, expected):
    assert to_money(raw) == Decimal(expected)


def test_not_a_number_is_refused():
    with pytest.raises(IncentiveError) as err:
        to_money("十二元")
    assert err.value.code == "money.not_a_number"


def test_worked_example_crew_split_to_the_fen():
    # DOMAIN.md: pool 1,575.00; weights A 10×100 %, B 8×100 %, C 6×80 %.
    shares = split_largest_remainder(Decimal("1575.00"), [Decimal(10), Decimal(8), Decimal("4.8")], ["A", "B", "C"])
    assert shares == [Decimal("690.79"), Decimal("552.63"), Decimal("331.58")]


def test_leftover_fen_goes_to_largest_remainder_and_ties_by_key():
    # 0.10 over three equal weights: 0.03 each, one fen left for the smallest key.
    shares = split_largest_remainder(Decimal("0.10"), [Decimal(1)] * 3, [3, 1, 2])
    assert shares == [Decimal("0.03"), Decimal("0.04"), Decimal("0.03")]


def test_equal_exact_remainders_go_to_the_lowest_key_not_to_rounding_noise():
    # 333.48 by 10 : 10 : 16 → exact fen 9263⅓, 9263⅓, 14821⅓: three equal remainders, one fen left.
    # The lowest key (1, the 16-day member) gets it; 28-digit Decimal once gave it to key 2.
    shares = split_largest_remainder(Decimal("333.48"), [Decimal(10), Decimal(10), Decimal(16)], [3, 2, 1])
    assert shares == [Decimal("92.63"), Decimal("92.63"), Decimal("148.22")]


@pytest.mark.parametrize(
    ("total", "weights", "keys", "code", "parameter"),
    [
        ("10.00", [], [], "split.empty", "weights"),
        ("10.00", [Decimal(0), Decimal(0)], [1, 2], "split.zero_weight", "weights"),
        ("10.00", [Decimal(-1), Decimal(2)], [1, 2], "split.negative_weight", "weights"),
        ("-10.00", [Decimal(1), Decimal(2)], [1, 2], "split.total_negative", "total"),
        ("10.005", [Decimal(1), Decimal(2)], [1, 2], "split.total_not_in_fen", "total"),
        ("10.00", [Decimal(1), Decimal(2)], [7, 7], "split.duplicate_key", "keys"),
        ("10.00", [1.0, Decimal(2)], [1, 2], "money.float_refused", "weights"),
    ],
)
def test_split_refuses_impossible_input_naming_field_and_rule(total, weights, keys, code, parameter):
    with pytest.raises(IncentiveError) as err:
        split_largest_remainder(Decimal(total), weights, keys, rule="test.split")
    assert err.value.code == code
    assert (err.value.params["parameter"], err.value.params["rule"]) == (parameter, "test.split")


@pytest.mark.parametrize(
    ("value", "half_up", "down"),
    [
        (Fraction(139113, 200), "695.57", "695.56"),  # 695.565 exactly
        (Fraction(-1, 1000), "0.00", "-0.01"),  # never "-0.00"
        (Fraction(-5, 1000), "-0.01", "-0.01"),  # half away from zero, like ROUND_HALF_UP
        (Fraction(1, 3), "0.33", "0.33"),
        (Decimal("1.005"), "1.01", "1.00"),
    ],
)
def test_exact_rounding_half_up_and_down(value, half_up, down):
    assert str(round_half_up(value)) == half_up
    assert str(round_down(value)) == down


@pytest.mark.parametrize(
    ("value", "text"),
    [(Fraction(149, 2), "74.5"), (Fraction(79995, 1000), "79.995"), (Fraction(1, 3), "≈0.333333"), (90, "90")],
)
def test_exact_intermediates_are_shown_clean(value, text):
    assert str(shown(value)) == text


fen_amounts = st.integers(min_value=0, max_value=10_000_000).map(lambda f: Decimal(f) / 100)
weights = st.lists(st.integers(min_value=0, max_value=1000).map(Decimal), min_size=1, max_size=12).filter(
    lambda ws: sum(ws) > 0
)


@given(total=fen_amounts, ws=weights)
def test_split_never_creates_or_loses_a_fen(total, ws):
    shares = split_largest_remainder(total, ws, list(range(len(ws))))
    assert sum(shares) == total
    assert all(s >= 0 for s in shares)
    exact = [Fraction(total) * Fraction(w) / Fraction(sum(ws)) for w in ws]
    assert all(abs(Fraction(s) - e) < Fraction(1, 100) for s, e in zip(shares, exact, strict=True))


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=6))
def test_quantize_is_idempotent(amount):
    assert quantize(quantize(amount)) == quantize(amount)
