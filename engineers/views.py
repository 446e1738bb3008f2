"""Engineer and crew pages; every queryset is scoped to what the user may see.

Their work orders come from the workorders app as fragments (it sits above this one).
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.views.generic import DetailView, ListView

from policies.selectors import policy_in_force_or_none

from .filters import EngineerFilter
from .models import CrewMembership
from .selectors import assessment_status, month_bounds, reads_pay_of, visible_crews, visible_engineers


class EngineerListView(LoginRequiredMixin, ListView):
    template_name = "engineers/engineer_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.filter = EngineerFilter(self.request.GET, queryset=visible_engineers(self.request.user))
        return self.filter.qs.prefetch_related(
            Prefetch(
                "memberships",
                CrewMembership.objects.filter(end_date__isnull=True).select_related("crew"),
                to_attr="current_memberships",
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filter, **kwargs)


class EngineerDetailView(LoginRequiredMixin, DetailView):
    template_name = "engineers/engineer_detail.html"
    context_object_name = "engineer"

    def get_queryset(self):
        # Not visible → 404: an engineer cannot even learn that another's record exists.
        return visible_engineers(self.request.user).prefetch_related("skills", "absences", "memberships__crew")

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        start, end = month_bounds(today.year, today.month)
        engineer = self.object
        return super().get_context_data(
            assessment=assessment_status(engineer, period_start=start, period_end=end, policy=policy)
            if (policy := policy_in_force_or_none(end))
            else None,
            period=(start, end),
            history=engineer.history.select_related("history_user")[:10],
            # The performance-pay base is pay: not for the crew leader, QS officer or supervisor.
            reads_pay=reads_pay_of(self.request.user, engineer),
            **kwargs,
        )


class CrewListView(LoginRequiredMixin, ListView):
    template_name = "engineers/crew_list.html"
    paginate_by = 25

    def get_queryset(self):
        qs = visible_crews(self.request.user)
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
        return qs.prefetch_related(
            Prefetch("memberships", CrewMembership.objects.filter(end_date__isnull=True), to_attr="current_memberships")
        )


class CrewDetailView(LoginRequiredMixin, DetailView):
    template_name = "engineers/crew_detail.html"
    context_object_name = "crew"

    def get_queryset(self):
        return visible_crews(self.request.user)

    def get_context_data(self, **kwargs):
        crew = self.object
        return super().get_context_data(
            memberships=crew.memberships.select_related("engineer").order_by("end_date", "start_date"),
            **kwargs,
        )
