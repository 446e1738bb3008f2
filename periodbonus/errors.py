from enum import StrEnum


class BonusErrorCode(StrEnum):
    PROPOSER_ROLE = "period_bonus.proposer_role"
    PERIOD_NOT_OVER = "period_bonus.period_not_over"
    DRAFT_SCORECARDS = "period_bonus.draft_scorecards"
    NOBODY_SCORED = "period_bonus.nobody_scored"
    DUPLICATE = "period_bonus.duplicate"
    NOT_EDITABLE = "period_bonus.not_editable"
    EDITOR_ROLE = "period_bonus.editor_role"
    AMOUNT = "period_bonus.amount"
    NOTE_REQUIRED = "period_bonus.note_required"
    DECISION_REFUSED = "period_bonus.decision_refused"
    UNKNOWN_ACTION = "period_bonus.unknown_action"
    BAD_PERIOD = "period_bonus.bad_period"
