"""Policy versions as controlled documents: list, detail, PDF, revision, review, approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.forms import style_form
from core.roles import Role, has_role

from .documents import policy_pdf
from .forms import PolicyRevisionForm
from .models import PolicyStatus, PolicyVersion
from .parameters import grouped, normalised
from .selectors import policy_next_step, policy_version_in_force
from .services import policy_actions, policy_approve, policy_draft_save, policy_review, policy_withdraw

READERS = (Role.HR_CLERK, Role.DEPT_MANAGER, Role.GENERAL_MANAGER, Role.FINANCE, Role.SUPERVISOR, Role.QS_OFFICER)
PROPOSERS = (Role.HR_CLERK, Role.DEPT_MANAGER)
SERVICES = {"review": policy_review, "approve": policy_approve, "withdraw": policy_withdraw}


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
        sections = []
        if version.document_no == "FS-MS-KF-13":
            params = normalised(version.parameters)
            sections = [(group, [(p, p.display(params)) for p in items]) for group, items in grouped(params)]
        return render(
            request,
            "policies/policy.html",
            {
                "v": version,
                "sections": sections,
                "actions": policy_actions(request.user, version),
                "next": policy_next_step(version),
                "is_author": version.compiled_by_id == request.user.pk,
            },
        )

    def post(self, request, pk):
        version = _readable_version(request.user, pk)
        service = SERVICES.get(request.POST.get("action", ""))
        if service is None:
            messages.error(request, _("Unknown action."))
            return redirect("policies:policy", pk=pk)
        try:
            service(user=request.user, version=version)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, DONE[request.POST["action"]])
        return redirect("policies:policy", pk=pk)


DONE = {
    "review": gettext_lazy("Reviewed: a general manager approves it next."),
    "approve": gettext_lazy("Approved: the version takes effect on its date."),
    "withdraw": gettext_lazy("Withdrawn: the version stays on record and will not take effect."),
}


class PolicyPdfView(LoginRequiredMixin, View):
    def get(self, request, pk):
        version = _readable_version(request.user, pk)
        response = HttpResponse(policy_pdf(version), content_type="application/pdf")
        name = f"{version.document_no}-{version.version.replace('/', '')}.pdf"
        response["Content-Disposition"] = content_disposition_header(False, name)
        return response


class PolicyReviseView(LoginRequiredMixin, View):
    """The department proposes a revision: a new draft version copied from the one in force."""

    def _base(self, request):
        if not has_role(request.user, *PROPOSERS):
            raise PermissionDenied
        return policy_version_in_force(timezone.localdate())

    def get(self, request):
        base = self._base(request)
        form = PolicyRevisionForm(base_parameters=base.parameters)
        style_form(form)
        return render(request, "policies/policy_revise.html", {"base": base, "form": form})

    def post(self, request):
        base = self._base(request)
        form = PolicyRevisionForm(request.POST, base_parameters=base.parameters)
        if form.is_valid():
            try:
                draft = policy_draft_save(
                    user=request.user,
                    version=form.cleaned_data["version"].strip(),
                    title=base.title,
                    effective_from=form.cleaned_data["effective_from"],
                    parameters=form.parameters,
                    revision_note=form.cleaned_data["revision_note"],
                )
            except DomainError as exc:
                form.add_error(next((f for f in exc.fields if f in form.fields), None), exc.message)
            else:
                messages.success(
                    request, _("Revision proposed: a department manager reviews it, then a general manager approves.")
                )
                return redirect("policies:policy", pk=draft.pk)
        style_form(form)
        return render(request, "policies/policy_revise.html", {"base": base, "form": form}, status=400)
