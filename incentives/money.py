"""Money helpers: the only place in the project that builds or rounds amounts.

Amounts are Decimal yuan. They are built from str, int or Decimal only (a float
already lost precision, so it is refused), rounded to the fen with ROUND_HALF_UP,
and split by the largest-remainder method so a split never creates or loses a fen.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import IncentiveError

FEN = Decimal("0.01")
ZERO = Decimal("0.00")


def to_decimal(value: str | int | Decimal, *, field: str = "value") -> Decimal:
    """Exact Decimal from str, int or Decimal; a float or bool is an error."""
    if isinstance(value, bool) or isinstance(value, float):
        raise IncentiveError(
            "money.float_refused",
            f"{field}: a float cannot be used for money; pass a string or an integer",
            field=field,
            value=repr(value),
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, str)):
        try:
            result = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            raise IncentiveError(
                "money.not_a_number", f"{field}: {value!r} is not a number", field=field, value=value
            ) from None
    else:
        raise IncentiveError("money.bad_type", f"{field}: expected str, int or Decimal", field=field, value=repr(value))
    if not result.is_finite():
        raise IncentiveError("money.not_finite", f"{field}: must be a finite number", field=field)
    return result


def quantize(amount: Decimal) -> Decimal:
    """Round to the fen, half up (四舍五入). Idempotent."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def to_money(value: str | int | Decimal, *, field: str = "amount") -> Decimal:
    """An amount in yuan rounded to the fen."""
    return quantize(to_decimal(value, field=field))


def split_largest_remainder(total: Decimal, weights: Sequence[Decimal], keys: Sequence[Hashable]) -> list[Decimal]:
    """Split `total` (already in fen) in proportion to `weights`, summing exactly to `total`.

    Each share is first rounded down to the fen; the fen left over go one by one
    to the largest fractional remainders, ties broken by `keys` ascending so the
    result never depends on input order. Zero weights get zero.
    """
    if len(weights) != len(keys):
        raise IncentiveError("split.length_mismatch", "weights and keys differ in length")
    if not weights:
        raise IncentiveError("split.empty", "nothing to split between: the list is empty")
    if total != quantize(total):
        raise IncentiveError("split.total_not_in_fen", "the total must be in whole fen", total=str(total))
    if any(w < 0 for w in weights):
        raise IncentiveError("split.negative_weight", "a weight cannot be negative")
    weight_sum = sum(weights, Decimal(0))
    if weight_sum == 0:
        raise IncentiveError("split.zero_weight", "the weights add up to zero: nothing to split by")

    exact = [total * w / weight_sum for w in weights]
    floors = [e.quantize(FEN, rounding=ROUND_DOWN) for e in exact]
    leftover_fen = int((total - sum(floors, Decimal(0))) / FEN)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - floors[i]), keys[i]))
    for i in order[:leftover_fen]:
        floors[i] += FEN
    return floors
