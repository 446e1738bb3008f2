"""A month's franchisee pick-up from Excel: all rows or none, each problem by row and column.

Columns are found by their Chinese headers wherever they stand (other columns ignored, the header row may sit
under a title, within the first rows of any sheet): 加盟商编号 (required), 加盟商名称 (checked when given),
销售额 (sales at list price, required) and 折扣 (optional: blank is the franchisee's own discount; 0.65 or
65% as Excel stores a percentage cell, i.e. a number from 0 to 1). A total row (合计) and blank rows are
skipped; a formula is refused. The rows are saved through the same service as the grid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from zipfile import BadZipFile

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.errors import DomainError
from core.uploads import cell_decimal, workbook_size_error
from core.xlsx import keep_text

from .errors import PickupGridError
from .models import Franchisee
from .months import label
from .selectors import grid_rows
from .services import DISCOUNT, SALES, pickup_problems, pickups_save

CODE, NAME, SALES_H, DISCOUNT_H = "加盟商编号", "加盟商名称", "销售额", "折扣"
HEADERS = [CODE, NAME, SALES_H, DISCOUNT_H]
REQUIRED = [CODE, SALES_H]
HEADER_OF = {SALES: SALES_H, DISCOUNT: DISCOUNT_H, "": CODE}
TOTAL_WORDS = {"合计", "总计", "小计", "total"}
HEADER_ROWS = 10
MAX_ROWS = 5000
SHEET = "提货额"


@dataclass(frozen=True)
class RowError:
    row: int  # 0: the file as a whole
    column: str
    header: str
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    saved: int = 0
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _norm(value) -> str:
    return re.sub(r"\s+", "", "" if value is None else str(value)).replace("(", "(").replace(")", ")")


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _layout(wb):
    problem = _(
        "No row in the first %(n)d rows of any sheet has the header 加盟商编号: use the template's headers."
    ) % {"n": HEADER_ROWS}
    for ws in wb.worksheets:
        for n, values in enumerate(ws.iter_rows(max_row=HEADER_ROWS, values_only=True), start=1):
            headers = [_norm(v) for v in values]
            if CODE not in headers:
                continue
            missing = [h for h in REQUIRED if h not in headers]
            if missing:
                return None, _("Sheet %(sheet)s, row %(n)d: missing columns %(cols)s: use the template's headers.") % {
                    "sheet": ws.title,
                    "n": n,
                    "cols": "、".join(missing),
                }
            return (ws, n, {h: headers.index(h) for h in HEADERS if h in headers}), ""
    return None, problem


def pickups_import(*, user, file, month: date) -> ImportResult:
    """Import `month`'s pick-up: every row saved, or none and the list of problems."""
    result = ImportResult()
    too_large = workbook_size_error(file)
    if too_large:
        result.errors.append(RowError(0, "", "", too_large))
        return result
    try:
        wb = load_workbook(file, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        result.errors.append(
            RowError(0, "", "", _("This is not an Excel .xlsx file: download the template and fill it in."))
        )
        return result
    try:
        layout, problem = _layout(wb)
        if layout is None:
            result.errors.append(RowError(0, "", "", problem))
            return result
        rows, row_of = _read(layout, result)
    finally:
        wb.close()
    if result.errors:
        return result
    if not rows:
        result.errors.append(RowError(0, "", "", _("The file has no rows with pick-up.")))
        return result
    columns = layout[2]
    try:
        saved = pickups_save(user=user, month=month, rows=rows)
    except PickupGridError as exc:
        for fid, name, message in exc.cells:
            header = HEADER_OF[name]
            result.errors.append(
                RowError(row_of.get(fid, 0), get_column_letter(columns[header] + 1), header, str(message))
            )
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result
    except DomainError as exc:
        result.errors.append(RowError(0, "", "", str(exc.message)))
        return result
    result.saved, result.unchanged = saved.saved, saved.unchanged
    return result


def _read(layout, result: ImportResult):
    sheet, header_row, columns = layout
    by_code = {f.code: f for f in Franchisee.objects.all()}
    rows: dict[int, tuple] = {}
    row_of: dict[int, int] = {}
    counted = 0

    def error(n, header, message):
        result.errors.append(RowError(n, get_column_letter(columns[header] + 1), header, message))

    for n, cells in enumerate(sheet.iter_rows(min_row=header_row + 1), start=header_row + 1):
        cells = list(cells)

        def cell(header, cells=cells):
            i = columns.get(header)
            return cells[i] if i is not None and i < len(cells) else None

        def value(header):
            c = cell(header)
            return None if c is None else c.value

        code, name = _text(value(CODE)), _text(value(NAME))
        if not code and (_blank(value(SALES_H)) or name.lower() in TOTAL_WORDS or code.lower() in TOTAL_WORDS):
            continue
        counted += 1
        if counted > MAX_ROWS:
            result.errors = [
                RowError(0, "", "", _("The file has more than %(max)d rows: split it.") % {"max": MAX_ROWS})
            ]
            return {}, {}
        if not code:
            error(n, CODE, _("加盟商编号 is required on a row with sales."))
            continue
        franchisee = by_code.get(code)
        if franchisee is None:
            error(n, CODE, _("No franchisee has the code %(code)s.") % {"code": code[:30]})
            continue
        if franchisee.pk in row_of:
            error(
                n,
                CODE,
                _("%(f)s appears twice: rows %(first)d and %(n)d.")
                % {"f": franchisee, "first": row_of[franchisee.pk], "n": n},
            )
            continue
        row_of[franchisee.pk] = n
        if name and NAME in columns and _norm(name) != _norm(franchisee.name):
            error(
                n,
                NAME,
                _("%(name)s does not match code %(code)s, which is %(real)s: check the row.")
                % {"name": name[:30], "code": code, "real": franchisee.name},
            )
        numbers = {}
        for header, places in ((SALES_H, 2), (DISCOUNT_H, 4)):
            c = cell(header)
            if c is not None and getattr(c, "data_type", None) == "f":
                error(n, header, _("%(header)s is a formula: type the number itself.") % {"header": header})
                continue
            raw = None if c is None else c.value
            if _blank(raw):
                numbers[header] = None
                continue
            try:
                numbers[header] = cell_decimal(raw, max_digits=14 if header == SALES_H else 5, places=places)
            except ValueError as exc:
                error(n, header, f"{header}: {exc}")
        if SALES_H not in numbers or DISCOUNT_H not in numbers:
            continue
        problem = pickup_problems(numbers[SALES_H], numbers[DISCOUNT_H])
        if problem:
            error(n, HEADER_OF[problem[0]], problem[1])
            continue
        rows[franchisee.pk] = (numbers[SALES_H], numbers[DISCOUNT_H])
    return rows, row_of


def template_workbook(month: date) -> Workbook:
    """The headers and a row per franchisee of the month's grid, with its own discount."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(HEADERS)
    for c in ws[1]:
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for row in grid_rows(month, Franchisee.objects.all()):
        ws.append(
            [row.franchisee.code, row.franchisee.name, row.pickup.sales_amount if row.pickup else None, row.discount]
        )
        keep_text(ws[ws.max_row])
        ws.cell(ws.max_row, 4).number_format = "0.00%"
    for i, width in enumerate((14, 24, 16, 10), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    notes = wb.create_sheet("说明")
    for line in (
        f"{label(month)} 加盟商提货额导入模板:第一行是表头,列的顺序可以调换,多出的列会被忽略。",
        "销售额为按价目表计的当月销售额(元,最多两位小数);折扣为 0–100%,空白则用加盟商的默认折扣。",
        "提货额 = 销售额 × 折扣,每个加盟商四舍五入到分;售后客服按所服务加盟商的提货额合计定档提成。",
        "导入前会校验全部行:有任何一行出错,则全部不导入,并列出出错的行号、列和原因。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    return wb
