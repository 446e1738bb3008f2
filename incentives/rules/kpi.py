"""Monthly KPI scorecard (seeds 002, 004): 360° scores → band → performance pay.

Each source (self, peer, customer, supervisor) scores the dimensions 0–100. A
source's score is its dimensions × weights; the month's score is the sources ×
weights. A missing dimension or source is left out and the remaining weights are
scaled up to add up to 1 again (re-weighted), and the trace says so. Source
scores and the re-weighted month score are exact fractions; the month score is
rounded once to 0.01 (half up) from the exact value before the band is read, so
what is shown is what decides (exactly 79.995 shows as 80.00, band B).
Performance pay = the engineer's base × the band's coefficient, to the fen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import exact, quantize, round_half_up, shown
from ..policy import Band, Policy, Weighted
from ..trace import Step, Traced

SCORE_DECIMALS = 2


@dataclass(frozen=True)
class KpiResult:
    score: Decimal  # the month score as shown: the exact score rounded half up to 0.01; it decides the band
    band: Band
    source_scores: dict[str, Decimal]  # as shown: exact when it ends, else six places
    reweighted: tuple[str, ...]  # what was missing and re-weighted
    steps: tuple[Step, ...]
    score_exact: Fraction = field(default=Fraction(0))


def _weighted(values: Mapping[str, Fraction], weights: tuple[Weighted, ...]) -> tuple[Fraction, Fraction, list[str]]:
    present = [w for w in weights if w.code in values]
    missing = [w.code for w in weights if w.code not in values]
    total_weight = sum((Fraction(w.weight) for w in present), Fraction(0))
    if total_weight == 0:
        return Fraction(0), total_weight, missing
    return (
        sum((values[w.code] * Fraction(w.weight) for w in present), Fraction(0)) / total_weight,
        total_weight,
        missing,
    )


def _as_decimal(q: Fraction) -> Decimal:
    found = shown(q)
    return found if isinstance(found, Decimal) else Decimal(found.lstrip("≈"))


def band_for(score: Decimal, policy: Policy) -> Band:
    """The band of a score as shown (already rounded to 0.01)."""
    for band in policy.kpi.bands:
        if score >= band.min_score:
            return band
    return policy.kpi.bands[-1]


def scorecard(*, scores: Mapping[str, Mapping[str, Decimal]], policy: Policy) -> KpiResult:
    """`scores[source][dimension]`, each 0–100; absent entries are re-weighted away."""
    kpi = policy.kpi
    known_sources = {s.code for s in kpi.sources}
    known_dims = {d.code for d in kpi.dimensions}
    source_scores: dict[str, Fraction] = {}
    reweighted: list[str] = []
    steps: list[Step] = []
    for source, dims in scores.items():
        if source not in known_sources:
            raise refused(
                ErrorCode.KPI_UNKNOWN_SOURCE,
                f"unknown score source {source!r}",
                parameter="source",
                rule="kpi.source",
                value=source,
            )
        for dim, value in dims.items():
            if dim not in known_dims:
                raise refused(
                    ErrorCode.KPI_UNKNOWN_DIMENSION,
                    f"unknown dimension {dim!r}",
                    parameter="dimension",
                    rule="kpi.source",
                    value=dim,
                )
            kpi.score_range.require(
                value,
                code=ErrorCode.KPI_SCORE_OUT_OF_RANGE,
                parameter=f"{source}.{dim}",
                label=f"{source} {dim} score",
                rule="kpi.source",
            )
        if not dims:
            continue
        exact_dims = {d: exact(v, parameter=f"{source}.{d}", rule="kpi.source") for d, v in dims.items()}
        value, weight, missing = _weighted(exact_dims, kpi.dimensions)
        source_scores[source] = value
        reweighted += [f"{source}.{m}" for m in missing]
        steps.append(
            Step(
                rule="kpi.source",
                formula_zh="来源得分 = Σ 维度分 × 维度权重 ÷ Σ 所用权重(精确值,不取整)",
                formula_en="source score = Σ dimension score × weight ÷ Σ weights used (exact, not rounded)",
                inputs={"source": source, "scores": dict(dims), "weights_used": weight},
                result=value,
                note=("缺项按权重重新分配 / re-weighted without: " + ", ".join(missing)) if missing else "",
            )
        )
    if not source_scores:
        raise refused(
            ErrorCode.KPI_NO_SCORES,
            "the scorecard has no scores from any source",
            parameter="scores",
            rule="kpi.score",
            allowed="at least one source",
        )
    raw, weight, missing_sources = _weighted(source_scores, kpi.sources)
    reweighted += missing_sources
    score = round_half_up(raw, SCORE_DECIMALS)
    band = band_for(score, policy)
    steps.append(
        Step(
            rule="kpi.score",
            formula_zh="月度得分 = Σ 来源得分 × 来源权重 ÷ Σ 所用权重(按精确值四舍五入保留两位小数)→ 等级按显示的得分",
            formula_en="monthly score = Σ source score × source weight ÷ Σ weights used "
            "(the exact value rounded half up to 2 places) → band of the score as shown",
            inputs={
                "source_scores": source_scores,
                "weights_used": weight,
                "exact": raw,
                "band": band.code,
                "coefficient": band.coefficient,
            },
            result=score,
            note=("缺少来源,权重重新分配 / re-weighted without: " + ", ".join(missing_sources))
            if missing_sources
            else "",
        )
    )
    return KpiResult(
        score,
        band,
        {s: _as_decimal(v) for s, v in source_scores.items()},
        tuple(reweighted),
        tuple(steps),
        raw,
    )


def performance_pay(*, result: KpiResult, base: Decimal, policy: Policy) -> Traced:
    """绩效工资 = 绩效工资基数 × 等级系数, rounded once, half up, to the fen."""
    rule = "kpi.performance_pay"
    if exact(base, parameter="base", rule=rule) < 0:
        raise refused(
            ErrorCode.KPI_BASE_NEGATIVE,
            "the performance-pay base cannot be negative",
            parameter="base",
            rule=rule,
            allowed=">= 0",
            value=str(base),
        )
    amount = quantize(Fraction(base) * Fraction(result.band.coefficient))
    step = Step(
        rule=rule,
        formula_zh="绩效工资 = 绩效工资基数 × 等级系数",
        formula_en="performance pay = performance-pay base × band coefficient",
        inputs={"base": base, "score": result.score, "band": result.band.code, "coefficient": result.band.coefficient},
        result=amount,
    )
    return Traced(amount=amount, steps=(*result.steps, step), policy_version=policy.label)


MISSING_REASONS = {
    "not_submitted": (
        "本月考核未提交,绩效工资未计入",
        "this month's KPI scorecard was not submitted: no performance pay",
    ),
    "no_scorecard": ("本月没有考核表,绩效工资未计入", "no KPI scorecard this month: no performance pay"),
}


def performance_pay_missing(*, why: str, policy: Policy) -> Traced:
    """No performance pay this month, and the reason, so the payslip says so instead of staying silent."""
    rule = "kpi.performance_pay_missing"
    if why not in MISSING_REASONS:
        raise refused(
            ErrorCode.KPI_UNKNOWN_MISSING_REASON,
            "unknown reason for missing performance pay",
            parameter="why",
            rule=rule,
            allowed=", ".join(MISSING_REASONS),
            value=why,
        )
    zh, en = MISSING_REASONS[why]
    step = Step(rule=rule, formula_zh=zh, formula_en=en, inputs={"why": why}, result=Decimal("0.00"))
    return Traced(amount=Decimal("0.00"), steps=(step,), policy_version=policy.label)
