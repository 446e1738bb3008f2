"""A department select read as values (core.forms.choices_as_values) writes what Django's own
ModelChoiceField writes, lists only its queryset, and reads nothing until it is rendered."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.forms import choices_as_values
from engineers.models import Department

pytestmark = pytest.mark.django_db


class Choose(forms.Form):
    department = forms.ModelChoiceField(queryset=Department.objects.order_by("code"), required=False)
    scoped = forms.ModelChoiceField(queryset=Department.objects.none())


def _forms(company, data):
    django_own, by_values = Choose(data), Choose(data)
    for form in (django_own, by_values):
        form.fields["scoped"].queryset = Department.objects.filter(manager=company.manager).order_by("code")
    for name in ("department", "scoped"):
        choices_as_values(by_values.fields[name])
    return django_own, by_values


@pytest.mark.parametrize("chosen", [None, "d1", "d2", "nonsense"])
def test_the_select_is_djangos_own_with_the_same_choice_selected(company, chosen):
    Department.objects.filter(pk=company.d2.pk).update(name='二部 <b>"&')
    pick = {"d1": company.d1.pk, "d2": company.d2.pk, "nonsense": "x", None: ""}[chosen]
    django_own, by_values = _forms(company, {"department": pick, "scoped": pick})
    for name in ("department", "scoped"):
        assert str(by_values[name]) == str(django_own[name])
    assert "&lt;b&gt;&quot;&amp;" in str(by_values["department"])
    assert by_values.is_valid() == django_own.is_valid()
    if chosen == "d1":
        assert by_values.cleaned_data == django_own.cleaned_data


def test_a_scoped_select_lists_only_its_departments_and_reads_them_only_when_shown(company):
    with CaptureQueriesContext(connection) as built:
        _django_own, form = _forms(company, {})
    assert len(built) == 0
    shown = str(form["scoped"])
    managed = list(Department.objects.filter(manager=company.manager))
    assert managed and len(managed) < Department.objects.count()
    assert all(d.name in shown for d in managed)
    assert all(d.name not in shown for d in Department.objects.exclude(manager=company.manager))
