"""The payroll workbook finance takes to the bank: closed periods only, streamed.

Every label is translated where the workbook is written (the user's language), and the line
columns are the payslip line kinds' own labels: one source, the model's choices."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from core.errors import DomainError
from core.xlsx import text_cell
from ledger.models import PayPeriod, PeriodStatus
from payroll.errors import PayrollErrorCode

from .models import LineKind, Payslip

# Yuan with thousands separators, as Chinese payroll sheets print it; negative deductions keep the sign.
MONEY = '"¥"#,##0.00;-"¥"#,##0.00'
ZERO = Decimal("0.00")
BOLD = Font(bold=True)
SUBTOTAL = PatternFill("solid", fgColor="EEF3FA")
KINDS = list(LineKind)
NAME_COLUMNS = 3  # department, employee no., name: frozen beside the amounts


def display_width(text: str) -> int:
    """Columns a string takes in a spreadsheet cell: a CJK (wide) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def money_text(amount: Decimal) -> str:
    """How MONEY shows an amount, to size its column."""
    return "¥" + f"{amount:,.2f}"


class _Widths:
    """The widest text seen per column, so nothing prints cut off or as "###"."""

    def __init__(self):
        self.chars: dict[int, int] = defaultdict(int)

    def see(self, column: int, value) -> None:
        if value is None:
            return
        text = money_text(value) if isinstance(value, Decimal) else str(value)
        self.chars[column] = max(self.chars[column], display_width(text))

    def apply(self, ws, *, minimum: int = 8) -> None:
        # Bold headers and LibreOffice's default font run a little wider than the character count.
        for column, chars in self.chars.items():
            ws.column_dimensions[get_column_letter(column)].width = max(minimum, chars) + 3


def _cell(ws, value, *, money=False, bold=False, fill=None):
    cell = text_cell(ws, value)
    if money:
        cell.number_format = MONEY
    if bold:
        cell.font = BOLD
    if fill:
        cell.fill = fill
    return cell


class _MoneyCells:
    """Money cells for one sheet sharing one style: resolving the number format per cell
    was most of the export's time."""

    def __init__(self, ws):
        self.ws = ws
        self.style = _cell(ws, None, money=True)._style

    def __call__(self, value):
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = self.style  # shared, never mutated: write-only rows are serialised at once
        return cell


def closed_at_text(period: PayPeriod) -> str:
    """The close time as the app shows it: local (Asia/Shanghai), not UTC."""
    return timezone.localtime(period.closed_at).strftime("%Y-%m-%d %H:%M") if period.closed_at else ""


def payroll_workbook(period: PayPeriod) -> Workbook:
    """Sheet 1: a row per engineer, a column per line type, department subtotals, grand total;
    columns sized to their widest value, the header row and the name columns frozen.
    Sheet 2: the policy version and the period's facts."""
    if period.status != PeriodStatus.CLOSED:
        raise DomainError(PayrollErrorCode.EXPORT_NOT_CLOSED, _("Only a closed period can be exported."))
    # One row per payslip with a column per line kind, summed by the database.
    per_kind = {f"sum_{k}": Sum("lines__amount", filter=Q(lines__kind=k), default=ZERO) for k in KINDS}
    payslips = list(
        Payslip.objects.filter(period=period)
        .annotate(**per_kind)
        .order_by("department_name", "engineer__employee_no")
        .values_list(
            "department_name", "engineer__employee_no", "engineer__name", "gross_amount", "policy_version", *per_kind
        )
    )
    # Rows are built first (they are in memory already) so the widths can be set before the
    # write-only sheet streams its first row.
    subtotal_label, total_label = _("%(department)s subtotal"), _("Grand total")
    header = [_("Department"), _("Employee no."), _("Name"), *(str(k.label) for k in KINDS), _("Gross total")]
    rows: list[tuple[str, list]] = [("header", header)]
    grand = defaultdict(Decimal)
    department, dept_sum = None, defaultdict(Decimal)

    def subtotal(name, totals):
        label = subtotal_label % {"department": name}
        rows.append(("subtotal", [label, None, None, *(totals[k] for k in KINDS), totals["gross"]]))

    for department_name, employee_no, name, gross, _policy, *amounts in payslips:
        if department is not None and department_name != department:
            subtotal(department, dept_sum)
            dept_sum = defaultdict(Decimal)
        department = department_name
        rows.append(("person", [department_name, employee_no, name, *amounts, gross]))
        for k, a in zip(KINDS, amounts, strict=True):
            dept_sum[k] += a
            grand[k] += a
        dept_sum["gross"] += gross
        grand["gross"] += gross
    if department is not None:
        subtotal(department, dept_sum)
    rows.append(("total", [total_label, None, None, *(grand[k] for k in KINDS), grand["gross"]]))

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("%(period)s payroll") % {"period": period})
    widths = _Widths()
    for kind, values in rows:
        # A subtotal's label spans the empty number and name cells beside it: size only the name columns' data.
        for column, value in enumerate(values, start=1):
            if not (kind in ("subtotal", "total") and column == 1):
                widths.see(column, value)
    widths.apply(ws)
    ws.freeze_panes = f"{get_column_letter(NAME_COLUMNS + 1)}2"
    money = _MoneyCells(ws)
    for kind, values in rows:
        if kind == "header":
            ws.append([_cell(ws, h, bold=True) for h in values])
        elif kind == "person":
            ws.append([text_cell(ws, v) for v in values[:NAME_COLUMNS]] + [money(a) for a in values[NAME_COLUMNS:]])
        else:
            fill = SUBTOTAL if kind == "subtotal" else None
            ws.append(
                [_cell(ws, v, bold=True, fill=fill) for v in values[:NAME_COLUMNS]]
                + [_cell(ws, a, money=True, bold=True, fill=fill) for a in values[NAME_COLUMNS:]]
            )

    facts = wb.create_sheet(_("Policy and period"))
    policy = payslips[0][4] if payslips else ""
    closer = period.closed_by.get_full_name() or period.closed_by.username if period.closed_by else _("System")
    lines = (
        (_("Pay period"), str(period)),
        (_("Status"), str(period.get_status_display())),
        (_("Closed at"), closed_at_text(period)),
        (_("Closed by"), closer),
        (_("Policy version"), policy),
        (_("Headcount"), len(payslips)),
        (_("Gross total"), grand["gross"]),
    )
    fact_widths = _Widths()
    for label, value in lines:
        fact_widths.see(1, label)
        fact_widths.see(2, value)
    fact_widths.apply(facts)
    for label, value in lines:
        facts.append([_cell(facts, label, bold=True), _cell(facts, value, money=isinstance(value, Decimal))])
    return wb
