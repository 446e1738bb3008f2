"""Payslip PDFs: one on demand, or a department as one multi-page document (see core.pdf)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.pdf import html_to_pdf

from .models import Payslip
from .statement import statement, years_to_date


def payslips_html(payslips: list[Payslip]) -> str:
    """The payslips of one period as printable HTML: each with its sections and year to date."""
    ytd = years_to_date(payslips)
    for p in payslips:
        p.parts, p.ytd = statement(p, list(p.lines.all())), ytd[p.pk]
    with translation.override("zh-hans"):
        return render_to_string("payroll/payslip_pdf.html", {"payslips": payslips, "company": settings.COMPANY_NAME})


def payslips_pdf(payslips: list[Payslip]) -> bytes:
    """One page per payslip, in one document."""
    return html_to_pdf(payslips_html(payslips))


def department_pdf_path(period, number: int) -> Path:
    """Where the period's `number`-th department (1-based, by name) is printed. Built from ids and
    numbers only: a department's name is user text and never becomes part of a path."""
    return Path(settings.MEDIA_ROOT) / "payslips" / f"period-{int(period.pk)}" / f"department-{int(number)}.pdf"


def discard_department_pdfs(period) -> None:
    """The period's printed departments no longer match its payslips (reopened, closed again)."""
    shutil.rmtree(department_pdf_path(period, 1).parent, ignore_errors=True)


def department_pdfs(period, progress=None) -> list[Path]:
    """The whole period for HR and printing: one multi-page PDF per department, kept under MEDIA_ROOT.

    `progress(done, total)` hears of each department written (the period page shows it)."""
    by_department: dict[str, list[Payslip]] = {}
    for p in (
        Payslip.objects.filter(period=period)
        .select_related("engineer", "period")
        .prefetch_related("lines")
        .order_by("department_name", "engineer__employee_no")
    ):
        by_department.setdefault(p.department_name, []).append(p)
    paths = []
    for number, name in enumerate(sorted(by_department), start=1):  # the order period_departments() gives
        path = department_pdf_path(period, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")  # a reader never sees half a file
        partial.write_bytes(payslips_pdf(by_department[name]))
        os.replace(partial, path)
        paths.append(path)
        if progress:
            progress(number, len(by_department))
    return paths
