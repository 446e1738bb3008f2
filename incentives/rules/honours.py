"""Honours (seed 001, 绩效奖惩制度): fixed awards per person, or per team split evenly.

Includes: the amount per recipient by the policy's honour kinds. A per-team award
(excellent team of the month) is split evenly between the members by the
largest-remainder method. Excludes: choosing who gets it (ranking, approval).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..errors import IncentiveError
from ..money import split_largest_remainder
from ..policy import Policy
from ..trace import Step, Traced


def honour_award(*, kind: str, recipients: Sequence[int], policy: Policy) -> dict[int, Traced]:
    """Amount per recipient key for one honour."""
    honour = policy.honour(kind)
    if not recipients:
        raise IncentiveError("honour.no_recipients", "an honour needs at least one recipient", parameter="recipients")
    if len(set(recipients)) != len(recipients):
        raise IncentiveError("honour.duplicate_recipient", "a recipient is listed twice", parameter="recipients")
    if honour.basis == "per_team":
        amounts = split_largest_remainder(honour.amount, [Decimal(1)] * len(recipients), list(recipients))
        formula = ("团队奖金 ÷ 人数(最大余数法取整到分)", "team award ÷ members (largest remainder, to the fen)")
    else:
        amounts = [honour.amount] * len(recipients)
        formula = ("每人奖金", "amount per person")
    return {
        key: Traced(
            amount=amount,
            steps=(
                Step(
                    rule=f"honour.{kind}",
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
