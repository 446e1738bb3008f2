"""The career document's numbers in words (document "KF-CAREER", incentives.career_policy), as sla_parameters does
for the SLA: the window the evidence looks back over, the notice period, then a table with a row per rank of the
ladder and a column per promotion requirement."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incentives.career_policy import RANKS

from .parameters import DAYS, FLAG, INTEGER, MONEY, MONTHS, NUMBER, POINTS, TEXT, Column, Parameter, table

G_RULES = _("Evidence and notice")
RUNGS = _("Promotion requirements per rank")
RUNG_COLUMNS = (
    Column("min_months_at_rank", ("min_months_at_rank",), _("Months at the rank below"), INTEGER, MONTHS),
    Column("needs_probation_passed", ("needs_probation_passed",), _("Probation passed"), FLAG),
    Column("min_kpi_mean", ("min_kpi_mean",), _("KPI mean at least"), NUMBER, POINTS),
    Column(
        "min_technical_grade",
        ("min_technical_grade",),
        _("Technical grade at least (none, junior, intermediate, senior, principal)"),
        TEXT,
    ),
    Column("min_csat", ("min_csat",), _("CSAT average at least"), NUMBER, POINTS),
    Column("min_work_orders", ("min_work_orders",), _("Completed work orders at least"), INTEGER),
    Column("min_certificates", ("min_certificates",), _("Valid certificates at least"), INTEGER),
    Column("min_panel_score", ("min_panel_score",), _("Panel score at least"), NUMBER, POINTS),
    Column("post_wage", ("post_wage",), _("Post wage"), MONEY),
)


# The same words as engineers.models.CareerRank (same msgids, one translation); policies sits under engineers.
RANK_WORDS = {
    "assistant": _("Engineering assistant"),
    "junior_engineer": _("Junior engineer"),
    "manager_assistant": _("Manager assistant"),
    "department_manager": _("Department manager"),
    "general_manager": _("General manager"),
}


def _cell_words(table_words, row_words, column_words):
    return format_lazy(_("{row}: {column}"), row=row_words, column=column_words)


def career_parameters(params: dict, *, complete: bool = False) -> list:
    """The window, the scored months it needs, the notice period, then each rung's requirements."""
    codes = [str(row.get("code", "")) for row in params.get("rungs") or ()]
    rows = [(code, RANK_WORDS[code], codes.index(code) if code in codes else None) for code in RANKS]
    return [
        Parameter(
            "window_months",
            ("window_months",),
            _("KPI, CSAT and work orders are counted over the last"),
            INTEGER,
            MONTHS,
            G_RULES,
            source="window_months",
        ),
        Parameter(
            "min_scored_months",
            ("min_scored_months",),
            _("Submitted KPI months the window must hold"),
            INTEGER,
            MONTHS,
            G_RULES,
            source="min_scored_months",
        ),
        Parameter(
            "appeal_days",
            ("appeal_days",),
            _("Public notice (appeal window)"),
            INTEGER,
            DAYS,
            G_RULES,
            source="appeal_days",
        ),
        table("rungs", RUNGS, RUNG_COLUMNS, rows, group=RUNGS, keyed=True, cell_words=_cell_words),
    ]


CAREER_PATHS = {"rungs": RUNGS}
