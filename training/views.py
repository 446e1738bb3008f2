"""Training pages: sessions and their attendance, courses, certificates (with those about to expire), study
rewards and their decision, and the engineer page's training fragment. Thin: parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.selectors import reads_pay_of, visible_engineers
from incentives.rules.study import days_left, standing
from policies.errors import PolicyError
from workorders.models import BonusRequest

from . import services
from .filters import RewardFilter, SessionFilter
from .forms import AttendanceForm, CertificateForm, CourseForm, DecisionForm, SessionForm
from .models import AttendanceStatus, Course, SessionAttendance
from .selectors import (
    attendance_for,
    expiring_certificates,
    linkable_paid_training,
    reads_all_sessions,
    reward_for,
    reward_refusal,
    rewards_waiting_for,
    session_attendance,
    session_for,
    study_policy_in_force,
    visible_certificates,
    visible_rewards,
    visible_sessions,
)


def _policy_or_none(day):
    try:
        return study_policy_in_force(day)
    except PolicyError:
        return None


def _form_error(form, exc: DomainError) -> None:
    field = next((f for f in exc.fields if f in form.fields), None)
    form.add_error(field, str(exc.message))


def _require_hr(user) -> None:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDenied


class SessionListView(LoginRequiredMixin, View):
    def get(self, request):
        filtered = SessionFilter(request.GET, queryset=visible_sessions(request.user))
        page = Paginator(filtered.qs, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "training/session_list.html",
            {"filter": filtered, "page_obj": page, "sessions": page.object_list, "is_hr": _is_hr(request.user)},
        )


def _is_hr(user) -> bool:
    return has_role(user, Role.HR_CLERK)


class SessionCreateView(LoginRequiredMixin, View):
    def get(self, request):
        _require_hr(request.user)
        return render(request, "training/session_form.html", {"form": SessionForm()})

    def post(self, request):
        _require_hr(request.user)
        form = SessionForm(request.POST)
        if form.is_valid():
            try:
                session = services.session_create(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Session recorded: now put the engineers on it."))
                return redirect(session)
        return render(request, "training/session_form.html", {"form": form}, status=400)


class SessionDetailView(LoginRequiredMixin, View):
    def _render(self, request, session, form=None, status=200):
        rows = list(session_attendance(request.user, session))
        links = {}
        if has_role(request.user, Role.HR_CLERK, Role.SUPERVISOR):
            links = {
                row.pk: list(linkable_paid_training(row))
                for row in rows
                if row.status == AttendanceStatus.ATTENDED and row.paid_training_id is None
            }
        context = {
            "session": session,
            "rows": [(row, links.get(row.pk)) for row in rows],
            "form": form if form is not None else (AttendanceForm() if _is_hr(request.user) else None),
            "is_hr": _is_hr(request.user),
            "links_paid_training": has_role(request.user, Role.HR_CLERK, Role.SUPERVISOR),
            "statuses": AttendanceStatus.choices,
            "history": session.history.select_related("history_user").order_by("history_date")
            if reads_all_sessions(request.user)
            else (),
        }
        return render(request, "training/session_detail.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, session_for(request.user, pk))

    def post(self, request, pk):
        session = session_for(request.user, pk)
        _require_hr(request.user)
        form = AttendanceForm(request.POST)
        if form.is_valid():
            try:
                services.attendance_set(user=request.user, session=session, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Attendance saved."))
                return redirect(session)
        return self._render(request, session, form, status=400)


class PaidTrainingLinkView(LoginRequiredMixin, View):
    """Link (or unlink, with an empty request) the paid-training request that paid an attendance's days."""

    def post(self, request, pk):
        attendance = attendance_for(request.user, pk)
        if not has_role(request.user, Role.HR_CLERK, Role.SUPERVISOR):
            raise PermissionDenied
        chosen = request.POST.get("request") or None
        bonus = None
        if chosen:
            bonus = (
                get_object_or_404(BonusRequest, pk=chosen, engineer=attendance.engineer) if chosen.isdigit() else None
            )
            if bonus is None:
                messages.error(request, _("Choose one of the engineer's paid-training requests."))
                return redirect(attendance.session)
        try:
            services.paid_training_link(user=request.user, attendance=attendance, request=bonus)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Paid training linked.") if bonus else _("Paid training unlinked."))
        return redirect(attendance.session)


