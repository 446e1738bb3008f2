"""Money helpers: the only place in the project that builds or rounds amounts.

Amounts are Decimal yuan. They are built from str, int or Decimal only (a float
already lost precision, so it is refused). Every intermediate value a rule
computes (averages, re-weighted scores, products, quotients) is an exact
`fractions.Fraction`: nothing is rounded before the rule's own rounding point,
where the exact value is rounded once to the fen with ROUND_HALF_UP (四舍五入).
Splits use the largest-remainder method with remainders compared exactly, so a
split never creates or loses a fen and ties always go to the lowest key.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import ErrorCode, refused

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
SHOWN_PLACES = 6  # a non-terminating intermediate is shown to this many places in a trace, marked ≈

Number = Decimal | int | Fraction


def to_decimal(value: str | int | Decimal, *, field: str = "value", rule: str = "money") -> Decimal:
    """Exact Decimal from str, int or Decimal; a float or bool is an error."""
    if isinstance(value, bool):
        raise refused(
            ErrorCode.MONEY_BAD_TYPE, "expected a number, not True/False", parameter=field, rule=rule, value=repr(value)
        )
    if isinstance(value, float):
        raise refused(
            ErrorCode.MONEY_FLOAT_REFUSED,
            "a float cannot be used for money or scores; pass a string, an integer or a Decimal",
            parameter=field,
            rule=rule,
            field=field,
            value=repr(value),
        )
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, (int, str)):
        try:
            result = Decimal(value.strip() if isinstance(value, str) else value)
        except InvalidOperation:
            raise refused(
                ErrorCode.MONEY_NOT_A_NUMBER,
                f"{value!r} is not a number",
                parameter=field,
                rule=rule,
                field=field,
                value=value,
            ) from None
    else:
        raise refused(
            ErrorCode.MONEY_BAD_TYPE,
            f"expected str, int or Decimal, not {type(value).__name__}",
            parameter=field,
            rule=rule,
            field=field,
            value=repr(value),
        )
    if not result.is_finite():
        raise refused(ErrorCode.MONEY_NOT_FINITE, "must be a finite number", parameter=field, rule=rule, field=field)
    return result


def exact(value: str | Number, *, parameter: str, rule: str) -> Fraction:
    """The exact rational value of an engine input (Decimal, int, str or Fraction); floats are refused."""
    if isinstance(value, Fraction):
        return value
    return Fraction(to_decimal(value, field=parameter, rule=rule))


def whole(value: int | Decimal, *, parameter: str, rule: str, code: str) -> int:
    """A count that must be a whole number (years, months): 3 or Decimal("3"), never 3.5."""
    q = exact(value, parameter=parameter, rule=rule)
    if q.denominator != 1:
        raise refused(code, f"must be a whole number, not {value}", parameter=parameter, rule=rule, value=str(value))
    return int(q)


def _decimal(units: int, places: int) -> Decimal:
    # Built from text so no context precision can touch it; units 0 gives "0.00", never "-0.00".
    return Decimal(f"{units}E-{places}")


def round_half_up(value: Number, places: int = 2) -> Decimal:
    """Round an exact value once, half away from zero (四舍五入), to `places` decimals."""
    scaled = Fraction(value) * 10**places
    units = (abs(scaled.numerator) * 2 + scaled.denominator) // (2 * scaled.denominator)
    return _decimal(-units if scaled < 0 else units, places)


def round_down(value: Number, places: int = 2) -> Decimal:
    """Round an exact value down (toward minus infinity) to `places` decimals: for limits."""
    scaled = Fraction(value) * 10**places
    return _decimal(scaled.numerator // scaled.denominator, places)


def quantize(amount: Number) -> Decimal:
    """Round to the fen, half up (四舍五入). Idempotent; never returns "-0.00"."""
    return round_half_up(amount)


def to_money(value: str | int | Decimal, *, field: str = "amount") -> Decimal:
    """An amount in yuan rounded to the fen."""
    return quantize(to_decimal(value, field=field))


def in_fen(value: Number) -> bool:
    """True when the value is a whole number of fen (0.01)."""
    if isinstance(value, Decimal) and value.is_finite():
        try:  # the common case (a DecimalField with two places), without building a Fraction
            return value.quantize(FEN) == value
        except InvalidOperation:  # more digits than the context holds: decide exactly below
            pass
    return (Fraction(value) * 100).denominator == 1


def terminating(value: Number) -> Decimal | None:
    """The exact Decimal of a rational whose decimal expansion ends (87.5, 79.995), else None (1/3)."""
    q = Fraction(value)
    d, twos, fives = q.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    if d != 1:
        return None
    places = max(twos, fives)
    return _decimal(q.numerator * 10**places // q.denominator, places) if places else Decimal(q.numerator)


def shown(value: Number, places: int = SHOWN_PLACES) -> Decimal | str:
    """How an exact intermediate appears in a trace: its exact decimal when it has at most
    `places` decimals (74.5, never 74.4999…), otherwise rounded half up to `places` and marked
    "≈" (1/3 → "≈0.333333"). Only display: rules round the exact value, never this."""
    q = Fraction(value)
    found = terminating(q)
    if found is not None and -found.as_tuple().exponent <= places:
        return found
    return "≈" + str(round_half_up(q, places))


def split_largest_remainder(
    total: Decimal, weights: Sequence[Number], keys: Sequence[Hashable], *, rule: str = "money.split"
) -> list[Decimal]:
    """Split `total` (a non-negative amount in whole fen) in proportion to `weights`, summing exactly to `total`.

    Each share's exact value total × w ÷ Σw is rounded down to the fen; the fen left
    over go one by one to the largest exact remainders; equal remainders go to the
    lowest key first (engineer id ascending), so the result never depends on input
    order. Zero weights get zero. Keys must be unique: a duplicate would make the tie-break
    (and the caller's mapping of shares) ambiguous.
    """
    if len(weights) != len(keys):
        raise refused(
            ErrorCode.SPLIT_LENGTH_MISMATCH, "weights and keys differ in length", parameter="weights", rule=rule
        )
    if not weights:
        raise refused(
            ErrorCode.SPLIT_EMPTY, "nothing to split between: the list is empty", parameter="weights", rule=rule
        )
    if len(set(keys)) != len(keys):
        raise refused(ErrorCode.SPLIT_DUPLICATE_KEY, "a participant is listed twice", parameter="keys", rule=rule)
    amount = exact(total, parameter="total", rule=rule)
    if amount < 0:
        raise refused(
            ErrorCode.SPLIT_TOTAL_NEGATIVE,
            "the total cannot be negative",
            parameter="total",
            rule=rule,
            value=str(total),
        )
    if not in_fen(amount):
        raise refused(
            ErrorCode.SPLIT_TOTAL_NOT_IN_FEN,
            "the total must be in whole fen",
            parameter="total",
            rule=rule,
            total=str(total),
        )
    ws = [exact(w, parameter="weights", rule=rule) for w in weights]
    if any(w < 0 for w in ws):
        raise refused(ErrorCode.SPLIT_NEGATIVE_WEIGHT, "a weight cannot be negative", parameter="weights", rule=rule)
    weight_sum = sum(ws, Fraction(0))
    if weight_sum == 0:
        raise refused(
            ErrorCode.SPLIT_ZERO_WEIGHT,
            "the weights add up to zero: nothing to split by",
            parameter="weights",
            rule=rule,
        )

    total_fen = int(amount * 100)
    exact_fen = [total_fen * w / weight_sum for w in ws]
    floors = [e.numerator // e.denominator for e in exact_fen]
    leftover = total_fen - sum(floors)
    order = sorted(range(len(ws)), key=lambda i: (-(exact_fen[i] - floors[i]), keys[i]))
    for i in order[:leftover]:
        floors[i] += 1
    return [_decimal(f, 2) for f in floors]
