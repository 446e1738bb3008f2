"""A month as the commission keeps it: the date of its first day; "2026-11" in URLs, forms and the API."""

from __future__ import annotations

import calendar
from datetime import date

from django.utils import timezone


def parse_month(text: str | None) -> date | None:
    """'2026-11' → date(2026, 11, 1); None for anything else."""
    try:
        year, month = (int(p) for p in str(text or "").strip().split("-")[:2])
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1)
    except ValueError:
        pass
    return None


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def last_day(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def label(month: date) -> str:
    return f"{month:%Y-%m}"
