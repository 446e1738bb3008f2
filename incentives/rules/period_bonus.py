"""Quarterly and year-end bonus (seeds 000 and 002; document KF-BONUS): band of the period's mean × eligibility.

Includes: the period's result (the mean of its submitted monthly scores, rounded half-up to 0.01 as the
quarterly and annual summaries show it), its band, whether it counts (inside assessment at the period's end,
enough submitted months) and the band's standard amount; a manager's change of that amount within the
policy's rates, with the note saying why.
Excludes: choosing which scorecards are submitted, the ranking's order on the page, approval and payment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..bonus_policy import MONTHS_IN, PERIOD_KINDS, BonusPolicy
from ..errors import ErrorCode, refused
from ..money import exact, round_half_up
from ..trace import Step, Traced

ZERO = Decimal("0.00")
RULE = "period_bonus"


@dataclass(frozen=True)
class MonthScore:
    month: int  # 1–12
    score: Decimal
    scorecard_id: int | None = None


@dataclass(frozen=True)
class PeriodBonus:
    """A period's result for one engineer and the standard amount it earns."""

    mean: Decimal | None  # None: no submitted month
    band: str  # "" when there is no mean
    eligible: bool
    reason: str  # why not, as a stable code: "outside_assessment", "too_few_months", "band_pays_nothing"
    traced: Traced


def period_result(
    *,
    kind: str,
    scores: Sequence[MonthScore],
    inside_assessment: bool,
    policy: BonusPolicy,
) -> PeriodBonus:
    """The mean of the submitted months, its band and the band's standard amount, or 0.00 and why not."""
    rule = f"{RULE}.{kind}"
    if kind not in PERIOD_KINDS:
        raise refused(ErrorCode.PERIOD_BONUS_UNKNOWN_KIND, "quarter or year", parameter="kind", rule=rule)
    for s in scores:
        if not 0 <= s.score <= 100:
            raise refused(
                ErrorCode.PERIOD_BONUS_SCORE_OUT_OF_RANGE,
                "a score is 0–100",
                parameter="scores",
                rule=rule,
                value=str(s.score),
            )
    months = sorted(scores, key=lambda s: s.month)
    inputs = {
        "kind": kind,
        "months": {str(s.month): s.score for s in months},
        "scorecards": [s.scorecard_id for s in months if s.scorecard_id is not None],
        "months_scored": len(months),
        "months_required": policy.min_months(kind),
        "months_in_period": MONTHS_IN[kind],
        "inside_assessment": inside_assessment,
    }
    mean = (
        round_half_up(sum((exact(s.score, parameter="scores", rule=rule) for s in months), Fraction(0)) / len(months))
        if months
        else None
    )
    steps = [
        Step(
            rule=f"{rule}.mean",
            formula_zh="期间结果 = 已提交各月得分之和 ÷ 月数(四舍五入到 0.01)",
            formula_en="period result = sum of the submitted months' scores ÷ months (rounded half-up to 0.01)",
            inputs=inputs,
            result=mean if mean is not None else ZERO,
        )
    ]
    if mean is None or len(months) < policy.min_months(kind):
        return PeriodBonus(
            mean,
            "" if mean is None else policy.band_for(mean).band,
            False,
            "too_few_months",
            _zero(rule, steps, policy, "too_few_months"),
        )
    band = policy.band_for(mean)
    standard = band.amount(kind)
    steps.append(
        Step(
            rule=f"{rule}.band",
            formula_zh="等级 = 期间结果达到的最高等级下限;标准金额 = 该等级的标准",
            formula_en="band = the highest band whose floor the result reaches; standard amount = that band's",
            inputs={"mean": mean, "band": band.band, "min_score": band.min_score, "band_amount": standard},
            result=standard,
        )
    )
    if not inside_assessment:
        return PeriodBonus(
            mean, band.band, False, "outside_assessment", _zero(rule, steps, policy, "outside_assessment")
        )
    if standard == 0:
        return PeriodBonus(mean, band.band, False, "band_pays_nothing", Traced(ZERO, tuple(steps), policy.label))
    return PeriodBonus(mean, band.band, True, "", Traced(standard, tuple(steps), policy.label))


def _zero(rule: str, steps: list[Step], policy: BonusPolicy, reason: str) -> Traced:
    step = Step(
        rule=f"{rule}.not_eligible",
        formula_zh="不符合发放条件:0.00",
        formula_en="not eligible: 0.00",
        inputs={"reason": reason},
        result=ZERO,
        note=reason,
    )
    return Traced(ZERO, (*steps, step), policy.label)


def adjusted_amount(*, standard: Traced, kind: str, amount: Decimal, note: str, policy: BonusPolicy) -> Traced:
    """The manager's amount instead of the standard: within [standard × lowest, standard × highest], with a note.

    The same amount as the standard returns the standard's trace unchanged (no note needed)."""
    rule = f"{RULE}.{kind}.adjusted"
    amount = round_half_up(exact(amount, parameter="amount", rule=rule))
    if amount == standard.amount:
        return standard
    low = round_half_up(exact(standard.amount, parameter="standard", rule=rule) * Fraction(policy.lowest_rate))
    high = round_half_up(exact(standard.amount, parameter="standard", rule=rule) * Fraction(policy.highest_rate))
    if not low <= amount <= high:
        raise refused(
            ErrorCode.PERIOD_BONUS_AMOUNT_OUT_OF_RANGE,
            f"between {low} and {high}",
            parameter="amount",
            rule=rule,
            low=str(low),
            high=str(high),
            value=str(amount),
        )
    if not note.strip():
        raise refused(
            ErrorCode.PERIOD_BONUS_NOTE_REQUIRED, "a changed amount needs a note", parameter="note", rule=rule
        )
    step = Step(
        rule=rule,
        formula_zh="部门经理调整:标准金额 × [下限比例, 上限比例] 范围内",
        formula_en="changed by the department manager within standard × [lowest rate, highest rate]",
        inputs={
            "standard": standard.amount,
            "lowest_rate": policy.lowest_rate,
            "highest_rate": policy.highest_rate,
            "low": low,
            "high": high,
            "amount": amount,
        },
        result=amount,
        note=note.strip(),
    )
    return Traced(amount, (*standard.steps, step), policy.label)
