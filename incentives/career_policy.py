"""The career ladder and each rung's promotion requirements (document "KF-CAREER"), as versioned data.

Seed 001 (职业规划) names the ladder: 工程助理 → 初级工程员 → 经理助理 → 部门经理 → 总经理; a newcomer starts as
an assistant and becomes a junior engineer once probation is passed (转正). Seed 000 (晋升激励) says promotion is
judged on professional skill, customer satisfaction and teamwork, with internal competitions held regularly; seed
002 says quarterly and annual KPI results are the basis of promotion. The numbers below are this product's, a
policy version like any other: each rung says what it takes to be promoted *into* it.

- ``window_months``: how many months back the KPI mean, the CSAT average and the work-order count look;
- ``min_scored_months``: how many submitted KPI months the window must hold for a mean to count;
- ``appeal_days``: the public notice (公示) period in which a candidate may appeal;
- per rung (in ladder order, lowest first): months at the rank below, the KPI mean, the technical grade, the
  CSAT average, completed work orders, valid special-skill certificates, whether probation must be passed, the
  panel's mean score (teamwork and leadership: what no record measures), and the monthly post wage the rung
  pays (empty: a rank change leaves the engineer's post wage as it is).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .pay_policy import _default, _Document, _head, _mapping, _not_negative, _number
from .policy import _invalid

CAREER_DOCUMENT = "KF-CAREER"
RANKS = ("assistant", "junior_engineer", "manager_assistant", "department_manager", "general_manager")
GRADES = ("", "junior", "intermediate", "senior", "principal")  # the technical grades, lowest first
NO_GRADE = "none"  # how the document writes "no grade required" (a table cell is never left empty)


@dataclass(frozen=True)
class Rung:
    code: str
    min_months_at_rank: int
    min_kpi_mean: Decimal
    min_technical_grade: str
    min_csat: Decimal
    min_work_orders: int
    min_certificates: int
    needs_probation_passed: bool
    min_panel_score: Decimal
    post_wage: Decimal | None


def _count(data: Mapping, key: str, path: str, high: int = 600) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _invalid(f"{path}.{key}", "expected a whole number", value=repr(value))
    if not 0 <= value <= high:
        raise _invalid(f"{path}.{key}", f"must be between 0 and {high}", allowed=f"0–{high}", value=str(value))
    return value


def _score(data: Mapping, key: str, path: str) -> Decimal:
    value = _number(data, key, path)
    if not 0 <= value <= 100:
        raise _invalid(f"{path}.{key}", "must be between 0 and 100", allowed="0–100", value=str(value))
    return value


@dataclass(frozen=True)
class CareerPolicy(_Document):
    document_no: str
    version: str
    title: str
    window_months: int
    min_scored_months: int
    appeal_days: int
    rungs: tuple[Rung, ...]

    def rung(self, code: str) -> Rung:
        for rung in self.rungs:
            if rung.code == code:
                return rung
        raise _invalid("rungs", f"no rung {code!r}", value=repr(code))

    def next_rank(self, code: str) -> str | None:
        """The rung above `code` on the ladder, None at the top."""
        index = RANKS.index(code)
        return RANKS[index + 1] if index + 1 < len(RANKS) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_no": self.document_no,
            "version": self.version,
            "title": self.title,
            "window_months": self.window_months,
            "min_scored_months": self.min_scored_months,
            "appeal_days": self.appeal_days,
            "rungs": [
                {
                    "code": r.code,
                    "min_months_at_rank": r.min_months_at_rank,
                    "min_kpi_mean": str(r.min_kpi_mean),
                    "min_technical_grade": r.min_technical_grade or NO_GRADE,
                    "min_csat": str(r.min_csat),
                    "min_work_orders": r.min_work_orders,
                    "min_certificates": r.min_certificates,
                    "needs_probation_passed": r.needs_probation_passed,
                    "min_panel_score": str(r.min_panel_score),
                    "post_wage": None if r.post_wage is None else str(r.post_wage),
                }
                for r in self.rungs
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CareerPolicy:
        data = _mapping(data, "")
        window = _count(data, "window_months", "", 36)
        if window < 1:
            raise _invalid("window_months", "at least one month", value=str(window))
        scored = _count(data, "min_scored_months", "", 36)
        if scored > window:
            raise _invalid("min_scored_months", "cannot be more than the window", value=str(scored))
        rows = data.get("rungs")
        if not isinstance(rows, list):
            raise _invalid("rungs", "expected a list of rungs")
        found: dict[str, Rung] = {}
        for n, row in enumerate(rows):
            path = f"rungs[{n}]"
            row = _mapping(row, path)
            code = str(row.get("code", ""))
            if code not in RANKS:
                raise _invalid(f"{path}.code", f"expected one of {', '.join(RANKS)}", value=repr(code))
            if code in found:
                raise _invalid(f"{path}.code", "listed twice", value=code)
            grade = str(row.get("min_technical_grade", "") or "")
            grade = "" if grade == NO_GRADE else grade
            if grade not in GRADES:
                raise _invalid(f"{path}.min_technical_grade", "no such technical grade", value=repr(grade))
            probation = row.get("needs_probation_passed", False)
            if not isinstance(probation, bool):
                raise _invalid(f"{path}.needs_probation_passed", "expected true or false", value=repr(probation))
            wage = row.get("post_wage")
            found[code] = Rung(
                code=code,
                min_months_at_rank=_count(row, "min_months_at_rank", path),
                min_kpi_mean=_score(row, "min_kpi_mean", path),
                min_technical_grade=grade,
                min_csat=_score(row, "min_csat", path),
                min_work_orders=_count(row, "min_work_orders", path, 100000),
                min_certificates=_count(row, "min_certificates", path, 50),
                needs_probation_passed=probation,
                min_panel_score=_score(row, "min_panel_score", path),
                post_wage=None if wage in (None, "") else _not_negative(row, "post_wage", path),
            )
        missing = [r for r in RANKS if r not in found]
        if missing:
            raise _invalid("rungs", f"every rank needs a rung; missing {', '.join(missing)}")
        return cls(
            **_head(data),
            window_months=window,
            min_scored_months=scored,
            appeal_days=_count(data, "appeal_days", "", 60),
            rungs=tuple(found[r] for r in RANKS),
        )

    @classmethod
    def load_default(cls) -> CareerPolicy:
        return cls.from_dict(_default("KF-CAREER_A0"))
