from enum import StrEnum

from core.errors import DomainError, PermissionDeniedError


class PolicyError(DomainError):
    pass


__all__ = ["PermissionDeniedError", "PolicyError"]


class PolicyErrorCode(StrEnum):
    """Policy versions: drafting, review, approval, the version in force."""

    APPROVER_ROLE = "policy.approver_role"
    CITY_TAKEN = "policy.city_taken"
    DOCUMENT_EXISTS = "policy.document_exists"
    FOUR_EYES = "policy.four_eyes"
    NONE_IN_FORCE = "policy.none_in_force"
    NOT_APPROVED = "policy.not_approved"
    NOT_DRAFT = "policy.not_draft"
    NOT_REVIEWED = "policy.not_reviewed"
    NOT_WITHDRAWABLE = "policy.not_withdrawable"
    REVIEWER_ROLE = "policy.reviewer_role"
    SAME_DAY = "policy.same_day"
    VERSION_TAKEN = "policy.version_taken"
    WITHDRAW_ROLE = "policy.withdraw_role"
