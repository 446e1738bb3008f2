"""The service-level document (document "SLA"): how fast a customer request is answered and resolved.

Seed 004 (售后绩效管理及奖励制度, 第七章 执行流程) says a request is recorded and classified, handled by
someone named "within the set time" (在规定时间内解决), and followed by a satisfaction survey. The set times
are this document's numbers, a version like any other controlled document:

- per category (installation / repair / maintenance / complaint) × priority (urgent / high / normal / low):
  the response and the resolution target in hours, and whether those hours are business hours
  (an urgent repair runs on the clock, a maintenance visit on working hours);
- the business hours themselves: the working days (ISO weekdays, 1 = Monday) and the day's start and end,
  in the document's time zone (Asia/Shanghai);
- how many days back a call from the same phone about the same product counts as a repeat
  (the KPI's repeat-visit rate reads the link), and when a request is "about to breach"
  (the share of its target left);
- the points a survey answer of 1–5 stars is worth on the work order's 0–100 CSAT scale.

`SlaPolicy.from_dict` validates the whole and names the bad path, as the other documents do.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .pay_policy import _default, _Document, _fraction, _head, _mapping, _positive
from .policy import _invalid

SLA_DOCUMENT = "SLA"
CATEGORIES = ("installation", "repair", "maintenance", "complaint")
PRIORITIES = ("urgent", "high", "normal", "low")
STARS = 5


def target_code(category: str, priority: str) -> str:
    return f"{category}.{priority}"


@dataclass(frozen=True)
class BusinessHours:
    """Working days (ISO weekdays) and the working day's start and end, local time."""

    workdays: frozenset[int]
    start: time
    end: time

    def to_dict(self) -> dict[str, str]:
        return {
            "workdays": ",".join(str(d) for d in sorted(self.workdays)),
            "day_start": self.start.strftime("%H:%M"),
            "day_end": self.end.strftime("%H:%M"),
        }


@dataclass(frozen=True)
class SlaTarget:
    category: str
    priority: str
    response_hours: Decimal
    resolution_hours: Decimal
    business_hours: bool  # counted in business hours (True) or on the clock (False)

    @property
    def code(self) -> str:
        return target_code(self.category, self.priority)


def _clock(data: Mapping, key: str) -> time:
    value = data.get(key)
    if not isinstance(value, str):
        raise _invalid(key, 'write a time of day as "08:30"')
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise _invalid(key, 'write a time of day as "08:30"', value=repr(value)) from None


def _workdays(data: Mapping) -> frozenset[int]:
    value = data.get("workdays")
    if not isinstance(value, str):
        raise _invalid("workdays", 'write the working days as ISO weekdays, e.g. "1,2,3,4,5,6"')
    try:
        days = frozenset(int(part) for part in value.replace(",", " ").split())
    except ValueError:
        raise _invalid("workdays", "only the numbers 1 (Monday) to 7 (Sunday)", value=repr(value)) from None
    if not days or not days <= set(range(1, 8)):
        raise _invalid("workdays", "at least one day, each from 1 (Monday) to 7 (Sunday)", value=repr(value))
    return days


def _whole(data: Mapping, key: str, low: int, high: int, path: str = "") -> int:
    where = f"{path}.{key}" if path else key
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise _invalid(where, "expected a whole number", value=repr(value))
    try:
        number = int(value)
    except ValueError:
        raise _invalid(where, "expected a whole number", value=repr(value)) from None
    if not low <= number <= high:
        raise _invalid(where, f"must be between {low} and {high}", allowed=f"{low}–{high}", value=str(number))
    return number


@dataclass(frozen=True)
class SlaPolicy(_Document):
    document_no: str
    version: str
    title: str
    timezone: str
    hours: BusinessHours
    targets: tuple[SlaTarget, ...]
    duplicate_window_days: int
    at_risk_share: Decimal  # "about to breach": at most this share of the target is left
    csat_points: tuple[int, ...]  # points for 1, 2, 3, 4, 5 stars on the 0–100 CSAT scale

    def target(self, category: str, priority: str) -> SlaTarget:
        for t in self.targets:
            if t.category == category and t.priority == priority:
                return t
        raise _invalid("targets", f"no target for {target_code(category, priority)}")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_no": self.document_no,
            "version": self.version,
            "title": self.title,
            "timezone": self.timezone,
            **self.hours.to_dict(),
            "duplicate_window_days": self.duplicate_window_days,
            "at_risk_share": str(self.at_risk_share),
            "csat_points": list(self.csat_points),
            "targets": [
                {
                    "code": t.code,
                    "response_hours": str(t.response_hours),
                    "resolution_hours": str(t.resolution_hours),
                    "business_hours": t.business_hours,
                }
                for t in self.targets
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SlaPolicy:
        data = _mapping(data, "")
        zone = data.get("timezone", "Asia/Shanghai")
        try:
            ZoneInfo(str(zone))
        except (ZoneInfoNotFoundError, ValueError):
            raise _invalid("timezone", "no such time zone", value=repr(zone)) from None
        start, end = _clock(data, "day_start"), _clock(data, "day_end")
        if start >= end:
            raise _invalid("day_end", "the working day ends after it starts", value=str(end))
        rows = data.get("targets")
        if not isinstance(rows, list):
            raise _invalid("targets", "expected a list of targets")
        found: dict[str, SlaTarget] = {}
        for n, row in enumerate(rows):
            path = f"targets[{n}]"
            row = _mapping(row, path)
            code = str(row.get("code", ""))
            category, _dot, priority = code.partition(".")
            if category not in CATEGORIES or priority not in PRIORITIES:
                raise _invalid(f"{path}.code", "expected <category>.<priority>", value=repr(code))
            if code in found:
                raise _invalid(f"{path}.code", "listed twice", value=code)
            response = _positive(row, "response_hours", path, high=Decimal(24 * 366))
            resolution = _positive(row, "resolution_hours", path, high=Decimal(24 * 366))
            if resolution < response:
                raise _invalid(
                    f"{path}.resolution_hours",
                    "a request cannot be due resolved before it is due an answer",
                    value=str(resolution),
                )
            business = row.get("business_hours", True)
            if not isinstance(business, bool):
                raise _invalid(f"{path}.business_hours", "expected true or false", value=repr(business))
            found[code] = SlaTarget(category, priority, response, resolution, business)
        missing = [target_code(c, p) for c in CATEGORIES for p in PRIORITIES if target_code(c, p) not in found]
        if missing:
            raise _invalid("targets", f"every category × priority needs a target; missing {', '.join(missing)}")
        points = data.get("csat_points")
        if not isinstance(points, list) or len(points) != STARS:
            raise _invalid("csat_points", f"expected {STARS} numbers, for 1 to {STARS} stars")
        csat = tuple(_whole({"p": p}, "p", 0, 100, f"csat_points[{n}]") for n, p in enumerate(points))
        if any(b <= a for a, b in itertools.pairwise(csat)):
            raise _invalid("csat_points", "more stars are worth more points", value=str(list(csat)))
        return cls(
            **_head(data),
            timezone=str(zone),
            hours=BusinessHours(_workdays(data), start, end),
            targets=tuple(found[target_code(c, p)] for c in CATEGORIES for p in PRIORITIES),
            duplicate_window_days=_whole(data, "duplicate_window_days", 0, 366),
            at_risk_share=_fraction(data, "at_risk_share"),
            csat_points=csat,
        )

    @classmethod
    def load_default(cls) -> SlaPolicy:
        return cls.from_dict(_default("SLA_A0"))
