"""Every number a policy revision may change, with its words and its unit, once.

The revision form, the version page and the validation messages all read this list, so a parameter
is never shown by its JSON path ("individual_rate_low") and an error names the field in words. The
list is built from the version itself: KPI dimensions, sources, bands, honours and grades are as many
as the version has, labelled through policies.choices. Rates are shown and taken in percent, exactly
(0.035 ⇄ 3.5): nothing is rounded on the way in or out.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from incentives.policy import Policy

from .choices import AnnualAward, AwardKind, KpiDimension, ScoreSource, TechnicalGrade, label_of

MONEY, RATE, NUMBER, INTEGER, FLAG = "money", "rate", "number", "integer", "flag"
# A multiplier shown in percent like a rate but above 100 % (overtime at 150 %); a date (or none); words.
MULTIPLIER, DATE, TEXT = "multiplier", "date", "text"
PERCENT_KINDS = (RATE, MULTIPLIER)
UNITS = {MONEY: _("yuan"), RATE: "%", MULTIPLIER: "%"}
DAYS, YEARS, MONTHS, HOURS, POINTS, TIMES = _("days"), _("years"), _("months"), _("hours"), _("points"), "×"


@dataclass(frozen=True)
class Parameter:
    """One changeable number: where it lives in the parameters, what it is called, its unit."""

    name: str  # the form field's name, stable across versions (codes, never list positions)
    path: tuple  # keys and list indexes into Policy.to_dict()
    label: object  # lazy: translated when shown
    kind: str
    unit: object = ""
    group: object = ""
    source: str = ""  # the path the engine names in its errors ("wages.hours_per_day"), when it has one
    optional: bool = False  # may be left out (a deduction not in this version, no deadline): None when missing
    is_table = False

    @property
    def shown_unit(self):
        return self.unit or UNITS.get(self.kind, "")

    def read(self, params: dict):
        value = params
        for key in self.path:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                if self.optional:
                    return None
                raise
        return value

    def write(self, params: dict, value) -> None:
        target = params
        for key in self.path[:-1]:
            target = target[key]
        if value is None and self.optional:
            target.pop(self.path[-1], None)
        else:
            target[self.path[-1]] = value

    def display(self, params: dict) -> str:
        """The stored value as a person enters it: a rate in percent, exactly; money with two places."""
        value = self.read(params)
        if value is None:
            return ""
        if self.kind in (DATE, TEXT):
            return str(value)
        if self.kind == FLAG:
            return "1" if value else ""
        if self.kind == INTEGER:
            return str(value)
        if self.kind == MONEY:
            return f"{Decimal(str(value)):.2f}"  # stored with two places at most: exact
        return plain(Decimal(str(value)) * (100 if self.kind in PERCENT_KINDS else 1))

    def stored(self, value):
        """A cleaned form value as the parameters keep it (strings for decimals, fractions for rates)."""
        if value is None or value == "":
            return None if self.optional or self.kind == DATE else ""
        if self.kind == DATE:
            return value.isoformat()
        if self.kind == TEXT:
            return str(value).strip()
        if self.kind == FLAG:
            return bool(value)
        if self.kind == INTEGER:
            return int(value)
        if self.kind in PERCENT_KINDS:
            return plain(value / 100)
        if self.kind == MONEY:
            return f"{value:.2f}"  # the form allows two decimal places at most: nothing is rounded
        return plain(value)


@dataclass(frozen=True)
class Column:
    """One column of a table of parameters: its key in a row and where the row keeps its value."""

    key: str  # the field name's last part: "rate", "base_low"
    path: tuple  # inside the row: ("rate",) or ("base_range", 0)
    label: object
    kind: str
    unit: object = ""

    @property
    def shown_unit(self):
        return self.unit or UNITS.get(self.kind, "")


@dataclass(frozen=True)
class Row:
    """One row of a table: how it is called, and a Parameter per column (`index` None: a blank row to add)."""

    key: str  # "3" for the third bracket, "pension" for a contribution item: stable in field names
    words: object
    cells: tuple[Parameter, ...]
    index: int | None


@dataclass(frozen=True)
class Table:
    """Parameters that are rows of the same columns: a tax table's brackets, a city's contribution items.

    `keyed`: each row is a code's (the row dict carries {"code": key}); otherwise rows are numbered.
    """

    name: str  # the list's key in the parameters
    label: object
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    group: object = ""
    keyed: bool = False
    is_table = True

    @property
    def cells(self) -> list[Parameter]:
        return [cell for row in self.rows for cell in row.cells]

    def new_row(self, row: Row, values: dict) -> dict:
        """The row as the parameters keep it, from its cells' cleaned values."""
        out: dict = {"code": row.key} if self.keyed else {}
        for column, cell in zip(self.columns, row.cells, strict=True):
            target, path = out, column.path
            for key, following in itertools.pairwise(path):
                target = target.setdefault(key, [] if isinstance(following, int) else {})
            if isinstance(target, list):
                target.extend([None] * (path[-1] + 1 - len(target)))
            target[path[-1]] = cell.stored(values[cell.name])
        return out


