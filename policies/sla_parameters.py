"""The SLA document's numbers in words (document "SLA", incentives.sla_policy), as pay_parameters does for the
pay documents: the business hours, the repeat window, when a request is about to breach, the survey's points,
and a table with a row per category × priority (response hours, resolution hours, business hours or clock)."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incentives.sla_policy import CATEGORIES, PRIORITIES, STARS, target_code

from .choices import ServiceCategory, ServicePriority
from .parameters import DAYS, FLAG, HOURS, INTEGER, NUMBER, RATE, TEXT, Column, Parameter, lazy_label, table

G_HOURS = _("Business hours")
G_RULES = _("Repeats and warnings")
G_SURVEY = _("Customer survey: points per answer (0–100 CSAT)")
TARGETS = _("Response and resolution targets")
TARGET_COLUMNS = (
    Column("response_hours", ("response_hours",), _("Response within"), NUMBER, HOURS),
    Column("resolution_hours", ("resolution_hours",), _("Resolved within"), NUMBER, HOURS),
    Column("business_hours", ("business_hours",), _("In business hours"), FLAG),
)


def _row_words(category: str, priority: str):
    return format_lazy("{} · {}", lazy_label(ServiceCategory, category), lazy_label(ServicePriority, priority))


def _cell_words(table_words, row_words, column_words):
    return format_lazy(_("{row}: {column}"), row=row_words, column=column_words)


def sla_parameters(params: dict, *, complete: bool = False) -> list:
    """Working days and hours, the repeat window, the at-risk share, the stars' points, then the targets."""
    codes = [str(row.get("code", "")) for row in params.get("targets") or ()]
    rows = []
    for category in CATEGORIES:
        for priority in PRIORITIES:
            code = target_code(category, priority)
            rows.append((code, _row_words(category, priority), codes.index(code) if code in codes else None))
    return [
        Parameter(
            "workdays",
            ("workdays",),
            _("Working days (1 = Monday … 7 = Sunday)"),
            TEXT,
            group=G_HOURS,
            source="workdays",
        ),
        Parameter(
            "day_start", ("day_start",), _("Working day starts (HH:MM)"), TEXT, group=G_HOURS, source="day_start"
        ),
        Parameter("day_end", ("day_end",), _("Working day ends (HH:MM)"), TEXT, group=G_HOURS, source="day_end"),
        Parameter(
            "duplicate_window_days",
            ("duplicate_window_days",),
            _("A call about the same product from the same phone is a repeat within"),
            INTEGER,
            DAYS,
            G_RULES,
            source="duplicate_window_days",
        ),
        Parameter(
            "at_risk_share",
            ("at_risk_share",),
            _("About to breach when this share of the target is left"),
            RATE,
            group=G_RULES,
            source="at_risk_share",
        ),
        *(
            Parameter(
                f"csat_points_{n}",
                ("csat_points", n - 1),
                format_lazy(_("{} stars"), n),
                INTEGER,
                _("points"),
                G_SURVEY,
                source=f"csat_points[{n - 1}]",
            )
            for n in range(1, STARS + 1)
        ),
        table("targets", TARGETS, TARGET_COLUMNS, rows, group=TARGETS, keyed=True, cell_words=_cell_words),
    ]


SLA_PATHS = {
    "targets": TARGETS,
    "csat_points": G_SURVEY,
    "timezone": _("Time zone"),
    "workdays": _("Working days (1 = Monday … 7 = Sunday)"),
}
