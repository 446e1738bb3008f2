"""The payroll workbook finance takes to the bank: closed periods only, streamed.

Columns run as the payslip does, left to right: each earning, gross pay, the employee's social
insurance and housing fund, income tax, deductions after tax, net pay, then the employer's
contributions and the company's total cost at the right. Amounts carry the payslip lines' signs
(what is withheld is negative), so every row adds up: the earnings make the gross, and the gross
plus each section's total makes the net. A section shows its items (pension, medical …; wage
tax and annual-bonus tax) only when it has two or more with money in the period, and always its
total; an earning kind shows only when someone earned it in the period. Bank account numbers
are not in the workbook: they are in the bank payment file (bank_file.py) only.

Every label is translated where the workbook is written (the user's language), and the line
columns are the payslip line kinds' and contribution items' own labels: one source, the model's choices."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
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
from policies.choices import ContributionKind

from .models import LineKind, Payslip, PayslipLine, Section, section_of

# Yuan with thousands separators, as Chinese payroll sheets print it; negative deductions keep the sign.
MONEY = '"¥"#,##0.00;-"¥"#,##0.00'
ZERO = Decimal("0.00")
BOLD = Font(bold=True)
SUBTOTAL = PatternFill("solid", fgColor="EEF3FA")
NET, COST = "net", "cost"  # the two column groups that are no payslip section
# Header colours by group, so the sections read apart: earnings, what is withheld, net, company cost.
HEADER_FILLS = {
    Section.EARNING: PatternFill("solid", fgColor="DDEBF7"),
    Section.CONTRIBUTION: PatternFill("solid", fgColor="FCE4D6"),
    Section.TAX: PatternFill("solid", fgColor="FCE4D6"),
    Section.AFTER_TAX: PatternFill("solid", fgColor="FCE4D6"),
    NET: PatternFill("solid", fgColor="E2EFDA"),
    Section.EMPLOYER: PatternFill("solid", fgColor="EDEDED"),
    COST: PatternFill("solid", fgColor="EDEDED"),
}
SIDES = {LineKind.CONTRIBUTION: "employee", LineKind.EMPLOYER_CONTRIBUTION: "employer"}
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

    def see_amounts(self, column: int, amounts: list[Decimal]) -> None:
        """A money column: its widest text is its largest or its most negative amount (digits and sign)."""
        if amounts:
            self.see(column, min(amounts))
            self.see(column, max(amounts))

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


@dataclass(frozen=True)
class Item:
    """What one payslip amount is summed from: a line kind, and for contributions the item its rule names."""

    kind: str
    item: str = ""  # "pension", "housing_fund" … for the two contribution kinds
    rules: tuple[str, ...] = ()  # the rules naming that item (contributions only)

    @property
    def key(self) -> str:
        return f"sum_{self.kind}_{self.item}" if self.item else f"sum_{self.kind}"

    def label(self) -> str:
        if self.kind not in SIDES or not self.item:  # a contribution line whose rule names no item: its kind
            return str(LineKind(self.kind).label)
        name = str(ContributionKind(self.item).label) if self.item in ContributionKind.values else self.item
        if SIDES[self.kind] == "employee":
            return _("%(item)s (employee)") % {"item": name}
        return _("%(item)s (employer)") % {"item": name}


def contribution_item(rule: str) -> str:
    """The item a contribution line pays, from its rule ("contributions.pension.employee" → "pension")."""
    parts = rule.split(".")
    return parts[1] if len(parts) == 3 and parts[0] == "contributions" else ""


@dataclass
class Layout:
    """The period's columns: the items with money in it, grouped by section in the payslip's order."""

    items: dict[str, list[Item]] = field(default_factory=dict)  # section → its items

    def itemised(self, section: str) -> bool:
        """Earnings always show their kinds; a deduction section only when it has two or more items."""
        return section == Section.EARNING or len(self.items[section]) > 1

    def all_items(self) -> list[Item]:
        return [item for items in self.items.values() for item in items]


def period_layout(period: PayPeriod) -> Layout:
    """The line kinds (and contribution items) with a non-zero amount on some payslip of the period."""
    present = (
        PayslipLine.objects.filter(payslip__period=period)
        .exclude(amount=0)
        .values_list("kind", "rule")
        .distinct()
        .order_by()
    )
    kinds: set[str] = set()
    rules: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, rule in present:
        kinds.add(kind)
        if kind in SIDES:
            rules[(kind, contribution_item(rule))].add(rule)
    order = {code: n for n, code in enumerate(ContributionKind.values)}
    layout = Layout({section: [] for section in Section.values})
    for kind in LineKind:
        if kind not in kinds:
            continue
        if kind in SIDES:
            found = sorted((item for k, item in rules if k == kind), key=lambda i: (order.get(i, len(order)), i))
            layout.items[section_of(kind)] += [Item(kind, item, tuple(sorted(rules[(kind, item)]))) for item in found]
        else:
            layout.items[section_of(kind)].append(Item(kind))
    return layout


@dataclass(frozen=True)
class Column:
    label: str
    group: str  # a Section, NET or COST: the header's colour
    total_of: str = ""  # the section this column totals ("" for an item, gross, net, company cost)


TOTAL_LABELS = {
    Section.CONTRIBUTION: Section.CONTRIBUTION.label,
    Section.TAX: Section.TAX.label,
    Section.AFTER_TAX: Section.AFTER_TAX.label,
    Section.EMPLOYER: LineKind.EMPLOYER_CONTRIBUTION.label,
}


def workbook_columns(layout: Layout) -> list[Column]:
    """The money columns, left to right (the department, employee no. and name come before them)."""
    columns = [Column(item.label(), Section.EARNING) for item in layout.items[Section.EARNING]]
    columns.append(Column(_("Gross total"), Section.EARNING, Section.EARNING))
    for section in (Section.CONTRIBUTION, Section.TAX, Section.AFTER_TAX, NET, Section.EMPLOYER, COST):
        if section == NET:
            columns.append(Column(_("Net pay"), NET))
        elif section == COST:
            columns.append(Column(_("Total company cost"), COST))
        else:
            label = str(TOTAL_LABELS[section])
            if layout.itemised(section):
                columns += [Column(item.label(), section) for item in layout.items[section]]
                label = _("%(section)s total") % {"section": label}
            columns.append(Column(label, section, section))
    return columns


def _row_amounts(layout: Layout, gross: Decimal, net: Decimal, sums: dict[str, Decimal]) -> list[Decimal]:
    """One payslip's money cells in workbook_columns' order."""
    values = [sums[item.key] for item in layout.items[Section.EARNING]]
    values.append(gross)
    employer = ZERO
    for section in (Section.CONTRIBUTION, Section.TAX, Section.AFTER_TAX, Section.EMPLOYER):
        amounts = [sums[item.key] for item in layout.items[section]]
        total = sum(amounts, ZERO)
        if section == Section.EMPLOYER:
            values.append(net)  # net pay stands between what is withheld and what the company adds
            employer = total
        if layout.itemised(section):
            values += amounts
        values.append(total)
    values.append(gross + employer)
    return values


def payroll_workbook(period: PayPeriod) -> Workbook:
    """Sheet 1: a row per engineer, the columns of workbook_columns, department subtotals, grand total;
    columns sized to their widest value, the header row and the name columns frozen.
    Sheet 2: the policy version and the period's facts, what is withheld and what the company pays as positive
    amounts (what leaves the company's account, for the vouchers)."""
    if period.status != PeriodStatus.CLOSED:
        raise DomainError(PayrollErrorCode.EXPORT_NOT_CLOSED, _("Only a closed period can be exported."))
    layout = period_layout(period)
    items = layout.all_items()
    # One row per payslip with a column per item, summed by the database.
    per_item = {}
    for item in items:
        condition = Q(lines__kind=item.kind) & (Q(lines__rule__in=item.rules) if item.rules else Q())
        per_item[item.key] = Sum("lines__amount", filter=condition, default=ZERO)
    keys = list(per_item)
    payslips = list(
        Payslip.objects.filter(period=period)
        .annotate(**per_item)
        .order_by("department_name", "engineer__employee_no")
        .values_list(
            "department_name",
            "engineer__employee_no",
            "engineer__name",
            "gross_amount",
            "net_amount",
            "policy_version",
            *keys,
        )
    )
    columns = workbook_columns(layout)
    # Rows are built first (they are in memory already) so the widths can be set before the
    # write-only sheet streams its first row.
    subtotal_label, total_label = _("%(department)s subtotal"), _("Grand total")
    header = [_("Department"), _("Employee no."), _("Name"), *(c.label for c in columns)]
    rows: list[tuple[str, list]] = [("header", header)]
    width = len(columns)
    grand = [ZERO] * width
    department, dept_sum = None, [ZERO] * width

    for department_name, employee_no, name, gross, net, _policy, *sums in payslips:
        if department is not None and department_name != department:
            rows.append(("subtotal", [subtotal_label % {"department": department}, None, None, *dept_sum]))
            dept_sum = [ZERO] * width
        department = department_name
        amounts = _row_amounts(layout, gross, net, dict(zip(keys, sums, strict=True)))
        rows.append(("person", [department_name, employee_no, name, *amounts]))
        dept_sum = [a + b for a, b in zip(dept_sum, amounts, strict=True)]
        grand = [a + b for a, b in zip(grand, amounts, strict=True)]
    if department is not None:
        rows.append(("subtotal", [subtotal_label % {"department": department}, None, None, *dept_sum]))
    rows.append(("total", [total_label, None, None, *grand]))

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("%(period)s payroll") % {"period": period})
    widths = _Widths()
    for column, values in enumerate(zip(*(values for _kind, values in rows), strict=True), start=1):
        if column > NAME_COLUMNS:
            widths.see(column, values[0])
            widths.see_amounts(column, values[1:])
            continue
        for (kind, _values), value in zip(rows, values, strict=True):
            # A subtotal's label spans the empty number and name cells beside it: size only the name columns' data.
            if not (kind in ("subtotal", "total") and column == 1):
                widths.see(column, value)
    widths.apply(ws)
    ws.freeze_panes = f"{get_column_letter(NAME_COLUMNS + 1)}2"
    money = _MoneyCells(ws)
    fills = [None] * NAME_COLUMNS + [HEADER_FILLS[c.group] for c in columns]
    for kind, values in rows:
        if kind == "header":
            ws.append([_cell(ws, h, bold=True, fill=fill) for h, fill in zip(values, fills, strict=True)])
        elif kind == "person":
            ws.append([text_cell(ws, v) for v in values[:NAME_COLUMNS]] + [money(a) for a in values[NAME_COLUMNS:]])
        else:
            fill = SUBTOTAL if kind == "subtotal" else None
            ws.append(
                [_cell(ws, v, bold=True, fill=fill) for v in values[:NAME_COLUMNS]]
                + [_cell(ws, a, money=True, bold=True, fill=fill) for a in values[NAME_COLUMNS:]]
            )

    total = {c.total_of: grand[n] for n, c in enumerate(columns) if c.total_of}
    net_total = next(grand[n] for n, c in enumerate(columns) if c.group == NET)
    facts = wb.create_sheet(_("Policy and period"))
    policy = payslips[0][5] if payslips else ""
    closer = period.closed_by.get_full_name() or period.closed_by.username if period.closed_by else _("System")
    lines = (
        (_("Pay period"), str(period)),
        (_("Status"), str(period.get_status_display())),
        (_("Closed at"), closed_at_text(period)),
        (_("Closed by"), closer),
        (_("Policy version"), policy),
        (_("Headcount"), len(payslips)),
        (_("Gross total"), total[Section.EARNING]),
        (_("Employee contributions withheld"), ZERO - total[Section.CONTRIBUTION]),
        (_("Income tax withheld"), ZERO - total[Section.TAX]),
        (_("Deductions after tax"), ZERO - total[Section.AFTER_TAX]),
        (_("Net total"), net_total),
        (_("Employer contributions"), total[Section.EMPLOYER]),
        (_("Total company cost"), grand[-1]),
    )
    fact_widths = _Widths()
    for label, value in lines:
        fact_widths.see(1, label)
        fact_widths.see(2, value)
    fact_widths.apply(facts)
    for label, value in lines:
        facts.append([_cell(facts, label, bold=True), _cell(facts, value, money=isinstance(value, Decimal))])
    return wb
