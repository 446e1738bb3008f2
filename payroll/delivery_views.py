"""Payslip delivery pages: a period's receipts for HR, finance, general managers and department
managers (HR publishes, reminds and exports there), and the engineer's read and confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from ledger.models import PayPeriod

from .delivery import (
    READERS,
    ReceiptFilter,
    bar_for,
    earlier_publications,
    payslip_confirm,
    payslip_read,
    payslips_publish,
    payslips_remind,
    publication_in_force,
    receipt_counts,
    receipts_filtered,
    receipts_of,
)
from .delivery_exports import XLSX, receipts_workbook
from .selectors import visible_payslips

PAGE_SIZE = 50


class DeliveryView(LoginRequiredMixin, View):
    """Who has read, confirmed and questioned the period's published payslips; HR's publish and remind."""

    def get(self, request, pk):
        if not has_role(request.user, *READERS):
            raise PermissionDenied
        period = get_object_or_404(PayPeriod, pk=pk)
        publication = publication_in_force(period)
        context = {"period": period, "publication": publication, "earlier": earlier_publications(period).first()}
        if publication is not None:
            receipts = receipts_of(publication, request.user)
            state, query = request.GET.get("state", ""), request.GET.get("q", "").strip()
            page = Paginator(receipts_filtered(receipts, state, query), PAGE_SIZE).get_page(request.GET.get("page"))
            context |= {
                "counts": receipt_counts(publication, request.user),
                "page_obj": page,
                "receipts": page.object_list,
                "states": ReceiptFilter.choices,
                "state": state,
                "q": query,
            }
        return render(request, "payroll/delivery_period.html", context)

    def post(self, request, pk):
        period = get_object_or_404(PayPeriod, pk=pk)
        if not has_role(request.user, Role.HR_CLERK):
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "publish":
                payslips_publish(user=request.user, period=period)
                messages.success(request, _("Payslips published: each engineer now sees and confirms theirs."))
            elif action == "remind":  # everyone not confirmed
                self._reminded(request, payslips_remind(user=request.user, period=period))
            elif action == "remind_selected":
                ids = [int(x) for x in request.POST.getlist("engineer") if x.isdigit()]
                if ids:
                    self._reminded(request, payslips_remind(user=request.user, period=period, engineer_ids=ids))
                else:
                    messages.error(request, _("Tick the engineers to remind first."))
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        back = request.POST.get("next", "")
        if back == "period":
            return redirect("payroll:period", pk=pk)
        return redirect("payroll:delivery", pk=pk)

    @staticmethod
    def _reminded(request, reminded) -> None:
        if reminded.sent:
            messages.success(
                request,
                ngettext("Reminded %(n)s engineer.", "Reminded %(n)s engineers.", reminded.sent) % {"n": reminded.sent},
            )
        if reminded.recently:
            messages.info(
                request,
                ngettext(
                    "%(n)s engineer was reminded within the last day and is not reminded again yet.",
                    "%(n)s engineers were reminded within the last day and are not reminded again yet.",
                    reminded.recently,
                )
                % {"n": reminded.recently},
            )
        if not reminded.sent and not reminded.recently:
            messages.info(request, _("Nobody to remind: everyone confirmed or is waiting for HR's answer."))


class DeliveryExportView(LoginRequiredMixin, View):
    """The receipts as a workbook (HR)."""

    def get(self, request, pk):
        if not has_role(request.user, Role.HR_CLERK):
            raise PermissionDenied
        period = get_object_or_404(PayPeriod, pk=pk)
        publication = publication_in_force(period)
        if publication is None:
            messages.error(request, _("These payslips are not published: there are no receipts to export."))
            return redirect("payroll:delivery", pk=pk)
        response = HttpResponse(content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, f"工资条回执-{period}.xlsx")
        receipts_workbook(publication, receipts_of(publication, request.user)).save(response)
        return response


class _OwnPayslip(LoginRequiredMixin, View):
    """POST only: the engineer's own acts on their payslip (out of scope → 404, another's → 403)."""

    def _payslip(self, request, pk):
        return get_object_or_404(visible_payslips(request.user), pk=pk)

    def _bar(self, request, payslip):
        return render(request, "payroll/delivery_bar.html", {"payslip": payslip, "bar": bar_for(request.user, payslip)})


class PayslipReadView(_OwnPayslip):
    """htmx, sent by the bar when the engineer's payslip page opens: the first opening is recorded."""

    def post(self, request, pk):
        payslip = self._payslip(request, pk)
        try:
            payslip_read(user=request.user, payslip=payslip)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        return self._bar(request, payslip)


class PayslipConfirmView(_OwnPayslip):
    """The engineer confirms their payslip (确认无误); back to the payslip with the outcome."""

    def post(self, request, pk):
        payslip = self._payslip(request, pk)
        try:
            payslip_confirm(user=request.user, payslip=payslip)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you: you confirmed this payslip."))
        return redirect("payroll:payslip", pk=payslip.pk)
