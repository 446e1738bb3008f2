"""Pages for honours and penalties: candidates, nomination, decisions."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from appraisal.models import AwardKind
from appraisal.scorecards.services import Month
from core.errors import DomainError, PermissionDeniedError
from core.forms import choices_as_values, style_form
from core.roles import Role, has_role
from engineers.fields import typed_in_when_many
from engineers.models import Crew, Department, Engineer, EngineerStatus

from . import services as awards
from .selectors import visible_awards

PROPOSERS = (Role.HR_CLERK, Role.SUPERVISOR, Role.DEPT_MANAGER)


class AwardForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AwardKind.choices)
    department = forms.ModelChoiceField(label=_("department"), queryset=Department.objects.all())
    crew = forms.ModelChoiceField(label=_("crew (team honours)"), queryset=Crew.objects.all(), required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("engineers"),
        queryset=Engineer.objects.filter(status=EngineerStatus.ACTIVE),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))
    deduction_amount = forms.DecimalField(
        label=_("deduction amount (yuan)"), required=False, max_digits=12, decimal_places=2
    )
    deduction_percent = forms.DecimalField(
        label=_("or deduction rate, percent of the month's pay"), required=False, max_digits=5, decimal_places=2
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed_in_when_many(self)
        choices_as_values(self.fields["department"])
        style_form(self)


def _last_month() -> str:
    first = timezone.localdate().replace(day=1)
    return f"{(first - timedelta(days=1)):%Y-%m}"


class AwardListView(LoginRequiredMixin, View):
    def get(self, request):
        # Honours of a month are decided once it is over: last month unless asked otherwise.
        month = Month.parse(request.GET.get("month") or _last_month(), default=timezone.localdate())
        context = {"month": month, "awards": visible_awards(request.user).filter(year=month.year, month=month.month)}
        if has_role(request.user, *PROPOSERS):
            context["people"], context["teams"] = awards.honour_candidates(month)
            context["form"] = AwardForm(initial={"kind": AwardKind.EXCELLENT_INDIVIDUAL_MONTH})
        return render(request, "kpi/awards.html", context)

    def post(self, request):
        if not has_role(request.user, *PROPOSERS):
            raise PermissionDenied
        month = Month.parse(request.POST.get("month"), default=timezone.localdate())
        form = AwardForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            rate = data["deduction_percent"] / 100 if data["deduction_percent"] is not None else None
            try:
                award = awards.award_propose(
                    user=request.user,
                    kind=data["kind"],
                    department=data["department"],
                    crew=data["crew"],
                    members=list(data["members"]),
                    month=month,
                    reason=data["reason"],
                    deduction_amount=data["deduction_amount"],
                    deduction_rate=rate,
                )
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                field = next((f for f in exc.fields if f in form.fields), None)
                form.add_error(field, str(exc.message))
            else:
                messages.success(request, _("Proposed: it now waits for the department manager."))
                return redirect(award)
        people, teams = awards.honour_candidates(month)
        return render(
            request,
            "kpi/awards.html",
            {
                "month": month,
                "form": form,
                "people": people,
                "teams": teams,
                "awards": visible_awards(request.user).filter(year=month.year, month=month.month),
            },
        )


class AwardDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        award = get_object_or_404(visible_awards(request.user), pk=pk)
        return render(
            request,
            "kpi/award.html",
            {
                "award": award,
                "can_decide": awards.refusal(request.user, award) is None,
                "history": award.history.select_related("history_user").order_by("history_date"),
            },
        )

    def post(self, request, pk):
        award = get_object_or_404(visible_awards(request.user), pk=pk)
        try:
            awards.award_decide(
                user=request.user,
                award=award,
                approve=request.POST.get("decision") == "approve",
                note=request.POST.get("note", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Decision recorded."))
        return redirect(award)
