"""SLA rules for customer requests: business hours, deadlines, time left, breach, repeats, CSAT points.

No database: the SLA document is the default JSON (08:30–17:30, Monday to Saturday, Asia/Shanghai).
2026-11-20 is a Friday, 2026-11-21 a Saturday, 2026-11-22 a Sunday.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from incentives.errors import IncentiveError
from incentives.rules.sla import (
    RequestFacts,
    SlaState,
    add_business_time,
    business_time_between,
    csat_points,
    find_repeat,
    normalise_phone,
    sla_deadlines,
    sla_status,
)
from incentives.sla_policy import SlaPolicy

SH = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SH)


@pytest.fixture(scope="module")
def policy() -> SlaPolicy:
    return SlaPolicy.load_default()


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (at(20, 10), 2, at(20, 12)),  # inside one working day
        (at(20, 16, 30), 2, at(21, 9, 30)),  # Friday evening runs into Saturday morning
        (at(21, 16, 30), 2, at(23, 9, 30)),  # Saturday evening skips Sunday
        (at(22, 11), 1, at(23, 9, 30)),  # logged on Sunday: counting starts Monday 08:30
        (at(20, 7), 1, at(20, 9, 30)),  # before opening: counting starts at 08:30
        (at(20, 18), 9, at(21, 17, 30)),  # after closing: a whole working day is Saturday's
        (at(20, 17, 30), 0, at(20, 17, 30)),
    ],
)
def test_business_hours_count_only_the_working_day(policy, start, hours, due):
    assert add_business_time(start, timedelta(hours=hours), hours=policy.hours, zone=policy.zone) == due


def test_business_time_between_is_the_inverse_of_adding_it(policy):
    start = at(20, 16, 30)
    for hours in (1, 2, 9, 13, 40):
        end = add_business_time(start, timedelta(hours=hours), hours=policy.hours, zone=policy.zone)
        assert business_time_between(start, end, hours=policy.hours, zone=policy.zone) == timedelta(hours=hours)
    assert business_time_between(at(21, 12), at(20, 12), hours=policy.hours, zone=policy.zone) == -timedelta(hours=9)


def test_a_utc_time_is_counted_in_shanghai_working_hours(policy):
    utc = datetime(2026, 11, 20, 8, 30, tzinfo=ZoneInfo("UTC"))  # 16:30 in Shanghai
    assert add_business_time(utc, timedelta(hours=2), hours=policy.hours, zone=policy.zone) == at(21, 9, 30)


def test_deadlines_follow_category_and_priority(policy):
    # repair.normal: 8 h response, 48 h resolution, business hours (9 working hours a day)
    d = sla_deadlines(logged_at=at(20, 16, 30), category="repair", priority="normal", policy=policy)
    assert d.response_due == at(21, 15, 30)  # 1 h on Friday, 7 h on Saturday
    assert d.resolution_due == at(27, 10, 30)  # 48 h = 1 h + 5 × 9 h (Sat, Mon–Thu) + 2 h on Friday 27th
    assert d.policy_version == "SLA A/0"
    # repair.urgent runs on the clock: 2 h and 8 h, whatever the day
    u = sla_deadlines(logged_at=at(22, 23), category="repair", priority="urgent", policy=policy)
    assert (u.response_due, u.resolution_due) == (at(23, 1), at(23, 7))


def test_a_naive_time_is_refused(policy):
    with pytest.raises(IncentiveError) as err:
        sla_deadlines(logged_at=datetime(2026, 11, 20, 9), category="repair", priority="normal", policy=policy)
    assert err.value.code == "sla.naive_time"


def _status(policy, *, due, now, done=None, hours="8", business=True):
    return sla_status(
        due=due, done_at=done, now=now, target_hours=Decimal(hours), business_hours=business, policy=policy
    )


def test_time_left_is_working_time_and_turns_at_risk_then_breached(policy):
    due = at(21, 15, 30)
    on_track = _status(policy, due=due, now=at(20, 17))
    assert on_track.state == SlaState.ON_TRACK and on_track.time_left == timedelta(hours=7, minutes=30)
    # at most 25 % of the 8 h target (2 h) left
    assert _status(policy, due=due, now=at(21, 13, 30)).state == SlaState.AT_RISK
    late = _status(policy, due=due, now=at(23, 9))
    assert late.state == SlaState.BREACHED and late.time_left == -timedelta(hours=2, minutes=30)


def test_a_done_deadline_is_met_or_breached_for_good(policy):
    due = at(21, 15, 30)
    assert _status(policy, due=due, done=at(21, 15, 30), now=at(25, 9)).state == SlaState.MET
    assert _status(policy, due=due, done=at(21, 15, 31), now=at(25, 9)).state == SlaState.BREACHED


def test_clock_time_left_counts_nights(policy):
    s = _status(policy, due=at(23, 1), now=at(22, 23), hours="2", business=False)
    assert s.time_left == timedelta(hours=2) and s.state == SlaState.ON_TRACK


def _facts(key, phone, product, day, hour=10):
    return RequestFacts(key=key, phone=phone, product=product, logged_at=at(day, hour))


def test_a_repeat_is_the_same_phone_and_product_within_the_window():
    new = _facts(9, "+86 138-0013-8000", "SL-200 热水器", 20)
    earlier = [
        _facts(1, "13800138000", "sl200热水器", 1),  # same caller, same product
        _facts(2, "13800138000", "sl200 热水器", 10),  # later one: the link goes to the latest
        _facts(3, "13900000000", "SL-200 热水器", 19),  # another caller
        _facts(4, "13800138000", "空气能 KFR-35", 19),  # another product
    ]
    assert find_repeat(request=new, earlier=earlier, window_days=30) == 2
    assert find_repeat(request=new, earlier=earlier, window_days=5) is None  # the 10th is 10 days back
    assert find_repeat(request=new, earlier=earlier[:1], window_days=19) == 1
    assert find_repeat(request=new, earlier=earlier[:1], window_days=18) is None


def test_a_request_without_phone_or_product_is_never_a_repeat():
    earlier = [_facts(1, "", "SL-200", 19)]
    assert find_repeat(request=_facts(2, "", "SL-200", 20), earlier=earlier, window_days=30) is None
    assert normalise_phone("0086 13800138000") == "13800138000"


def test_stars_become_csat_points_from_the_document(policy):
    assert [csat_points(stars=s, policy=policy) for s in range(1, 6)] == [20, 40, 60, 80, 100]
    for bad in (0, 6, True, "5"):
        with pytest.raises(IncentiveError) as err:
            csat_points(stars=bad, policy=policy)
        assert err.value.code == "sla.stars_out_of_range"


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"day_start": "18:00"}, "day_end"),
        ({"workdays": "0,8"}, "workdays"),
        ({"timezone": "Mars/Base"}, "timezone"),
        ({"csat_points": [20, 40, 60, 80]}, "csat_points"),
        ({"csat_points": [20, 40, 40, 80, 100]}, "csat_points"),
        ({"duplicate_window_days": -1}, "duplicate_window_days"),
        ({"at_risk_share": 0.25}, "at_risk_share"),
    ],
)
def test_a_bad_document_names_the_field(policy, change, path):
    with pytest.raises(IncentiveError) as err:
        SlaPolicy.from_dict({**policy.to_dict(), **change})
    assert err.value.params["parameter"] == path


def test_every_category_and_priority_needs_a_target_and_resolution_follows_response(policy):
    data = policy.to_dict()
    with pytest.raises(IncentiveError, match=r"missing repair\.low"):
        SlaPolicy.from_dict({**data, "targets": [t for t in data["targets"] if t["code"] != "repair.low"]})
    targets = [dict(t) for t in data["targets"]]
    targets[0]["resolution_hours"] = "1"
    with pytest.raises(IncentiveError) as err:
        SlaPolicy.from_dict({**data, "targets": targets})
    assert err.value.params["parameter"] == "targets[0].resolution_hours"
    assert SlaPolicy.from_dict(data) == policy
