"""Error codes of attendance: who may enter it, which months and engineers take it, what a cell may hold."""

from enum import StrEnum


class AttendanceErrorCode(StrEnum):
    ROLE = "attendance.role"
    INVALID_CELLS = "attendance.invalid_cells"
    NOT_ON_PAYROLL = "attendance.not_on_payroll"
    OTHER_DEPARTMENT = "attendance.other_department"
    UNKNOWN_ENGINEER = "attendance.unknown_engineer"
    UNKNOWN_FIELD = "attendance.unknown_field"
    NOT_A_NUMBER = "attendance.not_a_number"
    NEGATIVE = "attendance.negative"
    NOT_HALF_DAYS = "attendance.not_half_days"
    HOURS_PLACES = "attendance.hours_places"
    TOO_MANY_HOURS = "attendance.too_many_hours"
    TOO_MANY_DAYS = "attendance.too_many_days"
