"""The KPI grid as an Excel file and back: the same columns HR sees, imported all or nothing.

The exported file says what it is for: a hidden sheet holds its month, department and source,
and an import into any other grid is refused (a file exported for the self-assessments must never
overwrite the supervisor's scores). Formulas are refused too: a formula cell's value is whatever
Excel last cached, or nothing at all when the file was written by another program."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.errors import DomainError
from core.xlsx import keep_text
from engineers.models import Department

from . import services
from .selectors import grid_rows, scorecards_of
from .services import GridError, Month

GREY = PatternFill("solid", fgColor="DDDDDD")
META_SHEET = "_export"
META_KIND = "incdesk.kpi_grid"
META_VERSION = "1"


def _write_meta(wb: Workbook, *, department: Department, month: Month, source: str, sheet: str) -> None:
    """Key/value rows on a hidden sheet: what this file was exported for."""
    ws = wb.create_sheet(META_SHEET)
    for key, value in (
        ("kind", META_KIND),
        ("version", META_VERSION),
        ("sheet", sheet),
        ("month", str(month)),
        ("department", str(department.pk)),
        ("department_code", department.code),
        ("source", source),
    ):
        ws.append([key, value])
        keep_text(ws[ws.max_row])
    ws.sheet_state = "hidden"


def _read_meta(wb) -> dict[str, str] | None:
    if META_SHEET not in wb.sheetnames:
        return None
    meta = {}
    for row in wb[META_SHEET].iter_rows(values_only=True, max_col=2):
        if row and row[0] is not None:
            meta[str(row[0])] = "" if len(row) < 2 or row[1] is None else str(row[1])
    return meta if meta.get("kind") == META_KIND else None


def _meta_problem(meta: dict[str, str] | None, *, department: Department, month: Month, source: str) -> str | None:
    """Why this file may not be imported into this grid (None when it may)."""
    if meta is None:
        return _(
            "This file does not say which month, department and source it was exported for (an older export, "
            "or a file made elsewhere): export the grid again and fill that in."
        )
    wanted = {"month": str(month), "department": str(department.pk), "source": source}
    if all(meta.get(k) == v for k, v in wanted.items()):
        return None
    return _(
        "This file was exported for %(f_dept)s, %(f_month)s, source %(f_source)s, but the grid is set to "
        "%(dept)s, %(month)s, source %(source)s: choose that grid, or export this one and fill that in."
    ) % {
        "f_dept": meta.get("department_code") or meta.get("department") or "?",
        "f_month": meta.get("month") or "?",
        "f_source": meta.get("source") or "?",
        "dept": department.code,
        "month": month,
        "source": source,
    }


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
    _write_meta(wb, department=department, month=month, source=source, sheet=ws.title)
    return wb


def _where(n: int, column: int, label: str) -> str:
    """ "Row 5, column D (专业技能)": where a person finds the cell in Excel."""
    return _("Row %(n)d, column %(col)s (%(label)s)") % {"n": n, "col": get_column_letter(column), "label": label}


def _cell_score(value) -> Decimal | None:
    """A score cell as a Decimal (None when empty); ValueError when it is not a finite number."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise ValueError(value)
    try:
        score = Decimal(str(value).strip())  # a float cell through its shortest repr, never Decimal(float)
    except InvalidOperation:
        raise ValueError(value) from None
    if not score.is_finite():
        raise ValueError(value)
    return score


def grid_import(
    *, user, file, department: Department, month: Month, source: str, dims: list[tuple[str, str]]
) -> list[str]:
    """Read the exported layout back; returns errors naming row and column (nothing saved) or []."""
    try:
        wb = load_workbook(file, read_only=True, data_only=False)  # formulas as formulas, to refuse them
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        return [_("This is not an Excel .xlsx file: export the grid and fill that in.")]
    meta = _read_meta(wb)
    problem = _meta_problem(meta, department=department, month=month, source=source)
    if problem:
        return [problem]
    ws = wb[meta["sheet"]] if meta.get("sheet") in wb.sheetnames else wb.worksheets[0]
    cells_of = ws.iter_rows()
    header = [str(c.value).strip() if c.value is not None else "" for c in next(cells_of, ())]
    missing = [label for _c, label in dims if label not in header] + ([] if "工号" in header else ["工号"])
    if missing:
        return [_("Missing columns: %(cols)s.") % {"cols": "、".join(missing)}]
    column_of = {label: header.index(label) for label in [*(lb for _c, lb in dims), "工号", "备注"] if label in header}
    numbers = {e.employee_no: e.pk for e in department.engineers.all()}
    rows, errors, row_of = {}, [], {}
    for n, raw in enumerate(cells_of, start=2):
        raw = list(raw)
        formulas = [c for c in raw if getattr(c, "data_type", None) == "f"]
        if formulas:
            errors += [
                _("%(where)s: a formula; type the number itself.")
                % {"where": _where(n, c.column, header[c.column - 1] if c.column <= len(header) else "")}
                for c in formulas
            ]
            continue
        record = {label: raw[i].value if i < len(raw) else None for label, i in column_of.items()}
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
            try:
                cells[code] = _cell_score(record.get(label))
            except ValueError:
                errors.append(
                    _("%(where)s: %(v)s is not a number.")
                    % {"where": _where(n, column_of[label] + 1, label), "v": str(record.get(label))[:30]}
                )
        rows[numbers[no]], row_of[numbers[no]] = cells, n
    if errors:
        return errors
    try:
        services.grid_save(user=user, department=department, month=month, source=source, rows=rows)
    except GridError as exc:
        labels = dict(dims)
        out = []
        for c in exc.cells:
            label = labels.get(c.dimension, c.dimension)
            where = (
                _where(row_of.get(c.engineer_id, 0), column_of[label] + 1, label)
                if label in column_of
                else _("Row %(n)d") % {"n": row_of.get(c.engineer_id, 0)}
            )
            out.append(f"{where}: {c.message}")
        return out
    except DomainError as exc:
        return [str(exc.message)]
    return []
