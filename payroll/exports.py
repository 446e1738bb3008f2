"""The payroll workbook finance takes to the bank: closed periods only, streamed."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill

from core.errors import DomainError
from core.xlsx import text_cell
from ledger.models import PayPeriod, PeriodStatus
from payroll.errors import PayrollErrorCode

from .models import LineKind, Payslip

MONEY = "#,##0.00"
ZERO = Decimal("0.00")
BOLD = Font(bold=True)
SUBTOTAL = PatternFill("solid", fgColor="EEF3FA")
HEADERS = {
    LineKind.PIECE_RATE: "计件工资",
    LineKind.INDIVIDUAL_INCENTIVE: "个人激励",
    LineKind.CREW_INCENTIVE: "集体激励",
    LineKind.PAID_TRAINING: "带薪培训",
    LineKind.SENIORITY: "月度工龄奖",
    LineKind.ANNUAL_AWARDS: "年度安全、质量奖",
    LineKind.KPI_PAY: "绩效工资",
    LineKind.HONOUR: "荣誉奖励",
    LineKind.ADJUSTMENT: "调整",
    LineKind.DEDUCTION: "处罚扣款",
}
KINDS = list(HEADERS)


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


def payroll_workbook(period: PayPeriod) -> Workbook:
    """Sheet 1: a row per engineer, a column per line type, department subtotals, grand total.
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
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"{period} 工资表")
    money = _MoneyCells(ws)
    ws.append([_cell(ws, h, bold=True) for h in ["部门", "工号", "姓名", *HEADERS.values(), "应发合计"]])
    grand = defaultdict(Decimal)
    department, dept_sum = None, defaultdict(Decimal)

    def subtotal(name, totals):
        ws.append(
            [
                _cell(ws, f"{name} 小计", bold=True, fill=SUBTOTAL),
                _cell(ws, None, fill=SUBTOTAL),
                _cell(ws, None, fill=SUBTOTAL),
                *[_cell(ws, totals[k], money=True, bold=True, fill=SUBTOTAL) for k in KINDS],
                _cell(ws, totals["gross"], money=True, bold=True, fill=SUBTOTAL),
            ]
        )

    for department_name, employee_no, name, gross, _policy, *amounts in payslips:
        if department is not None and department_name != department:
            subtotal(department, dept_sum)
            dept_sum = defaultdict(Decimal)
        department = department_name
        ws.append(
            [
                text_cell(ws, department_name),
                text_cell(ws, employee_no),
                text_cell(ws, name),
                *[money(a) for a in amounts],
                money(gross),
            ]
        )
        for k, a in zip(KINDS, amounts, strict=True):
            dept_sum[k] += a
            grand[k] += a
        dept_sum["gross"] += gross
        grand["gross"] += gross
    if department is not None:
        subtotal(department, dept_sum)
    ws.append(
        [
            _cell(ws, "总计", bold=True),
            None,
            None,
            *[_cell(ws, grand[k], money=True, bold=True) for k in KINDS],
            _cell(ws, grand["gross"], money=True, bold=True),
        ]
    )

    facts = wb.create_sheet("制度与期间")
    policy = payslips[0][4] if payslips else ""
    for label, value in (
        ("工资期间", str(period)),
        ("状态", period.get_status_display()),
        ("结算时间", period.closed_at.strftime("%Y-%m-%d %H:%M") if period.closed_at else ""),
        ("结算人", period.closed_by.get_full_name() or period.closed_by.username if period.closed_by else "系统"),
        ("制度版本", policy),
        ("人数", len(payslips)),
        ("应发合计", grand["gross"]),
    ):
        facts.append([_cell(facts, label, bold=True), _cell(facts, value, money=isinstance(value, Decimal))])
    return wb
