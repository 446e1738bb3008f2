"""The quarterly written department report (季度书面报告): scores, bands, honours, penalties
and incidents of one department's quarter, as a PDF the manager signs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from appraisal.models import Award, AwardStatus
from core.pdf import document_pdf
from engineers.models import Department, Incident

from .selectors import Summary, average_of, department_summary


@dataclass
class QuarterRow:
    summary: Summary
    months: list  # the quarter's three scorecards (or None)
    average: Decimal | None


@dataclass
class QuarterReport:
    department: Department
    year: int
    quarter: int
    rows: list[QuarterRow]
    monthly_averages: list[Decimal | None]
    average: Decimal | None
    bands: dict[str, int]
    awards: list[Award]
    incidents: list[Incident]
    generated_at: datetime

    @property
    def month_numbers(self) -> list[int]:
        return [(self.quarter - 1) * 3 + m for m in (1, 2, 3)]

    @property
    def monthly(self) -> list[tuple[int, Decimal | None]]:
        return list(zip(self.month_numbers, self.monthly_averages, strict=True))


def quarter_report(department: Department, year: int, quarter: int) -> QuarterReport:
    summaries, monthly = department_summary(department, year)
    first = (quarter - 1) * 3
    rows = sorted(
        (
            QuarterRow(s, s.months[first : first + 3], s.quarters[quarter - 1])
            for s in summaries
            if any(s.months[first : first + 3])
        ),
        key=lambda r: (r.average is None, -(r.average or 0), r.summary.engineer.employee_no),
    )
    bands = Counter(c.band for r in rows for c in r.months if c and c.band)
    months = [first + m for m in (1, 2, 3)]
    awards = list(
        Award.objects.filter(department=department, year=year, month__in=months, status=AwardStatus.APPROVED)
        .prefetch_related("members")
        .order_by("month", "id")
    )
    incidents = list(
        Incident.objects.filter(engineer__department=department, occurred_on__year=year, occurred_on__month__in=months)
        .select_related("engineer")
        .order_by("occurred_on")
    )
    return QuarterReport(
        department,
        year,
        quarter,
        rows,
        monthly[first : first + 3],
        average_of([r.average for r in rows if r.average is not None]),
        dict(sorted(bands.items())),
        awards,
        incidents,
        timezone.localtime(),
    )


def quarter_report_pdf(report: QuarterReport) -> bytes:
    return document_pdf("kpi/quarter_report_pdf.html", {"r": report})
