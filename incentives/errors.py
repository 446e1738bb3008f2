"""The one exception the engine raises, with a stable code callers can match on."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class IncentiveError(ValueError):
    """Bad engine input: `code` is stable, `params` names the parameter and the allowed range.

    Input refused by a rule always carries `params["parameter"]` (the field) and
    `params["rule"]` (the rule code its trace would have shown, e.g. `crew.pool`).
    """

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


def refused(code: str, message: str, *, parameter: str, rule: str, **params: Any) -> IncentiveError:
    """The error for input a rule refuses: the message and the params name the field and the rule."""
    return IncentiveError(code, f"{rule} · {parameter}: {message}", parameter=parameter, rule=rule, **params)


class ErrorCode(StrEnum):
    """Every refusal the engine can give, by rule family: stable strings the apps map to messages."""

    ADJUSTMENT_INVALID_AMOUNT = "adjustment.invalid_amount"
    ADJUSTMENT_REASON_REQUIRED = "adjustment.reason_required"
    ANNUAL_MONTHS_NOT_WHOLE = "annual.months_not_whole"
    ANNUAL_MONTHS_OUT_OF_RANGE = "annual.months_out_of_range"
    ANNUAL_UNKNOWN_KIND = "annual.unknown_kind"
    ASSESSMENT_ABSENCE_DAYS = "assessment.absence_days"
    ASSESSMENT_PERIOD = "assessment.period"
    ASSESSMENT_POLICY_REQUIRED = "assessment.policy_required"
    COMMISSION_BELOW_TIERS = "commission.below_tiers"
    COMMISSION_VOLUME_NEGATIVE = "commission.volume_negative"
    CONTRIBUTION_BASE_NEGATIVE = "contribution.base_negative"
    CREW_DAYS_NEGATIVE = "crew.days_negative"
    CREW_DUPLICATE_MEMBER = "crew.duplicate_member"
    CREW_EMPTY = "crew.empty"
    CREW_NO_INSPECTIONS = "crew.no_inspections"
    CREW_PCT_OUT_OF_RANGE = "crew.pct_out_of_range"
    CREW_POOL_INVALID = "crew.pool_invalid"
    CREW_PROJECT_TOTAL_INVALID = "crew.project_total_invalid"
    CREW_RATIO_OUT_OF_RANGE = "crew.ratio_out_of_range"
    CREW_SCORE_MISSING = "crew.score_missing"
    CREW_SCORE_OUT_OF_RANGE = "crew.score_out_of_range"
    CREW_ZERO_WEIGHT = "crew.zero_weight"
    GRADE_COUNT_NEGATIVE = "grade.count_negative"
    GRADE_COUNT_NOT_WHOLE = "grade.count_not_whole"
    GRADE_UNKNOWN = "grade.unknown"
    CAREER_RANK_UNKNOWN = "career.rank_unknown"
    CAREER_FACT_INVALID = "career.fact_invalid"
    HONOUR_DUPLICATE_RECIPIENT = "honour.duplicate_recipient"
    LEAVE_SPAN_INVALID = "leave.span_invalid"
    HONOUR_NO_RECIPIENTS = "honour.no_recipients"
    HONOUR_UNKNOWN_KIND = "honour.unknown_kind"
    INDIVIDUAL_AWARDED_NEGATIVE = "individual.awarded_negative"
    INDIVIDUAL_NOT_ELIGIBLE = "individual.not_eligible"
    INDIVIDUAL_RATE_OUT_OF_RANGE = "individual.rate_out_of_range"
    INDIVIDUAL_TOTAL_NEGATIVE = "individual.total_negative"
    INDIVIDUAL_YEARS_NEGATIVE = "individual.years_negative"
    INDIVIDUAL_YEARS_NOT_WHOLE = "individual.years_not_whole"
    ESTIMATE_MORE_ORDERS = "estimate.more_orders"
    ESTIMATE_UNKNOWN_BAND = "estimate.unknown_band"
    KPI_BASE_NEGATIVE = "kpi.base_negative"
    KPI_NO_SCORES = "kpi.no_scores"
    KPI_SCORE_OUT_OF_RANGE = "kpi.score_out_of_range"
    KPI_UNKNOWN_DIMENSION = "kpi.unknown_dimension"
    KPI_UNKNOWN_MISSING_REASON = "kpi.unknown_missing_reason"
    KPI_UNKNOWN_SOURCE = "kpi.unknown_source"
    MONEY_BAD_TYPE = "money.bad_type"
    MONEY_FLOAT_REFUSED = "money.float_refused"
    MONEY_NOT_A_NUMBER = "money.not_a_number"
    MONEY_NOT_FINITE = "money.not_finite"
    PAY_DEDUCTION_NEGATIVE = "pay.deduction_negative"
    PERIOD_BONUS_AMOUNT_OUT_OF_RANGE = "period_bonus.amount_out_of_range"
    PERIOD_BONUS_NOTE_REQUIRED = "period_bonus.note_required"
    PERIOD_BONUS_SCORE_OUT_OF_RANGE = "period_bonus.score_out_of_range"
    PERIOD_BONUS_UNKNOWN_KIND = "period_bonus.unknown_kind"
    PAY_NOT_IN_FEN = "pay.not_in_fen"
    PENALTY_AMOUNT_NOT_POSITIVE = "penalty.amount_not_positive"
    PENALTY_AMOUNT_OR_RATE = "penalty.amount_or_rate"
    PENALTY_NEGATIVE_INPUT = "penalty.negative_input"
    PENALTY_RATE_OUT_OF_RANGE = "penalty.rate_out_of_range"
    PENALTY_UNKNOWN_KIND = "penalty.unknown_kind"
    PIECE_RATE_DAYS_NEGATIVE = "piece_rate.days_negative"
    PIECE_RATE_DUPLICATE_PARTICIPANT = "piece_rate.duplicate_participant"
    PIECE_RATE_MIXED_SPLIT = "piece_rate.mixed_split"
    PIECE_RATE_NO_DAYS = "piece_rate.no_days"
    PIECE_RATE_NO_PARTICIPANTS = "piece_rate.no_participants"
    PIECE_RATE_PCT_OUT_OF_RANGE = "piece_rate.pct_out_of_range"
    PIECE_RATE_PCT_SUM = "piece_rate.pct_sum"
    PIECE_RATE_QUANTITY_NOT_POSITIVE = "piece_rate.quantity_not_positive"
    PIECE_RATE_RATE_NEGATIVE = "piece_rate.rate_negative"
    PIECE_RATE_SHARE_NOT_IN_FEN = "piece_rate.share_not_in_fen"
    PIECE_RATE_TOTAL_INVALID = "piece_rate.total_invalid"
    POLICY_INVALID = "policy.invalid"
    POLICY_RANGE = "policy.range"
    SENIORITY_YEARS_NEGATIVE = "seniority.years_negative"
    SENIORITY_YEARS_NOT_WHOLE = "seniority.years_not_whole"
    SLA_NAIVE_TIME = "sla.naive_time"
    SLA_NO_WORKING_TIME = "sla.no_working_time"
    SLA_STARS_OUT_OF_RANGE = "sla.stars_out_of_range"
    SPLIT_DUPLICATE_KEY = "split.duplicate_key"
    SPLIT_EMPTY = "split.empty"
    SPLIT_LENGTH_MISMATCH = "split.length_mismatch"
    SPLIT_NEGATIVE_WEIGHT = "split.negative_weight"
    SPLIT_TOTAL_NEGATIVE = "split.total_negative"
    SPLIT_TOTAL_NOT_IN_FEN = "split.total_not_in_fen"
    SPLIT_ZERO_WEIGHT = "split.zero_weight"
    TAX_BONUS_NEGATIVE = "tax.bonus_negative"
    TAX_CLAIM_MONTHS = "tax.claim_months"
    TAX_DEDUCTION_NEGATIVE = "tax.deduction_negative"
    TAX_DEDUCTION_OVERLAP = "tax.deduction_overlap"
    TAX_MONTHS = "tax.months"
    TAX_MONTH_OUT_OF_RANGE = "tax.month_out_of_range"
    TAX_NEGATIVE_INPUT = "tax.negative_input"
    TAX_NOT_YET_HIRED = "tax.not_yet_hired"
    TAX_UNKNOWN_DEDUCTION = "tax.unknown_deduction"
    TRAINING_DAYS_OUT_OF_RANGE = "training.days_out_of_range"
    WAGES_ATTENDANCE_DAYS = "wages.attendance_days"
    WAGES_ATTENDANCE_NEGATIVE = "wages.attendance_negative"
    WAGES_NEGATIVE = "wages.negative"
    WAGES_PROBATION_BELOW_MINIMUM = "wages.probation_below_minimum"
    WAGES_PROBATION_RATE = "wages.probation_rate"
    WAGES_UNKNOWN_KIND = "wages.unknown_kind"
