"""Forms of the training pages: shape and format only; the services decide the rest."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import iso_date_input, style_form
from engineers.fields import typed_in_when_many
from engineers.models import Engineer, EngineerStatus
from policies.choices import CertificateLevel, Skill

from .models import AttendanceStatus, Course, TrainingSession


class _Styled(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed_in_when_many(self)
        style_form(self)


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["code", "name", "category", "skill", "description", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self)


class SessionForm(_Styled):
    course = forms.ModelChoiceField(label=_("course"), queryset=Course.objects.filter(active=True))
    starts_on = forms.DateField(label=_("first day"), widget=iso_date_input())
    ends_on = forms.DateField(
        label=_("last day"), widget=iso_date_input(), required=False, help_text=_("Empty: a one-day session.")
    )
    hours = forms.DecimalField(label=_("hours"), max_digits=5, decimal_places=1, min_value=Decimal("0.5"))
    trainer = forms.CharField(label=_("trainer"), max_length=100)
    place = forms.CharField(label=_("place"), max_length=200)


class AttendanceForm(_Styled):
    engineer = forms.ModelChoiceField(
        label=_("engineer"), queryset=Engineer.objects.filter(status=EngineerStatus.ACTIVE).select_related("department")
    )
    status = forms.ChoiceField(label=_("attendance"), choices=AttendanceStatus.choices)
    note = forms.CharField(label=_("note"), max_length=200, required=False)


class CertificateForm(_Styled):
    engineer = forms.ModelChoiceField(
        label=_("engineer"), queryset=Engineer.objects.filter(status=EngineerStatus.ACTIVE).select_related("department")
    )
    skill = forms.ChoiceField(label=_("certificate kind"), choices=Skill.choices)
    level = forms.ChoiceField(label=_("certificate level"), choices=CertificateLevel.choices)
    certificate_no = forms.CharField(label=_("certificate no."), max_length=50)
    issuer = forms.CharField(label=_("issued by"), max_length=100)
    issued_on = forms.DateField(label=_("issued on (the day it was passed)"), widget=iso_date_input())
    expires_on = forms.DateField(
        label=_("expires on"), widget=iso_date_input(), required=False, help_text=_("Empty: it never expires.")
    )
    session = forms.ModelChoiceField(
        label=_("training session it followed"),
        queryset=TrainingSession.objects.select_related("course"),
        required=False,
    )
    reward = forms.BooleanField(
        label=_("Passed a certification: propose the study reward"), required=False, initial=True
    )


class DecisionForm(_Styled):
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)
