"""Individual incentive (个人激励) on special/key projects, and paid training.

Includes: eligibility with every reason when not eligible; amount = project
piece-rate total × rate, rate within the policy's bounds; the monthly cap, with
the headroom left and the trim recorded. Excludes: the piece-rate pay itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import ZERO, exact, in_fen, quantize, whole
from ..policy import Policy
from ..trace import Step, Traced


@dataclass(frozen=True)
class Candidate:
    """What eligibility reads about one engineer (FS-MS-KF-13 个人激励 条件)."""

    inside_assessment: bool
    probation_passed: bool
    has_special_skill: bool  # 电工、焊工、管道工 … with a valid certificate
    service_years: int  # completed years of continuous service
    rated_excellent: bool  # rated excellent by a supervisor or above
    is_crew_leader: bool = False

    def __post_init__(self) -> None:
        rule = "individual.eligibility"
        years = whole(
            self.service_years, parameter="service_years", rule=rule, code=ErrorCode.INDIVIDUAL_YEARS_NOT_WHOLE
        )
        if years < 0:
            raise refused(
                ErrorCode.INDIVIDUAL_YEARS_NEGATIVE,
                "service years cannot be negative",
                parameter="service_years",
                rule=rule,
                allowed=">= 0",
                value=str(self.service_years),
            )


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: tuple[str, ...]  # codes; empty when eligible


def eligibility(candidate: Candidate, policy: Policy) -> Eligibility:
    """Eligible when inside assessment, past probation, and either a crew leader, or
    rated excellent with a special skill, or rated excellent with enough service."""
    reasons: list[str] = []
    if not candidate.inside_assessment:
        reasons.append("outside_assessment")
    if not candidate.probation_passed:
        reasons.append("probation_not_passed")
    if not candidate.is_crew_leader:
        if not candidate.rated_excellent:
            reasons.append("not_rated_excellent")
        if not candidate.has_special_skill and candidate.service_years < policy.individual.min_service_years:
            reasons.append("no_special_skill_or_service_years")
    return Eligibility(not reasons, tuple(reasons))


def cap_headroom(*, already_awarded: Decimal, policy: Policy) -> Decimal:
    """What is left under the monthly cap (never negative)."""
    if exact(already_awarded, parameter="already_awarded", rule="individual.cap") < 0:
        raise refused(
            ErrorCode.INDIVIDUAL_AWARDED_NEGATIVE,
            "individual incentives already awarded this month cannot be negative",
            parameter="already_awarded",
            rule="individual.cap",
            allowed=">= 0",
            value=str(already_awarded),
        )
    return max(quantize(policy.individual.monthly_cap - already_awarded), ZERO)


def individual_incentive(
    *, project_total: Decimal, rate: Decimal, already_awarded: Decimal, eligible: Eligibility, policy: Policy
) -> Traced:
    """amount = round(project piece-rate total × rate) (the exact product rounded once, half up),
    trimmed to the monthly cap's headroom (caps apply to rounded amounts)."""
    rule = "individual.amount"
    if not eligible.eligible:
        raise refused(
            ErrorCode.INDIVIDUAL_NOT_ELIGIBLE,
            "the engineer is not eligible for an individual incentive: " + ", ".join(eligible.reasons),
            parameter="engineer",
            rule=rule,
            reasons=list(eligible.reasons),
        )
    policy.individual.rate_range.require(
        rate,
        code=ErrorCode.INDIVIDUAL_RATE_OUT_OF_RANGE,
        parameter="rate",
        label="individual incentive rate",
        rule=rule,
    )
    total = exact(project_total, parameter="project_total", rule=rule)
    if total < 0 or not in_fen(total):
        raise refused(
            ErrorCode.INDIVIDUAL_TOTAL_NEGATIVE,
            "the project's piece-rate total must be a non-negative amount in whole fen",
            parameter="project_total",
            rule=rule,
            allowed=">= 0, in fen",
            value=str(project_total),
        )
    raw = quantize(total * Fraction(rate))
    headroom = cap_headroom(already_awarded=already_awarded, policy=policy)
    awarded = min(raw, headroom)
    steps = [
        Step(
            rule=rule,
            formula_zh="个人激励 = 工程计件工资总额 × 激励比例",
            formula_en="individual incentive = project piece-rate total × rate",
            inputs={"project_total": project_total, "rate": rate},
            result=raw,
        ),
        Step(
            rule="individual.cap",
            formula_zh="本月可发 = min(个人激励, 月度上限 − 本月已发)",
            formula_en="awarded = min(incentive, monthly cap − already awarded this month)",
            inputs={"incentive": raw, "monthly_cap": policy.individual.monthly_cap, "already_awarded": already_awarded},
            result=awarded,
            note=(
                f"按月度上限 {policy.individual.monthly_cap} 元削减为 {awarded} 元 / "
                f"trimmed to {awarded} by the monthly cap of {policy.individual.monthly_cap}"
                if awarded < raw
                else ""
            ),
        ),
    ]
    return Traced(amount=awarded, steps=tuple(steps), policy_version=policy.label)


def paid_training(*, days: Decimal, policy: Policy) -> Traced:
    """带薪培训 = days × the policy's day rate (also used for certificate training days)."""
    rule = "training.pay"
    q = exact(days, parameter="days", rule=rule)
    allowed = Fraction(1, 2) <= q <= policy.training.max_days
    if not allowed or (q * 2).denominator != 1:
        raise refused(
            ErrorCode.TRAINING_DAYS_OUT_OF_RANGE,
            f"training days must be in half days between 0.5 and {policy.training.max_days}",
            parameter="days",
            rule=rule,
            allowed=f"0.5–{policy.training.max_days}, in steps of 0.5",
            value=str(days),
        )
    amount = quantize(q * Fraction(policy.training.day_rate))
    step = Step(
        rule=rule,
        formula_zh="带薪培训 = 培训天数 × 日标准",
        formula_en="paid training = days × day rate",
        inputs={"days": days, "day_rate": policy.training.day_rate},
        result=amount,
    )
    return Traced(amount=amount, steps=(step,), policy_version=policy.label)
