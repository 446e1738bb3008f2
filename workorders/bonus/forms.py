from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import iso_date_input, style_form
from engineers.models import Engineer
from workorders.models import InspectorRole

PCT = {"max_digits": 6, "decimal_places": 2}


class PercentField(forms.DecimalField):
    """Typed as a percentage (4 = 4 %), stored as a fraction (0.04)."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=6, decimal_places=2, **kwargs)
        self.widget.attrs.update({"step": "0.5", "inputmode": "decimal"})

    def prepare_value(self, value):
        # 0.0350 → "3.5", not "3.5000": the percentage as typed, exactly.
        return f"{(value * 100).normalize():f}" if isinstance(value, Decimal) and value <= 1 else value

    def clean(self, value):
        cleaned = super().clean(value)
        return None if cleaned is None else cleaned / 100


class IndividualForm(forms.Form):
    engineer = forms.ModelChoiceField(label=_("engineer"), queryset=Engineer.objects.none())
    rate = PercentField(label=_("incentive rate (%)"), help_text=_("3 to 5 percent of the project's piece-rate total"))
    rated_excellent = forms.BooleanField(label=_("rated excellent by the supervisor"), required=False)
    assessment_note = forms.CharField(
        label=_("assessment (safety, quality, skill, cooperation, attendance, rule-keeping)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, work_order, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engineer"].queryset = Engineer.objects.filter(participations__work_order=work_order)
        style_form(self)


class TrainingForm(forms.Form):
    engineer = forms.ModelChoiceField(label=_("engineer"), queryset=Engineer.objects.none())
    training_days = forms.DecimalField(label=_("training days"), max_digits=4, decimal_places=1)
    assessment_note = forms.CharField(
        label=_("training content"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, work_order, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engineer"].queryset = Engineer.objects.filter(participations__work_order=work_order)
        style_form(self)


class CrewRatioForm(forms.Form):
    ratio = PercentField(
        label=_("crew ratio (%)"), help_text=_("10 to 20 percent, by the project's size and difficulty")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class InspectionForm(forms.Form):
    inspector_name = forms.CharField(label=_("inspector name"), max_length=50)
    inspected_on = forms.DateField(label=_("inspected on"), widget=iso_date_input())
    safety = forms.DecimalField(label=_("safety"), max_digits=5, decimal_places=2)
    quality = forms.DecimalField(label=_("quality"), max_digits=5, decimal_places=2)
    communication = forms.DecimalField(label=_("communication & cooperation"), max_digits=5, decimal_places=2)
    rules = forms.DecimalField(label=_("rule-keeping"), max_digits=5, decimal_places=2)
    notes = forms.CharField(label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("safety", "quality", "communication", "rules"):
            self.fields[name].widget.attrs.update({"min": "0", "max": "100", "step": "0.5"})
        style_form(self)


class SelfAssessmentForm(forms.Form):
    quality_assessment = forms.CharField(label=_("quality self-assessment"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, participants, initial_plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        for p in self.participants:
            self.fields[f"pct_{p.engineer_id}"] = forms.DecimalField(
                label=_("%(name)s (%(days)s days worked), personal %%")
                % {"name": p.engineer.name, "days": p.days_worked},
                max_digits=6,
                decimal_places=2,
                initial=(initial_plan or {}).get(p.engineer_id, Decimal(100)),
                widget=forms.NumberInput(attrs={"step": "5"}),
            )
        style_form(self)

    def plan(self) -> dict[int, Decimal]:
        return {p.engineer_id: self.cleaned_data[f"pct_{p.engineer_id}"] for p in self.participants}


INSPECTOR_ROLES = dict(InspectorRole.choices)
