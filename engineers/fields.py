"""Engineer and crew fields of forms at a company's size: a select of them all only while there are few."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Crew, Engineer

# Beyond this many engineers to choose from, a form's engineer field takes the employee no. typed in:
# a select of 50,000 engineers is megabytes on every page that has one. Crews likewise, by crew code.
FEW_ENGINEERS = 500
FEW_CREWS = 200


@dataclass(frozen=True)
class TypedIn:
    key: str  # the field that identifies a row when typed in
    few: int
    placeholder: Promise
    help: Promise
    help_many: Promise
    invalid: Promise


TYPED_IN = {
    Engineer: TypedIn(
        "employee_no",
        FEW_ENGINEERS,
        _("employee no."),
        _("Type the engineer's employee no."),
        _("Type the engineers' employee nos., separated by spaces or commas."),
        _("No engineer with employee no. %(value)s can be chosen here."),
    ),
    Crew: TypedIn(
        "code",
        FEW_CREWS,
        _("crew code"),
        _("Type the crew's code."),
        _("Type the crews' codes, separated by spaces or commas."),
        _("No crew with code %(value)s can be chosen here."),
    ),
}


class TypedList(forms.Textarea):
    """Several keys in one box: "E001 E002, E003" → ["E001", "E002", "E003"]."""

    def value_from_datadict(self, data, files, name):
        return [key for key in re.split(r"[\s,，、;；]+", data.get(name, "")) if key]

    def format_value(self, value):
        return " ".join(str(v) for v in value) if isinstance(value, list | tuple) else value


def typed_in_when_many(form: forms.BaseForm) -> None:
    """Each engineer or crew field of `form` (a model choice over engineers or crews) becomes a text box for
    the employee no. (crew code) when it has more than a few rows to choose from; the same rows may be
    chosen, any other is refused with a message naming the field. Call it before styling the form's widgets."""
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or field.queryset.model not in TYPED_IN:
            continue
        typed = TYPED_IN[field.queryset.model]
        if field.queryset.order_by()[: typed.few + 1].count() <= typed.few:
            continue
        many = isinstance(field, forms.ModelMultipleChoiceField)
        field.to_field_name = typed.key
        attrs = {"autocomplete": "off", "placeholder": typed.placeholder}
        field.widget = TypedList(attrs={**attrs, "rows": 2}) if many else forms.TextInput(attrs=attrs)
        field.help_text = typed.help_many if many else typed.help
        field.error_messages = {**field.error_messages, "invalid_choice": typed.invalid}
        initial = form.initial.get(name)
        if isinstance(initial, int | str) and str(initial).isdigit():  # a link's ?engineer=<id>
            row = field.queryset.model.objects.filter(pk=int(initial))
            form.initial[name] = row.values_list(typed.key, flat=True).first()
