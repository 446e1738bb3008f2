"""Error codes of this domain: stable strings the API returns and tests match, spelled once."""

from enum import StrEnum


class RateTableErrorCode(StrEnum):
    """Piece-rate tables: drafts and putting them in force."""

    CODE_TAKEN = "rate_table.code_taken"
    EMPTY = "rate_table.empty"
    NOT_DRAFT = "rate_table.not_draft"
    SAME_START = "rate_table.same_start"


class WorkOrderErrorCode(StrEnum):
    """Work orders: pricing, participants, edits."""

    DAYS_NEGATIVE = "workorder.days_negative"
    DUPLICATE_PARTICIPANT = "workorder.duplicate_participant"
    NO_RATE_TABLE = "workorder.no_rate_table"
    REQUEST_UNDER_REVIEW = "workorder.request_under_review"
    SPLIT_PCT_MISSING = "workorder.split_pct_missing"
    UNKNOWN_ITEM = "workorder.unknown_item"
