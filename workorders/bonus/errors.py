"""Error codes of this domain: stable strings the API returns and tests match, spelled once."""

from enum import StrEnum


class BonusErrorCode(StrEnum):
    """FS-MS-KF-13 bonus requests, inspections, crew self-assessments and paid training."""

    CREW_INSPECTIONS_MISSING = "crew.inspections_missing"
    CREW_NO_SELF_ASSESSMENT = "crew.no_self_assessment"
    CREW_RATIO_MISSING = "crew.ratio_missing"
    EDIT_ROLE = "bonus.edit_role"
    ENGINEER_MISSING = "bonus.engineer_missing"
    INDIVIDUAL_NOT_ELIGIBLE = "individual.not_eligible"
    INDIVIDUAL_RATE_MISSING = "individual.rate_missing"
    INSPECTION_FROZEN = "inspection.frozen"
    INSPECTION_ROLE = "inspection.role"
    INSPECTION_SCORE_MISSING = "inspection.score_missing"
    NOT_EDITABLE = "bonus.not_editable"
    NOT_PARTICIPANT = "bonus.not_participant"
    NOT_SPECIAL = "bonus.not_special"
    OUTSIDE_ASSESSMENT = "bonus.outside_assessment"
    PROPOSER_ROLE = "bonus.proposer_role"
    REASON_REQUIRED = "bonus.reason_required"
    SELF_ASSESSMENT_EMPTY = "self_assessment.empty"
    SELF_ASSESSMENT_FROZEN = "self_assessment.frozen"
    SELF_ASSESSMENT_INCOMPLETE = "self_assessment.incomplete"
    SELF_ASSESSMENT_NOBODY_SHARES = "self_assessment.nobody_shares"
    SELF_ASSESSMENT_NOT_LEADER = "self_assessment.not_leader"
    SELF_ASSESSMENT_NOT_PARTICIPANT = "self_assessment.not_participant"
    SELF_ASSESSMENT_PCT_OUT_OF_RANGE = "self_assessment.pct_out_of_range"
    TRAINING_DAYS_MISSING = "training.days_missing"
    TRANSITION_REFUSED = "bonus.transition_refused"
