"""Policy parameters as frozen dataclasses, read from and written to plain JSON.

Every number a rule uses lives here, never in the rules: a new policy version
is new data. `Policy.from_dict` validates everything and names the bad path.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

from .assessment import AssessmentPolicy
from .errors import ErrorCode, IncentiveError, refused
from .money import Number, exact, shown, to_decimal

DEFAULTS_DIR = Path(__file__).resolve().parent / "policies"


def _invalid(path: str, message: str, **params) -> IncentiveError:
    return IncentiveError(ErrorCode.POLICY_INVALID, f"{path}: {message}", parameter=path, rule="policy", **params)


def _dec(data: Mapping, key: str, path: str) -> Decimal:
    if key not in data:
        raise _invalid(f"{path}.{key}", "missing")
    value = data[key]
    if isinstance(value, float):
        raise _invalid(f"{path}.{key}", 'write numbers as strings, e.g. "0.05"')
    try:
        return to_decimal(value, field=f"{path}.{key}")
    except IncentiveError as exc:
        raise _invalid(f"{path}.{key}", exc.message) from None


@dataclass(frozen=True)
class Range:
    """An inclusive range [low, high]."""

    low: Decimal
    high: Decimal

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise refused(
                ErrorCode.POLICY_RANGE,
                f"range low {self.low} is above high {self.high}",
                parameter="range",
                rule="policy",
            )

    def __contains__(self, value: Number) -> bool:
        return self.low <= value <= self.high

    def require(self, value: Number, *, code: str, parameter: str, label: str, rule: str = "") -> None:
        """Raise `code` naming the parameter, the rule and the allowed range when `value` is outside.

        A float is refused with the engine's own error (never a TypeError or a silent compare)."""
        rule = rule or code.split(".")[0]
        q = exact(value, parameter=parameter, rule=rule)
        if q not in self:
            raise refused(
                code,
                f"{label} {shown(q)} is outside the allowed range {self.low}–{self.high}",
                parameter=parameter,
                rule=rule,
                allowed=f"{self.low}–{self.high}",
                value=str(shown(q)),
            )

    @classmethod
    def parse(cls, data: Any, path: str) -> Range:
        if not isinstance(data, Sequence) or isinstance(data, str) or len(data) != 2:
            raise _invalid(path, "expected [low, high]")
        low, high = (_dec({"v": v}, "v", path) for v in data)
        if low > high:
            raise _invalid(path, f"low {low} is above high {high}")
        return cls(low, high)

    def dump(self) -> list[str]:
        return [str(self.low), str(self.high)]


@dataclass(frozen=True)
class IndividualPolicy:
    rate_range: Range
    monthly_cap: Decimal
    min_service_years: int


@dataclass(frozen=True)
class TrainingPolicy:
    day_rate: Decimal
    max_days: Decimal


@dataclass(frozen=True)
class CrewPolicy:
    ratio_range: Range
    score_range: Range
    categories: tuple[str, ...]
    # A member's personal percentage (coefficient) in the distribution plan runs from 0 to this;
    # crews often give the leader 120 %. The split is normalised by Σ(days × pct), so any maximum is safe.
    max_member_pct: Decimal = Decimal(200)


@dataclass(frozen=True)
class SeniorityPolicy:
    per_year: Decimal
    cap: Decimal


@dataclass(frozen=True)
class AnnualAwardPolicy:
    safety_amount: Decimal
    quality_amount: Decimal
    pay_month: int


@dataclass(frozen=True)
class HonourKind:
    code: str
    amount: Decimal
    basis: str  # per_person: each listed person gets the amount; per_team: the amount is split


@dataclass(frozen=True)
class PenaltyPolicy:
    # Deductions in one month are capped at this share of the month's pay
    # (工资支付暂行规定 第十六条: at most 20 % of the monthly wage).
    max_deduction_rate: Decimal


@dataclass(frozen=True)
class Weighted:
    code: str
    weight: Decimal


@dataclass(frozen=True)
class Band:
    code: str
    min_score: Decimal
    coefficient: Decimal


@dataclass(frozen=True)
class KpiPolicy:
    score_range: Range
    dimensions: tuple[Weighted, ...]
    sources: tuple[Weighted, ...]
    bands: tuple[Band, ...]  # highest min_score first; the last one must start at the range's low
    on_time_hours: int  # a work order resolved within this many hours of the report is on time


