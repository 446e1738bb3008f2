"""Bank account numbers: what is typed, how it is checked, and how it is shown to those who may
not read it in full. Pure functions: the pages, the API and the history all mask through
`mask_account_no`, so no view can show more digits than another."""

from __future__ import annotations

MIN_DIGITS, MAX_DIGITS = 12, 19
SHOWN_TAIL = 4
CARD_MIN_DIGITS = 16  # UnionPay debit cards: 16–19 digits, the first six name the bank (BIN)


def normalize_account_no(text: str) -> str:
    """The number as typed, without the spaces people copy from a card ("6222 0212 …")."""
    return "".join(str(text or "").split())


def luhn_ok(digits: str) -> bool:
    """The card check digit (ISO/IEC 7812, mod 10): doubles every second digit from the right."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value *= 2
            value -= 9 if value > 9 else 0
        total += value
    return total % 10 == 0


def looks_like_card(digits: str) -> bool:
    """A 16–19 digit number is a bank card, whose last digit should pass the Luhn check; shorter
    numbers are passbook or settlement accounts (存折、结算账户), which have no check digit."""
    return len(digits) >= CARD_MIN_DIGITS


def mask_account_no(account_no: str) -> str:
    """6222 **** **** 1234: the last four digits, and the first four (the bank's) of a card number.

    A shorter account keeps only its last four, so at least eight digits are always hidden."""
    digits = normalize_account_no(account_no)
    if not digits:
        return ""
    tail = digits[-SHOWN_TAIL:]
    if looks_like_card(digits):
        return f"{digits[:4]} **** **** {tail}"
    return f"**** **** {tail}"