def table(name, label, columns, rows, *, group="", keyed=False, cell_words=None) -> Table:
    """A Table from (key, words, index) rows: each cell a Parameter named "<table>_<row>_<column>"."""
    built = []
    for key, words, index in rows:
        cells = tuple(
            Parameter(
                f"{name}_{key}_{c.key}",
                (name, index, *c.path),
                (cell_words or _cell_words)(label, words, c.label),
                c.kind,
                c.unit,
                group,
                source=f"{name}[{index}].{c.path[0]}" if index is not None else "",
                optional=True,
            )
            for c in columns
        )
        built.append(Row(str(key), words, cells, index))
    return Table(name, label, tuple(columns), tuple(built), group, keyed)


def _cell_words(table_words, row_words, column_words):
    return format_lazy(_("{table}, {row}: {column}"), table=table_words, row=row_words, column=column_words)


def plain(number: Decimal) -> str:
    """3.500 → "3.5", 20.00 → "20", never "2E+1"."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _both_ends(name, path, words, kind, group, unit=""):
    yield Parameter(f"{name}_low", (*path, 0), format_lazy(_("{} (lowest)"), words), kind, unit, group)
    yield Parameter(f"{name}_high", (*path, 1), format_lazy(_("{} (highest)"), words), kind, unit, group)


def _coded(params: dict, key: str) -> list[tuple[int, str]]:
    return [(n, item["code"]) for n, item in enumerate(params[key])]


def parameters(params: dict) -> list[Parameter]:
    """Every changeable parameter of a version's (normalised) parameters, in the document's order."""
    g_ind, g_train, g_crew = _("Individual incentive"), _("Paid training"), _("Crew incentive")
    g_sen, g_annual, g_hon = _("Seniority award"), _("Annual awards"), _("Honours and penalties")
    g_kpi, g_com, g_ass, g_grade = _("Monthly KPI"), _("Sales commission"), _("Assessment scope"), _("Technical grades")
    out: list[Parameter] = [
        *_both_ends("individual_rate", ("individual", "rate_range"), _("Individual incentive rate"), RATE, g_ind),
        Parameter("monthly_cap", ("individual", "monthly_cap"), _("Monthly cap per engineer"), MONEY, group=g_ind),
        Parameter(
            "min_service_years",
            ("individual", "min_service_years"),
            _("Continuous service required"),
            INTEGER,
            YEARS,
            g_ind,
        ),
        Parameter("training_day_rate", ("training", "day_rate"), _("Training pay per day"), MONEY, group=g_train),
        Parameter("training_max_days", ("training", "max_days"), _("Longest paid training"), NUMBER, DAYS, g_train),
        *_both_ends("crew_ratio", ("crew", "ratio_range"), _("Crew incentive ratio"), RATE, g_crew),
        *_both_ends("crew_score", ("crew", "score_range"), _("Crew inspection score"), NUMBER, g_crew, POINTS),
        Parameter(
            "crew_max_member_pct", ("crew", "max_member_pct"), _("Highest personal percentage"), NUMBER, "%", g_crew
        ),
        Parameter("seniority_per_year", ("seniority", "per_year"), _("Seniority award per year"), MONEY, group=g_sen),
        Parameter("seniority_cap", ("seniority", "cap"), _("Seniority award cap"), MONEY, group=g_sen),
        Parameter("annual_safety", ("annual", "safety_amount"), AnnualAward.SAFETY.label, MONEY, group=g_annual),
        Parameter("annual_quality", ("annual", "quality_amount"), AnnualAward.QUALITY.label, MONEY, group=g_annual),
        Parameter("annual_pay_month", ("annual", "pay_month"), _("Annual awards paid in month"), INTEGER, "", g_annual),
    ]
    for n, code in _coded(params, "honours"):
        out.append(Parameter(f"honour_{code}", ("honours", n, "amount"), _honour(code), MONEY, group=g_hon))
    out.append(
        Parameter(
            "penalty_max_rate",
            ("penalties", "max_deduction_rate"),
            _("Deductions at most, of the month's pay"),
            RATE,
            group=g_hon,
        )
    )
    kpi = params["kpi"]
    for n, code in _coded(kpi, "dimensions"):
        words = format_lazy(_("Weight of {}"), lazy_label(KpiDimension, code))
        out.append(Parameter(f"kpi_dimension_{code}", ("kpi", "dimensions", n, "weight"), words, RATE, group=g_kpi))
    for n, code in _coded(kpi, "sources"):
        words = format_lazy(_("Weight of {}"), lazy_label(ScoreSource, code))
        out.append(Parameter(f"kpi_source_{code}", ("kpi", "sources", n, "weight"), words, RATE, group=g_kpi))
    for n, code in _coded(kpi, "bands"):
        out.append(
            Parameter(
                f"kpi_band_{code}_min",
                ("kpi", "bands", n, "min_score"),
                format_lazy(_("Band {} from score"), code),
                NUMBER,
                POINTS,
                g_kpi,
            )
        )
        out.append(
            Parameter(
                f"kpi_band_{code}_coefficient",
                ("kpi", "bands", n, "coefficient"),
                format_lazy(_("Band {} coefficient"), code),
                NUMBER,
                TIMES,
                g_kpi,
            )
        )
    out.append(
        Parameter("kpi_on_time_hours", ("kpi", "on_time_hours"), _("On time: resolved within"), INTEGER, HOURS, g_kpi)
    )
    for n, _tier in enumerate(params["commission"]["tiers"]):
        tier = format_lazy(_("Commission tier {}"), n + 1)
        for key, words, kind in (
            ("lower", _("{}: sales from"), MONEY),
            ("rate", _("{}: rate"), RATE),
            ("base", _("{}: base pay"), MONEY),
        ):
            path = ("commission", "tiers", n, key)
            out.append(Parameter(f"commission_{n + 1}_{key}", path, format_lazy(words, tier), kind, group=g_com))
    out.append(
        Parameter(
            "long_absence_days",
            ("assessment", "long_absence_days"),
            _("Absent longer than this: outside assessment"),
            INTEGER,
            DAYS,
            g_ass,
        )
    )
    for n, code in _coded(params, "grades"):
        grade = lazy_label(TechnicalGrade, code)
        for key, words, kind, unit in (
            ("min_site_services", _("{}: on-site services at least"), INTEGER, ""),
            ("min_large_projects", _("{}: large projects at least"), INTEGER, ""),
            ("min_tenure_months", _("{}: tenure at least"), INTEGER, MONTHS),
            ("min_csat", _("{}: customer satisfaction at least"), NUMBER, POINTS),
            ("needs_documents", _("{}: technical documents required"), FLAG, ""),
            ("needs_key_accounts", _("{}: key accounts required"), FLAG, ""),
        ):
            out.append(
                Parameter(f"grade_{code}_{key}", ("grades", n, key), format_lazy(words, grade), kind, unit, g_grade)
            )
    return out


lazy_label = lazy(label_of, str)  # a choice's label, translated when shown


def _honour(code: str):
    return lazy_label(AwardKind, code)


def grouped(entries: list) -> Iterator[tuple[object, list]]:
    """Parameters (and tables) by group, in order, for pages that show them in sections."""
    current, items = None, []
    for p in entries:
        if items and p.group != current:
            yield current, items
            items = []
        current = p.group
        items.append(p)
    if items:
        yield current, items


def normalised(params: dict) -> dict:
    """The parameters as the engine reads them (a version stored before a parameter existed gets its default)."""
    return Policy.from_dict(params).to_dict()


# Where the engine's own check names a path, the words for it (the first field of that group shows the error).
PATHS = {
    "individual.rate_range": _("Individual incentive rate"),
    "individual": _("Individual incentive"),
    "training": _("Paid training"),
    "crew.ratio_range": _("Crew incentive ratio"),
    "crew.score_range": _("Crew inspection score"),
    "crew.max_member_pct": _("Highest personal percentage"),
    "crew": _("Crew incentive"),
    "seniority": _("Seniority award"),
    "annual.pay_month": _("Annual awards paid in month"),
    "annual": _("Annual awards"),
    "honours": _("Honours and penalties"),
    "penalties.max_deduction_rate": _("Deductions at most, of the month's pay"),
    "kpi.dimensions": _("KPI dimension weights"),
    "kpi.sources": _("KPI source weights"),
    "kpi.bands": _("KPI bands"),
    "kpi.on_time_hours": _("On time: resolved within"),
    "kpi.score_range": _("KPI score range"),
    "commission.tiers": _("Sales commission"),
    "commission": _("Sales commission"),
    "grades": _("Technical grades"),
}


def words_for(path: str, paths=PATHS):
    """The words for a path the engine names in an error: the first matching prefix's (specific ones come first)."""
    for prefix, words in paths.items():
        if path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "["):
            return words
    return path
