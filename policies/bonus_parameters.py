"""The quarterly and year-end bonus document's numbers in words (document "KF-BONUS", incentives.bonus_policy):
how many scored months a period needs, how far a manager may move an amount, and the bands with their amounts."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .parameters import INTEGER, MONEY, MONTHS, MULTIPLIER, NUMBER, POINTS, RATE, TEXT, Column, Parameter, table

G_RULES = _("Who counts and how far an amount may move")
BANDS = _("Bands and amounts (highest band first)")
BAND_COLUMNS = (
    Column("band", ("band",), _("Band"), TEXT),
    Column("min_score", ("min_score",), _("Lowest mean score"), NUMBER, POINTS),
    Column("quarter_amount", ("quarter_amount",), _("Quarterly bonus"), MONEY),
    Column("year_amount", ("year_amount",), _("Year-end bonus"), MONEY),
)
BLANK_BANDS = 1  # the revision form offers a row to add a band (a cleared row removes one)


def _row_words(number: int):
    return format_lazy(_("Band {}"), number)


def bonus_parameters(params: dict, *, complete: bool = False) -> list:
    count = len(params.get("bands") or ())
    rows = [
        (n + 1, _row_words(n + 1), n if n < count else None) for n in range(count + (BLANK_BANDS if complete else 0))
    ]
    return [
        Parameter(
            "quarter_min_months",
            ("quarter_min_months",),
            _("A quarter counts with at least this many submitted months"),
            INTEGER,
            MONTHS,
            G_RULES,
            source="quarter_min_months",
        ),
        Parameter(
            "year_min_months",
            ("year_min_months",),
            _("A year counts with at least this many submitted months"),
            INTEGER,
            MONTHS,
            G_RULES,
            source="year_min_months",
        ),
        Parameter(
            "lowest_rate",
            ("lowest_rate",),
            _("The manager may lower an amount to this share of the standard"),
            RATE,
            group=G_RULES,
            source="lowest_rate",
        ),
        Parameter(
            "highest_rate",
            ("highest_rate",),
            _("The manager may raise an amount to this share of the standard"),
            MULTIPLIER,
            group=G_RULES,
            source="highest_rate",
        ),
        table("bands", BANDS, BAND_COLUMNS, rows, group=BANDS),
    ]


BONUS_PATHS = {"bands": BANDS}
