"""Error codes of customer requests and their survey."""

from enum import StrEnum


class ServiceErrorCode(StrEnum):
    ROLE = "service.role"
    NOT_ASSIGNEE = "service.not_assignee"
    BAD_TRANSITION = "service.bad_transition"
    UNKNOWN_ACTION = "service.unknown_action"
    REASON_REQUIRED = "service.reason_required"
    ENGINEER_REQUIRED = "service.engineer_required"
    ENGINEER_INACTIVE = "service.engineer_inactive"
    ENGINEER_OTHER_DEPARTMENT = "service.engineer_other_department"
    CREW_MISMATCH = "service.crew_mismatch"
    NO_SLA = "service.no_sla"
    COMPLAINT_ABOUT_REQUIRED = "service.complaint_about_required"
    SURVEY_INVALID = "survey.invalid"
    SURVEY_EXPIRED = "survey.expired"
    SURVEY_ANSWERED = "survey.answered"
    SURVEY_STARS = "survey.stars"
    SURVEY_SIGNATURE = "survey.signature"
    SURVEY_RATE_LIMITED = "survey.rate_limited"
