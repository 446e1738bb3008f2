"""Summary pages: one engineer's year, one department's year, with a chart of monthly scores."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from core.roles import Role, has_role, reads_company_wide
from engineers.models import Department
from engineers.selectors import visible_engineers

from .summaries import department_summary, engineer_summary


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
        return render(request, "kpi/summary_engineer.html", {"summary": summary, "year": year, "chart": summary.chart})


class DepartmentSummaryView(LoginRequiredMixin, View):
    def get(self, request):
        departments = Department.objects.all()
        if not reads_company_wide(request.user):
            if not has_role(request.user, Role.DEPT_MANAGER):
                raise PermissionDenied
            departments = departments.filter(manager=request.user)
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
            },
        )
