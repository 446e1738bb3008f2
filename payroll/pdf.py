"""Payslip PDFs: one on demand, or a department as one multi-page document (see core.pdf)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core.pdf import html_to_pdf

from .models import Payslip


def payslips_html(payslips: list[Payslip]) -> str:
    with translation.override("zh-hans"):
        return render_to_string("payroll/payslip_pdf.html", {"payslips": payslips})


def payslips_pdf(payslips: list[Payslip]) -> bytes:
    """One page per payslip, in one document."""
    return html_to_pdf(payslips_html(payslips))


def department_pdfs(period) -> list[Path]:
    """The whole period for HR and printing: one multi-page PDF per department, kept under MEDIA_ROOT."""
    out_dir = Path(settings.MEDIA_ROOT) / "payslips" / str(period)
    out_dir.mkdir(parents=True, exist_ok=True)
    by_department: dict[str, list[Payslip]] = {}
    for p in (
        Payslip.objects.filter(period=period)
        .select_related("engineer", "period")
        .prefetch_related("lines")
        .order_by("department_name", "engineer__employee_no")
    ):
        by_department.setdefault(p.department_name, []).append(p)
    paths = []
    for name, payslips in by_department.items():
        path = out_dir / f"{name}.pdf"
        path.write_bytes(payslips_pdf(payslips))
        paths.append(path)
    return paths
