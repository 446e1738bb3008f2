"""Payroll pages: periods (close with progress, reopen, exports), payslips, appeals."""

from __future__ import annotations

import logging
import uuid
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views import View

from appraisal.estimate import month_estimate, more_orders_from
from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.links import detail_url_prefix
from core.roles import Role, has_role
from ledger.models import PayPeriod, PeriodStatus
from ledger.services import period_for_month
from policies.selectors import versions_by_label

from . import tasks
from .appeals import appeal_answer, appeal_ask
from .close import adjustment_add, period_reopen
from .closing import close_start, close_state
from .exports import payroll_workbook
from .kept_pages import kept, kept_statement
from .models import AppealStatus, Payslip, PayslipAppeal, Section
from .payslip_reads import month_appeals, payslip_with_people
from .pdf import department_pdf_path, payslips_pdf
from .selectors import (
    months_without_period,
    payslip_list,
    period_departments,
    periods_with_totals,
    reads_payslip,
)
from .statement import statement, year_to_date

logger = logging.getLogger(__name__)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_QUEUE_GUARD_SECONDS = 60
PERIOD_ROLES = (Role.HR_CLERK, Role.FINANCE, Role.GENERAL_MANAGER)
# Stands for the CSRF token in a payslip's kept statement; never a token itself.
CSRF_SLOT = "csrf-slot-9f1c2e7a"


@login_required
def payroll_home(request):
    """/payroll/ itself: HR, finance and the GM work on periods; everyone who has pay to read, on payslips."""
    if has_role(request.user, *PERIOD_ROLES):
        return redirect("payroll:periods")
    if has_role(request.user, Role.DEPT_MANAGER, Role.ENGINEER):
        return redirect("payroll:payslips")
    raise PermissionDenied  # QS officers and supervisors read work, not pay


class PeriodListView(LoginRequiredMixin, View):
    def get(self, request):
        if not has_role(request.user, *PERIOD_ROLES):
            raise PermissionDenied
        periods = periods_with_totals()
        return render(
            request,
            "payroll/periods.html",
            {"periods": periods, "unopened": months_without_period(timezone.localdate(), periods)},
        )

    def post(self, request):
        """HR opens a month that has no period yet (nothing was approved in it), to close it."""
        if not has_role(request.user, Role.HR_CLERK):
            raise PermissionDenied
        month = request.POST.get("month", "")
        if month not in months_without_period(timezone.localdate(), periods_with_totals()):
            messages.error(request, _("Only this month or last month can be opened here."))
            return redirect("payroll:periods")
        year, number = (int(x) for x in month.split("-"))
        return redirect("payroll:period", pk=period_for_month(year, number).pk)


# What a period's page sums per department and in all: gross pay, withholding, net, the company's cost.
PERIOD_SUMS = {
    "total": Sum("gross_amount"),
    "contributions": Sum("contributions_amount"),
    "tax": Sum("tax_amount"),
    "net": Sum("net_amount"),
    "employer": Sum("employer_cost_amount"),
}


class PeriodDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        if not has_role(request.user, *PERIOD_ROLES):
            raise PermissionDenied
        period = get_object_or_404(PayPeriod, pk=pk)
        # In Python's order of names (not the database collation's): the n-th row prints department-n.
        departments = sorted(
            period.payslips.values("department_name").annotate(n=Count("id"), **PERIOD_SUMS).order_by(),
            key=lambda d: d["department_name"],
        )
        return render(
            request,
            "payroll/period.html",
            {
                "period": period,
                "departments": departments,
                "state": close_state(period, timezone.localdate()),
                "events": period.events.select_related("actor"),
                "totals": period.payslips.aggregate(**PERIOD_SUMS),
            },
        )

    def post(self, request, pk):
        period = get_object_or_404(PayPeriod, pk=pk)
        action = request.POST.get("action")
        if action == "close":
            if not has_role(request.user, Role.HR_CLERK):
                raise PermissionDenied
            self._close(request, period)
        elif action == "reopen":
            try:
                period_reopen(user=request.user, period=period, reason=request.POST.get("reason", ""))
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Period reopened."))
        return redirect("payroll:period", pk=pk)

    @staticmethod
    def _close(request, period: PayPeriod) -> None:
        try:
            ticket = close_start(user=request.user, period=period, reason=request.POST.get("reason", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
        except Exception as exc:  # the embedded default ran the close in-process and it failed
            logger.exception("closing %s failed", period)
            messages.error(request, _("The close failed: %(error)s") % {"error": exc})
        else:
            if ticket is None:
                messages.info(request, _("This period is already closed."))


class PeriodProgressView(LoginRequiredMixin, View):
    """htmx: the progress bar, polled while the close runs; the page reloads when it ends."""

    def get(self, request, pk):
        if not has_role(request.user, *PERIOD_ROLES):
            raise PermissionDenied
        period = get_object_or_404(PayPeriod, pk=pk)
        state = close_state(period, timezone.localdate())
        response = render(request, "payroll/_progress.html", {"period": period, "state": state})
        if not state.polling:
            response["HX-Refresh"] = "true"
        return response


class PayslipListView(LoginRequiredMixin, View):
    def get(self, request):
        period = request.GET.get("period", "")
        asked = {
            "after": request.GET.get("after"),
            "period_id": int(period) if period.isdigit() else None,
            "q": request.GET.get("q", "").strip(),
        }
        others = has_role(request.user, *PERIOD_ROLES, Role.DEPT_MANAGER)  # columns for whose payslip it is

        def read() -> tuple[str, str | None]:
            page = payslip_list(request.user, **asked)
            context = {"payslips": page.payslips, "others": others, "url": detail_url_prefix("payroll:payslip")}
            return (render_to_string("payroll/_payslip_table.html", context) if page.payslips else ""), page.next_cursor

        table, next_cursor = kept(request.user, ("payslip list", *asked.values(), others), read)
        engineer = getattr(request.user, "engineer", None)  # an engineer's own estimate of this month, above
        estimate = (
            month_estimate(engineer, timezone.localdate(), more_orders_from(request.GET.get("more")))
            if engineer
            else None
        )
        return render(
            request,
            "payroll/payslips.html",
            {"table": table, "next_cursor": next_cursor, "estimate": estimate},
        )


class PayslipDetailView(LoginRequiredMixin, View):
    def _payslip(self, request, pk):
        # Not yours → 404, so nobody can learn another engineer's payslip exists.
        payslip = payslip_with_people(pk)
        if payslip is None or payslip.period.status != PeriodStatus.CLOSED or not reads_payslip(request.user, payslip):
            raise Http404
        return payslip

    def get(self, request, pk):
        payslip = self._payslip(request, pk)
        mine = payslip.engineer.user_id == request.user.pk
        body, policy_pk = kept_statement(payslip, (mine,), lambda: self._statement(payslip, mine))
        return render(
            request,
            "payroll/payslip.html",
            {
                "payslip": payslip,
                "statement": mark_safe(body.replace(CSRF_SLOT, get_token(request))),  # escaped as rendered
                "policy_pk": policy_pk,
                "mine": mine,
                "form_token": uuid.uuid4().hex,  # one adjustment per form shown, however often it is sent
                # A list: the delivery bar reads it too, for whether a question waits for HR.
                "appeals": month_appeals(payslip.period_id, payslip.engineer_id),
            },
        )

    @staticmethod
    def _statement(payslip: Payslip, mine: bool) -> tuple[str, int | None]:
        """The payslip's lines by section with their explanations, net pay and the year so far, as HTML
        (kept for the next reader: payroll/kept_pages.py), and its policy version's id for the link."""
        lines = list(payslip.lines.all())
        policies = versions_by_label([payslip.policy_version, *(line.policy_version for line in lines)])
        for line in lines:
            line.policy = policies.get(line.policy_version)
        parts = statement(payslip, lines)
        employer = next((p for p in parts if p.section == Section.EMPLOYER), None)
        context = {
            "payslip": payslip,
            "parts": [p for p in parts if p is not employer],
            "employer": employer,
            "ytd": year_to_date(payslip),
            "mine": mine,
            "csrf_token": CSRF_SLOT,  # the reader's own token replaces it as the page is served
        }
        policy = policies.get(payslip.policy_version)
        return render_to_string("payroll/_payslip_statement.html", context), policy.pk if policy else None

    def post(self, request, pk):
        payslip = self._payslip(request, pk)
        op = request.POST.get("op")
        if op == "appeal":
            line = get_object_or_404(payslip.lines, pk=request.POST.get("line") or 0)
            try:
                appeal_ask(user=request.user, line=line, comment=request.POST.get("comment", ""))
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Your question reached HR."))
        elif op == "adjust":
            try:
                amount = Decimal(request.POST.get("amount", ""))
                item = adjustment_add(
                    user=request.user,
                    engineer=payslip.engineer,
                    amount=amount,
                    reason=request.POST.get("reason", ""),
                    token=request.POST.get("token", ""),
                )
            except InvalidOperation:
                messages.error(request, _("The amount is not a number."))
            except ConflictError:
                messages.info(request, _("This adjustment was recorded already; it is not recorded twice."))
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Adjustment recorded in %(period)s.") % {"period": item.period})
        return redirect("payroll:payslip", pk=payslip.pk)


class AppealsView(LoginRequiredMixin, View):
    """HR's task list: engineers' questions about payslip lines."""

    def get(self, request):
        if not has_role(request.user, Role.HR_CLERK):
            raise PermissionDenied
        # The payslip each question is about, to open it beside the question (none once its period reopens).
        payslip = Payslip.objects.filter(
            period=OuterRef("period"), engineer=OuterRef("engineer"), period__status=PeriodStatus.CLOSED
        )
        appeals = PayslipAppeal.objects.select_related("engineer", "period", "answered_by").annotate(
            payslip_id=Subquery(payslip.values("pk")[:1])
        )
        return render(
            request,
            "payroll/appeals.html",
            {"appeals": appeals, "open": appeals.filter(status=AppealStatus.OPEN).count()},
        )

    def post(self, request):
        if not has_role(request.user, Role.HR_CLERK):
            raise PermissionDenied
        appeal = get_object_or_404(PayslipAppeal, pk=request.POST.get("appeal") or 0)
        try:
            appeal_answer(user=request.user, appeal=appeal, answer=request.POST.get("answer", ""))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Answer sent."))
        return redirect("payroll:appeals")


class PayslipPdfView(PayslipDetailView):
    """One engineer's payslip as a PDF, rendered on demand (same scope as the page)."""

    def get(self, request, pk):
        payslip = self._payslip(request, pk)
        response = HttpResponse(payslips_pdf([payslip]), content_type="application/pdf")
        name = f"工资条-{payslip.period}-{payslip.engineer.employee_no}.pdf"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


class PeriodExportView(LoginRequiredMixin, View):
    """The payroll workbook, for finance (and HR, the GM), closed periods only."""

    def get(self, request, pk):
        if not has_role(request.user, *PERIOD_ROLES):
            raise PermissionDenied
        period = get_object_or_404(PayPeriod, pk=pk)
        try:
            workbook = payroll_workbook(period)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("payroll:period", pk=pk)
        response = HttpResponse(content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, f"工资表-{period}.xlsx")
        workbook.save(response)
        return response


class PeriodPdfView(LoginRequiredMixin, View):
    """A department's payslips as one printable PDF, rendered by a job after the close.

    Not printed yet: the job is queued (once) and a page waits for it, then starts the download."""

    def get(self, request, pk, number):
        period, department, path = _department_pdf(request, pk, number)
        if path.is_file():
            return FileResponse(path.open("rb"), as_attachment=True, filename=f"工资条-{period}-{department}.pdf")
        if cache.add(tasks.pdfs_key(period.pk) + ":queued", True, PDF_QUEUE_GUARD_SECONDS):  # once a minute
            tasks.render_period_pdfs.delay(period.pk)
            if path.is_file():  # the embedded default printed it just now, in-process
                return redirect("payroll:period_pdf", pk=pk, number=number)
        return render(
            request,
            "payroll/pdf_wait.html",
            {"period": period, "department": department, "number": number, "progress": tasks.pdfs_progress_of(pk)},
        )


class PeriodPdfStatusView(LoginRequiredMixin, View):
    """htmx: polled by the waiting page; once the file exists the browser is sent to download it."""

    def get(self, request, pk, number):
        period, _department, path = _department_pdf(request, pk, number)
        if path.is_file():
            response = HttpResponse(status=204)
            response["HX-Redirect"] = reverse("payroll:period_pdf", args=[pk, number])
            return response
        return render(
            request,
            "payroll/_pdf_wait_status.html",
            {"period": period, "number": number, "progress": tasks.pdfs_progress_of(pk)},
        )


def _department_pdf(request, pk, number):
    if not has_role(request.user, Role.HR_CLERK):
        raise PermissionDenied
    period = get_object_or_404(PayPeriod, pk=pk, status=PeriodStatus.CLOSED)
    names = period_departments(period)
    if not 1 <= number <= len(names):
        raise Http404
    return period, names[number - 1], department_pdf_path(period, number)
