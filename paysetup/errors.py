"""Error codes of the pay set-up: stable strings the API returns and tests match, spelled once."""

from enum import StrEnum


class PaySetupErrorCode(StrEnum):
    """Pay schemes, special additional deduction claims, the annual-bonus tax choice, bank accounts."""

    HR_ONLY = "pay.hr_only"
    OWN_PAY = "pay.own_pay"
    INVALID = "pay.invalid"
    AMOUNT_NEGATIVE = "pay.amount_negative"
    AMOUNT_FEN = "pay.amount_fen"
    AMOUNT_TOO_LARGE = "pay.amount_too_large"
    PROBATION_RATE = "pay.probation_rate"
    UNKNOWN_CITY = "pay.unknown_city"
    SCHEME_SAME_DAY = "pay.scheme_same_day"
    SCHEME_CLOSED_MONTH = "pay.scheme_closed_month"
    CLAIM_KIND = "pay.claim_kind"
    CLAIM_AMOUNT = "pay.claim_amount"
    CLAIM_CAP = "pay.claim_cap"
    CLAIM_NO_TAX_RULES = "pay.claim_no_tax_rules"
    CLAIM_MONTH = "pay.claim_month"
    CLAIM_ENDS_BEFORE_START = "pay.claim_ends_before_start"
    CLAIM_OVERLAP = "pay.claim_overlap"
    CLAIM_TAX_YEAR_CLOSED = "pay.claim_tax_year_closed"
    BONUS_NOT_ALLOWED = "pay.bonus_not_allowed"
    BONUS_YEAR = "pay.bonus_year"
    BONUS_DECEMBER_CLOSED = "pay.bonus_december_closed"
    BANK_UNKNOWN = "pay.bank_unknown"
    BANK_BRANCH_REQUIRED = "pay.bank_branch_required"
    ACCOUNT_DIGITS = "pay.account_digits"
    ACCOUNT_LENGTH = "pay.account_length"
    HOLDER_REQUIRED = "pay.holder_required"
