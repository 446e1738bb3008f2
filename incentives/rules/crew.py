"""Crew incentive (集体激励) on special/key projects, for the whole crew.

Includes: per-category averages over several inspectors, the total score, the
pool (score ÷ 100 × project piece-rate total × ratio, ratio within bounds) and the
split: share_i = pool × (days_i × pct_i) ÷ Σ(days_j × pct_j), largest remainder,
so the shares add up to the pool exactly. Averages and the total score are exact
fractions; the pool is rounded once, half up, from the exact score; the shares
are the exact pool split by largest remainder (ties to the lower engineer id).
A personal percentage is a coefficient from 0 % to the policy's maximum
(default 200 %). Excludes: individual incentives, which stack on top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import exact, in_fen, quantize, shown, split_largest_remainder, terminating
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
    pct: Decimal  # personal percentage (coefficient) from the distribution plan, 0 – policy maximum


@dataclass(frozen=True)
class CrewResult:
    """Scores as shown (exact, or rounded to six places when the exact value never ends), the exact
    total score the pool was computed from, the pool and the shares."""

    category_averages: dict[str, Decimal]
    total_score: Decimal
    pool: Traced
    shares: dict[int, Traced]
    total_score_exact: Fraction = field(default=Fraction(0))


def _as_decimal(q: Fraction) -> Decimal:
    """A score for a result field: exact when it ends, else half up to six places (display only)."""
    found = shown(q)
    return found if isinstance(found, Decimal) else Decimal(found.lstrip("≈"))


def exact_category_averages(inspections: Sequence[Inspection], policy: Policy) -> dict[str, Fraction]:
    """Average of each category over the inspectors, as exact fractions (never rounded)."""
    rule = "crew.total_score"
    if not inspections:
        raise refused(
            ErrorCode.CREW_NO_INSPECTIONS,
            "at least one on-site inspection is needed",
            parameter="inspections",
            rule=rule,
            allowed=">= 1",
        )
    categories = policy.crew.categories
    exact_scores = []
    for insp in inspections:
        missing = [c for c in categories if c not in insp.scores]
        if missing:
            raise refused(
                ErrorCode.CREW_SCORE_MISSING,
                f"{insp.inspector}: no score for {', '.join(missing)}",
                parameter=f"scores.{missing[0]}",
                rule=rule,
                allowed=f"{policy.crew.score_range.low}–{policy.crew.score_range.high}",
            )
        for category in categories:
            policy.crew.score_range.require(
                insp.scores[category],
                code=ErrorCode.CREW_SCORE_OUT_OF_RANGE,
                parameter=f"scores.{category}",
                label=f"{insp.inspector} {category} score",
                rule=rule,
            )
        exact_scores.append({c: exact(insp.scores[c], parameter=f"scores.{c}", rule=rule) for c in categories})
    n = len(inspections)
    return {c: sum((s[c] for s in exact_scores), Fraction(0)) / n for c in categories}


def category_averages(inspections: Sequence[Inspection], policy: Policy) -> dict[str, Decimal]:
    """Average of each category over the inspectors, as shown (exact when it ends)."""
    return {c: _as_decimal(q) for c, q in exact_category_averages(inspections, policy).items()}


def crew_pool(*, total_score: Decimal | Fraction, project_total: Decimal, ratio: Decimal, policy: Policy) -> Traced:
    """集体激励总金额 = 总分 ÷ 100 × 计件工资总额 × 申请比例, rounded once, half up, to the fen.

    `total_score` may be the exact Fraction from the averages; it must lie within the
    policy's score range (0–100), the project total must be a non-negative amount in fen."""
    rule = "crew.pool"
    policy.crew.ratio_range.require(
        ratio, code=ErrorCode.CREW_RATIO_OUT_OF_RANGE, parameter="ratio", label="crew ratio", rule=rule
    )
    policy.crew.score_range.require(
        total_score, code=ErrorCode.CREW_SCORE_OUT_OF_RANGE, parameter="total_score", label="total score", rule=rule
    )
    score = exact(total_score, parameter="total_score", rule=rule)
    total = exact(project_total, parameter="project_total", rule=rule)
    if total < 0 or not in_fen(total):
        raise refused(
            ErrorCode.CREW_PROJECT_TOTAL_INVALID,
            "the project's piece-rate total must be a non-negative amount in whole fen",
            parameter="project_total",
            rule=rule,
            allowed=">= 0, in fen",
            value=str(project_total),
        )
    pool_exact = score / 100 * total * exact(ratio, parameter="ratio", rule=rule)
    pool = quantize(pool_exact)
    step = Step(
        rule=rule,
        formula_zh="集体激励总金额 = 总分 ÷ 100 × 计件工资总额 × 申请比例(按精确值四舍五入到分)",
        formula_en="pool = total score ÷ 100 × project piece-rate total × ratio "
        "(the exact value rounded half up to the fen)",
        inputs={"total_score": score, "project_total": project_total, "ratio": ratio, "exact": pool_exact},
        result=pool,
    )
    return Traced(amount=pool, steps=(step,), policy_version=policy.label)


