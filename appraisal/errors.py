"""Error codes of this domain: stable strings the API returns and tests match, spelled once."""

from enum import StrEnum


class AwardErrorCode(StrEnum):
    """Honours and penalties."""

    AMOUNT_OR_RATE = "award.amount_or_rate"
    AMOUNT_POSITIVE = "award.amount_positive"
    CREW_REQUIRED = "award.crew_required"
    DECISION_REFUSED = "award.decision_refused"
    DUPLICATE = "award.duplicate"
    NO_MEMBERS = "award.no_members"
    ONE_ENGINEER = "award.one_engineer"
    OTHER_DEPARTMENT = "award.other_department"
    OUTSIDE_ASSESSMENT = "award.outside_assessment"
    PROPOSER_ROLE = "award.proposer_role"
    RATE_RANGE = "award.rate_range"
    REASON_REQUIRED = "award.reason_required"


class GradeErrorCode(StrEnum):
    """Technical grade campaigns, applications and appeals."""

    APPEALS_PENDING = "grades.appeals_pending"
    APPEAL_TEXT = "grades.appeal_text"
    APPEAL_WINDOW = "grades.appeal_window"
    CLOSED = "grades.closed"
    EXISTS = "grades.exists"
    HR_ONLY = "grades.hr_only"
    NOT_ELIGIBLE = "grades.not_eligible"
    NOT_YOURS = "grades.not_yours"
    NO_APPEAL = "grades.no_appeal"
    NO_ENGINEER = "grades.no_engineer"
    OTHER_DEPARTMENT = "grades.other_department"
    OWN = "grades.own"
    PANEL_ONLY = "grades.panel_only"
    REASON_REQUIRED = "grades.reason_required"
    SELF_ASSESSMENT = "grades.self_assessment"
    SUPERVISOR_ONLY = "grades.supervisor_only"
    TOO_EARLY = "grades.too_early"
    UNDECIDED = "grades.undecided"
    UNKNOWN_OP = "grades.unknown_op"


class ScorecardErrorCode(StrEnum):
    """Monthly KPI scorecards and the grid."""

    INCOMPLETE = "kpi.incomplete"
    INVALID_CELLS = "kpi.invalid_cells"
    OUTSIDE_ASSESSMENT = "kpi.outside_assessment"
    NOT_ASSIGNED = "kpi.not_assigned"
    NOT_YOURS = "kpi.not_yours"
    NO_ENGINEER = "kpi.no_engineer"
    SCORE_OUT_OF_RANGE = "kpi.score_out_of_range"
    SOURCE_ROLE = "kpi.source_role"
    SUBMITTED = "kpi.submitted"
    SUBMIT_ROLE = "kpi.submit_role"
    UNKNOWN_SOURCE = "kpi.unknown_source"
