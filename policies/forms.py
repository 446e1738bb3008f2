"""The revision form: one labelled field per changeable parameter, checked before the draft is saved."""

from __future__ import annotations

import copy
import itertools
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import iso_date_input
from incentives.errors import IncentiveError
from incentives.policy import Policy

from .parameters import FLAG, INTEGER, MONEY, RATE, Parameter, normalised, parameters, plain, words_for

HUNDRED = Decimal(100)
# Whole numbers the engine bounds more tightly than "not negative" (so the form says it in words first).
INTEGER_BOUNDS = {"annual_pay_month": (1, 12), "kpi_on_time_hours": (1, None)}


def _field(p: Parameter) -> forms.Field:
    label = p.label
    if p.kind == FLAG:
        return forms.BooleanField(label=label, required=False)
    if p.kind == INTEGER:
        low, high = INTEGER_BOUNDS.get(p.name, (0, None))
        return forms.IntegerField(label=label, min_value=low, max_value=high)
    # Rates are entered in percent with at most two places: the stored fraction keeps four, as every rate does.
    places = {MONEY: 2, RATE: 2}.get(p.kind, 4)
    field = forms.DecimalField(label=label, min_value=0, max_digits=14, decimal_places=places)
    if p.kind == RATE:
        field.validators.append(_at_most_hundred)
    return field


def _at_most_hundred(value):
    if value > HUNDRED:
        raise forms.ValidationError(gettext_lazy("A rate is at most 100 %."), code="max_value")


class PolicyRevisionForm(forms.Form):
    version = forms.CharField(label=gettext_lazy("version"), max_length=20)
    effective_from = forms.DateField(label=gettext_lazy("effective from"), widget=iso_date_input())
    revision_note = forms.CharField(label=gettext_lazy("revision note"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, base_parameters: dict, **kwargs):
        self.base = normalised(base_parameters)
        self.params = parameters(self.base)
        kwargs.setdefault("initial", {p.name: p.display(self.base) for p in self.params})
        super().__init__(*args, **kwargs)
        for p in self.params:
            self.fields[p.name] = _field(p)
        self.parameters: dict | None = None

    def groups(self):
        """(group words, [(parameter, bound field)]) in the document's order, for the template."""
        out: list[tuple[object, list]] = []
        for p in self.params:
            if not out or out[-1][0] != p.group:
                out.append((p.group, []))
            out[-1][1].append((p, self[p.name]))
        return out

    def clean(self):
        data = super().clean()
        if any(p.name in self.errors for p in self.params):
            return data
        values = dict(data)  # add_error() takes a field out of cleaned_data; the checks read every value
        params = copy.deepcopy(self.base)
        for p in self.params:
            p.write(params, p.stored(values[p.name]))
        self._check_sums(values)
        self._check_ranges(values)
        self._check_bands(values)
        if not self.errors:
            try:
                Policy.from_dict(params)
            except IncentiveError as exc:  # anything the checks above do not cover, still named in words
                path = str(exc.params.get("parameter", ""))
                self.add_error(None, f"{words_for(path)}: {exc.message}")
        self.parameters = params
        return data

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

    def error_summary(self) -> list[str]:
        """Every error with the field's words in front, for the box above the form."""
        lines = [str(m) for m in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name != "__all__":
                lines += [f"{self.fields[name].label}: {m}" for m in errors]
        return lines
