"""One filter set for the work-order list page and the API."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import choices_as_values, iso_date_input, style_form
from engineers.filters import list_crews_of_chosen_department
from engineers.models import Crew, Department

from .models import OrderType, Participant, WorkOrder


class WorkOrderFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("No., customer, address or engineer")}),
    )
    department = django_filters.ModelChoiceFilter(
        empty_label=_("All"), label=_("department"), queryset=Department.objects.all()
    )
    crew = django_filters.ModelChoiceFilter(empty_label=_("All"), label=_("crew"), queryset=Crew.objects.all())
    order_type = django_filters.ChoiceFilter(empty_label=_("All"), label=_("type"), choices=OrderType.choices)
    is_special = django_filters.BooleanFilter(
        label=_("special/key project"),
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )
    completed_from = django_filters.DateFilter(
        label=_("completed from"),
        field_name="completed_on",
        lookup_expr="gte",
        widget=iso_date_input(),
    )
    completed_to = django_filters.DateFilter(
        label=_("completed until"),
        field_name="completed_on",
        lookup_expr="lte",
        widget=iso_date_input(),
    )
    state = django_filters.ChoiceFilter(
        empty_label=_("All"),
        label=_("state"),
        method="by_state",
        choices=[
            ("open", pgettext_lazy("work order", "Open")),
            ("resolved", _("Resolved")),
            ("no_csat", _("Resolved without customer evaluation")),
            ("no_participants", _("Without participants")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self.form)
        choices_as_values(self.form.fields["department"])
        list_crews_of_chosen_department(self.form, self.data)

    class Meta:
        model = WorkOrder
        fields = []

    def search(self, queryset, name, value):
        """Number, customer, address, or a participating engineer's name or employee no. The
        participants are matched in a subquery, so an order two matching engineers worked on is listed once."""
        value = value.strip()
        by_participant = Participant.objects.filter(work_order=OuterRef("pk")).filter(
            Q(engineer__name__icontains=value) | Q(engineer__employee_no__icontains=value)
        )
        return queryset.filter(
            Q(number__icontains=value)
            | Q(customer_name__icontains=value)
            | Q(site_address__icontains=value)
            | Exists(by_participant)
        )

    def by_state(self, queryset, name, value):
        return {
            "open": lambda: queryset.filter(resolved_at__isnull=True),
            "resolved": lambda: queryset.filter(resolved_at__isnull=False),
            "no_csat": lambda: queryset.filter(resolved_at__isnull=False, csat_score__isnull=True),
            "no_participants": lambda: queryset.filter(participants__isnull=True),
        }[value]()