@dataclass(frozen=True)
class CommissionTier:
    lower: Decimal  # inclusive; the tier runs up to the next tier's lower bound (exclusive)
    rate: Decimal
    base: Decimal


@dataclass(frozen=True)
class CommissionPolicy:
    tiers: tuple[CommissionTier, ...]


@dataclass(frozen=True)
class GradeRule:
    """Seed 003 技术等级评定: what a grade requires (counts and CSAT from work orders)."""

    code: str
    min_site_services: int
    min_large_projects: int
    min_tenure_months: int
    min_csat: Decimal
    needs_documents: bool
    needs_key_accounts: bool


@dataclass(frozen=True)
class Policy:
    document_no: str
    version: str
    title: str
    individual: IndividualPolicy
    training: TrainingPolicy
    crew: CrewPolicy
    seniority: SeniorityPolicy
    annual: AnnualAwardPolicy
    honours: tuple[HonourKind, ...]
    penalties: PenaltyPolicy
    kpi: KpiPolicy
    commission: CommissionPolicy
    assessment: AssessmentPolicy
    grades: tuple[GradeRule, ...]

    @property
    def label(self) -> str:
        """What traces cite: "FS-MS-KF-13 A/2"."""
        return f"{self.document_no} {self.version}"

    def honour(self, code: str) -> HonourKind:
        for kind in self.honours:
            if kind.code == code:
                return kind
        raise refused(
            ErrorCode.HONOUR_UNKNOWN_KIND,
            f"no honour {code!r} in policy {self.label}",
            parameter="kind",
            rule="honour",
            value=code,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Policy:
        return _parse_policy(data)

    def to_dict(self) -> dict[str, Any]:
        return _dump(self)

    @classmethod
    def load_default(cls, name: str = "FS-MS-KF-13_A2") -> Policy:
        return cls.from_dict(json.loads((DEFAULTS_DIR / f"{name}.json").read_text(encoding="utf-8")))


def _section(data: Mapping, key: str) -> Mapping:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise _invalid(key, "missing section")
    return value


def _weights(items: Any, path: str) -> tuple[Weighted, ...]:
    if not isinstance(items, Sequence) or not items:
        raise _invalid(path, "expected a non-empty list")
    parsed = tuple(Weighted(str(i["code"]), _dec(i, "weight", f"{path}[{n}]")) for n, i in enumerate(items))
    if any(w.weight < 0 for w in parsed):
        raise _invalid(path, "a weight cannot be negative")
    total = sum((w.weight for w in parsed), Decimal(0))
    if total != 1:
        raise _invalid(path, f"weights add up to {total}, they must add up to 1", allowed="Σ = 1", value=str(total))
    if len({w.code for w in parsed}) != len(parsed):
        raise _invalid(path, "codes must be unique")
    return parsed


def _parse_policy(data: Mapping[str, Any]) -> Policy:
    ind = _section(data, "individual")
    rate_range = Range.parse(ind.get("rate_range"), "individual.rate_range")
    if rate_range.low < 0 or rate_range.high > 1:
        raise _invalid("individual.rate_range", "rates are fractions between 0 and 1")
    individual = IndividualPolicy(
        rate_range=rate_range,
        monthly_cap=_dec(ind, "monthly_cap", "individual"),
        min_service_years=int(ind.get("min_service_years", 0)),
    )
    tr = _section(data, "training")
    training = TrainingPolicy(day_rate=_dec(tr, "day_rate", "training"), max_days=_dec(tr, "max_days", "training"))
    cr = _section(data, "crew")
    crew = CrewPolicy(
        ratio_range=Range.parse(cr.get("ratio_range"), "crew.ratio_range"),
        score_range=Range.parse(cr.get("score_range"), "crew.score_range"),
        categories=tuple(cr.get("categories") or ()),
        # Versions saved before this parameter existed get DOMAIN.md's default, 200 %.
        max_member_pct=_dec({"max_member_pct": "200", **cr}, "max_member_pct", "crew"),
    )
    if not Decimal(100) <= crew.max_member_pct <= Decimal(1000):
        raise _invalid(
            "crew.max_member_pct",
            "the highest personal percentage must be within 100–1000 (a plan must be able to give everyone 100 %)",
            allowed="100–1000",
            value=str(crew.max_member_pct),
        )
    if not crew.categories:
        raise _invalid("crew.categories", "at least one inspection category is needed")
    se = _section(data, "seniority")
    seniority = SeniorityPolicy(per_year=_dec(se, "per_year", "seniority"), cap=_dec(se, "cap", "seniority"))
    an = _section(data, "annual")
    annual = AnnualAwardPolicy(
        safety_amount=_dec(an, "safety_amount", "annual"),
        quality_amount=_dec(an, "quality_amount", "annual"),
        pay_month=int(an.get("pay_month", 12)),
    )
    if not 1 <= annual.pay_month <= 12:
        raise _invalid("annual.pay_month", "must be a month 1–12")
    honours = tuple(
        HonourKind(str(h["code"]), _dec(h, "amount", f"honours[{n}]"), str(h.get("basis", "per_person")))
        for n, h in enumerate(data.get("honours") or ())
    )
    if any(h.basis not in ("per_person", "per_team") for h in honours):
        raise _invalid("honours", "basis must be per_person or per_team")
    pe = _section(data, "penalties")
    penalties = PenaltyPolicy(max_deduction_rate=_dec(pe, "max_deduction_rate", "penalties"))
    if not 0 <= penalties.max_deduction_rate <= 1:
        raise _invalid("penalties.max_deduction_rate", "must be a fraction between 0 and 1")
    kp = _section(data, "kpi")
    score_range = Range.parse(kp.get("score_range"), "kpi.score_range")
    bands = tuple(
        Band(str(b["code"]), _dec(b, "min_score", f"kpi.bands[{n}]"), _dec(b, "coefficient", f"kpi.bands[{n}]"))
        for n, b in enumerate(kp.get("bands") or ())
    )
    if not bands or list(bands) != sorted(bands, key=lambda b: -b.min_score) or bands[-1].min_score != score_range.low:
        raise _invalid("kpi.bands", "bands must be listed highest first and the last must start at the lowest score")
    kpi = KpiPolicy(
        score_range=score_range,
        dimensions=_weights(kp.get("dimensions"), "kpi.dimensions"),
        sources=_weights(kp.get("sources"), "kpi.sources"),
        bands=bands,
        on_time_hours=int(kp.get("on_time_hours", 0)),
    )
    if kpi.on_time_hours <= 0:
        raise _invalid("kpi.on_time_hours", "missing: a positive number of hours")
    co = _section(data, "commission")
    tiers = tuple(
        CommissionTier(
            _dec(t, "lower", f"commission.tiers[{n}]"),
            _dec(t, "rate", f"commission.tiers[{n}]"),
            _dec(t, "base", f"commission.tiers[{n}]"),
        )
        for n, t in enumerate(co.get("tiers") or ())
    )
    if not tiers or any(a.lower >= b.lower for a, b in pairwise(tiers)):
        raise _invalid("commission.tiers", "tiers must be listed with strictly increasing lower bounds")
    assessment = AssessmentPolicy(long_absence_days=int(_section(data, "assessment").get("long_absence_days", 30)))
    grades = tuple(
        GradeRule(
            code=str(g["code"]),
            min_site_services=int(g.get("min_site_services", 0)),
            min_large_projects=int(g.get("min_large_projects", 0)),
            min_tenure_months=int(g.get("min_tenure_months", 0)),
            min_csat=_dec(g, "min_csat", f"grades[{n}]"),
            needs_documents=bool(g.get("needs_documents", False)),
            needs_key_accounts=bool(g.get("needs_key_accounts", False)),
        )
        for n, g in enumerate(data.get("grades") or ())
    )
    if not grades:
        raise _invalid("grades", "the technical grades and their requirements are missing")
    return Policy(
        document_no=str(data.get("document_no", "")),
        version=str(data.get("version", "")),
        title=str(data.get("title", "")),
        individual=individual,
        training=training,
        crew=crew,
        seniority=seniority,
        annual=annual,
        honours=honours,
        penalties=penalties,
        kpi=kpi,
        commission=CommissionPolicy(tiers),
        assessment=assessment,
        grades=grades,
    )


def _dump(value: Any) -> Any:
    if isinstance(value, Range):
        return value.dump()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "__dataclass_fields__"):
        return {k: _dump(getattr(value, k)) for k in asdict(value)}
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    return value
