"""Welfare pages: the ledger of what engineers received (scoped like pay), one grant with its history and
its certificate PDF, HR's forms (one engineer, a whole department, an honour's certificates), a department
issue with those skipped, and paid annual leave balances. Thin: parse, check, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from appraisal.models import Award
from core.errors import DomainError
from core.roles import Role, has_role
from engineers.models import Department

from . import services
from .certificates import certificate_pdf
from .forms import BatchForm, GrantFilterForm, GrantForm, WorkStartForm
from .leave import leave_balance, leave_balances, leave_policy_for
from .models import GrantKind, WorkStart
from .selectors import employed_in, honours_without_certificates, leave_engineers, visible_batches, visible_grants

PAGE_SIZE = 50


def _is_hr(user) -> bool:
    return has_role(user, Role.HR_CLERK)


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@login_required
def welfare_home(request):
    """Everything given, newest first, with filters; an engineer's own and their leave balance on top."""
    form = GrantFilterForm(request.GET or None, user=request.user)
    grants = visible_grants(request.user)
    if form.is_valid():
        f = form.cleaned_data
        if f.get("department"):
            grants = grants.filter(engineer__department=f["department"])
        if f["kind"]:
            grants = grants.filter(kind=f["kind"])
        if f["year"]:
            grants = grants.filter(given_on__year=f["year"])
        if f["q"]:
            grants = grants.filter(
                Q(engineer__name__icontains=f["q"])
                | Q(engineer__employee_no__icontains=f["q"])
                | Q(reason__icontains=f["q"])
            )
    page = Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
    engineer = getattr(request.user, "engineer", None)
    is_hr = _is_hr(request.user)
    return render(
        request,
        "welfare/home.html",
        {
            "form": form,
            "page_obj": page,
            "is_hr": is_hr,
            "my_balance": leave_balance(engineer, timezone.localdate().year) if engineer else None,
            "honours": honours_without_certificates()[:20] if is_hr else [],
            "batches": visible_batches(request.user)[:10],
        },
    )


@login_required
def grant_detail(request, pk):
    grant = get_object_or_404(visible_grants(request.user), pk=pk)
    history = grant.history.select_related("history_user").order_by("-history_date")
    return render(request, "welfare/grant.html", {"grant": grant, "history": history})


@login_required
def grant_certificate(request, pk):
    """An honour certificate as a PDF (A4 landscape, Chinese): only a certificate grant has one."""
    grant = get_object_or_404(visible_grants(request.user), pk=pk)
    if not grant.has_certificate:
        raise Http404
    response = HttpResponse(certificate_pdf(grant), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"荣誉证书-{grant.engineer.employee_no}-{grant.award_id}.pdf"
    )
    return response


def _field_of(exc: DomainError, form) -> str | None:
    """The form field a service's error names, or None (the whole form's)."""
    return next((name for name in exc.fields if name in form.fields), None)


def _hr_only(request):
    if not _is_hr(request.user):
        raise PermissionDenied


@login_required
def grant_record(request):
    """HR records one thing one engineer received."""
    _hr_only(request)
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = services.grant_record(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(_field_of(exc, form), exc.message)
        else:
            messages.success(request, _("Recorded: %(grant)s.") % {"grant": grant})
            return redirect(grant)
    return render(request, "welfare/record.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def batch_issue(request):
    """HR gives a department's holiday gift or health check to everyone on the payroll that day, at once."""
    _hr_only(request)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.batch_issue(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(_field_of(exc, form), exc.message)
        else:
            messages.success(
                request,
                _("Given to %(given)d engineers; %(skipped)d skipped.")
                % {"given": len(result.grants), "skipped": len(result.skipped)},
            )
            return redirect("welfare:batch", pk=result.batch.pk)
    return render(request, "welfare/batch_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def batch_detail(request, pk):
    batch = get_object_or_404(visible_batches(request.user), pk=pk)
    grants = batch.grants.select_related("engineer").order_by("engineer__employee_no")
    return render(request, "welfare/batch.html", {"batch": batch, "grants": grants})


@login_required
@require_POST
def certificates_issue(request, pk):
    """HR issues an approved honour's certificates (one per member), then prints them from the ledger."""
    _hr_only(request)
    award = get_object_or_404(Award, pk=pk)
    try:
        grants = services.certificates_issue(user=request.user, award=award, given_on=timezone.localdate())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)d certificates issued: print each from its line.") % {"n": len(grants)})
    return redirect(reverse("welfare:home") + f"?kind={GrantKind.CERTIFICATE}")


@login_required
def leave_list(request):
    """Paid annual leave balances for the year: HR, finance and general managers everyone's, a department
    manager their departments', an engineer their own."""
    year = _year(request)
    engineers = employed_in(leave_engineers(request.user), year)
    departments = Department.objects.filter(pk__in=engineers.values("department_id")).order_by("code")
    department = request.GET.get("department")
    if department and department.isdigit():
        engineers = engineers.filter(department_id=int(department))
    policy = leave_policy_for(year)
    rows = leave_balances(engineers, year, policy=policy) if policy else []
    return render(
        request,
        "welfare/leave.html",
        {"rows": rows, "year": year, "policy": policy, "departments": departments, "is_hr": _is_hr(request.user)},
    )


@login_required
def leave_detail(request, pk):
    """One engineer's balance with how it was computed; HR sets when their cumulative service began."""
    engineer = get_object_or_404(leave_engineers(request.user), pk=pk)
    year = _year(request)
    start = WorkStart.objects.filter(engineer=engineer).first()
    initial = {"started_on": start.started_on, "note": start.note} if start else {}
    form = WorkStartForm(request.POST or None, initial=initial)
    if request.method == "POST":
        _hr_only(request)
        if form.is_valid():
            try:
                services.work_start_set(user=request.user, engineer=engineer, **form.cleaned_data)
            except DomainError as exc:
                form.add_error("started_on", exc.message)
            else:
                messages.success(request, _("Saved: the balance below counts from the new date."))
                return redirect(reverse("welfare:leave_detail", args=[engineer.pk]) + f"?year={year}")
    history = start.history.select_related("history_user").order_by("-history_date") if start else []
    return render(
        request,
        "welfare/leave_detail.html",
        {
            "engineer": engineer,
            "year": year,
            "balance": leave_balance(engineer, year),
            "form": form,
            "is_hr": _is_hr(request.user),
            "history": history,
        },
        status=400 if form.errors else 200,
    )
