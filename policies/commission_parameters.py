"""The commission document's numbers in words (document "KF-COMM", incentives.commission_policy): the tiers
(from which pick-up amount, the rate, the base wage) and the sales post's extra rate."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .parameters import MONEY, RATE, Column, Parameter, table

TIERS = _("Commission tiers (by the month's pick-up amount of the franchisees served)")
G_SALES = _("Sales post")
TIER_COLUMNS = (
    Column("lower", ("lower",), _("From a pick-up amount of"), MONEY),
    Column("rate", ("rate",), _("Commission rate"), RATE),
    Column("base", ("base",), _("Base wage"), MONEY),
)
BLANK_TIERS = 1


def commission_parameters(params: dict, *, complete: bool = False) -> list:
    """The sales extra rate, then the tiers (numbered, one blank row to add a tier)."""
    count = len(params.get("tiers") or ())
    rows = [(n + 1, format_lazy(_("Tier {}"), n + 1), n if n < count else None) for n in range(count + BLANK_TIERS)]
    return [
        Parameter(
            "sales_extra_rate",
            ("sales_extra_rate",),
            _("Sales post: extra commission on its signed customers' monthly pick-up"),
            RATE,
            group=G_SALES,
            source="sales_extra_rate",
        ),
        table("tiers", TIERS, TIER_COLUMNS, rows, group=TIERS),
    ]


COMMISSION_PATHS = {"tiers": TIERS, "sales_extra_rate": G_SALES}
