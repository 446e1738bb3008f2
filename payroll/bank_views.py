"""The bank payment file page: who the bank pays, who it does not and why, the layouts; a POST downloads.

Only HR and finance (others 403), only closed periods (others 404). The download is a POST because it is
recorded: GET requests never write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from ledger.models import PayPeriod, PeriodStatus

from .bank_file import bank_file_export, bank_payments, can_download_bank_file
from .bank_layout import bank_layouts
from .errors import PayrollErrorCode
from .models import BankFileDownload

DOWNLOADS_SHOWN = 20


class BankFileView(LoginRequiredMixin, View):
    def _period(self, request, pk) -> PayPeriod:
        if not can_download_bank_file(request.user):
            raise PermissionDenied
        return get_object_or_404(PayPeriod, pk=pk, status=PeriodStatus.CLOSED)

    def get(self, request, pk):
        period = self._period(request, pk)
        layouts = bank_layouts()
        downloads = list(period.bank_files.select_related("downloaded_by")[:DOWNLOADS_SHOWN])
        # The layout asked for, else the one downloaded last for any period (the company's bank), else the generic one.
        last = BankFileDownload.objects.values_list("layout", flat=True)[:1]
        wanted = [request.GET.get("layout", ""), *last, next(iter(layouts))]
        chosen = next(code for code in wanted if code in layouts)
        for d in downloads:
            d.stale = d.period_closed_at != period.closed_at  # written before a reopen: not this close's pay
        return render(
            request,
            "payroll/bank_file.html",
            {
                "period": period,
                "payments": bank_payments(period),
                "layouts": layouts.values(),
                "chosen": chosen,
                "downloads": downloads,
                "downloaded_this_close": any(not d.stale for d in downloads),
            },
        )

    def post(self, request, pk):
        period = self._period(request, pk)
        layout = request.POST.get("layout", "")
        try:
            file = bank_file_export(user=request.user, period=period, layout_code=layout)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
            if exc.code == PayrollErrorCode.BANK_FILE_NOT_CLOSED:  # reopened meanwhile
                return redirect("payroll:period", pk=pk)
            return redirect(f"{reverse('payroll:bank_file', args=[pk])}?{urlencode({'layout': layout})}")
        response = HttpResponse(file.content, content_type=file.content_type)
        response["Content-Disposition"] = content_disposition_header(True, file.filename)
        return response