def crew_split(*, pool: Decimal, members: Sequence[CrewMember], policy: Policy) -> dict[int, Traced]:
    """share_i = pool × (days_i × pct_i) ÷ Σ(days_j × pct_j), largest remainder to the fen, ties to the lower id."""
    rule = "crew.share"
    if not members:
        raise refused(ErrorCode.CREW_EMPTY, "the crew has no members to share the pool", parameter="members", rule=rule)
    if len({m.key for m in members}) != len(members):
        raise refused(ErrorCode.CREW_DUPLICATE_MEMBER, "a member is listed twice", parameter="members", rule=rule)
    pool_q = exact(pool, parameter="pool", rule=rule)
    if pool_q < 0 or not in_fen(pool_q):
        raise refused(
            ErrorCode.CREW_POOL_INVALID,
            "the pool must be a non-negative amount in whole fen",
            parameter="pool",
            rule=rule,
            allowed=">= 0, in fen",
            value=str(pool),
        )
    top = policy.crew.max_member_pct
    weights = []
    for m in members:
        days = exact(m.days, parameter="days", rule=rule)
        pct = exact(m.pct, parameter="pct", rule=rule)
        if days < 0:
            raise refused(
                ErrorCode.CREW_DAYS_NEGATIVE,
                "days cannot be negative",
                parameter="days",
                rule=rule,
                allowed=">= 0",
                value=str(m.days),
            )
        if not 0 <= pct <= top:
            raise refused(
                ErrorCode.CREW_PCT_OUT_OF_RANGE,
                f"a personal percentage must be within 0–{top}, not {m.pct}",
                parameter="pct",
                rule=rule,
                allowed=f"0–{top}",
                value=str(m.pct),
            )
        weights.append(days * pct / 100)
    weight_sum = sum(weights, Fraction(0))
    if weight_sum == 0:
        raise refused(
            ErrorCode.CREW_ZERO_WEIGHT,
            "no member has days × percentage above zero, so the pool cannot be split",
            parameter="members",
            rule=rule,
            allowed="Σ(days × pct) > 0",
        )
    shares = split_largest_remainder(pool_q, weights, [m.key for m in members], rule=rule)
    return {
        m.key: Traced(
            amount=share,
            steps=(
                Step(
                    rule=rule,
                    formula_zh="个人集体激励 = 总金额 × (个人天数 × 个人百分比) ÷ Σ(天数 × 百分比)"
                    "(最大余数法取整到分,余数相同者工号小者先得)",
                    formula_en="share = pool × (days × pct) ÷ Σ(days × pct) "
                    "(largest remainder to the fen; equal remainders: lower engineer id first)",
                    inputs={
                        "pool": pool,
                        "days": m.days,
                        "pct": m.pct,
                        "weight": w,
                        "weight_sum": weight_sum,
                        "exact": pool_q * w / weight_sum,
                    },
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
    """The whole crew incentive: exact averages → exact total score → pool (one rounding) → shares."""
    averages = exact_category_averages(inspections, policy)
    total_score = sum(averages.values(), Fraction(0)) / len(averages)
    exact_note = (
        ""
        if terminating(total_score) is not None
        else "≈ 为显示取六位小数;总金额按精确值计算 / ≈ shown to six places; the pool uses the exact value"
    )
    score_step = Step(
        rule="crew.total_score",
        formula_zh="总分 = ("
        + " + ".join(policy.crew.categories)
        + f") ÷ {len(averages)},各项为检查人员平均分(精确值,不取整)",
        formula_en="total score = (" + " + ".join(policy.crew.categories) + f") ÷ {len(averages)}, "
        "each the average over the inspectors (exact, not rounded)",
        inputs={"averages": averages, "inspectors": [i.inspector for i in inspections]},
        result=total_score,
        note=exact_note,
    )
    pool = crew_pool(total_score=total_score, project_total=project_total, ratio=ratio, policy=policy)
    pool = Traced(amount=pool.amount, steps=(score_step, *pool.steps), policy_version=policy.label)
    return CrewResult(
        {c: _as_decimal(q) for c, q in averages.items()},
        _as_decimal(total_score),
        pool,
        crew_split(pool=pool.amount, members=members, policy=policy),
        total_score,
    )
