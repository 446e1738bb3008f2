"""Honours (seed 001, 绩效奖惩制度): fixed awards per person, or per team split evenly.

Includes: the amount per recipient by the policy's honour kinds. A per-team award
(excellent team of the month) is split evenly between the members by the
largest-remainder method. Excludes: choosing who gets it (ranking, approval).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..errors import ErrorCode, refused
from ..money import split_largest_remainder
from ..policy import Policy
from ..trace import Step, Traced


def honour_award(*, kind: str, recipients: Sequence[int], policy: Policy) -> dict[int, Traced]:
    """Amount per recipient key for one honour."""
    honour = policy.honour(kind)
    rule = f"honour.{kind}"
    if not recipients:
        raise refused(
            ErrorCode.HONOUR_NO_RECIPIENTS, "an honour needs at least one recipient", parameter="recipients", rule=rule
        )
    if len(set(recipients)) != len(recipients):
        raise refused(
            ErrorCode.HONOUR_DUPLICATE_RECIPIENT, "a recipient is listed twice", parameter="recipients", rule=rule
        )
    if honour.basis == "per_team":
        amounts = split_largest_remainder(honour.amount, [Decimal(1)] * len(recipients), list(recipients), rule=rule)
        formula = (
            "团队奖金 ÷ 人数(最大余数法取整到分,余数相同者工号小者先得)",
            "team award ÷ members (largest remainder to the fen; equal remainders: lower engineer id first)",
        )
    else:
        amounts = [honour.amount] * len(recipients)
        formula = ("每人奖金", "amount per person")
    return {
        key: Traced(
            amount=amount,
            steps=(
                Step(
                    rule=rule,
                    formula_zh=formula[0],
                    formula_en=formula[1],
                    inputs={
                        "kind": kind,
                        "amount": honour.amount,
                        "basis": honour.basis,
                        "recipients": len(recipients),
                    },
                    result=amount,
                ),
            ),
            policy_version=policy.label,
        )
        for key, amount in zip(recipients, amounts, strict=True)
    }
