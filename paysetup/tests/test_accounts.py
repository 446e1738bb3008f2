"""Account numbers: the check digit, and a mask that always hides at least eight digits."""

import pytest

from paysetup.accounts import luhn_ok, mask_account_no, normalize_account_no


@pytest.mark.parametrize(
    ("number", "ok"),
    [("79927398713", True), ("79927398710", False), ("6222021234567890128", True), ("6222021234567890129", False)],
)
def test_luhn(number, ok):
    assert luhn_ok(number) is ok


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("6222021234567890128", "6222 **** **** 0128"),  # a 19-digit card: the bank's first four and the last four
        ("6214830212345671", "6214 **** **** 5671"),
        ("440012345678901", "**** **** 8901"),  # a 15-digit passbook account: only the last four
        ("123456789012", "**** **** 9012"),
        ("", ""),
    ],
)
def test_the_mask_shows_at_most_eight_digits_and_hides_at_least_eight(number, shown):
    assert mask_account_no(number) == shown
    digits = [ch for ch in shown if ch.isdigit()]
    assert len(digits) <= 8 and len(number) - len(digits) >= (8 if number else 0)


def test_spaces_typed_from_a_card_are_dropped():
    assert normalize_account_no(" 6222 0212\t3456 7890 128 ") == "6222021234567890128"
