"""Fixed pay by attendance (seed 001 薪资方案): base and post wage, the meal allowance, overtime.

Base and post wage are monthly amounts, at the probation rate while the whole month is on
probation. A month worked from its first day to its last is paid in full less each day of
unpaid absence, and the unpaid share of each sick day, at the wage ÷ the standard paid days
(21.75); a month the engineer joined or left part-way is paid for the days paid: worked, paid
leave, and the paid share of sick days, at the same daily rate, never above the month's wage.
The meal allowance is a day's amount per day worked. Overtime is paid per hour at the monthly
wage ÷ 21.75 ÷ 8, times the Labour Law's multiplier for its kind (150 %, 200 %, 300 %). Every
number comes from the wage policy; each rule rounds once, at its end, half up to the fen.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..money import exact, quantize, to_decimal
from ..pay_policy import OVERTIME_KINDS, WagePolicy
from ..trace import Step, Traced

WAGE_KINDS = ("base_wage", "post_wage")
ZERO_DAYS = Decimal(0)


@dataclass(frozen=True)
class Attendance:
    """A month's attendance: days (half days allowed) and overtime hours by kind."""

    days_worked: Decimal = ZERO_DAYS
    paid_leave_days: Decimal = ZERO_DAYS
    sick_leave_days: Decimal = ZERO_DAYS
    unpaid_absence_days: Decimal = ZERO_DAYS
    overtime_weekday_hours: Decimal = ZERO_DAYS
    overtime_rest_day_hours: Decimal = ZERO_DAYS
    overtime_holiday_hours: Decimal = ZERO_DAYS

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            value = exact(getattr(self, name), parameter=name, rule="wages.attendance")
            if value < 0:
                raise refused(
                    ErrorCode.WAGES_ATTENDANCE_NEGATIVE,
                    "days and hours cannot be negative",
                    parameter=name,
                    rule="wages.attendance",
                    value=str(getattr(self, name)),
                )

    def overtime_hours(self, kind: str) -> Decimal:
        return getattr(self, f"overtime_{kind}_hours")


def _amount(value, name: str, rule: str) -> Fraction:
    q = exact(value, parameter=name, rule=rule)
    if q < 0:
        raise refused(ErrorCode.WAGES_NEGATIVE, "cannot be negative", parameter=name, rule=rule, value=str(value))
    return q


def monthly_wage(*, amount: Decimal, on_probation: bool, probation_rate: Decimal) -> Fraction:
    """The month's contractual wage: the scheme's amount, times the probation rate while on probation (exact)."""
    rule = "wages.monthly"
    q = _amount(amount, "amount", rule)
    rate = exact(probation_rate, parameter="probation_rate", rule=rule)
    if not 0 <= rate <= 1:
        raise refused(
            ErrorCode.WAGES_PROBATION_RATE,
            "the probation rate is a fraction between 0 and 1",
            parameter="probation_rate",
            rule=rule,
            allowed="0–1",
            value=str(probation_rate),
        )
    return q * rate if on_probation else q


