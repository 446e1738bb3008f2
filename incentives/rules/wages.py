"""Fixed pay by attendance (seed 001 薪资方案): base and post wage, the meal allowance, overtime.

Base and post wage are monthly amounts, at the probation rate while the whole month is on
probation (the rate may not be below the wage policy's floor, 80 % of the agreed wage: 劳动合同法
第二十条). A month worked from its first day to its last is paid in full less each day of unpaid
absence, and the unpaid share of each sick day, at the wage ÷ the standard paid days (21.75,
劳社部发〔2008〕3号); a month the engineer joined or left part-way is paid for the days paid: worked,
paid leave (statutory holidays after joining count here), and the paid share of sick days, at the
same daily rate, never above the month's wage. The meal allowance is a day's amount per day
worked. Overtime is paid per hour at the monthly wage ÷ 21.75 ÷ 8, times the Labour Law's
multiplier for its kind (150 %, 200 %, 300 %: 劳动法 第四十四条). Every number comes from the
wage policy; each rule rounds once, at its end, half up to the fen.

Excludes: deciding whether a month is whole or on probation (the caller knows the dates: a whole
month is one the engineer was employed from its first day to its last; a month is on probation
when probation lasts to its last day), piece-rate pay (rules.piece_rate), the local minimum wage.
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
DAY_FIELDS = ("days_worked", "paid_leave_days", "sick_leave_days", "unpaid_absence_days")
MAX_DAYS = 31


@dataclass(frozen=True)
class Attendance:
    """A month's attendance: days (half days allowed) and overtime hours by kind.

    Values are kept as Decimal (str and int are accepted, floats refused); none is negative and
    the days add up to at most 31."""

    days_worked: Decimal = ZERO_DAYS
    paid_leave_days: Decimal = ZERO_DAYS
    sick_leave_days: Decimal = ZERO_DAYS
    unpaid_absence_days: Decimal = ZERO_DAYS
    overtime_weekday_hours: Decimal = ZERO_DAYS
    overtime_rest_day_hours: Decimal = ZERO_DAYS
    overtime_holiday_hours: Decimal = ZERO_DAYS

    def __post_init__(self) -> None:
        rule = "wages.attendance"
        for name in self.__dataclass_fields__:
            raw = getattr(self, name)
            value = to_decimal(raw, field=name, rule=rule)
            if value < 0:
                raise refused(
                    ErrorCode.WAGES_ATTENDANCE_NEGATIVE,
                    "days and hours cannot be negative",
                    parameter=name,
                    rule=rule,
                    value=str(raw),
                )
            object.__setattr__(self, name, value)
        days = sum((getattr(self, name) for name in DAY_FIELDS), ZERO_DAYS)
        if days > MAX_DAYS:
            raise refused(
                ErrorCode.WAGES_ATTENDANCE_DAYS,
                f"days worked, on leave and absent add up to {days}: a month has at most {MAX_DAYS} days",
                parameter="days",
                rule=rule,
                allowed=f"≤ {MAX_DAYS}",
                value=str(days),
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
    """基本工资 / 岗位工资 by attendance (see the module's rule); never below zero nor above the month's wage.

    Refused: an unknown kind, a negative or float amount, a probation rate outside 0–1, and on
    probation a rate below the policy's floor (`min_probation_rate`, 80 %)."""
    if kind not in WAGE_KINDS:
        raise refused(
            ErrorCode.WAGES_UNKNOWN_KIND, f"unknown wage {kind!r}", parameter="kind", rule="wages.fixed", value=kind
        )
    rule = f"wages.{kind}"
    monthly = monthly_wage(amount=amount, on_probation=on_probation, probation_rate=probation_rate)
    if on_probation and exact(probation_rate, parameter="probation_rate", rule=rule) < Fraction(
        policy.min_probation_rate
    ):
        raise refused(
            ErrorCode.WAGES_PROBATION_BELOW_MINIMUM,
            f"probation pay is at least {policy.min_probation_rate} of the agreed wage (劳动合同法 第二十条, "
            f"{policy.label})",
            parameter="probation_rate",
            rule=rule,
            allowed=f"{policy.min_probation_rate}–1",
            value=str(probation_rate),
        )
    days = policy.standard_paid_days
    daily = monthly / Fraction(days)
    sick_rate = Fraction(policy.sick_leave_pay_rate)
    sick = Fraction(attendance.sick_leave_days)
    inputs = {
        "amount": to_decimal(amount, field="amount", rule=rule),
        "on_probation": on_probation,
        "probation_rate": to_decimal(probation_rate, field="probation_rate", rule=rule),
        "monthly": monthly,
        "standard_paid_days": days,
        "daily": daily,
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
    """午餐补贴 = 每天标准 × 出勤天数 (days on leave or absent earn none)."""
    rule = "wages.meal_allowance"
    days = _amount(days_worked, "days_worked", rule)
    result = quantize(days * Fraction(policy.meal_allowance_per_day))
    step = Step(
        rule=rule,
        formula_zh="午餐补贴 = 每天标准 × 出勤天数",
        formula_en="meal allowance = amount per day × days worked",
        inputs={
            "per_day": policy.meal_allowance_per_day,
            "days_worked": to_decimal(days_worked, field="days_worked", rule=rule),
        },
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=policy.label)


def hourly_rate(*, monthly: Fraction | Decimal, policy: WagePolicy) -> Fraction:
    """The hour's wage for overtime: monthly wage ÷ 21.75 ÷ 8 (exact; rounded only in the overtime pay)."""
    wage = _amount(monthly, "monthly", "wages.hourly")
    return wage / Fraction(policy.standard_paid_days) / Fraction(policy.hours_per_day)


def overtime_pay(*, kind: str, hours: Decimal, monthly: Fraction | Decimal, policy: WagePolicy) -> Traced:
    """加班工资 = 月工资 ÷ 计薪天数 ÷ 每日工时 × 加班小时 × 倍数 (150 % / 200 % / 300 %).

    `monthly` is the month's contractual wage (base + post, at the probation rate while on probation),
    whole even in a month joined part-way: the hour's wage does not depend on the days paid."""
    if kind not in OVERTIME_KINDS:
        raise refused(
            ErrorCode.WAGES_UNKNOWN_KIND,
            f"unknown overtime {kind!r}",
            parameter="kind",
            rule="wages.overtime",
            value=kind,
        )
    rule = f"wages.overtime.{kind}"
    h = _amount(hours, "hours", rule)
    wage = _amount(monthly, "monthly", rule)
    per_hour = hourly_rate(monthly=wage, policy=policy)
    multiplier = policy.overtime.of(kind)
    result = quantize(per_hour * h * Fraction(multiplier))
    step = Step(
        rule=rule,
        formula_zh="加班工资 = 月工资 ÷ 计薪天数 ÷ 每日工时 × 加班小时 × 倍数",
        formula_en="overtime pay = monthly wage ÷ paid days ÷ hours a day × hours × multiplier",
        inputs={
            "monthly": wage,
            "standard_paid_days": policy.standard_paid_days,
            "hours_per_day": policy.hours_per_day,
            "hourly": per_hour,
            "hours": h,
            "multiplier": multiplier,
        },
        result=result,
    )
    return Traced(amount=result, steps=(step,), policy_version=policy.label)
