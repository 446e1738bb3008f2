"""Social insurance and housing fund (五险一金) for one month, by the engineer's city.

Each item's base is the engineer's declared base held within the city's lower and upper
limit for that item; the employee's share (deducted from pay, before tax) and the employer's
share (company cost) are the base times each rate, each rounded half up to the fen, once. The
employee's share is returned negative, as the payslip line shows it (0.00 for an item the employee
does not pay, never "-0.00").

Excludes: choosing the city and the declared base (the pay scheme's), months without a scheme or
a city (nothing is deducted), and back payments for earlier months.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import exact, quantize
from ..pay_policy import ContributionPolicy
from ..trace import Step, Traced


@dataclass(frozen=True)
class Contribution:
    code: str
    employee: Traced  # negative: deducted from the engineer's pay
    employer: Traced  # positive: the company's cost on top of the pay


def contribution_base(*, declared, low, high) -> Fraction:
    """The base the rates apply to: the declared base, at least the lower and at most the upper limit (exact)."""
    rule = "contributions.base"
    values = [exact(v, parameter=name, rule=rule) for name, v in (("declared", declared), ("low", low), ("high", high))]
    return min(max(values[0], values[1]), values[2])


def contributions(*, declared_base, policy: ContributionPolicy) -> tuple[Contribution, ...]:
    """Every item of the city's rules: the employee's and the employer's share, each with its trace."""
    rule = "contributions"
    declared = exact(declared_base, parameter="declared_base", rule=rule)
    if declared < 0:
        raise refused(
            ErrorCode.CONTRIBUTION_BASE_NEGATIVE,
            "the contribution base cannot be negative",
            parameter="declared_base",
            rule=rule,
            value=str(declared_base),
        )
    found = []
    for item in policy.items:
        base = contribution_base(declared=declared, low=item.base_range.low, high=item.base_range.high)
        inputs = {
            "city": policy.city_name,
            "declared_base": declared,
            "base_low": item.base_range.low,
            "base_high": item.base_range.high,
            "base": base,
        }
        shares = []
        for side, rate, sign in (("employee", item.employee_rate, -1), ("employer", item.employer_rate, 1)):
            amount = quantize(sign * base * Fraction(rate))  # never "-0.00"
            step = Step(
                rule=f"{rule}.{item.code}.{side}",
                formula_zh="缴费基数 = 申报基数(不低于下限、不高于上限);"
                + ("个人缴纳 = 缴费基数 × 个人比例" if side == "employee" else "单位缴纳 = 缴费基数 × 单位比例"),
                formula_en="base = declared base within the city's limits; " + (f"{side}'s share = base × {side} rate"),
                inputs={**inputs, "rate": rate},
                result=amount,
            )
            shares.append(Traced(amount=amount, steps=(step,), policy_version=policy.label))
        found.append(Contribution(item.code, *shares))
    return tuple(found)
