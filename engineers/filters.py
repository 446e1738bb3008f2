import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import choices_as_values, style_form

from .fields import FEW_CREWS
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
        choices_as_values(self.form.fields["department"])
        list_crews_of_chosen_department(self.form, self.data)

    class Meta:
        model = Engineer
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(employee_no__icontains=value) | Q(phone__icontains=value))

    def in_crew(self, queryset, name, value):
        return queryset.filter(memberships__crew=value, memberships__end_date__isnull=True).distinct()


def list_crews_of_chosen_department(form, data) -> None:
    """The crew select of a filter form lists the chosen department's crews, or every crew when there are at
    most FEW_CREWS; otherwise it asks for a department first. Only what the select shows changes: the filter
    still takes any crew's id (the API, a bookmarked link), and the chosen crew is always listed. Read as
    plain values, as core.forms.choices_as_values reads a department select."""
    field = form.fields["crew"]
    department, chosen = str(data.get("department") or ""), str(data.get("crew") or "")
    crews = Crew.objects.order_by("code").values_list("pk", "name")
    empty = field.empty_label or ""
    if department.isdigit():
        shown = list(crews.filter(department_id=int(department)))
    else:
        shown = list(crews[: FEW_CREWS + 1])
        if len(shown) > FEW_CREWS:
            shown, empty = [], _("All (choose a department to list its crews)")
    if chosen.isdigit() and all(str(pk) != chosen for pk, _name in shown):
        shown += list(crews.filter(pk=int(chosen)))
    field.widget.choices = [("", empty), *shown]
