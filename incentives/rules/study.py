"""Study reward (学习奖励, seed 000 培训激励; seed 001 3.2 岗位技能培训提升奖励) and a certificate's standing.

Includes: the reward for passing a certification = the study-reward document's standard for the certificate's
kind (the special skill) × level, one amount, no rounding needed (the standard is in fen). Excludes: who may
approve it and whether it was paid before (the training app's four-eyes and its one reward per engineer ×
skill × level), the paid training days (individual.paid_training).
"""

from __future__ import annotations

from datetime import date

from ..study_policy import StudyPolicy
from ..trace import Step, Traced

VALID, EXPIRING, EXPIRED, NOT_YET_VALID = "valid", "expiring", "expired", "not_yet_valid"


def study_reward(*, skill: str, level: str, policy: StudyPolicy) -> Traced:
    """学习奖励 = the standard for (skill, level) in the version in force on the day the certificate was passed."""
    standard = policy.standard(skill, level)
    step = Step(
        rule="training.study_reward",
        formula_zh="学习奖励 = 奖励标准(证书工种 × 等级)",
        formula_en="study reward = standard (certificate kind × level)",
        inputs={"skill": skill, "level": level, "standard": standard.amount},
        result=standard.amount,
    )
    return Traced(amount=standard.amount, steps=(step,), policy_version=policy.label)


def days_left(*, expires_on: date | None, today: date) -> int | None:
    """Whole days from today to the last valid day (0: it expires today; negative: expired); None: never expires."""
    return None if expires_on is None else (expires_on - today).days


def standing(*, issued_on: date, expires_on: date | None, today: date, warning_days: int) -> str:
    """valid / expiring (at most `warning_days` left, the last day included) / expired / not yet valid.

    A certificate counts (for the individual incentive's special skill) from its issue day through its expiry
    day, both included, as engineers.EngineerSkill.valid_on says; "expiring" still counts."""
    if today < issued_on:
        return NOT_YET_VALID
    left = days_left(expires_on=expires_on, today=today)
    if left is None:
        return VALID
    if left < 0:
        return EXPIRED
    return EXPIRING if left <= warning_days else VALID
