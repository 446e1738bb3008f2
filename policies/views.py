"""Policy versions as controlled documents: list, detail, PDF, revision, review, approval."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.forms import style_form
from core.roles import Role, has_role

from . import kinds
from .documents import policy_pdf
from .forms import PolicyRevisionForm
from .models import PolicyStatus, PolicyVersion
from .parameters import grouped
from .pay_forms import FORMS, NewCityForm
from .selectors import policy_documents, policy_next_step, policy_version_to_revise, versions_in_force
from .services import policy_actions, policy_approve, policy_draft_save, policy_review, policy_withdraw

READERS = (Role.HR_CLERK, Role.DEPT_MANAGER, Role.GENERAL_MANAGER, Role.FINANCE, Role.SUPERVISOR, Role.QS_OFFICER)
PROPOSERS = (Role.HR_CLERK, Role.DEPT_MANAGER)
SERVICES = {"review": policy_review, "approve": policy_approve, "withdraw": policy_withdraw}


class PolicyListView(LoginRequiredMixin, View):
    """Every controlled document with its versions, the one in force today marked; filtered to one document."""

    def get(self, request):
        if not has_role(request.user, *READERS):
            raise PermissionDenied
        today = timezone.localdate()
        documents = policy_documents(today)
        chosen = request.GET.get("document", "")
        shown = [d for d in documents if d.document_no == chosen] if chosen else documents
        return render(
            request,
            "policies/policies.html",
            {
                "documents": shown,
                "all_documents": documents,
                "chosen": chosen,
                "today": today,
                "may_propose": has_role(request.user, *PROPOSERS),
            },
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
        params = kinds.normalised(version.document_no, version.parameters)
        sections = [
            (group, [Shown(e, params) for e in items])
            for group, items in grouped(kinds.entries(version.document_no, params))
        ]
        in_force = versions_in_force(timezone.localdate()).get(version.document_no)
        return render(
            request,
            "policies/policy.html",
            {
                "v": version,
                "words": kinds.document_words(version.document_no, params),
                "sections": sections,
                "in_force": in_force,
                "actions": policy_actions(request.user, version),
                "next": policy_next_step(version),
                "is_author": version.compiled_by_id == request.user.pk,
                "may_propose": has_role(request.user, *PROPOSERS) and in_force == version,
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


def _form_class(document_no: str):
    kind = kinds.kind_of(document_no)
    if kind is None:
        raise Http404
    return PolicyRevisionForm if kind is kinds.INCENTIVE else FORMS[kind.code]


class PolicyReviseView(LoginRequiredMixin, View):
    """HR or a department manager proposes a revision of a document: a new draft copied from the one in force."""

    def _base(self, request, document_no):
        if not has_role(request.user, *PROPOSERS):
            raise PermissionDenied
        form_class = _form_class(document_no)
        try:
            return policy_version_to_revise(document_no, timezone.localdate()), form_class
        except DomainError as exc:
            raise Http404 from exc

    def get(self, request, document_no=kinds.INCENTIVE_DOCUMENT):
        base, form_class = self._base(request, document_no)
        form = form_class(document_no=document_no, base_parameters=base.parameters)
        return _revise_page(request, base, form)

    def post(self, request, document_no=kinds.INCENTIVE_DOCUMENT):
        base, form_class = self._base(request, document_no)
        form = form_class(request.POST, document_no=document_no, base_parameters=base.parameters)
        return _propose(request, base, form)


class CityAddView(LoginRequiredMixin, View):
    """A new city's social insurance and housing fund: a new SI-<code> document copied from a city in force."""

    def _base(self, request):
        if not has_role(request.user, *PROPOSERS):
            raise PermissionDenied
        documents = policy_documents(timezone.localdate())
        cities = [d for d in documents if kinds.kind_of(d.document_no) is kinds.CONTRIBUTION and d.in_force]
        chosen = request.GET.get("from") or request.POST.get("copy_from") or (cities[0].document_no if cities else "")
        source = next((d for d in cities if d.document_no == chosen), None)
        if source is None:
            raise Http404
        return source.in_force, cities

    def get(self, request):
        base, cities = self._base(request)
        form = NewCityForm(document_no=base.document_no, base_parameters=base.parameters)
        return _revise_page(request, base, form, cities=cities, new_city=True)

    def post(self, request):
        base, cities = self._base(request)
        form = NewCityForm(request.POST, document_no=base.document_no, base_parameters=base.parameters)
        return _propose(request, base, form, cities=cities, new_city=True)


def _revise_page(request, base, form, *, status=200, **more):
    style_form(form)
    context = {
        "base": base,
        "form": form,
        "words": kinds.document_words(base.document_no, base.parameters),
        "kind": kinds.kind_of(base.document_no).code,
        **more,
    }
    return render(request, "policies/policy_revise.html", context, status=status)


def _propose(request, base, form, **more):
    """Save the form's draft through the service, or show the page again with every error (nothing saved)."""
    if form.is_valid():
        try:
            draft = policy_draft_save(
                user=request.user,
                version=form.cleaned_data["version"].strip(),
                title=form.parameters["title"],
                effective_from=form.cleaned_data["effective_from"],
                parameters=form.parameters,
                revision_note=form.cleaned_data["revision_note"],
                new_document=more.get("new_city", False),
            )
        except DomainError as exc:
            form.add_error(form.error_field(exc.fields), exc.message)
        else:
            messages.success(
                request, _("Revision proposed: a department manager reviews it, then a general manager approves.")
            )
            return redirect("policies:policy", pk=draft.pk)
    return _revise_page(request, base, form, status=400, **more)


class Shown:
    """A parameter or a table as the version page shows it: values as entered (rates in percent)."""

    def __init__(self, entry, params: dict):
        self.entry = entry
        self.is_table = entry.is_table
        if entry.is_table:
            self.rows = [(row, [(cell, cell.display(params)) for cell in row.cells]) for row in entry.rows]
        else:
            self.value = entry.display(params)
