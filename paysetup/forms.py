"""HR's forms for the pay set-up: shapes only (numbers, dates, months); every rule is the services'."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import iso_date_input, style_form
from policies.choices import AdditionalDeduction, Bank, PieceRateMode

from .services import SchemeInput


class MonthField(forms.CharField):
    """A month as YYYY-MM (<input type=month>), cleaned to its first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2026-03"})

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if isinstance(value, date) else value

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return None
        match = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-01)?", text)
        if not match or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(_("Enter a month as YYYY-MM, e.g. 2026-03."), code="invalid")
        return date(int(match[1]), int(match[2]), 1)


class _Styled(forms.Form):
    # The service's field names that this form calls otherwise (a DomainError names the service's).
    field_map: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)

    def add_service_errors(self, fields: dict[str, list[str]], message: str) -> None:
        """The service's refusal beside the field it names, else above the form."""
        placed = False
        for name, errors in fields.items():
            target = self.field_map.get(name, name)
            if target in self.fields:
                for error in errors:
                    self.add_error(target, error)
                placed = True
        if not placed:
            self.add_error(None, message)


class PaySchemeForm(_Styled):
    field_map = {"probation_rate": "probation_percent"}

    effective_from = forms.DateField(label=_("effective from"), widget=iso_date_input())
    base_wage = forms.DecimalField(label=_("base wage (yuan)"))
    post_wage = forms.DecimalField(label=_("post wage (yuan)"), initial=Decimal("0.00"))
    probation_percent = forms.DecimalField(
        label=_("probation pay rate (%)"),
        initial=Decimal(80),
        help_text=_("Share of base and post wage paid while on probation, e.g. 80 %."),
    )
    piece_rate_mode = forms.ChoiceField(label=_("piece-rate pay"), choices=PieceRateMode.choices)
    contribution_city = forms.ChoiceField(label=_("social insurance city"), required=False)
    contribution_base = forms.DecimalField(
        label=_("contribution base (yuan)"),
        initial=Decimal("0.00"),
        help_text=_("The yearly declared base; the city's lower and upper limits apply."),
    )
    note = forms.CharField(label=_("note"), required=False, max_length=200)

    def __init__(self, *args, cities: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        known = [(code, f"{name}({code})") for code, name in cities]
        current = self.initial.get("contribution_city") or ""
        if current and current not in dict(cities):
            known.append((current, current))
        self.fields["contribution_city"].choices = [("", _("none: nothing is deducted")), *known]

    def scheme_input(self) -> SchemeInput:
        data = self.cleaned_data
        return SchemeInput(
            effective_from=data["effective_from"],
            base_wage=data["base_wage"],
            post_wage=data["post_wage"],
            probation_rate=data["probation_percent"] / 100,
            piece_rate_mode=data["piece_rate_mode"],
            contribution_city=data["contribution_city"],
            contribution_base=data["contribution_base"],
            note=data["note"],
        )

    @staticmethod
    def initial_of(scheme) -> dict:
        return {
            "effective_from": scheme.effective_from,
            "base_wage": scheme.base_wage,
            "post_wage": scheme.post_wage,
            "probation_percent": (scheme.probation_rate * 100).normalize(),
            "piece_rate_mode": scheme.piece_rate_mode,
            "contribution_city": scheme.contribution_city,
            "contribution_base": scheme.contribution_base,
            "note": scheme.note,
        }


class DeductionClaimForm(_Styled):
    kind = forms.ChoiceField(label=_("kind"), choices=AdditionalDeduction.choices)
    monthly_amount = forms.DecimalField(label=_("amount per month (yuan)"))
    first_month = MonthField(
        label=_("from month"), help_text=_("May be earlier this year: the next close catches the tax up.")
    )
    last_month = MonthField(label=_("until month"), required=False, help_text=_("Empty: until it is ended."))
    note = forms.CharField(label=_("note"), required=False, max_length=200)


class ClaimEndForm(_Styled):
    last_month = MonthField(label=_("last month claimed"))


class BankAccountForm(_Styled):
    bank_code = forms.ChoiceField(label=_("bank"), choices=Bank.choices)
    account_no = forms.CharField(
        label=_("account no."), max_length=40, help_text=_("12 to 19 digits; spaces are ignored.")
    )
    account_name = forms.CharField(label=_("account holder"), max_length=100)
    branch = forms.CharField(
        label=_("branch"), required=False, max_length=150, help_text=_("For another bank: its name and branch.")
    )


class BonusTaxForm(_Styled):
    year = forms.IntegerField(label=_("year"))
    separately = forms.TypedChoiceField(
        label=_("annual bonus"),
        choices=[("1", _("taxed separately (monthly-converted table)")), ("0", _("taxed with wages"))],
        coerce=lambda value: value == "1",
    )