def fixed_wage(
    *,
    kind: str,
    amount: Decimal,
    on_probation: bool,
    probation_rate: Decimal,
    whole_month: bool,
    attendance: Attendance,
    policy: WagePolicy,
) -> Traced:
    """基本工资 / 岗位工资 by attendance (see the module's rule); never below zero."""
    if kind not in WAGE_KINDS:
        raise refused(ErrorCode.WAGES_UNKNOWN_KIND, f"unknown wage {kind!r}", parameter="kind", rule="wages.fixed")
    rule = f"wages.{kind}"
    monthly = monthly_wage(amount=amount, on_probation=on_probation, probation_rate=probation_rate)
    days = policy.standard_paid_days
    daily = monthly / Fraction(days)
    sick_rate = Fraction(policy.sick_leave_pay_rate)
    sick = Fraction(attendance.sick_leave_days)
    inputs = {
        "amount": to_decimal(amount, field="amount", rule=rule),
        "on_probation": on_probation,
        "probation_rate": probation_rate,
        "monthly": monthly,
        "standard_paid_days": days,
        "sick_leave_pay_rate": policy.sick_leave_pay_rate,
        "sick_leave_days": attendance.sick_leave_days,
    }
    if whole_month:
        unpaid = Fraction(attendance.unpaid_absence_days) + sick * (1 - sick_rate)
        result = quantize(max(monthly - daily * unpaid, Fraction(0)))
        inputs["unpaid_absence_days"] = attendance.unpaid_absence_days
        formula_zh = "月工资 − 月工资 ÷ 计薪天数 × (事假/旷工天数 + 病假天数 × (1 − 病假工资比例)),不低于0"
        formula_en = "monthly − monthly ÷ paid days × (unpaid absence + sick days × (1 − sick pay rate)), not below 0"
    else:
        paid = Fraction(attendance.days_worked) + Fraction(attendance.paid_leave_days) + sick * sick_rate
        result = quantize(min(daily * paid, monthly))
        inputs["days_worked"] = attendance.days_worked
        inputs["paid_leave_days"] = attendance.paid_leave_days
        formula_zh = "入职或离职当月:月工资 ÷ 计薪天数 × (出勤天数 + 带薪假天数 + 病假天数 × 病假工资比例),不超过月工资"
        formula_en = (
            "month joined or left: monthly ÷ paid days × (days worked + paid leave + sick days × sick pay rate), "
            "at most the monthly wage"
        )
    if on_probation:
        formula_zh = "月工资 = 标准 × 试用期比例;" + formula_zh
        formula_en = "monthly = scheme amount × probation rate; " + formula_en
    step = Step(rule=rule, formula_zh=formula_zh, formula_en=formula_en, inputs=inputs, result=result)
    return Traced(amount=result, steps=(step,), policy_version=policy.label)


def meal_allowance(*, days_worked: Decimal, policy: WagePolicy) -> Traced:
    """午餐补贴 = 每天标准 × 出勤天数."""
    rule = "wages.meal_allowance"
    days = _amount(days_worked, "days_worked", rule)
    result = quantize(days * Fraction(policy.meal_allowance_per_day))
    step = Step(
        rule=rule,
        formula_zh="午餐补贴 = 每天标准 × 出勤天数",
        formula_en="meal allowance = amount per day × days worked",
        inputs={"per_day": policy.meal_allowance_per_day, "days_worked": days_worked},
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=policy.label)


def hourly_rate(*, monthly: Fraction | Decimal, policy: WagePolicy) -> Fraction:
    """The hour's wage for overtime: monthly wage ÷ 21.75 ÷ 8 (exact; rounded only in the overtime pay)."""
    return Fraction(monthly) / Fraction(policy.standard_paid_days) / Fraction(policy.hours_per_day)


def overtime_pay(*, kind: str, hours: Decimal, monthly: Fraction | Decimal, policy: WagePolicy) -> Traced:
    """加班工资 = 月工资 ÷ 计薪天数 ÷ 每日工时 × 加班小时 × 倍数 (150 % / 200 % / 300 %)."""
    if kind not in OVERTIME_KINDS:
        raise refused(
            ErrorCode.WAGES_UNKNOWN_KIND, f"unknown overtime {kind!r}", parameter="kind", rule="wages.overtime"
        )
    rule = f"wages.overtime.{kind}"
    h = _amount(hours, "hours", rule)
    per_hour = hourly_rate(monthly=monthly, policy=policy)
    multiplier = policy.overtime.of(kind)
    result = quantize(per_hour * h * Fraction(multiplier))
    step = Step(
        rule=rule,
        formula_zh="加班工资 = 月工资 ÷ 计薪天数 ÷ 每日工时 × 加班小时 × 倍数",
        formula_en="overtime pay = monthly wage ÷ paid days ÷ hours a day × hours × multiplier",
        inputs={
            "monthly": Fraction(monthly),
            "standard_paid_days": policy.standard_paid_days,
            "hours_per_day": policy.hours_per_day,
            "hourly": per_hour,
            "hours": hours,
            "multiplier": multiplier,
        },
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=policy.label)
