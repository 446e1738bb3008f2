"""Who is inside assessment (考核范围) for a period: seed 001, 适用范围, five exclusions.

1. outsourced staff (工程外包人员);
2. engineers on probation (试用期员工) on the assessment date;
3. temporary hires (临时聘请的员工);
4. anyone absent 30 or more consecutive days (连续缺勤三十日以上): a run of
   back-to-back absence records, counted up to the assessment date, that touches
   the period;
5. anyone who has left before the assessment date (考核实施日已经退职者).
Someone hired after the period's end was not employed in it and is outside too.

The policy is required: the long-absence threshold is a policy parameter, and an
approval, a KPI scorecard or an honour must use the same version as the close.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .errors import ErrorCode, refused


@dataclass(frozen=True)
class AssessmentPolicy:
    long_absence_days: int = 30  # 连续缺勤三十日以上 → 30 is already outside

    def __post_init__(self) -> None:
        if self.long_absence_days < 1:
            raise refused(
                ErrorCode.ASSESSMENT_ABSENCE_DAYS,
                "long-absence threshold must be at least 1 day",
                parameter="long_absence_days",
                rule="assessment",
                allowed=">= 1",
            )


@dataclass(frozen=True)
class EngineerFacts:
    employment_type: str  # regular / probation / outsourced / temporary
    hire_date: date
    probation_end: date | None = None
    leaving_date: date | None = None
    absences: Sequence[tuple[date, date]] = field(default_factory=tuple)


@dataclass(frozen=True)
class Exclusion:
    code: str
    detail: dict

    def as_dict(self) -> dict:
        return {"code": self.code, **{k: str(v) for k, v in self.detail.items()}}


@dataclass(frozen=True)
class AssessmentResult:
    exclusions: tuple[Exclusion, ...]

    @property
    def inside(self) -> bool:
        return not self.exclusions

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(e.code for e in self.exclusions)


def absence_runs(absences: Sequence[tuple[date, date]]) -> list[tuple[date, date]]:
    """Merge overlapping or back-to-back absences into consecutive runs."""
    runs: list[tuple[date, date]] = []
    for start, end in sorted(absences):
        if runs and start <= runs[-1][1] + timedelta(days=1):
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return runs


def assess(
    facts: EngineerFacts,
    *,
    period_start: date,
    period_end: date,
    assessment_date: date | None = None,
    policy: AssessmentPolicy | Any,
) -> AssessmentResult:
    """Every reason this engineer is outside assessment for the period (none → inside).

    `policy` is required: the policy version in force (a `Policy`) or its `assessment` section."""
    rule = "assessment"
    policy = getattr(policy, "assessment", policy)
    if not isinstance(policy, AssessmentPolicy):
        raise refused(
            ErrorCode.ASSESSMENT_POLICY_REQUIRED,
            "pass the policy in force (or its assessment section), not a default",
            parameter="policy",
            rule=rule,
            value=type(policy).__name__,
        )
    if period_end < period_start:
        raise refused(
            ErrorCode.ASSESSMENT_PERIOD, "the period ends before it starts", parameter="period_end", rule=rule
        )
    on = assessment_date or period_end
    found: list[Exclusion] = []
    if facts.hire_date > period_end:
        found.append(Exclusion("not_yet_hired", {"hire_date": facts.hire_date}))
    if facts.employment_type == "outsourced":
        found.append(Exclusion("outsourced", {}))
    if facts.employment_type == "temporary":
        found.append(Exclusion("temporary", {}))
    if facts.employment_type == "probation" or (facts.probation_end and on <= facts.probation_end):
        found.append(Exclusion("probation", {"probation_end": facts.probation_end or ""}))
    for start, end in absence_runs(facts.absences):
        counted_end = min(end, on)
        touches_period = start <= period_end and end >= period_start
        days = (counted_end - start).days + 1
        if touches_period and days >= policy.long_absence_days:
            found.append(Exclusion("long_absence", {"from": start, "until": end, "days": days}))
            break
    if facts.leaving_date and facts.leaving_date < on:
        found.append(Exclusion("left", {"leaving_date": facts.leaving_date}))
    return AssessmentResult(tuple(found))
