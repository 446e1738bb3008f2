"""The KPI grid as an Excel file and back: the same columns HR sees, imported all or nothing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from core.errors import DomainError
from core.xlsx import keep_text
from engineers.models import Department

from . import services
from .selectors import grid_rows, scorecards_of
from .services import GridError, Month

GREY = PatternFill("solid", fgColor="DDDDDD")


def grid_workbook(*, department: Department, month: Month, source: str, dims: list[tuple[str, str]]) -> Workbook:
    cards = scorecards_of(department, month)
    rows = grid_rows(department, month, source, cards)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{month}"
    ws.append(["工号", "姓名", *[label for _code, label in dims], "得分", "等级", "系数", "绩效工资", "备注"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        if not row.inside:
            ws.append(
                [
                    row.employee_no,
                    row.name,
                    *[None] * len(dims),
                    None,
                    None,
                    None,
                    None,
                    "不在考核范围:" + "、".join(row.reasons),
                ]
            )
            keep_text(ws[ws.max_row])
            for cell in ws[ws.max_row]:
                cell.fill = GREY
            continue
        card = row.card
        ws.append(
            [
                row.employee_no,
                row.name,
                *[row.cells.get(code) for code, _l in dims],
                *(
                    (card.score, card.band or None, card.coefficient, card.performance_pay_amount)
                    if card
                    else (None, None, None, None)  # no scorecard yet: nothing scored
                ),
                None,
            ]
        )
        keep_text(ws[ws.max_row])
        ws.cell(ws.max_row, 3 + len(dims) + 3).number_format = "#,##0.00"
    for column in ws.columns:
        ws.column_dimensions[column[0].column_letter].width = 12
    return wb


def grid_import(
    *, user, file, department: Department, month: Month, source: str, dims: list[tuple[str, str]]
) -> list[str]:
    """Read the exported layout back; returns row errors (nothing saved) or an empty list."""
    try:
        ws = load_workbook(file, read_only=True, data_only=True).worksheets[0]
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        return [_("This is not an Excel .xlsx file: export the grid and fill that in.")]
    values = ws.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(values, ())]
    missing = [label for _c, label in dims if label not in header] + ([] if "工号" in header else ["工号"])
    if missing:
        return [_("Missing columns: %(cols)s.") % {"cols": "、".join(missing)}]
    numbers = {e.employee_no: e.pk for e in department.engineers.all()}
    rows, errors, row_of = {}, [], {}
    for n, raw in enumerate(values, start=2):
        record = dict(zip(header, raw, strict=False))
        no = str(record.get("工号") or "").strip()
        if not no:
            continue
        if no not in numbers:
            errors.append(_("Row %(n)d: no engineer %(no)s in %(dept)s.") % {"n": n, "no": no, "dept": department})
            continue
        if str(record.get("备注") or "").startswith("不在考核范围"):
            continue
        cells = {}
        for code, label in dims:
            raw_value = record.get(label)
            if raw_value is None or str(raw_value).strip() == "":
                cells[code] = None
                continue
            try:
                cells[code] = Decimal(str(raw_value).strip())
            except InvalidOperation:
                errors.append(_("Row %(n)d, %(col)s: %(v)s is not a number.") % {"n": n, "col": label, "v": raw_value})
        rows[numbers[no]], row_of[numbers[no]] = cells, n
    if errors:
        return errors
    try:
        services.grid_save(user=user, department=department, month=month, source=source, rows=rows)
    except GridError as exc:
        labels = dict(dims)
        return [
            _("Row %(n)d, %(col)s: %(msg)s")
            % {"n": row_of.get(c.engineer_id, 0), "col": labels.get(c.dimension, c.dimension), "msg": c.message}
            for c in exc.cells
        ]
    except DomainError as exc:
        return [str(exc.message)]
    return []
