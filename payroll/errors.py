"""Error codes of this domain: stable strings the API returns and tests match, spelled once."""

from enum import StrEnum


class PayrollErrorCode(StrEnum):
    """Payslip adjustments, engineers' questions about lines, exports."""

    ADJUSTMENT_REASON = "adjustment.reason"
    APPEAL_ANSWER_EMPTY = "appeal.answer_empty"
    APPEAL_ANSWER_ROLE = "appeal.answer_role"
    APPEAL_EMPTY = "appeal.empty"
    APPEAL_NOT_YOURS = "appeal.not_yours"
    ADJUSTMENT_ZERO = "adjustment.zero"
    EXPORT_NOT_CLOSED = "export.not_closed"
    NO_CITY_RULES = "close.no_city_rules"
    NO_TAX_RULES = "close.no_tax_rules"
    NO_WAGE_RULES = "close.no_wage_rules"
