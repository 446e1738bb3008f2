"""Monthly seniority award (月度工龄奖) and annual safety / quality awards (年度安全、质量奖).

FS-MS-KF-13 names them but their pages are missing from the source; the amounts
are DOMAIN.md's defaults, held in the policy. Seniority: per completed year of
continuous service, capped, forfeited in a month with an unexcused absence or a
safety incident. Annual: pro rata by months employed in the year, forfeited by a
safety incident / an upheld quality complaint, paid in the policy's pay month.
"""

from __future__ import annotations

import calendar
from datetime import date

from ..errors import ErrorCode, refused
from ..money import ZERO, exact, quantize, whole
from ..policy import Policy
from ..trace import Step, Traced


def completed_years(*, since: date, on: date) -> int:
    """Whole years of continuous service from `since` to `on` (anniversary counts)."""
    if on < since:
        return 0
    years = on.year - since.year
    if (on.month, on.day) < (since.month, since.day):
        years -= 1
    return years


def months_employed(*, hire_date: date, leaving_date: date | None, year: int) -> int:
    """Months of `year` at whose end the engineer was in post (hired on or before the
    month's last day, not left before it)."""
    count = 0
    for month in range(1, 13):
        month_end = date(year, month, calendar.monthrange(year, month)[1])
        if hire_date <= month_end and (leaving_date is None or leaving_date >= month_end):
            count += 1
    return count


def seniority_award(*, service_years: int, unexcused_absence: bool, safety_incident: bool, policy: Policy) -> Traced:
    """月度工龄奖 = min(完整工龄年数 × 每年标准, 上限); nothing in a month with an unexcused
    absence or a safety incident. Only completed years count: 3.5 is refused, never paid pro rata."""
    rule = "awards.seniority"
    years = whole(service_years, parameter="service_years", rule=rule, code=ErrorCode.SENIORITY_YEARS_NOT_WHOLE)
    if years < 0:
        raise refused(
            ErrorCode.SENIORITY_YEARS_NEGATIVE,
            "service years cannot be negative",
            parameter="service_years",
            rule=rule,
            allowed=">= 0",
            value=str(service_years),
        )
    earned = min(
        quantize(years * exact(policy.seniority.per_year, parameter="per_year", rule=rule)), policy.seniority.cap
    )
    forfeited = unexcused_absence or safety_incident
    amount = ZERO if forfeited else earned
    reasons = [
        r
        for r, hit in (("无故缺勤 unexcused absence", unexcused_absence), ("安全事故 safety incident", safety_incident))
        if hit
    ]
    step = Step(
        rule=rule,
        formula_zh="月度工龄奖 = min(工龄年数 × 每年标准, 上限);当月有无故缺勤或安全事故则不发",
        formula_en="seniority award = min(years × per-year amount, cap); none in a month with an unexcused "
        "absence or a safety incident",
        inputs={
            "service_years": years,
            "per_year": policy.seniority.per_year,
            "cap": policy.seniority.cap,
            "unexcused_absence": unexcused_absence,
            "safety_incident": safety_incident,
        },
        result=amount,
        note=("不发 / forfeited: " + "; ".join(reasons)) if forfeited else "",
    )
    return Traced(amount=amount, steps=(step,), policy_version=policy.label)


def annual_award(*, kind: str, months: int, disqualified: bool, policy: Policy) -> Traced:
    """年度安全奖 / 年度质量奖 = 全年金额 × 在职月数 ÷ 12, the exact value rounded once half up;
    none after a safety incident (safety) or an upheld quality complaint (quality) in the year.
    Months are whole months in post (6.5 is refused, never paid pro rata)."""
    amounts = {"safety": policy.annual.safety_amount, "quality": policy.annual.quality_amount}
    if kind not in amounts:
        raise refused(
            ErrorCode.ANNUAL_UNKNOWN_KIND,
            "kind must be safety or quality",
            parameter="kind",
            rule="awards.annual",
            value=kind,
        )
    rule = f"awards.annual_{kind}"
    months = whole(months, parameter="months", rule=rule, code=ErrorCode.ANNUAL_MONTHS_NOT_WHOLE)
    if not 0 <= months <= 12:
        raise refused(
            ErrorCode.ANNUAL_MONTHS_OUT_OF_RANGE,
            "months employed must be within 0–12",
            parameter="months",
            rule=rule,
            allowed="0–12",
            value=str(months),
        )
    full = amounts[kind]
    amount = ZERO if disqualified else quantize(exact(full, parameter="full_amount", rule=rule) * months / 12)
    label_zh = {"safety": "年度安全奖", "quality": "年度质量奖"}[kind]
    step = Step(
        rule=rule,
        formula_zh=f"{label_zh} = 全年金额 × 在职月数 ÷ 12(按精确值四舍五入到分)",
        formula_en=f"annual {kind} award = full amount × months employed ÷ 12 (the exact value rounded half up)",
        inputs={"full_amount": full, "months": months, "disqualified": disqualified},
        result=amount,
        note="本年度不符合条件 / disqualified this year" if disqualified else "",
    )
    return Traced(amount=amount, steps=(step,), policy_version=policy.label)
