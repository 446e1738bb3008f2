from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incentives.errors import IncentiveError
from incentives.money import quantize, split_largest_remainder, to_money


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


@pytest.mark.parametrize(
    ("weights", "code"),
    [
        ([], "split.empty"),
        ([Decimal(0), Decimal(0)], "split.zero_weight"),
        ([Decimal(-1), Decimal(2)], "split.negative_weight"),
    ],
)
def test_split_refuses_impossible_weights(weights, code):
    with pytest.raises(IncentiveError) as err:
        split_largest_remainder(Decimal("10.00"), weights, list(range(len(weights))))
    assert err.value.code == code


fen_amounts = st.integers(min_value=0, max_value=10_000_000).map(lambda f: Decimal(f) / 100)
weights = st.lists(st.integers(min_value=0, max_value=1000).map(Decimal), min_size=1, max_size=12).filter(
    lambda ws: sum(ws) > 0
)


@given(total=fen_amounts, ws=weights)
def test_split_never_creates_or_loses_a_fen(total, ws):
    shares = split_largest_remainder(total, ws, list(range(len(ws))))
    assert sum(shares) == total
    assert all(s >= 0 for s in shares)
    exact = [total * w / sum(ws) for w in ws]
    assert all(abs(s - e) < Decimal("0.01") for s, e in zip(shares, exact, strict=True))


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=6))
def test_quantize_is_idempotent(amount):
    assert quantize(quantize(amount)) == quantize(amount)
