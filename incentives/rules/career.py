"""Promotion eligibility on the career ladder (seed 001 职业规划, seed 000 晋升考核).

Includes: whether an engineer meets each requirement of the rung they are proposed for (document KF-CAREER):
months at the current rank, the KPI mean over the window (with enough scored months), the technical grade,
the CSAT average and the completed work orders in the window, valid certificates, probation passed, and the
panel's mean score once the panel has scored. Only one rung up at a time: the ladder has no jumps.
Excludes: who decides (the general manager), the public notice and appeals, the pay change.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..career_policy import GRADES, RANKS, CareerPolicy
from ..errors import ErrorCode, refused

RULE = "career.eligibility"
# Reason codes, in the order a candidate page lists them.
REASONS = (
    "not_next_rung",
    "months_at_rank",
    "probation",
    "kpi_months",
    "kpi_mean",
    "technical_grade",
    "csat",
    "work_orders",
    "certificates",
    "panel_score",
)


@dataclass(frozen=True)
class CareerFacts:
    rank: str  # the engineer's career rank today
    months_at_rank: int
    probation_passed: bool
    kpi_months: int  # submitted scorecards in the window
    kpi_mean: Decimal | None  # their mean score (0–100), None without any
    technical_grade: str
    csat_average: Decimal | None  # over the work orders completed in the window, None without any evaluated
    work_orders: int  # completed in the window
    certificates: int  # special-skill certificates valid on the day
    panel_score: Decimal | None = None  # the panel's mean, None until someone scored

    def __post_init__(self) -> None:
        if self.rank not in RANKS:
            raise refused(ErrorCode.CAREER_RANK_UNKNOWN, "no such rank", parameter="rank", rule=RULE, value=self.rank)
        if self.technical_grade not in GRADES:
            raise refused(ErrorCode.CAREER_FACT_INVALID, "no such grade", parameter="technical_grade", rule=RULE)
        for name in ("months_at_rank", "kpi_months", "work_orders", "certificates"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise refused(ErrorCode.CAREER_FACT_INVALID, "expected a whole number ≥ 0", parameter=name, rule=RULE)
        for name in ("kpi_mean", "csat_average", "panel_score"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, Decimal) or not 0 <= value <= 100):
                raise refused(ErrorCode.CAREER_FACT_INVALID, "expected 0–100", parameter=name, rule=RULE)


@dataclass(frozen=True)
class CareerCheck:
    target: str
    eligible: bool
    reasons: tuple[str, ...]
    evidence: dict  # requirement → [the engineer's figure, the rung's minimum], as strings/ints for JSON
    policy_version: str


def _text(value) -> str | None:
    return None if value is None else str(value)


def promotion_eligibility(*, facts: CareerFacts, target: str, policy: CareerPolicy) -> CareerCheck:
    """Every unmet requirement of the rung `target`, as reason codes (none → eligible).

    A missing KPI mean, CSAT average or panel score does not meet a minimum above zero."""
    if target not in RANKS:
        raise refused(ErrorCode.CAREER_RANK_UNKNOWN, "no such rank", parameter="target", rule=RULE, value=target)
    rung = policy.rung(target)
    reasons = []
    if policy.next_rank(facts.rank) != target:
        reasons.append("not_next_rung")
    if facts.months_at_rank < rung.min_months_at_rank:
        reasons.append("months_at_rank")
    if rung.needs_probation_passed and not facts.probation_passed:
        reasons.append("probation")
    if rung.min_kpi_mean > 0 and facts.kpi_months < policy.min_scored_months:
        reasons.append("kpi_months")
    if rung.min_kpi_mean > 0 and (facts.kpi_mean is None or facts.kpi_mean < rung.min_kpi_mean):
        reasons.append("kpi_mean")
    if GRADES.index(facts.technical_grade) < GRADES.index(rung.min_technical_grade):
        reasons.append("technical_grade")
    if rung.min_csat > 0 and (facts.csat_average is None or facts.csat_average < rung.min_csat):
        reasons.append("csat")
    if facts.work_orders < rung.min_work_orders:
        reasons.append("work_orders")
    if facts.certificates < rung.min_certificates:
        reasons.append("certificates")
    if rung.min_panel_score > 0 and (facts.panel_score is None or facts.panel_score < rung.min_panel_score):
        reasons.append("panel_score")
    evidence = {
        "rank": [facts.rank, RANKS[max(RANKS.index(target) - 1, 0)]],
        "months_at_rank": [facts.months_at_rank, rung.min_months_at_rank],
        "probation_passed": [facts.probation_passed, rung.needs_probation_passed],
        "kpi_months": [facts.kpi_months, policy.min_scored_months],
        "kpi_mean": [_text(facts.kpi_mean), str(rung.min_kpi_mean)],
        "technical_grade": [facts.technical_grade, rung.min_technical_grade],
        "csat_average": [_text(facts.csat_average), str(rung.min_csat)],
        "work_orders": [facts.work_orders, rung.min_work_orders],
        "certificates": [facts.certificates, rung.min_certificates],
        "panel_score": [_text(facts.panel_score), str(rung.min_panel_score)],
        "window_months": policy.window_months,
    }
    return CareerCheck(target, not reasons, tuple(reasons), evidence, policy.label)
