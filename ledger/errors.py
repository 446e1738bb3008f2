"""Errors of the pay ledger: periods that no longer take money."""

from enum import StrEnum

from core.errors import DomainError


class PeriodClosedError(DomainError):
    """The month's pay period is closing or closed: nothing may change its money."""


class LedgerErrorCode(StrEnum):
    """Payable items: money already in the ledger for the same source."""

    ALREADY_PAID = "ledger.already_paid"


class PeriodErrorCode(StrEnum):
    """Pay periods: what a closing or closed month refuses, and who may close, reopen or adjust."""

    ADJUST_ROLE = "period.adjust_role"
    CLOSED = "period.closed"
    CLOSING = "period.closing"
    CLOSE_NOT_READY = "period.close_not_ready"
    NO_WORKER = "period.no_worker"
    QUEUE_FAILED = "period.queue_failed"
    CLOSE_ROLE = "period.close_role"
    NONE_OPEN = "period.none_open"
    NOT_CLOSED = "period.not_closed"
    REASON_REQUIRED = "period.reason_required"
    REOPEN_ROLE = "period.reopen_role"
