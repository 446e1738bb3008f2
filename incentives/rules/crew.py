"""Crew incentive (集体激励) on special/key projects, for the whole crew.

Includes: per-category averages over several inspectors, the total score, the
pool (score ÷ 100 × project piece-rate total × ratio, ratio within bounds) and the
split: share_i = pool × (days_i × pct_i) ÷ Σ(days_j × pct_j), largest remainder,
so the shares add up to the pool exactly. Scores are kept exact; only money is
rounded, once, at the end of each step. Excludes: individual incentives, which
stack on top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..errors import IncentiveError
from ..money import quantize, split_largest_remainder
from ..policy import Policy
from ..trace import Step, Traced

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Inspection:
    """One inspector's on-site scores, category → 0–100."""

    inspector: str
    scores: Mapping[str, Decimal]


@dataclass(frozen=True)
class CrewMember:
    key: int  # stable tie-break: the engineer's id
    days: Decimal
    pct: Decimal  # personal percentage from the distribution plan, 0–100


@dataclass(frozen=True)
class CrewResult:
    category_averages: dict[str, Decimal]
    total_score: Decimal
    pool: Traced
    shares: dict[int, Traced]


def category_averages(inspections: Sequence[Inspection], policy: Policy) -> dict[str, Decimal]:
    """Average of each category over the inspectors (exact, not rounded)."""
    if not inspections:
        raise IncentiveError(
            "crew.no_inspections", "at least one on-site inspection is needed", parameter="inspections", allowed=">= 1"
        )
    categories = policy.crew.categories
    for insp in inspections:
        missing = [c for c in categories if c not in insp.scores]
        if missing:
            raise IncentiveError(
                "crew.score_missing",
                f"{insp.inspector}: no score for {', '.join(missing)}",
                parameter=f"scores.{missing[0]}",
                allowed=f"{policy.crew.score_range.low}–{policy.crew.score_range.high}",
            )
        for category in categories:
            policy.crew.score_range.require(
                insp.scores[category],
                code="crew.score_out_of_range",
                parameter=f"scores.{category}",
                label=f"{insp.inspector} {category} score",
            )
    n = Decimal(len(inspections))
    return {c: sum((i.scores[c] for i in inspections), Decimal(0)) / n for c in categories}


def crew_pool(*, total_score: Decimal, project_total: Decimal, ratio: Decimal, policy: Policy) -> Traced:
    """集体激励总金额 = 总分 ÷ 100 × 计件工资总额 × 申请比例, to the fen."""
    policy.crew.ratio_range.require(ratio, code="crew.ratio_out_of_range", parameter="ratio", label="crew ratio")
    pool = quantize(total_score / HUNDRED * project_total * ratio)
    step = Step(
        rule="crew.pool",
        formula_zh="集体激励总金额 = 总分 ÷ 100 × 计件工资总额 × 申请比例",
        formula_en="pool = total score ÷ 100 × project piece-rate total × ratio",
        inputs={"total_score": total_score, "project_total": project_total, "ratio": ratio},
        result=pool,
    )
    return Traced(amount=pool, steps=(step,), policy_version=policy.label)


def crew_split(*, pool: Decimal, members: Sequence[CrewMember], policy: Policy) -> dict[int, Traced]:
    """share_i = pool × (days_i × pct_i) ÷ Σ(days_j × pct_j), largest remainder to the fen."""
    if not members:
        raise IncentiveError("crew.empty", "the crew has no members to share the pool", parameter="members")
    if len({m.key for m in members}) != len(members):
        raise IncentiveError("crew.duplicate_member", "a member is listed twice", parameter="members")
    for m in members:
        if m.days < 0:
            raise IncentiveError(
                "crew.days_negative", "days cannot be negative", parameter="days", allowed=">= 0", value=str(m.days)
            )
        if not (Decimal(0) <= m.pct <= HUNDRED):
            raise IncentiveError(
                "crew.pct_out_of_range",
                f"a personal percentage must be within 0–100, not {m.pct}",
                parameter="pct",
                allowed="0–100",
                value=str(m.pct),
            )
    weights = [m.days * m.pct / HUNDRED for m in members]
    weight_sum = sum(weights, Decimal(0))
    if weight_sum == 0:
        raise IncentiveError(
            "crew.zero_weight",
            "no member has days × percentage above zero, so the pool cannot be split",
            parameter="members",
            allowed="Σ(days × pct) > 0",
        )
    shares = split_largest_remainder(pool, weights, [m.key for m in members])
    return {
        m.key: Traced(
            amount=share,
            steps=(
                Step(
                    rule="crew.share",
                    formula_zh="个人集体激励 = 总金额 × (个人天数 × 个人百分比) ÷ Σ(天数 × 百分比)(最大余数法取整到分)",
                    formula_en="share = pool × (days × pct) ÷ Σ(days × pct) (largest remainder, to the fen)",
                    inputs={"pool": pool, "days": m.days, "pct": m.pct, "weight": w, "weight_sum": weight_sum},
                    result=share,
                ),
            ),
            policy_version=policy.label,
        )
        for m, w, share in zip(members, weights, shares, strict=True)
    }


def crew_incentive(
    *,
    inspections: Sequence[Inspection],
    project_total: Decimal,
    ratio: Decimal,
    members: Sequence[CrewMember],
    policy: Policy,
) -> CrewResult:
    """The whole crew incentive: averages → total score → pool → shares."""
    averages = category_averages(inspections, policy)
    total_score = sum(averages.values(), Decimal(0)) / Decimal(len(averages))
    score_step = Step(
        rule="crew.total_score",
        formula_zh="总分 = (" + " + ".join(policy.crew.categories) + f") ÷ {len(averages)},各项为检查人员平均分",
        formula_en="total score = (" + " + ".join(policy.crew.categories) + f") ÷ {len(averages)}, "
        "each the average over the inspectors",
        inputs={"averages": averages, "inspectors": [i.inspector for i in inspections]},
        result=total_score,
    )
    pool = crew_pool(total_score=total_score, project_total=project_total, ratio=ratio, policy=policy)
    pool = Traced(amount=pool.amount, steps=(score_step, *pool.steps), policy_version=policy.label)
    return CrewResult(averages, total_score, pool, crew_split(pool=pool.amount, members=members, policy=policy))
