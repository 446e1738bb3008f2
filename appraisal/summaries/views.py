"""Summary pages: one engineer's year, one department's year with a chart, and the quarterly written report."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views import View

from core.roles import Role, has_role, reads_company_wide
from engineers.models import Department
from engineers.selectors import reads_pay_of, visible_engineers

from .reports import quarter_report, quarter_report_pdf
from .selectors import department_summary, engineer_summary


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


class EngineerSummaryView(LoginRequiredMixin, View):
    def get(self, request, pk):
        engineer = get_object_or_404(visible_engineers(request.user), pk=pk)
        year = _year(request)
        summary = engineer_summary(engineer, year)
        return render(
            request,
            "kpi/summary_engineer.html",
            {
                "summary": summary,
                "year": year,
                "chart": summary.chart,
                "hide_pay": not reads_pay_of(request.user, engineer),  # a crew leader reads scores, not pay
            },
        )


def _summary_departments(user):
    """Company-wide readers see every department; a department manager their own; nobody else any."""
    if reads_company_wide(user):
        return Department.objects.all()
    if has_role(user, Role.DEPT_MANAGER):
        return Department.objects.filter(manager=user)
    raise PermissionDenied


class DepartmentSummaryView(LoginRequiredMixin, View):
    def get(self, request):
        departments = _summary_departments(request.user)
        department = departments.filter(pk=request.GET.get("department") or 0).first() or departments.first()
        year = _year(request)
        summaries, monthly = department_summary(department, year) if department else ([], [])
        return render(
            request,
            "kpi/summary_department.html",
            {
                "departments": departments,
                "department": department,
                "year": year,
                "summaries": summaries,
                "chart": [None if v is None else str(v) for v in monthly],
                "quarters": (1, 2, 3, 4),
            },
        )


class QuarterReportPdfView(LoginRequiredMixin, View):
    """The quarter's written department report, as the PDF the manager signs."""

    def get(self, request, pk, year, quarter):
        department = get_object_or_404(_summary_departments(request.user), pk=pk)
        if not 1 <= quarter <= 4:
            raise Http404
        response = HttpResponse(
            quarter_report_pdf(quarter_report(department, year, quarter)), content_type="application/pdf"
        )
        name = f"{department.name}-{year}年第{quarter}季度考核报告.pdf"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
