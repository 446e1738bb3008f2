"""Policy versions as controlled documents: list, detail, PDF, revision, review, approval."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from incentives.policy import Policy

from .documents import policy_pdf
from .models import PolicyStatus, PolicyVersion
from .selectors import policy_version_in_force
from .services import policy_approve, policy_draft_save, policy_review

READERS = (Role.HR_CLERK, Role.DEPT_MANAGER, Role.GENERAL_MANAGER, Role.FINANCE, Role.SUPERVISOR, Role.QS_OFFICER)
# The numbers a revision usually changes: (form field, path in the parameters, is a percentage).
EDITABLE = [
    ("individual_rate_low", ("individual", "rate_range", 0), True),
    ("individual_rate_high", ("individual", "rate_range", 1), True),
    ("monthly_cap", ("individual", "monthly_cap"), False),
    ("training_day_rate", ("training", "day_rate"), False),
    ("crew_ratio_low", ("crew", "ratio_range", 0), True),
    ("crew_ratio_high", ("crew", "ratio_range", 1), True),
    ("crew_max_member_pct", ("crew", "max_member_pct"), False),
    ("seniority_per_year", ("seniority", "per_year"), False),
    ("seniority_cap", ("seniority", "cap"), False),
    ("annual_safety", ("annual", "safety_amount"), False),
    ("annual_quality", ("annual", "quality_amount"), False),
]


def _get(params, path):
    """A parameter as the engine reads it (a version stored before a parameter existed gets its default)."""
    params = Policy.from_dict(params).to_dict()
    for key in path:
        params = params[key]
    return params


def _set(params, path, value):
    for key in path[:-1]:
        params = params[key]
    params[path[-1]] = value


class PolicyListView(LoginRequiredMixin, View):
    def get(self, request):
        if not has_role(request.user, *READERS):
            raise PermissionDenied
        try:
            in_force = policy_version_in_force(timezone.localdate())
        except DomainError:
            in_force = None
        return render(
            request,
            "policies/policies.html",
            {"versions": PolicyVersion.objects.select_related("approved_by"), "in_force": in_force},
        )


def _readable_version(user, pk) -> PolicyVersion:
    """A version anyone signed in may read once it is out of draft: pay is computed under it, so the
    engineers paid under it may read it too. Drafts stay with the roles that prepare and decide them."""
    versions = PolicyVersion.objects.all()
    if not has_role(user, *READERS):
        versions = versions.exclude(status=PolicyStatus.DRAFT)
    return get_object_or_404(versions, pk=pk)


class PolicyDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        version = _readable_version(request.user, pk)
        numbers = [(name, _get(version.parameters, path), pct) for name, path, pct in EDITABLE]
        return render(request, "policies/policy.html", {"v": version, "numbers": numbers})

    def post(self, request, pk):
        version = get_object_or_404(PolicyVersion, pk=pk)
        try:
            if request.POST.get("action") == "review":
                policy_review(user=request.user, version=version)
            elif request.POST.get("action") == "approve":
                policy_approve(user=request.user, version=version)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Recorded."))
        return redirect("policies:policy", pk=pk)


class PolicyPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        version = _readable_version(request.user, pk)
        response = HttpResponse(policy_pdf(version), content_type="application/pdf")
        name = f"{version.document_no}-{version.version.replace('/', '')}.pdf"
        response["Content-Disposition"] = content_disposition_header(False, name)
        return response


class PolicyReviseView(LoginRequiredMixin, View):
    """The department proposes a revision: a new draft version copied from the one in force."""

    def get(self, request):
        if not has_role(request.user, Role.HR_CLERK, Role.DEPT_MANAGER):
            raise PermissionDenied
        base = policy_version_in_force(timezone.localdate())
        numbers = [(name, _get(base.parameters, path), pct) for name, path, pct in EDITABLE]
        return render(request, "policies/policy_revise.html", {"base": base, "numbers": numbers})

    def post(self, request):
        if not has_role(request.user, Role.HR_CLERK, Role.DEPT_MANAGER):
            raise PermissionDenied
        base = policy_version_in_force(timezone.localdate())
        params = copy.deepcopy(Policy.from_dict(base.parameters).to_dict())
        try:
            for name, path, pct in EDITABLE:
                value = Decimal(request.POST.get(name, "").strip())
                _set(params, path, str(value / 100 if pct else value))
            effective = date.fromisoformat(request.POST.get("effective_from", ""))
            draft = policy_draft_save(
                user=request.user,
                version=request.POST.get("version", "").strip(),
                title=base.title,
                effective_from=effective,
                parameters=params,
                revision_note=request.POST.get("revision_note", ""),
            )
        except (InvalidOperation, ValueError):
            messages.error(request, _("Check the numbers and the date."))
            return redirect("policies:policy_revise")
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("policies:policy_revise")
        messages.success(
            request, _("Revision proposed: a department manager reviews it, then a general manager approves.")
        )
        return redirect("policies:policy", pk=draft.pk)
