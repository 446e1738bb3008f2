"""The month attendance is entered for, and the days of it an engineer is on the payroll."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    FIRST_YEAR = 2000
    LAST_YEAR = 2100

    @property
    def bounds(self) -> tuple[date, date]:
        return date(self.year, self.month, 1), date(
            self.year, self.month, calendar.monthrange(self.year, self.month)[1]
        )

    @property
    def days(self) -> int:
        return calendar.monthrange(self.year, self.month)[1]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @classmethod
    def parse(cls, value: str | None, *, default: date) -> Month:
        """A month from "YYYY-MM" (as a page sends it); `default`'s month when unreadable."""
        try:
            year, month = (int(x) for x in (value or "").split("-"))
            if cls.FIRST_YEAR <= year <= cls.LAST_YEAR and 1 <= month <= 12:
                return cls(year, month)
        except ValueError:
            pass
        return cls(default.year, default.month)


def employed_span(engineer, month: Month) -> tuple[date, date] | None:
    """The days of the month the engineer is on the payroll (hired by its end, not left before
    its start), or None when they are not on it at all."""
    start, end = month.bounds
    first = max(start, engineer.hire_date)
    last = min(end, engineer.leaving_date) if engineer.leaving_date else end
    return (first, last) if first <= last else None


def span_days(span: tuple[date, date] | None) -> int:
    return 0 if span is None else (span[1] - span[0]).days + 1


def weekdays_in(span: tuple[date, date] | None) -> int:
    """Monday to Friday within the span: "full attendance" before statutory holidays and
    swapped working days (调休), which vary by year and HR corrects by hand."""
    if span is None:
        return 0
    day, count = span[0], 0
    while day <= span[1]:
        count += day.weekday() < 5
        day += timedelta(days=1)
    return count
