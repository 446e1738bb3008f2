"""The receipts of a period's published payslips as a workbook: who read, confirmed, questioned
and was reminded, with each net pay. Labels in the user's language; times local (Asia/Shanghai)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.xlsx import text_cell

from .exports import MONEY, display_width, money_text
from .models import PayslipPublication, PayslipReceipt

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WHEN = "yyyy-mm-dd hh:mm"
WHEN_WIDTH = len("2026-11-18 10:00")
BOLD = Font(bold=True)


def _local(moment):
    """A naive local datetime: a spreadsheet cell has no time zone."""
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0) if moment else None


def receipts_workbook(publication: PayslipPublication, receipts: QuerySet[PayslipReceipt]) -> Workbook:
    """One row per published payslip (employee no., name, department, net pay, read at, confirmed at,
    questioned, reminded at), then a sheet saying who published it and when."""
    period = publication.period
    header = [
        _("Employee no."),
        _("Name"),
        _("Department"),
        _("Net pay"),
        _("Read at"),
        _("Confirmed at"),
        _("Questioned"),
        _("Reminded at"),
    ]
    rows = [
        [
            r.engineer.employee_no,
            r.engineer.name,
            r.department_name or "",
            r.net_amount,
            _local(r.read_at),
            _local(r.confirmed_at),
            _("Yes") if r.questioned else _("No"),
            _local(r.reminded_at),
        ]
        for r in receipts
    ]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("%(period)s receipts") % {"period": period})
    _size_columns(ws, [header, *rows])
    ws.freeze_panes = "C2"
    heading = []
    for title in header:
        cell = text_cell(ws, title)
        cell.font = BOLD
        heading.append(cell)
    ws.append(heading)
    for row in rows:
        cells = [text_cell(ws, v) for v in row]
        cells[3].number_format = MONEY
        for i in (4, 5, 7):
            cells[i].number_format = WHEN
        ws.append(cells)

    facts = wb.create_sheet(_("Publication"))
    facts.column_dimensions["A"].width = facts.column_dimensions["B"].width = 20
    publisher = publication.published_by
    for label, value in (
        (_("Pay period"), str(period)),
        (_("Published by"), publisher.get_full_name() or publisher.username),
        (_("Published at"), _local(publication.published_at)),
        (_("Payslips"), len(rows)),
    ):
        value_cell = text_cell(facts, value)
        if label == _("Published at"):
            value_cell.number_format = WHEN
        label_cell = text_cell(facts, label)
        label_cell.font = BOLD
        facts.append([label_cell, value_cell])
    return wb


def _size_columns(ws, rows) -> None:
    """Each column as wide as its widest text (a CJK character takes two), so nothing prints as "###"."""
    for column, values in enumerate(zip(*rows, strict=True), start=1):
        widest = 0
        for value in values:
            if value is None:
                continue
            if hasattr(value, "hour"):
                widest = max(widest, WHEN_WIDTH)
            else:
                widest = max(widest, display_width(money_text(value) if isinstance(value, Decimal) else str(value)))
        ws.column_dimensions[get_column_letter(column)].width = max(8, widest) + 3
