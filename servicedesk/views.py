"""Pages: the dispatchers' list, log and assign forms, a request's page with its timeline, the engineer's phone
page, and the customer's public survey. Thin: parse, check, call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from core.errors import DomainError
from engineers.models import Engineer, EngineerStatus

from . import services, workflow
from .filters import ServiceRequestFilter
from .forms import AssignForm, LogForm, SurveyForm
from .models import OPEN_STATES, State
from .selectors import age, dashboard, suggest_engineers, visible_requests, with_standing


class RequestListView(LoginRequiredMixin, ListView):
    """Every request the reader may see, with its state, age and SLA standing; filters and search."""

    template_name = "servicedesk/request_list.html"
    paginate_by = 25

    def get(self, request, *args, **kwargs):
        if not workflow.may_dispatch(request.user) and hasattr(request.user, "engineer") and not request.GET:
            if not visible_requests(request.user).exclude(engineer__user=request.user).exists():
                return redirect("servicedesk:my")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.filter = ServiceRequestFilter(self.request.GET, queryset=visible_requests(self.request.user))
        return self.filter.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter=self.filter, **kwargs)
        now = timezone.now()
        context["rows"] = [(r, s, age(r, now)) for r, s in with_standing(context["object_list"], now=now)]
        context["may_dispatch"] = workflow.may_dispatch(self.request.user)
        return context


class LogView(LoginRequiredMixin, View):
    """A dispatcher (HR clerk or supervisor) records and classifies a customer's call."""

    def _check(self, request):
        if not workflow.may_dispatch(request.user):
            raise PermissionDenied

    def get(self, request):
        self._check(request)
        return render(request, "servicedesk/log.html", {"form": LogForm()})

    def post(self, request):
        self._check(request)
        form = LogForm(request.POST)
        if form.is_valid():
            data = services.RequestInput(**form.cleaned_data)
            try:
                done = services.request_log(user=request.user, data=data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Request %(no)s logged: assign an engineer next.") % {"no": done.number})
                if done.repeat_of_id:
                    messages.warning(
                        request,
                        _("A repeat: the same phone asked about the same product in %(no)s.")
                        % {"no": done.repeat_of.number},
                    )
                return redirect("servicedesk:assign", pk=done.pk)
        return render(request, "servicedesk/log.html", {"form": form}, status=400)


class RequestDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        sr = get_object_or_404(visible_requests(request.user), pk=pk)
        (_sr, standing), *_rest = with_standing([sr])
        survey = getattr(sr, "survey", None)
        context = {
            "sr": sr,
            "standing": standing,
            "age": age(sr, timezone.now()),
            "timeline": sr.transitions.select_related("actor"),
            "actions": workflow.available_actions(request.user, sr),
            "may_assign": workflow.refusal(request.user, sr, "assign") is None,
            "survey": survey,
            "repeats": sr.repeats.all(),
        }
        if any(a.code == "uphold" for a in context["actions"]):
            context["complaint_candidates"] = Engineer.objects.filter(
                department=sr.department, status=EngineerStatus.ACTIVE
            ).order_by("employee_no")
            context["complaint_default"] = sr.repeat_of.engineer_id if sr.repeat_of_id else None
        if survey is not None and survey.answered_at is None and workflow.may_dispatch(request.user):
            link = request.build_absolute_uri(reverse("survey", args=[services.survey_token(survey)]))
            context["survey_link"] = link
            context["sms_text"] = _(
                "[%(company)s] Your %(product)s service request is resolved. Please tell us how we did "
                "(one minute, no sign-in): %(link)s"
            ) % {"company": settings.COMPANY_NAME, "product": sr.product, "link": link}
        return render(request, "servicedesk/request_detail.html", context)


class AssignView(LoginRequiredMixin, View):
    """Choose the engineer (and crew) with the page's suggestions."""

    def _setup(self, request, pk):
        sr = get_object_or_404(visible_requests(request.user), pk=pk)
        if not workflow.may_dispatch(request.user):
            raise PermissionDenied
        return sr

    def _page(self, request, sr, form, status=200):
        refusal = workflow.refusal(request.user, sr, "assign")
        context = {"sr": sr, "form": form, "suggestions": suggest_engineers(sr), "refusal": refusal}
        return render(request, "servicedesk/assign.html", context, status=status)

    def get(self, request, pk):
        sr = self._setup(request, pk)
        return self._page(request, sr, AssignForm(request=sr, initial={"engineer": sr.engineer_id, "crew": sr.crew_id}))

    def post(self, request, pk):
        sr = self._setup(request, pk)
        form = AssignForm(request.POST, request=sr)
        if form.is_valid():
            try:
                services.request_assign(user=request.user, request=sr, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Assigned to %(name)s.") % {"name": form.cleaned_data["engineer"].name})
                return redirect(sr)
        return self._page(request, sr, form, status=400)


class TransitionView(LoginRequiredMixin, View):
    def post(self, request, pk):
        sr = get_object_or_404(visible_requests(request.user), pk=pk)
        action = request.POST.get("action", "")
        about = None
        if request.POST.get("complaint_about", "").isdigit():
            about = Engineer.objects.filter(pk=int(request.POST["complaint_about"]), department=sr.department).first()
        try:
            services.request_transition(
                user=request.user, request=sr, action=action, note=request.POST.get("note", ""), complaint_about=about
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(action)s: done.") % {"action": workflow.ACTIONS[action].label})
        if request.POST.get("next") == "my":
            return redirect("servicedesk:my")
        return redirect(sr)


class DashboardView(LoginRequiredMixin, View):
    """Dispatchers and supervisors: open requests by state and age, the SLA standing, in time vs late and the
    customers' stars per month (ECharts)."""

    def get(self, request):
        if not workflow.may_dispatch(request.user):
            raise PermissionDenied
        data = dashboard(visible_requests(request.user), now=timezone.now())
        data["words"] = {
            "open": _("Open requests"),
            "in_time": _("resolved in time"),
            "late": _("resolved late"),
            "csat": _("average stars"),
            "rate": _("surveys answered (%)"),
        }
        return render(request, "servicedesk/dashboard.html", {"data": data})


class MyRequestsView(LoginRequiredMixin, View):
    """The engineer's phone page: their open requests as cards, the next step as one big button."""

    def get(self, request):
        mine = visible_requests(request.user).filter(engineer__user=request.user)
        open_ = [
            (r, s, workflow.available_actions(request.user, r))
            for r, s in with_standing(mine.filter(state__in=OPEN_STATES).order_by("resolution_due"))
        ]
        done = mine.filter(state__in=(State.RESOLVED, State.CLOSED)).order_by("-resolved_at")[:10]
        return render(request, "servicedesk/my.html", {"open": open_, "done": done})


# ---- the customer's survey: public, no login ------------------------------------------------------------


def _client_address(request) -> str:
    # REMOTE_ADDR: a proxy's X-Forwarded-For can be written by anyone; behind one, set the proxy to pass it here.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _rate_limited(request) -> bool:
    """At most SURVEY_RATE_LIMIT hits per address in a window (the cache counts; Redis in production)."""
    key = f"survey-rate:{_client_address(request)}"
    cache.add(key, 0, timeout=settings.SURVEY_RATE_WINDOW_SECONDS)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.SURVEY_RATE_WINDOW_SECONDS)
        hits = 1
    return hits > settings.SURVEY_RATE_LIMIT


def _refused(request, message, status):
    return render(request, "servicedesk/survey.html", {"refused": message}, status=status)


@never_cache
def survey(request, token: str):
    """The customer's mobile page: 1–5 stars and a comment. It shows nothing but the product and the date."""
    if _rate_limited(request):
        return _refused(request, _("Too many attempts from your network. Please try again later."), 429)
    if request.method not in ("GET", "POST"):
        return _refused(request, _("Not allowed."), 405)
    try:
        invitation = services.survey_from_token(token)
    except DomainError as exc:
        return _refused(request, exc.message, 404)
    sr = invitation.request
    shown = {"product": sr.product, "day": timezone.localdate(sr.resolved_at or sr.logged_at)}
    if invitation.answered_at is not None:
        return render(request, "servicedesk/survey.html", {**shown, "thanks": True, "already": True}, status=409)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(
                token=token,
                stars=form.cleaned_data["stars"],
                comment=form.cleaned_data["comment"],
                signature=form.cleaned_data["signature"],
            )
        except DomainError as exc:
            status = 409 if exc.code == "survey.answered" else 400
            context = {**shown, "form": form, "error": exc.message}
            return render(request, "servicedesk/survey.html", context, status=status)
        return render(request, "servicedesk/survey.html", {**shown, "thanks": True})
    status = 400 if request.method == "POST" else 200
    return render(request, "servicedesk/survey.html", {**shown, "form": form}, status=status)
