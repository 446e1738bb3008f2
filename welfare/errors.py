"""Error codes of welfare and non-cash rewards."""

from enum import StrEnum


class WelfareErrorCode(StrEnum):
    ROLE = "welfare.role"
    OWN = "welfare.own"  # nobody gives themself something
    NOT_ON_PAYROLL = "welfare.not_on_payroll"
    NOT_AN_HONOUR = "welfare.not_an_honour"
    NOT_APPROVED = "welfare.not_approved"
    NOT_BATCH_KIND = "welfare.not_batch_kind"
    NOBODY = "welfare.nobody"
    CERTIFICATE_BY_HONOUR = "welfare.certificate_by_honour"
    WORK_START_AFTER_HIRE = "welfare.work_start_after_hire"
    NO_LEAVE_POLICY = "welfare.no_leave_policy"
