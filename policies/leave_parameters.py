"""The paid annual leave document's numbers in words (document "LEAVE", incentives.leave_policy): the
divisor of the proration and a table of tiers (from how many years of cumulative service, how many days)."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .parameters import DAYS, INTEGER, YEARS, Column, Parameter, table

G_RULES = _("Proration (企业职工带薪年休假实施办法)")
TIERS = _("Days of paid annual leave by years of cumulative service")
TIER_COLUMNS = (
    Column("from_years", ("from_years",), _("From completed years of service"), INTEGER, YEARS),
    Column("days", ("days",), _("Days a full year"), INTEGER, DAYS),
)
BLANK_TIERS = 2  # rows the revision form offers to add a tier (a cleared row removes one)


def _tier_words(number: int):
    return format_lazy(_("Tier {}"), number)


def _cell_words(table_words, row_words, column_words):
    return format_lazy(_("{row}: {column}"), row=row_words, column=column_words)


def leave_parameters(params: dict, *, complete: bool = False) -> list:
    """The proration divisor, then the tiers (and blank rows to add one on the revision form)."""
    count = len(params.get("tiers") or ())
    blank = BLANK_TIERS if complete else 0
    rows = [(n + 1, _tier_words(n + 1), n if n < count else None) for n in range(count + blank)]
    return [
        Parameter(
            "year_days",
            ("year_days",),
            _("A year's days in the proration (remaining calendar days ÷ this)"),
            INTEGER,
            DAYS,
            G_RULES,
            source="year_days",
        ),
        table("tiers", TIERS, TIER_COLUMNS, rows, group=TIERS, cell_words=_cell_words),
    ]


LEAVE_PATHS = {"tiers": TIERS, "year_days": G_RULES}
