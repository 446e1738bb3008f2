"""Paid annual leave by the national rule, prorated day by day and rounded down (no database)."""

from datetime import date
from decimal import Decimal

import pytest

from incentives.errors import IncentiveError
from incentives.leave_policy import LeavePolicy
from incentives.policy import DEFAULTS_DIR
from incentives.rules.annual_leave import annual_leave_days

POLICY = LeavePolicy.from_dict(__import__("json").loads((DEFAULTS_DIR / "LEAVE_2008.json").read_text("utf-8")))


def days(year, work_start, hired, left=None):
    return annual_leave_days(policy=POLICY, year=year, work_start=work_start, employed_from=hired, employed_to=left)


@pytest.mark.parametrize(("years", "expected"), [(0, 0), (1, 5), (9, 5), (10, 10), (19, 10), (20, 15), (35, 15)])
def test_the_regulations_tiers(years, expected):
    assert POLICY.days_for(years) == expected


def test_a_full_year_gives_the_tiers_days_even_in_a_leap_year():
    assert days(2026, date(2015, 1, 1), date(2020, 1, 1)).amount == Decimal(10)  # 11 years all 2026
    assert days(2028, date(2020, 1, 1), date(2020, 1, 1)).amount == Decimal(5)  # 366 × 5 ÷ 365 = 5.01 → 5


def test_a_joiner_earns_the_remaining_days_of_the_year_rounded_down():
    # 6 years of service elsewhere; here from 2026-07-01: 184 days × 5 ÷ 365 = 2.52 → 2
    traced = days(2026, date(2020, 1, 1), date(2026, 7, 1))
    assert traced.amount == Decimal(2)
    assert traced.steps[0].inputs["segments"][0]["calendar_days"] == 184
    assert traced.policy_version == "LEAVE 2008"


def test_a_leaver_earns_the_days_passed():
    # 26 years of service, left 2026-04-30: 120 days × 15 ÷ 365 = 4.93 → 4
    assert days(2026, date(2000, 1, 1), date(2010, 5, 1), date(2026, 4, 30)).amount == Decimal(4)


def test_crossing_the_tenth_anniversary_prorates_both_tiers():
    # 59 days at 5 (9 years) + 306 days at 10 (10 years from 2026-03-01) = 3355 ÷ 365 = 9.19 → 9
    traced = days(2026, date(2016, 3, 1), date(2016, 3, 1))
    assert traced.amount == Decimal(9)
    assert [s["tier_days"] for s in traced.steps[0].inputs["segments"]] == [5, 10]


def test_under_one_year_of_service_gives_none_and_the_first_anniversary_starts_it():
    assert days(2026, date(2026, 3, 1), date(2026, 3, 1)).amount == Decimal(0)
    # 181 days at 0, then 184 days at 5 from 2026-07-01: 920 ÷ 365 = 2.52 → 2
    assert days(2026, date(2025, 7, 1), date(2025, 7, 1)).amount == Decimal(2)


def test_not_employed_in_the_year_gives_none():
    assert days(2026, date(2000, 1, 1), date(2010, 1, 1), date(2025, 12, 31)).amount == Decimal(0)


def test_service_cannot_start_after_the_hire_date():
    with pytest.raises(IncentiveError) as refused:
        days(2026, date(2021, 1, 1), date(2020, 1, 1))
    assert refused.value.code == "leave.span_invalid"


@pytest.mark.parametrize(
    "broken",
    [
        {"tiers": []},
        {"tiers": [{"from_years": 10, "days": 10}, {"from_years": 1, "days": 5}]},
        {"tiers": [{"from_years": 1, "days": 10}, {"from_years": 10, "days": 5}]},
        {"tiers": [{"from_years": 1, "days": "five"}]},
        {"year_days": 400, "tiers": [{"from_years": 1, "days": 5}]},
    ],
)
def test_a_broken_document_is_refused(broken):
    with pytest.raises(IncentiveError):
        LeavePolicy.from_dict({"document_no": "LEAVE", "version": "x", "title": "t", **broken})
