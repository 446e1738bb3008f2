import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import style_form

from .models import Crew, Department, EmploymentType, Engineer, EngineerStatus, TechnicalGrade


class EngineerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    department = django_filters.ModelChoiceFilter(
        empty_label=_("All"), label=_("department"), queryset=Department.objects.all()
    )
    crew = django_filters.ModelChoiceFilter(
        empty_label=_("All"), label=_("crew"), queryset=Crew.objects.all(), method="in_crew"
    )
    employment_type = django_filters.ChoiceFilter(
        empty_label=_("All"), label=_("employment type"), choices=EmploymentType.choices
    )
    status = django_filters.ChoiceFilter(empty_label=_("All"), label=_("status"), choices=EngineerStatus.choices)
    technical_grade = django_filters.ChoiceFilter(
        empty_label=_("All"), label=_("technical grade"), choices=[c for c in TechnicalGrade.choices if c[0]]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self.form)

    class Meta:
        model = Engineer
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(employee_no__icontains=value) | Q(phone__icontains=value))

    def in_crew(self, queryset, name, value):
        return queryset.filter(memberships__crew=value, memberships__end_date__isnull=True).distinct()
