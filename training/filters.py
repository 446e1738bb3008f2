"""Filters of the training lists (pages and API share them)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.forms import choices_as_values, iso_date_input, style_form
from engineers.models import Department
from policies.choices import Skill

from .models import Course, CourseCategory, RewardStatus, StudyReward, TrainingSession


class _Styled(django_filters.FilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self.form)


class SessionFilter(_Styled):
    category = django_filters.ChoiceFilter(
        field_name="course__category", empty_label=_("All"), label=_("category"), choices=CourseCategory.choices
    )
    course = django_filters.ModelChoiceFilter(empty_label=_("All"), label=_("course"), queryset=Course.objects.all())
    since = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("from"), widget=iso_date_input()
    )

    class Meta:
        model = TrainingSession
        fields = ["category", "course", "since"]


class RewardFilter(_Styled):
    status = django_filters.ChoiceFilter(empty_label=_("All"), label=_("status"), choices=RewardStatus.choices)
    skill = django_filters.ChoiceFilter(empty_label=_("All"), label=_("certificate kind"), choices=Skill.choices)
    department = django_filters.ModelChoiceFilter(
        field_name="engineer__department",
        empty_label=_("All"),
        label=_("department"),
        queryset=Department.objects.all(),
    )

    class Meta:
        model = StudyReward
        fields = ["status", "skill", "department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices_as_values(self.form.fields["department"])
