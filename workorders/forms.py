"""Forms for a work order with its piece-rate lines and participants."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import iso_date_input, style_form
from engineers.models import Engineer, EngineerStatus

from .models import PieceRateItem, PieceRateTable, WorkOrder

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class WorkOrderForm(forms.ModelForm):
    class Meta:
        model = WorkOrder
        fields = [
            "number",
            "order_type",
            "is_special",
            "department",
            "crew",
            "customer_name",
            "customer_phone",
            "site_address",
            "description",
            "reported_at",
            "responded_at",
            "arrived_at",
            "resolved_at",
            "csat_score",
            "customer_signed",
            "customer_comment",
            "repeat_of",
            "split_method",
        ]
        widgets = {
            "reported_at": DATETIME_WIDGET,
            "responded_at": DATETIME_WIDGET,
            "arrived_at": DATETIME_WIDGET,
            "resolved_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 2}),
            "repeat_of": forms.TextInput(),
        }

    repeat_of = forms.CharField(label=_("repeat visit of"), required=False, help_text=_("Earlier work order no."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.repeat_of_id:
            self.initial["repeat_of"] = self.instance.repeat_of.number
        for name in ("reported_at", "responded_at", "arrived_at", "resolved_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        style_form(self)

    def clean_repeat_of(self):
        number = self.cleaned_data["repeat_of"].strip()
        if not number:
            return None
        earlier = WorkOrder.objects.filter(number=number).first()
        if earlier is None:
            raise forms.ValidationError(_("No work order has the number %(n)s.") % {"n": number})
        if self.instance.pk and earlier.pk == self.instance.pk:
            raise forms.ValidationError(_("A work order cannot be a repeat visit of itself."))
        return earlier


class LineForm(forms.Form):
    item_code = forms.ChoiceField(label=_("item"))
    quantity = forms.DecimalField(label=_("quantity"), max_digits=10, decimal_places=2, min_value=Decimal("0.01"))

    def __init__(self, *args, item_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item_code"].choices = [("", "—"), *item_choices]
        style_form(self)


class ParticipantForm(forms.Form):
    engineer = forms.ModelChoiceField(label=_("engineer"), queryset=Engineer.objects.none())
    days_worked = forms.DecimalField(label=_("days worked"), max_digits=5, decimal_places=1, min_value=0)
    split_pct = forms.DecimalField(
        label=_("split %"), max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engineer"].queryset = Engineer.objects.filter(status=EngineerStatus.ACTIVE).select_related(
            "department"
        )
        style_form(self)


class BaseRowFormSet(forms.BaseFormSet):
    """Blank rows are ignored; at least one filled row is required."""

    def filled(self):
        return [f.cleaned_data for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


LineFormSet = forms.formset_factory(LineForm, formset=BaseRowFormSet, extra=3, can_delete=True)
ParticipantFormSet = forms.formset_factory(ParticipantForm, formset=BaseRowFormSet, extra=3, can_delete=True)


def item_choices_for(table: PieceRateTable | None):
    if table is None:
        return []
    return [
        (i.code, f"{i.code} {i.description}({i.unit},¥{i.unit_rate})")
        for i in PieceRateItem.objects.filter(table=table).order_by("code")
    ]


class RateTableCopyForm(forms.Form):
    code = forms.CharField(label=_("version"), max_length=30)
    name = forms.CharField(label=_("name"), max_length=100)
    effective_from = forms.DateField(label=_("effective from"), widget=iso_date_input())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class RateItemForm(forms.ModelForm):
    class Meta:
        model = PieceRateItem
        fields = ["code", "description", "unit", "unit_rate"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


RateItemFormSet = forms.inlineformset_factory(
    PieceRateTable, PieceRateItem, form=RateItemForm, extra=2, can_delete=True
)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)
