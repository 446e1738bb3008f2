"""Paid annual leave (带薪年休假) an engineer is entitled to in a calendar year.

《职工带薪年休假条例》第三条 gives a full year's days by years of cumulative service (the LEAVE
document's tiers: 1–10 years 5 days, 10–20 years 10, ≥ 20 years 15, under 1 year none).
《企业职工带薪年休假实施办法》 prorates a joiner's year (第五条: remaining calendar days here ÷ 365 ×
the year's days) and a leaver's (第十二条: calendar days already passed ÷ 365 × the year's days), and
drops the part under a whole day (折算后不足1整天的部分不享受年休假).

The rule applies both at once, day by day: each calendar day of the year the engineer is employed
here earns (that day's tier days) ÷ 365, so a joiner, a leaver and someone whose cumulative service
crosses a tier boundary during the year (their 10th anniversary in July) are all prorated by the same
formula; a full year at one tier gives exactly the tier's days. The exact sum is rounded down to whole
days, and never passes the highest tier reached that year (a leap year's 366 ÷ 365 gives no extra
day). Excludes the days already taken (the attendance months' paid leave): the caller subtracts them.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from ..errors import ErrorCode, refused
from ..leave_policy import LeavePolicy
from ..trace import Step, Traced
from .awards import completed_years

RULE = "leave.annual"


def annual_leave_days(
    *, policy: LeavePolicy, year: int, work_start: date, employed_from: date, employed_to: date | None
) -> Traced:
    """Whole days of paid annual leave for `year`: amount is a Decimal number of days (no fen)."""
    if work_start > employed_from:
        raise refused(
            ErrorCode.LEAVE_SPAN_INVALID,
            "cumulative service cannot start after the hire date",
            parameter="work_start",
            rule=RULE,
        )
    first = max(date(year, 1, 1), employed_from)
    last = min(date(year, 12, 31), employed_to) if employed_to else date(year, 12, 31)
    segments: list[dict] = []  # consecutive days at the same tier
    day = first
    while day <= last:
        years = completed_years(since=work_start, on=day)
        days = policy.days_for(years)
        if segments and segments[-1]["tier_days"] == days:
            segments[-1]["to"] = day.isoformat()
            segments[-1]["calendar_days"] += 1
        else:
            segments.append(
                {"from": day.isoformat(), "to": day.isoformat(), "years": years, "tier_days": days, "calendar_days": 1}
            )
        day += timedelta(days=1)
    exact = sum((Fraction(s["calendar_days"] * s["tier_days"], policy.year_days) for s in segments), Fraction(0))
    highest = max((s["tier_days"] for s in segments), default=0)
    whole = min(exact.numerator // exact.denominator, highest)
    steps = (
        Step(
            RULE,
            "Σ(在本单位的日历天数 × 该段累计工作年限对应的年休假天数) ÷ 365,不足1整天的部分不享受",
            "Σ(calendar days employed here × the tier's days for that stretch's cumulative service) ÷ 365, "
            "rounded down to whole days",
            {
                "year": year,
                "work_start": work_start.isoformat(),
                "employed_from": employed_from.isoformat(),
                "employed_to": employed_to.isoformat() if employed_to else "",
                "year_days": policy.year_days,
                "segments": segments,
                "exact_days": exact,
            },
            Fraction(whole),
            note="" if whole == exact else "rounded down: 不足1整天的部分不享受年休假",
        ),
    )
    return Traced(Decimal(whole), steps, policy.label)
