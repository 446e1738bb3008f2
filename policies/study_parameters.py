"""The study-reward document's numbers in words (document "KF-STUDY", incentives.study_policy), as sla_parameters
does for the SLA: the expiry warning, then a table with a row per special skill × certificate level."""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incentives.study_policy import LEVELS, SKILLS, reward_code

from .choices import CertificateLevel, Skill
from .parameters import DAYS, INTEGER, MONEY, Column, Parameter, lazy_label, table

G_CERTIFICATES = _("Certificates")
REWARDS = _("Study reward on passing a certification")
REWARD_COLUMNS = (Column("amount", ("amount",), _("Reward"), MONEY),)


def _row_words(skill: str, level: str):
    return format_lazy("{} · {}", lazy_label(Skill, skill), lazy_label(CertificateLevel, level))


def _cell_words(table_words, row_words, column_words):
    return format_lazy(_("{row}: {column}"), row=row_words, column=column_words)


def study_parameters(params: dict, *, complete: bool = False) -> list:
    """The expiry warning, then the reward per skill × level."""
    codes = [str(row.get("code", "")) for row in params.get("rewards") or ()]
    rows = []
    for skill in SKILLS:
        for level in LEVELS:
            code = reward_code(skill, level)
            rows.append((code, _row_words(skill, level), codes.index(code) if code in codes else None))
    return [
        Parameter(
            "expiry_warning_days",
            ("expiry_warning_days",),
            _("A certificate is shown as about to expire this many days before"),
            INTEGER,
            DAYS,
            G_CERTIFICATES,
            source="expiry_warning_days",
        ),
        table("rewards", REWARDS, REWARD_COLUMNS, rows, group=REWARDS, keyed=True, cell_words=_cell_words),
    ]


STUDY_PATHS = {"rewards": REWARDS}
