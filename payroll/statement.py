"""A payslip as its reader meets it: gross → contributions → tax → after-tax deductions → net,
then the employer's contributions, and the year to date. Sections come from the line kinds
(`section_of`); the totals are the payslip's stored columns, so page, PDF and workbook agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from ledger.models import PeriodStatus

from .models import Payslip, Section, section_of

ORDER = (Section.EARNING, Section.CONTRIBUTION, Section.TAX, Section.AFTER_TAX, Section.EMPLOYER)
TOTAL_LABELS = {
    Section.EARNING: _("Gross pay"),
    Section.CONTRIBUTION: _("Social insurance and housing fund, your share"),
    Section.TAX: _("Individual income tax"),
    Section.AFTER_TAX: _("Deductions after tax"),
    Section.EMPLOYER: _("Paid by the company on top of your pay"),
}


@dataclass
class Part:
    section: str
    label: object
    total: Decimal
    lines: list = field(default_factory=list)


def statement(payslip: Payslip, lines: list) -> list[Part]:
    """The payslip's sections in reading order; a section without lines is left out, except gross pay."""
    totals = {
        Section.EARNING: payslip.gross_amount,
        Section.CONTRIBUTION: -payslip.contributions_amount,
        Section.TAX: -payslip.tax_amount,
        Section.AFTER_TAX: -payslip.after_tax_amount,
        Section.EMPLOYER: payslip.employer_cost_amount,
    }
    parts = {s: Part(s, TOTAL_LABELS[s], totals[s]) for s in ORDER}
    for line in lines:
        parts[section_of(line.kind)].lines.append(line)
    return [p for p in parts.values() if p.lines or p.section == Section.EARNING]


YTD_FIELDS = {
    "gross": "gross_amount",
    "contributions": "contributions_amount",
    "tax": "tax_amount",
    "after_tax": "after_tax_amount",
    "net": "net_amount",
}


def year_to_date(payslip: Payslip) -> dict:
    """This year's sums through the payslip's month (one query), with the cumulative taxable income."""
    sums = Payslip.objects.filter(
        engineer_id=payslip.engineer_id,
        period__year=payslip.period.year,
        period__month__lte=payslip.period.month,
        period__status=PeriodStatus.CLOSED,
    ).aggregate(**{name: Sum(column) for name, column in YTD_FIELDS.items()})
    return {**sums, "taxable": payslip.taxable_income_ytd, "months": payslip.period.month}
