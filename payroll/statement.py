"""A payslip as its reader meets it: gross → contributions → tax → after-tax deductions → net,
then the employer's contributions, and the year to date. Sections come from the line kinds
(`section_of`); the totals are the payslip's stored columns, so page, PDF and workbook agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from engineers.models import TaxYearOpening
from incentives.money import ZERO
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
    """This year's sums through the payslip's month, with the cumulative taxable income (two queries)."""
    return years_to_date([payslip])[payslip.pk]


def years_to_date(payslips: list[Payslip]) -> dict[int, dict]:
    """`year_to_date` for many payslips of one period, by payslip id, in two queries whatever their number.

    Months before the system paid the engineer count through their opening figures (income as gross,
    net as income − contributions − tax); `opening_through` says up to which month."""
    if not payslips:
        return {}
    period = payslips[0].period
    year, month = period.year, period.month
    engineers = [p.engineer_id for p in payslips]
    openings = {
        o.engineer_id: o
        for o in TaxYearOpening.objects.filter(engineer_id__in=engineers, year=year, through_month__lt=month)
    }
    sums: dict[int, dict] = {e: dict.fromkeys(YTD_FIELDS, ZERO) for e in engineers}
    for row in Payslip.objects.filter(
        engineer_id__in=engineers,
        period__year=year,
        period__month__lte=month,
        period__status=PeriodStatus.CLOSED,
    ).values("engineer_id", "period__month", *YTD_FIELDS.values()):
        opening = openings.get(row["engineer_id"])
        if opening and row["period__month"] <= opening.through_month:
            continue  # counted in the opening figures
        total = sums[row["engineer_id"]]
        for name, column in YTD_FIELDS.items():
            total[name] += row[column]
    found = {}
    for p in payslips:
        total, opening = dict(sums[p.engineer_id]), openings.get(p.engineer_id)
        if opening:
            total["gross"] += opening.income
            total["contributions"] += opening.contributions
            total["tax"] += opening.tax_withheld
            total["net"] += opening.income - opening.contributions - opening.tax_withheld
        found[p.pk] = {
            **total,
            "taxable": p.taxable_income_ytd,
            "months": month,
            "opening_through": opening.through_month if opening else 0,
        }
    return found
