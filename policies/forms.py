"""The revision form: one labelled field per changeable parameter, checked before the draft is saved.

`RevisionForm` serves every kind of document (policies.kinds): the fields come from the document's
parameters in words, tables (tax brackets, contribution items) as rows of fields, and the whole is checked
by the engine's own parser for that document, its refusals named in words. Each kind's form adds the checks
it can say better than the engine (weights add up to 100 %, brackets rise); the pay documents' are in
policies.pay_forms.
"""

from __future__ import annotations

import copy
import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import iso_date_input
from incentives.errors import IncentiveError

from . import kinds
from .parameters import DATE, FLAG, INTEGER, MONEY, MULTIPLIER, PERCENT_KINDS, TEXT, Parameter, Table, plain

HUNDRED = Decimal(100)
# Whole numbers the engine bounds more tightly than "not negative" (so the form says it in words first).
INTEGER_BOUNDS = {"annual_pay_month": (1, 12), "kpi_on_time_hours": (1, None)}
INDEXED = re.compile(r"^(?P<table>\w+)\[(?P<index>\d+)\](?:\.(?P<key>\w+))?")


def _places_needed(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _field(p: Parameter, *, rate_places: int, initial: str = "") -> forms.Field:
    label, required = p.label, not p.optional
    if p.kind == FLAG:
        return forms.BooleanField(label=label, required=False)
    if p.kind == INTEGER:
        low, high = INTEGER_BOUNDS.get(p.name, (0, None))
        return forms.IntegerField(label=label, min_value=low, max_value=high, required=required)
    if p.kind == DATE:
        return forms.DateField(label=label, required=required, widget=iso_date_input())
    if p.kind == TEXT:
        return forms.CharField(label=label, required=required, max_length=50)
    # Rates are entered in percent: the stored fraction keeps two more places. Never fewer places than the
    # version already has, so an unchanged value always goes through exactly as it is.
    places = {MONEY: 2}.get(p.kind, rate_places if p.kind in PERCENT_KINDS else 4)
    places = max(places, _places_needed(initial)) if p.kind != MONEY else places
    field = forms.DecimalField(label=label, min_value=0, max_digits=14, decimal_places=places, required=required)
    if p.kind in PERCENT_KINDS:
        field.validators.append(_at_least_hundred if p.kind == MULTIPLIER else _at_most_hundred)
    return field


def _at_most_hundred(value):
    if value > HUNDRED:
        raise forms.ValidationError(gettext_lazy("A rate is at most 100 %."), code="max_value")


def _at_least_hundred(value):
    if value < HUNDRED:
        raise forms.ValidationError(gettext_lazy("A multiplier is at least 100 %."), code="min_value")


@dataclass
class Entry:
    """One thing the template lays out: a field, or a table of rows of fields."""

    p: Parameter | None = None
    field: forms.BoundField | None = None
    table: Table | None = None
    rows: list | None = None  # [(row, [bound fields])]


class RevisionForm(forms.Form):
    """A new version of any document, copied from `base_parameters` (the version it revises)."""

    version = forms.CharField(label=gettext_lazy("version"), max_length=20)
    effective_from = forms.DateField(label=gettext_lazy("effective from"), widget=iso_date_input())
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    revision_note = forms.CharField(label=gettext_lazy("revision note"), widget=forms.Textarea(attrs={"rows": 2}))
    rate_places = 2

    def __init__(self, *args, document_no: str, base_parameters: dict, **kwargs):
        self.document_no = document_no
        self.base = kinds.normalised(document_no, base_parameters)
        self.entries = kinds.entries(document_no, self.base, complete=True)
        self.params = [e for e in self.entries if not e.is_table]
        self.tables = [e for e in self.entries if e.is_table]
        self.every = kinds.flat(self.entries)
        shown = {p.name: p.display(self.base) for p in self.every}
        kwargs.setdefault("initial", {**shown, "title": self.base.get("title", "")})
        super().__init__(*args, **kwargs)
        cells = {c.name for t in self.tables for c in t.cells}
        for p in self.every:
            self.fields[p.name] = _field(p, rate_places=self.rate_places, initial=shown[p.name])
            if p.name in cells:  # a table's cell shows no label of its own: the row and column say it
                self.fields[p.name].widget.attrs["aria-label"] = p.label
        self.parameters: dict | None = None
        self.kept: dict[str, list] = {}  # table name → the rows written, in order (engine index → row)

    # ---- layout ------------------------------------------------------------------------------------------

    def groups(self):
        """(group words, [Entry]) in the document's order, for the template."""
        out: list[tuple[object, list[Entry]]] = []
        for e in self.entries:
            if not out or out[-1][0] != e.group:
                out.append((e.group, []))
            if e.is_table:
                rows = [(row, [self[c.name] for c in row.cells]) for row in e.rows]
                out[-1][1].append(Entry(table=e, rows=rows))
            else:
                out[-1][1].append(Entry(p=e, field=self[e.name]))
        return out

    # ---- checking ----------------------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        if any(p.name in self.errors for p in self.every):
            return data
        values = dict(data)  # add_error() takes a field out of cleaned_data; the checks read every value
        params = copy.deepcopy(self.base)
        for p in self.params:
            p.write(params, p.stored(values[p.name]))
        for t in self.tables:
            self._write_table(params, t, values)
        params["title"] = (values.get("title") or "").strip()
        self.prepare(params, values)
        self.check(values, params)
        if not self.errors:
            try:
                kinds.parse(params["document_no"], params)
            except IncentiveError as exc:  # anything the checks above do not cover, still named in words
                self._engine_error(exc, params)
        self.parameters = params
        return data

    def prepare(self, params: dict, values: dict) -> None:
        """Set what the form decides besides the parameters (the document a new city starts)."""
        params["document_no"] = self.document_no

    def check(self, values: dict, params: dict) -> None:
        """The kind's own checks, each error on the field it is about (subclasses)."""

    def _write_table(self, params: dict, t: Table, values: dict) -> None:
        """A table's filled rows, in order: a blank row is left out; a half-filled one is refused."""
        rows, kept = [], []
        for row in t.rows:
            filled = [values.get(c.name) not in (None, "") for c in row.cells]
            if not any(filled):
                continue
            if not all(filled):
                for cell, ok in zip(row.cells, filled, strict=True):
                    if not ok:
                        self.add_error(
                            cell.name, _("Fill in every column of this row, or clear the whole row to leave it out.")
                        )
                continue
            rows.append(t.new_row(row, values))
            kept.append(row)
        if not rows:
            self.add_error(None, _("%(table)s: fill in at least one row.") % {"table": t.label})
        params[t.name] = rows
        self.kept[t.name] = kept

    def kept_cells(self, table_name: str, column: str) -> list[Parameter]:
        """The cells of one column over a table's filled rows, in order."""
        t = next(t for t in self.tables if t.name == table_name)
        at = [c.key for c in t.columns].index(column)
        return [row.cells[at] for row in self.kept.get(table_name, [])]

    def _field_for(self, path: str) -> str | None:
        """The field an engine path is about, if one is: a scalar's, or a table row's cell."""
        if match := INDEXED.match(path):
            rows = self.kept.get(match["table"], [])
            index = int(match["index"])
            if index < len(rows):
                t = next(t for t in self.tables if t.name == match["table"])
                key = match["key"]
                for column, cell in zip(t.columns, rows[index].cells, strict=True):
                    if not key or column.path[0] == key:
                        return cell.name
        for p in self.params:
            if p.source and p.source == path:
                return p.name
        return None

    def _engine_error(self, exc: IncentiveError, params: dict) -> None:
        path = str(exc.params.get("parameter", ""))
        name = self._field_for(path)
        if name:
            self.add_error(name, _("Not accepted by the rules: %(detail)s") % {"detail": exc.message})
        else:
            words = kinds.words_for_path(params["document_no"], params, path)
            self.add_error(None, f"{words}: {exc.message}")

    def error_field(self, fields) -> str | None:
        """Which of this form's fields a service error's `fields` names (None: the error is about the whole)."""
        return next((f for f in fields if f in self.fields), None)

    def error_summary(self) -> list[str]:
        """Every error with the field's words in front, for the box above the form."""
        lines = [str(m) for m in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name != "__all__":
                lines += [f"{self.fields[name].label}: {m}" for m in errors]
        return lines


class PolicyRevisionForm(RevisionForm):
    """FS-MS-KF-13: the incentive scheme. KPI weights add up to 100 %, ranges run low to high, bands descend."""

    def __init__(self, *args, base_parameters: dict, document_no: str = kinds.INCENTIVE_DOCUMENT, **kwargs):
        super().__init__(*args, document_no=document_no, base_parameters=base_parameters, **kwargs)

    def check(self, values: dict, params: dict) -> None:
        self._check_sums(values)
        self._check_ranges(values)
        self._check_bands(values)

    def _by_prefix(self, prefix: str) -> list[Parameter]:
        return [p for p in self.params if p.name.startswith(prefix)]

    def _check_sums(self, data) -> None:
        for prefix, words in (
            ("kpi_dimension_", _("The KPI dimension weights")),
            ("kpi_source_", _("The KPI source weights")),
        ):
            group = self._by_prefix(prefix)
            total = sum((data[p.name] for p in group), Decimal(0))
            if group and total != HUNDRED:
                self.add_error(
                    group[0].name,
                    _("%(what)s add up to %(total)s %%; they must add up to 100 %%.")
                    % {"what": words, "total": plain(total)},
                )

    def _check_ranges(self, data) -> None:
        for p in self.params:
            if p.name.endswith("_low"):
                high = p.name[: -len("_low")] + "_high"
                if data[p.name] > data[high]:
                    self.add_error(
                        p.name,
                        _("%(low)s is above %(high)s.") % {"low": p.label, "high": self.fields[high].label},
                    )

    def _check_bands(self, data) -> None:
        mins = [p for p in self._by_prefix("kpi_band_") if p.name.endswith("_min")]
        for upper, lower in itertools.pairwise(mins):
            if data[upper.name] <= data[lower.name]:
                self.add_error(
                    lower.name, _("%(lower)s must be below %(upper)s.") % {"lower": lower.label, "upper": upper.label}
                )
        low = Decimal(self.base["kpi"]["score_range"][0])
        if mins and data[mins[-1].name] != low:
            self.add_error(
                mins[-1].name,
                _("%(band)s must be %(low)s: the lowest band starts at the lowest score.")
                % {"band": mins[-1].label, "low": plain(low)},
            )
