"""One filter set for the request list page and the API."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import choices_as_values, style_form
from engineers.models import Department
from policies.choices import ServiceCategory, ServicePriority

from .models import OPEN_STATES, ServiceRequest, State
from .selectors import at_risk_ids


class ServiceRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("Customer, phone, product or address")}),
    )
    state = django_filters.ChoiceFilter(
        empty_label=_("All"), label=_("state"), method="by_state", choices=[("open", _("Open")), *State.choices]
    )
    category = django_filters.ChoiceFilter(empty_label=_("All"), label=_("category"), choices=ServiceCategory.choices)
    priority = django_filters.ChoiceFilter(empty_label=_("All"), label=_("priority"), choices=ServicePriority.choices)
    department = django_filters.ModelChoiceFilter(
        empty_label=_("All"), label=_("department"), queryset=Department.objects.all()
    )
    sla = django_filters.ChoiceFilter(
        empty_label=_("All"),
        label=_("SLA"),
        method="by_sla",
        choices=[
            ("at_risk", _("About to breach")),
            ("overdue", _("Open and past a deadline")),
            ("late", _("Resolved late")),
        ],
    )

    class Meta:
        model = ServiceRequest
        fields = ["q", "state", "category", "priority", "department", "sla"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self.form)
        choices_as_values(self.form.fields["department"])

    def search(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(customer_name__icontains=value)
            | Q(customer_phone__icontains=value)
            | Q(product__icontains=value)
            | Q(address__icontains=value)
        )

    def by_state(self, qs, name, value):
        return qs.filter(state__in=OPEN_STATES) if value == "open" else qs.filter(state=value)

    def by_sla(self, qs, name, value):
        """Past a deadline by the clock (the page shows the exact standing in business hours)."""
        now = timezone.now()
        if value == "overdue":
            return qs.filter(
                Q(state__in=(State.LOGGED, State.ASSIGNED), response_due__lt=now)
                | Q(state__in=OPEN_STATES, resolution_due__lt=now)
            )
        if value == "at_risk":  # in working hours, as the SLA document counts: computed over the open requests
            return qs.filter(pk__in=at_risk_ids(qs))
        if value == "late":
            return qs.filter(resolved_at__isnull=False, resolved_at__gt=F("resolution_due"))
        return qs