class CourseListView(LoginRequiredMixin, View):
    def _render(self, request, form=None, status=200):
        context = {
            "courses": Course.objects.all(),
            "form": form if form is not None else (CourseForm() if _is_hr(request.user) else None),
        }
        return render(request, "training/course_list.html", context, status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        _require_hr(request.user)
        form = CourseForm(request.POST)
        if form.is_valid():
            try:
                services.course_save(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Course saved."))
                return redirect("training:courses")
        return self._render(request, form, status=400)


class CertificateListView(LoginRequiredMixin, View):
    """Certificates of the engineers the user sees; `?expiring=1`: only those about to expire (HR's list)."""

    def get(self, request):
        today = timezone.localdate()
        policy = _policy_or_none(today)
        expiring_only = request.GET.get("expiring") == "1"
        if expiring_only and policy is not None:
            certificates = expiring_certificates(request.user, today, policy)
        else:
            certificates = visible_certificates(request.user).order_by("engineer__employee_no", "skill")
        skill = request.GET.get("skill", "")
        if skill:
            certificates = certificates.filter(skill=skill)
        page = Paginator(certificates, 50).get_page(request.GET.get("page"))
        warning = policy.expiry_warning_days if policy else 0
        rows = [
            (
                c,
                standing(issued_on=c.issued_on, expires_on=c.expires_on, today=today, warning_days=warning),
                days_left(expires_on=c.expires_on, today=today),
            )
            for c in page.object_list
        ]
        return render(
            request,
            "training/certificate_list.html",
            {
                "rows": rows,
                "page_obj": page,
                "expiring_only": expiring_only,
                "warning_days": warning,
                "skill": skill,
                "skills": CertificateForm.base_fields["skill"].choices,
                "is_hr": _is_hr(request.user),
            },
        )


class CertificateCreateView(LoginRequiredMixin, View):
    def get(self, request):
        _require_hr(request.user)
        initial = {}
        if request.GET.get("engineer", "").isdigit():
            initial["engineer"] = request.GET["engineer"]
        if request.GET.get("session", "").isdigit():
            initial["session"] = request.GET["session"]
        return render(request, "training/certificate_form.html", {"form": CertificateForm(initial=initial)})

    def post(self, request):
        _require_hr(request.user)
        form = CertificateForm(request.POST)
        if form.is_valid():
            try:
                recorded = services.certificate_record(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                _form_error(form, exc)
            else:
                if recorded.reward:
                    messages.success(request, _("Certificate recorded; the study reward waits for approval."))
                    return redirect(recorded.reward)
                messages.success(request, _("Certificate recorded."))
                return redirect("training:certificates")
        return render(request, "training/certificate_form.html", {"form": form}, status=400)


class RewardListView(LoginRequiredMixin, View):
    def get(self, request):
        base = rewards_waiting_for(request.user) if request.GET.get("mine") == "1" else visible_rewards(request.user)
        filtered = RewardFilter(request.GET, queryset=base)
        page = Paginator(filtered.qs, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "training/reward_list.html",
            {"filter": filtered, "page_obj": page, "rewards": page.object_list, "is_hr": _is_hr(request.user)},
        )


class RewardDetailView(LoginRequiredMixin, View):
    def _render(self, request, reward, form=None, status=200):
        refusal = reward_refusal(request.user, reward)
        context = {
            "reward": reward,
            "can_decide": refusal is None,
            "refusal": refusal.message if refusal and reward.status == "waiting" else "",
            "form": form or DecisionForm(),
            "history": reward.history.select_related("history_user").order_by("history_date"),
            "steps": (reward.trace or {}).get("steps", []),
        }
        return render(request, "training/reward_detail.html", context, status=status)

    def get(self, request, pk):
        return self._render(request, reward_for(request.user, pk))

    def post(self, request, pk):
        reward = reward_for(request.user, pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self._render(request, reward, form, status=400)
        try:
            services.study_reward_decide(user=request.user, reward=reward, **form.cleaned_data)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            _form_error(form, exc)
            return self._render(request, reward, form, status=400)
        messages.success(request, _("Decision recorded."))
        return redirect(reward)


class EngineerTrainingView(LoginRequiredMixin, View):
    """The engineer page's certificates (with their standing), sessions and study rewards (a fragment)."""

    def get(self, request, pk):
        engineer = get_object_or_404(visible_engineers(request.user), pk=pk)
        today = timezone.localdate()
        policy = _policy_or_none(today)
        warning = policy.expiry_warning_days if policy else 0
        certificates = [
            (
                c,
                standing(issued_on=c.issued_on, expires_on=c.expires_on, today=today, warning_days=warning),
                days_left(expires_on=c.expires_on, today=today),
            )
            for c in engineer.skills.all()
        ]
        attendance = SessionAttendance.objects.filter(engineer=engineer).select_related("session__course")[:20]
        rewards = engineer.study_rewards.all()[:20] if reads_pay_of(request.user, engineer) else None
        template = "training/_engineer.html"
        context = {"engineer": engineer, "certificates": certificates, "attendance": attendance, "rewards": rewards}
        if request.headers.get("HX-Request"):
            return render(request, template, context)
        return render(request, "training/engineer.html", context)  # the page opened by itself names whose it is
