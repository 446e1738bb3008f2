"""The paid annual leave document (document "LEAVE"): days of leave by years of cumulative service.

《职工带薪年休假条例》(国务院令第514号) 第三条: cumulative service of at least 1 and under 10 years,
5 days; at least 10 and under 20 years, 10 days; 20 years or more, 15 days; under 1 year, none. The
tiers are data (a company may give more than the law, never less), effective-dated like every other
controlled document. `year_days` is the divisor of the implementing measures' proration
(《企业职工带薪年休假实施办法》第五条、第十二条: "÷ 365天").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .pay_policy import _Document, _head, _mapping
from .policy import _invalid

LEAVE_DOCUMENT = "LEAVE"


def _whole(value: Any, where: str, low: int, high: int) -> int:
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
class LeaveTier:
    from_years: int  # completed years of cumulative service from which `days` apply
    days: int  # days of paid annual leave a full year at this tier gives


@dataclass(frozen=True)
class LeavePolicy(_Document):
    document_no: str
    version: str
    title: str
    year_days: int
    tiers: tuple[LeaveTier, ...]  # by from_years, ascending; below the first tier: no leave

    def days_for(self, years: int) -> int:
        """A full year's days for `years` completed years of cumulative service."""
        days = 0
        for tier in self.tiers:
            if years >= tier.from_years:
                days = tier.days
        return days

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_no": self.document_no,
            "version": self.version,
            "title": self.title,
            "year_days": self.year_days,
            "tiers": [{"from_years": t.from_years, "days": t.days} for t in self.tiers],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LeavePolicy:
        data = _mapping(data, "")
        year_days = _whole(data.get("year_days", 365), "year_days", 360, 366)
        rows = data.get("tiers")
        if not isinstance(rows, list) or not rows:
            raise _invalid("tiers", "expected a list of tiers (years of service → days)")
        tiers = []
        for n, row in enumerate(rows):
            row = _mapping(row, f"tiers[{n}]")
            tiers.append(
                LeaveTier(
                    _whole(row.get("from_years"), f"tiers[{n}].from_years", 0, 60),
                    _whole(row.get("days"), f"tiers[{n}].days", 0, 365),
                )
            )
        for n in range(1, len(tiers)):
            if tiers[n].from_years <= tiers[n - 1].from_years:
                raise _invalid(
                    f"tiers[{n}].from_years", "tiers go up in years of service", value=str(tiers[n].from_years)
                )
            if tiers[n].days < tiers[n - 1].days:
                raise _invalid(f"tiers[{n}].days", "more service never gives fewer days", value=str(tiers[n].days))
        return cls(**_head(data), year_days=year_days, tiers=tuple(tiers))
