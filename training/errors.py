"""Error codes of training records and study rewards: stable strings the API returns and tests match."""

from enum import StrEnum


class TrainingErrorCode(StrEnum):
    ROLE = "training.role"
    SESSION_DATES = "training.session_dates"
    NOT_ATTENDED = "training.not_attended"
    PAID_TRAINING_KIND = "training.paid_training_kind"
    PAID_TRAINING_ENGINEER = "training.paid_training_engineer"
    PAID_TRAINING_DEAD = "training.paid_training_dead"
    PAID_TRAINING_DAYS = "training.paid_training_days"
    PAID_TRAINING_LINKED = "training.paid_training_linked"
    ENGINEER_LEFT = "training.engineer_left"
    CERTIFICATE_DATES = "training.certificate_dates"
    CERTIFICATE_EXPIRED = "training.certificate_expired"
    REWARD_NONE = "training.reward_none"
    REWARD_ALREADY = "training.reward_already"
    REWARD_DECIDED = "training.reward_decided"
    REWARD_OWN = "training.reward_own"
    REWARD_APPROVER = "training.reward_approver"
    REASON_REQUIRED = "training.reason_required"
