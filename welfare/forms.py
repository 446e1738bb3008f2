"""Forms of the welfare pages: one thing for one engineer, a department's gift or health check, the start of
an engineer's cumulative service, and the list's filters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import choices_as_values
from core.roles import Role, reads_all_pay, roles_of
from engineers.fields import typed_in_when_many
from engineers.models import Department, Engineer

from .models import BATCH_KIND_CHOICES, RECORDABLE_KIND_CHOICES, GrantKind

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date", "class": "form-control form-control-sm"})
SMALL = {"class": "form-control form-control-sm"}
SELECT = {"class": "form-select form-select-sm"}


def _value_field():
    return forms.DecimalField(
        label=_("value (yuan)"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Leave empty when it has no money value (a certificate, a trophy)."),
        widget=forms.NumberInput(attrs={**SMALL, "step": "0.01"}),
    )


class GrantForm(forms.Form):
    engineer = forms.ModelChoiceField(
        label=_("engineer"),
        queryset=Engineer.objects.order_by("employee_no"),
        widget=forms.Select(attrs=SELECT),
    )
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=RECORDABLE_KIND_CHOICES,
        widget=forms.Select(attrs=SELECT),
    )
    given_on = forms.DateField(label=_("date"), initial=timezone.localdate, widget=DATE)
    reason = forms.CharField(label=_("reason"), max_length=200, widget=forms.TextInput(attrs=SMALL))
    value_amount = _value_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed_in_when_many(self)
        if isinstance(self.fields["engineer"].widget, forms.TextInput):
            self.fields["engineer"].widget.attrs.update(SMALL)


class BatchForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("department"), queryset=Department.objects.order_by("code"), widget=forms.Select(attrs=SELECT)
    )
    kind = forms.ChoiceField(label=_("kind"), choices=BATCH_KIND_CHOICES, widget=forms.Select(attrs=SELECT))
    given_on = forms.DateField(label=_("date"), initial=timezone.localdate, widget=DATE)
    reason = forms.CharField(
        label=_("reason"),
        max_length=200,
        widget=forms.TextInput(attrs=SMALL),
        help_text=_("e.g. 2026 中秋节礼品, 2026 年度健康体检"),
    )
    value_amount = _value_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices_as_values(self.fields["department"])


class WorkStartForm(forms.Form):
    started_on = forms.DateField(label=_("cumulative service since"), widget=DATE)
    note = forms.CharField(
        label=_("evidence"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs=SMALL),
        help_text=_("e.g. the earlier employers' labour contracts or the social insurance record."),
    )


class GrantFilterForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("department"),
        queryset=Department.objects.order_by("code"),
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[("", _("All kinds")), *GrantKind.choices],
        required=False,
        widget=forms.Select(attrs=SELECT),
    )
    year = forms.IntegerField(
        label=_("year"), required=False, min_value=2000, max_value=2100, widget=forms.NumberInput(attrs=SMALL)
    )
    q = forms.CharField(
        label=_("search"), required=False, max_length=50, widget=forms.TextInput(attrs={**SMALL, "type": "search"})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The departments whose grants the user reads: all (HR, finance, general managers), a manager's own, or
        # none, so an engineer, who reads only their own, has no department filter at all.
        if user is not None and not reads_all_pay(user):
            if Role.DEPT_MANAGER not in roles_of(user):
                del self.fields["department"]
                return
            self.fields["department"].queryset = Department.objects.filter(manager=user).order_by("code")
        choices_as_values(self.fields["department"])
