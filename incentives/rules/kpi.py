"""Monthly KPI scorecard (seeds 002, 004): 360° scores → band → performance pay.

Each source (self, peer, customer, supervisor) scores the dimensions 0–100. A
source's score is its dimensions × weights; the month's score is the sources ×
weights. A missing dimension or source is left out and the remaining weights are
scaled up to add up to 1 again (re-weighted), and the trace says so. The score is
rounded to 0.01 (half up) before the band is read, so what is shown is what
decides. Performance pay = the engineer's base × the band's coefficient.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ..errors import IncentiveError
from ..money import quantize
from ..policy import Band, Policy, Weighted
from ..trace import Step, Traced

SCORE_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class KpiResult:
    score: Decimal
    band: Band
    source_scores: dict[str, Decimal]
    reweighted: tuple[str, ...]  # what was missing and re-weighted
    steps: tuple[Step, ...]


def _weighted(values: Mapping[str, Decimal], weights: tuple[Weighted, ...]) -> tuple[Decimal, Decimal, list[str]]:
    present = [w for w in weights if w.code in values]
    missing = [w.code for w in weights if w.code not in values]
    total_weight = sum((w.weight for w in present), Decimal(0))
    if total_weight == 0:
        return Decimal(0), total_weight, missing
    return sum((values[w.code] * w.weight for w in present), Decimal(0)) / total_weight, total_weight, missing


def band_for(score: Decimal, policy: Policy) -> Band:
    for band in policy.kpi.bands:
        if score >= band.min_score:
            return band
    return policy.kpi.bands[-1]


def scorecard(*, scores: Mapping[str, Mapping[str, Decimal]], policy: Policy) -> KpiResult:
    """`scores[source][dimension]`, each 0–100; absent entries are re-weighted away."""
    kpi = policy.kpi
    known_sources = {s.code for s in kpi.sources}
    known_dims = {d.code for d in kpi.dimensions}
    source_scores: dict[str, Decimal] = {}
    reweighted: list[str] = []
    steps: list[Step] = []
    for source, dims in scores.items():
        if source not in known_sources:
            raise IncentiveError(
                "kpi.unknown_source", f"unknown score source {source!r}", parameter="source", value=source
            )
        for dim, value in dims.items():
            if dim not in known_dims:
                raise IncentiveError(
                    "kpi.unknown_dimension", f"unknown dimension {dim!r}", parameter="dimension", value=dim
                )
            kpi.score_range.require(
                value, code="kpi.score_out_of_range", parameter=f"{source}.{dim}", label=f"{source} {dim} score"
            )
        if not dims:
            continue
        value, weight, missing = _weighted(dims, kpi.dimensions)
        source_scores[source] = value
        reweighted += [f"{source}.{m}" for m in missing]
        steps.append(
            Step(
                rule="kpi.source",
                formula_zh="来源得分 = Σ 维度分 × 维度权重 ÷ Σ 所用权重",
                formula_en="source score = Σ dimension score × weight ÷ Σ weights used",
                inputs={"source": source, "scores": dict(dims), "weights_used": weight},
                result=value,
                note=("缺项按权重重新分配 / re-weighted without: " + ", ".join(missing)) if missing else "",
            )
        )
    if not source_scores:
        raise IncentiveError(
            "kpi.no_scores",
            "the scorecard has no scores from any source",
            parameter="scores",
            allowed="at least one source",
        )
    raw, weight, missing_sources = _weighted(source_scores, kpi.sources)
    reweighted += missing_sources
    score = raw.quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)
    band = band_for(score, policy)
    steps.append(
        Step(
            rule="kpi.score",
            formula_zh="月度得分 = Σ 来源得分 × 来源权重 ÷ Σ 所用权重(保留两位小数)→ 等级",
            formula_en="monthly score = Σ source score × source weight ÷ Σ weights used (2 places) → band",
            inputs={
                "source_scores": source_scores,
                "weights_used": weight,
                "band": band.code,
                "coefficient": band.coefficient,
            },
            result=score,
            note=("缺少来源,权重重新分配 / re-weighted without: " + ", ".join(missing_sources))
            if missing_sources
            else "",
        )
    )
    return KpiResult(score, band, source_scores, tuple(reweighted), tuple(steps))


def performance_pay(*, result: KpiResult, base: Decimal, policy: Policy) -> Traced:
    """绩效工资 = 绩效工资基数 × 等级系数."""
    if base < 0:
        raise IncentiveError(
            "kpi.base_negative", "the performance-pay base cannot be negative", parameter="base", allowed=">= 0"
        )
    amount = quantize(base * result.band.coefficient)
    step = Step(
        rule="kpi.performance_pay",
        formula_zh="绩效工资 = 绩效工资基数 × 等级系数",
        formula_en="performance pay = performance-pay base × band coefficient",
        inputs={"base": base, "score": result.score, "band": result.band.code, "coefficient": result.band.coefficient},
        result=amount,
    )
    return Traced(amount=amount, steps=(*result.steps, step), policy_version=policy.label)
