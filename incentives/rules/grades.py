"""Technical grade eligibility (seed 003, 技术等级评定): junior, intermediate, senior, principal.

Counts and CSAT come from work orders; tenure from the hire date; technical
documents and key-account support are the panel's judgement, recorded as facts.
Includes: whether the engineer meets each requirement of a grade, with the reasons
when not. Excludes: the panel's decision and the appeal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..errors import ErrorCode, refused
from ..money import exact, whole
from ..policy import GradeRule, Policy

RULE = "grades.eligibility"


@dataclass(frozen=True)
class GradeFacts:
    site_services: int  # completed work orders taken part in
    large_projects: int  # of which special/key projects
    tenure_months: int
    csat_average: Decimal | None  # 0–100 over the engineer's evaluated orders
    has_documents: bool = False
    has_key_accounts: bool = False

    def __post_init__(self) -> None:
        for name in ("site_services", "large_projects", "tenure_months"):
            if whole(getattr(self, name), parameter=name, rule=RULE, code=ErrorCode.GRADE_COUNT_NOT_WHOLE) < 0:
                raise refused(
                    ErrorCode.GRADE_COUNT_NEGATIVE,
                    "a count cannot be negative",
                    parameter=name,
                    rule=RULE,
                    allowed=">= 0",
                )
        if self.csat_average is not None:
            exact(self.csat_average, parameter="csat_average", rule=RULE)


@dataclass(frozen=True)
class GradeCheck:
    grade: str
    eligible: bool
    reasons: tuple[str, ...]
    evidence: dict


def grade_rule(code: str, policy: Policy) -> GradeRule:
    for rule in policy.grades:
        if rule.code == code:
            return rule
    raise refused(
        ErrorCode.GRADE_UNKNOWN, f"no grade {code!r} in policy {policy.label}", parameter="grade", rule=RULE, value=code
    )


def grade_eligibility(*, facts: GradeFacts, grade: str, policy: Policy) -> GradeCheck:
    """Every unmet requirement of `grade`, as reason codes (none → eligible)."""
    rule = grade_rule(grade, policy)
    reasons = []
    if facts.site_services < rule.min_site_services:
        reasons.append("site_services")
    if facts.large_projects < rule.min_large_projects:
        reasons.append("large_projects")
    if facts.tenure_months < rule.min_tenure_months:
        reasons.append("tenure")
    if facts.csat_average is None or facts.csat_average < rule.min_csat:
        reasons.append("csat")
    if rule.needs_documents and not facts.has_documents:
        reasons.append("documents")
    if rule.needs_key_accounts and not facts.has_key_accounts:
        reasons.append("key_accounts")
    evidence = {
        "site_services": [facts.site_services, rule.min_site_services],
        "large_projects": [facts.large_projects, rule.min_large_projects],
        "tenure_months": [facts.tenure_months, rule.min_tenure_months],
        "csat_average": [None if facts.csat_average is None else str(facts.csat_average), str(rule.min_csat)],
    }
    return GradeCheck(grade, not reasons, tuple(reasons), evidence)
