"""Error codes of this domain: stable strings the API returns and tests match, spelled once."""

from enum import StrEnum


class PayrollErrorCode(StrEnum):
    """Payslip adjustments, engineers' questions about lines, exports, the bank payment file, delivery of payslips."""

    ADJUSTMENT_REASON = "adjustment.reason"
    APPEAL_ANSWER_EMPTY = "appeal.answer_empty"
    APPEAL_ANSWER_ROLE = "appeal.answer_role"
    APPEAL_EMPTY = "appeal.empty"
    APPEAL_NOT_YOURS = "appeal.not_yours"
    ADJUSTMENT_ZERO = "adjustment.zero"
    EXPORT_NOT_CLOSED = "export.not_closed"
    BANK_FILE_ROLE = "bank_file.role"
    BANK_FILE_NOT_CLOSED = "bank_file.not_closed"
    BANK_FILE_LAYOUT = "bank_file.layout"
    BANK_FILE_ACCOUNT_MISSING = "bank_file.account_missing"
    BANK_FILE_NOTHING_TO_PAY = "bank_file.nothing_to_pay"
    BANK_FILE_ENCODING = "bank_file.encoding"
    BANK_FILE_TOTAL = "bank_file.total"
    NO_CITY_RULES = "close.no_city_rules"
    NO_TAX_RULES = "close.no_tax_rules"
    NO_WAGE_RULES = "close.no_wage_rules"
    DELIVERY_ROLE = "delivery.role"
    DELIVERY_NOT_CLOSED = "delivery.not_closed"
    DELIVERY_PUBLISHED = "delivery.published"
    DELIVERY_NOT_PUBLISHED = "delivery.not_published"
    DELIVERY_NOT_YOURS = "delivery.not_yours"
    DELIVERY_OPEN_QUESTION = "delivery.open_question"
