"""Error codes of this domain: stable strings the API returns and tests match, spelled once."""

from enum import StrEnum


class PayrollErrorCode(StrEnum):
    """Payslip adjustments, engineers' questions about lines, exports, delivery of payslips."""

    ADJUSTMENT_REASON = "adjustment.reason"
    APPEAL_ANSWER_EMPTY = "appeal.answer_empty"
    APPEAL_ANSWER_ROLE = "appeal.answer_role"
    APPEAL_EMPTY = "appeal.empty"
    APPEAL_NOT_YOURS = "appeal.not_yours"
    ADJUSTMENT_ZERO = "adjustment.zero"
    EXPORT_NOT_CLOSED = "export.not_closed"
    DELIVERY_ROLE = "delivery.role"
    DELIVERY_NOT_CLOSED = "delivery.not_closed"
    DELIVERY_PUBLISHED = "delivery.published"
    DELIVERY_NOT_PUBLISHED = "delivery.not_published"
    DELIVERY_NOT_YOURS = "delivery.not_yours"
    DELIVERY_OPEN_QUESTION = "delivery.open_question"
