"""The revision forms of the pay documents: the wage standard, the income-tax rules, a city's contributions,
and a new city's first version copied from another city's. Each says in words, on the field, what the engine
would refuse; the engine's parser still checks the whole (policies.forms.RevisionForm)."""

from __future__ import annotations

import itertools

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .forms import RevisionForm
from .kinds import CITY_CODE, city_document
from .parameters import plain


class PayRevisionForm(RevisionForm):
    rate_places = 4  # contribution rates such as 0.16 % or 0.048 %: percent with four places, kept exactly


class WageRevisionForm(PayRevisionForm):
    """KF-PAY: paid days and hours above zero (a day's and an hour's wage divide by them)."""

    def check(self, values: dict, params: dict) -> None:
        for name in ("standard_paid_days", "hours_per_day"):
            if values[name] <= 0:
                self.add_error(name, _("Must be above zero: a day's and an hour's wage are divided by it."))


class TaxRevisionForm(PayRevisionForm):
    """IIT: each table starts at 0 and its thresholds and rates rise from bracket to bracket."""

    def check(self, values: dict, params: dict) -> None:
        for t in self.tables:
            rows = self.kept.get(t.name, [])
            if rows and values[rows[0].cells[0].name] != 0:
                self.add_error(rows[0].cells[0].name, _("The first bracket starts at 0."))
            for column in ("above", "rate"):
                at = [c.key for c in t.columns].index(column)
                for lower, upper in itertools.pairwise(rows):
                    low, high = lower.cells[at], upper.cells[at]
                    if values[high.name] <= values[low.name]:
                        self.add_error(
                            high.name,
                            _("Must be above %(row)s's %(value)s: brackets rise from one to the next.")
                            % {"row": lower.words, "value": plain(values[low.name])},
                        )


class ContributionRevisionForm(PayRevisionForm):
    """SI-<city>: each item's lower base limit is at most its upper one."""

    def check(self, values: dict, params: dict) -> None:
        for low, high in zip(self.kept_cells("items", "base_low"), self.kept_cells("items", "base_high"), strict=True):
            if values[low.name] > values[high.name]:
                self.add_error(low.name, _("%(low)s is above %(high)s.") % {"low": low.label, "high": high.label})


class NewCityForm(ContributionRevisionForm):
    """A city's first contribution rules, copied from another city's version in force: a new SI-<code> document."""

    city_code = forms.CharField(
        label=gettext_lazy("City code"),
        max_length=10,
        help_text=gettext_lazy("2 to 10 capital letters or digits, starting with a letter: the document is SI-<code>."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.update(city_name="", title="", version="")  # the copy's numbers, never its name

    def clean_city_code(self):
        code = self.cleaned_data["city_code"].strip().upper()
        if not CITY_CODE.fullmatch(code):
            raise forms.ValidationError(
                _("Use 2 to 10 capital letters or digits, starting with a letter (e.g. DG for 东莞)."), code="invalid"
            )
        return code

    def clean(self):
        if "city_code" in self.errors:  # nothing to build the document from; the rest is checked once it is fixed
            return self.cleaned_data
        return super().clean()

    def prepare(self, params: dict, values: dict) -> None:
        params["city_code"] = values["city_code"]
        params["document_no"] = city_document(values["city_code"])

    def error_field(self, fields) -> str | None:
        return "city_code" if "document_no" in fields else super().error_field(fields)


class SlaRevisionForm(PayRevisionForm):
    """SLA: the engine's parser checks the whole (times of day, working days, every category × priority)."""


class LeaveRevisionForm(PayRevisionForm):
    """Paid annual leave: the engine's parser checks the tiers go up in years and never down in days."""


class CommissionRevisionForm(PayRevisionForm):
    """KF-COMM: the engine's parser checks the tiers (the first from 0, lower bounds rising, rates 0–100 %)."""


class StudyRevisionForm(PayRevisionForm):
    """KF-STUDY: amounts not negative, whole days; the engine's parser checks the whole (every skill × level)."""


class BonusRevisionForm(PayRevisionForm):
    """KF-BONUS: the engine's parser checks the whole (bands highest first, the last from 0, amounts in fen)."""


class CareerRevisionForm(PayRevisionForm):
    """KF-CAREER: the engine's parser checks the whole (every rank has a rung, grades and scores in range)."""


FORMS = {
    "career": CareerRevisionForm,
    "commission": CommissionRevisionForm,
    "wage": WageRevisionForm,
    "tax": TaxRevisionForm,
    "contribution": ContributionRevisionForm,
    "sla": SlaRevisionForm,
    "leave": LeaveRevisionForm,
    "study": StudyRevisionForm,
    "bonus": BonusRevisionForm,
}
