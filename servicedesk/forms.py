"""The dispatcher's forms: log a call, assign an engineer; the engineer's step note; the customer's survey."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import choices_as_values, style_form
from engineers.models import Crew, Department, Engineer, EngineerStatus

from .models import ServiceRequest
from .services import LOGGED_FIELDS


class LogForm(forms.ModelForm):
    class Meta:
        model = ServiceRequest
        fields = LOGGED_FIELDS
        widgets = {"fault_description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("code")
        choices_as_values(self.fields["department"])
        self.fields["required_skill"].help_text = _("Only engineers holding this skill are suggested.")
        style_form(self)


class AssignForm(forms.Form):
    engineer = forms.ModelChoiceField(label=_("engineer"), queryset=Engineer.objects.none())
    crew = forms.ModelChoiceField(label=_("crew"), queryset=Crew.objects.none(), required=False)
    note = forms.CharField(label=_("note"), max_length=500, required=False)

    def __init__(self, *args, request: ServiceRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["engineer"].queryset = Engineer.objects.filter(
            department=request.department, status=EngineerStatus.ACTIVE
        ).order_by("employee_no")
        self.fields["crew"].queryset = Crew.objects.filter(department=request.department).order_by("code")
        style_form(self)


class SurveyForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("How satisfied are you with our service?"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments (optional)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    signature = forms.CharField(required=False, max_length=300_000, widget=forms.HiddenInput)
