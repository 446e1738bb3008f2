"""The attendance machine's Excel export, imported for one month: all rows or none.

Columns are found by their Chinese headers wherever they stand, and other columns (部门,
迟到次数 …) are ignored; the header row may sit under a title, within the first rows of any
sheet. A blank cell is 0. A total row (合计) and blank rows are skipped. Every row is checked,
then the month is saved through the same service as the grid, so the same rules refuse the
same things; each problem is listed with its row, column and header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from zipfile import BadZipFile

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from core.errors import DomainError
from core.uploads import cell_decimal, workbook_size_error
from core.xlsx import keep_text
from engineers.models import Engineer

from .months import Month
from .selectors import payroll_engineers
from .services import ROW, AttendanceGridError, attendance_save, label, value_problem

EMPLOYEE_NO, NAME = "工号", "姓名"
# header → model field, in the template's order (policies.choices.AttendanceKind's)
VALUE_HEADERS = {
    "出勤天数": "days_worked",
    "带薪假天数": "paid_leave_days",
    "病假天数": "sick_leave_days",
    "事假/旷工天数": "unpaid_absence_days",
    "平时加班(小时)": "overtime_weekday_hours",
    "休息日加班(小时)": "overtime_rest_day_hours",
    "节假日加班(小时)": "overtime_holiday_hours",
}
HEADER_OF = {f: h for h, f in VALUE_HEADERS.items()}
HEADERS = [EMPLOYEE_NO, NAME, *VALUE_HEADERS]
REQUIRED = [EMPLOYEE_NO, *VALUE_HEADERS]
TOTAL_WORDS = {"合计", "总计", "小计", "total"}
HEADER_SEARCH_ROWS = 10
# Many attendance machines still export the old binary .xls (an OLE compound file), which openpyxl cannot read.
OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
SHEET = "考勤"


@dataclass(frozen=True)
class RowError:
    row: int  # 0: the file as a whole
    column: str  # the column's letter, "" when the problem is the row's or the file's
    header: str
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    saved: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)
    not_in_file: list[str] = field(default_factory=list)  # on the payroll, no row in the file

    @property
    def ok(self) -> bool:
        return not self.errors


def normalized(header) -> str:
    """A header as the template spells it: no spaces, ASCII brackets and slash."""
    text = "" if header is None else str(header)
    text = re.sub(r"\s+", "", text.replace("\u3000", ""))
    return text.replace("(", "(").replace(")", ")").replace("/", "/").replace("\\", "/")


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


@dataclass
class _Layout:
    sheet: object
    header_row: int
    columns: dict[str, int]  # header → 0-based index


def _find_layout(wb) -> tuple[_Layout | None, str]:
    """The first sheet with a header row holding every required column; else why not."""
    problem = _("No row in the first %(n)d rows of any sheet has the header 工号: use the template's headers.") % {
        "n": HEADER_SEARCH_ROWS
    }
    for ws in wb.worksheets:
        for n, values in enumerate(ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
            headers = [normalized(v) for v in values]
            if EMPLOYEE_NO not in headers:
                continue
            twice = sorted({h for h in headers if h in HEADERS and headers.count(h) > 1})
            if twice:
                problem = _("Sheet %(sheet)s, row %(n)d: the column %(cols)s appears twice.") % {
                    "sheet": ws.title,
                    "n": n,
                    "cols": "、".join(twice),
                }
                break
            missing = [h for h in REQUIRED if h not in headers]
            if missing:
                problem = _("Sheet %(sheet)s, row %(n)d: missing columns %(cols)s: use the template's headers.") % {
                    "sheet": ws.title,
                    "n": n,
                    "cols": "、".join(missing),
                }
                break
            return _Layout(ws, n, {h: headers.index(h) for h in HEADERS if h in headers}), ""
    return None, problem


def _engineer_lookup():
    """Employee no. → engineer, for every engineer; numbers Excel stored without their leading
    zeros (0012 read as 12) are found too when no other number strips to the same."""
    exact = {e.employee_no: e for e in Engineer.objects.all()}
    stripped: dict[str, list] = {}
    for no, e in exact.items():
        stripped.setdefault(no.lstrip("0"), []).append(e)

    def find(no: str):
        if no in exact:
            return exact[no]
        candidates = stripped.get(no.lstrip("0"), []) if no.isdigit() else []
        return candidates[0] if len(candidates) == 1 else None

    return find


def attendance_import(*, user, file, month: Month) -> ImportResult:
    """Import the export for `month`: every row saved, or none and the list of problems."""
    result = ImportResult()
    too_large = workbook_size_error(file)
    if too_large:
        result.errors.append(RowError(0, "", "", too_large))
        return result
    if file.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE:
        result.errors.append(
            RowError(
                0,
                "",
                "",
                _(
                    "This is an old Excel .xls file: open it in Excel, save it as an Excel workbook (.xlsx), "
                    "import that."
                ),
            )
        )
        return result
    file.seek(0)
    try:
        wb = load_workbook(file, read_only=True, data_only=False)  # formulas as formulas, to refuse them
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        result.errors.append(
            RowError(0, "", "", _("This is not an Excel .xlsx file: download the template and fill it in."))
        )
        return result
    try:
        layout, problem = _find_layout(wb)
        if layout is None:
            result.errors.append(RowError(0, "", "", problem))
            return result
        rows, row_of = _read_rows(layout, result)
    finally:
        wb.close()
    if result.errors:
        return result
    try:
        saved = attendance_save(user=user, month=month, rows=rows, reason=_reason(file))
    except AttendanceGridError as exc:
        for cell in exc.cells:
            result.errors.append(_cell_error(layout, row_of.get(cell.engineer_id, 0), cell.field, cell.message))
        result.errors.sort(key=lambda e: (e.row, e.column))
        return result
    except DomainError as exc:
        result.errors.append(RowError(0, "", "", str(exc.message)))
        return result
    result.saved = len(saved.saved)
    result.unchanged = saved.unchanged
    result.warnings = [w.message for w in saved.warnings]
    result.not_in_file = [str(e) for e in payroll_engineers(month).exclude(pk__in=rows)]
    return result


def _reason(file) -> str:
    name = str(getattr(file, "name", "") or "")
    return f"考勤机导入 {name}"[:100]


def _cell_error(layout: _Layout, row: int, name: str, message: str) -> RowError:
    header = EMPLOYEE_NO if name == ROW else HEADER_OF.get(name, "")
    if not header:  # the days' total: the message names its four columns
        return RowError(row, "", "", message)
    return RowError(row, get_column_letter(layout.columns[header] + 1), header, message)


def _read_rows(layout: _Layout, result: ImportResult):
    """engineer id → {field: value} from the data rows, and the row each came from."""
    find = _engineer_lookup()
    columns = layout.columns
    limit = settings.ATTENDANCE_IMPORT_MAX_ROWS
    rows: dict[int, dict[str, Decimal]] = {}
    row_of: dict[int, int] = {}
    counted = blank_rows = 0

    def error(n: int, header: str, message: str) -> None:
        result.errors.append(RowError(n, get_column_letter(columns[header] + 1), header, message))

    for n, cells in enumerate(layout.sheet.iter_rows(min_row=layout.header_row + 1), start=layout.header_row + 1):
        cells = list(cells)

        def cell(header: str, cells=cells):
            i = columns.get(header)
            return cells[i] if i is not None and i < len(cells) else None

        def value(header: str, cells=cells):
            c = cell(header, cells)
            return None if c is None else c.value

        no, name = _text(value(EMPLOYEE_NO)), _text(value(NAME))
        numbers = [value(h) for h in VALUE_HEADERS]
        if not no and (all(_blank(v) for v in numbers) or name.lower() in TOTAL_WORDS):
            blank_rows += 1
            if blank_rows > 10 * limit:
                break
            continue
        counted += 1
        if counted > limit:
            result.errors = [
                RowError(
                    0,
                    "",
                    "",
                    _("The file has more than the %(max)d rows allowed in one import: split the file.")
                    % {"max": limit},
                )
            ]
            return {}, {}
        if not no:
            error(n, EMPLOYEE_NO, _("工号 is required on a row with attendance."))
            continue
        engineer = find(no)
        if engineer is None:
            error(n, EMPLOYEE_NO, _("No engineer has the employee no. %(no)s.") % {"no": no[:30]})
            continue
        if engineer.pk in row_of:
            error(
                n,
                EMPLOYEE_NO,
                _("%(engineer)s appears twice: rows %(first)d and %(n)d.")
                % {"engineer": engineer, "first": row_of[engineer.pk], "n": n},
            )
            continue
        row_of[engineer.pk] = n
        if name and NAME in columns and re.sub(r"\s+", "", name) != re.sub(r"\s+", "", engineer.name):
            error(
                n,
                NAME,
                _("%(name)s does not match employee no. %(no)s, who is %(real)s: check the row.")
                % {"name": name[:30], "no": engineer.employee_no, "real": engineer.name},
            )
        values: dict[str, Decimal] = {}
        for header, field_name in VALUE_HEADERS.items():
            c = cell(header)
            if c is not None and getattr(c, "data_type", None) == "f":
                error(n, header, _("%(header)s is a formula: type the number itself.") % {"header": header})
                continue
            raw = None if c is None else c.value
            try:
                number = Decimal(0) if _blank(raw) else cell_decimal(raw, max_digits=8, places=4)
            except ValueError as exc:
                error(n, header, _("%(field)s: %(problem)s") % {"field": label(field_name), "problem": exc})
                continue
            problem = value_problem(field_name, number)  # the service checks again; here every cell is told at once
            if problem:
                error(n, header, problem)
                continue
            values[field_name] = number
        rows[engineer.pk] = values
    return rows, row_of


def template_workbook(month: Month) -> Workbook:
    """The export's layout: the headers, and a row per engineer on the payroll for `month`."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(HEADERS)
    for c in ws[1]:
        c.font, c.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for e in payroll_engineers(month):
        ws.append([e.employee_no, e.name])
        keep_text(ws[ws.max_row])
    for i, header in enumerate(HEADERS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(10, len(header) * 2 + 2)
    notes = wb.create_sheet("说明")
    for line in (
        f"{month} 考勤导入模板:第一行是表头,列的顺序可以调换,多出的列(部门、迟到次数等)会被忽略。",
        "天数可以是半天(0.5 的倍数);加班按小时,保留一位小数;空白单元格按 0 计。",
        "出勤天数 + 带薪假天数 + 病假天数 + 事假/旷工天数 不得超过当月在职天数。",
        "当月加班合计超过 36 小时(劳动法第四十一条)时照常导入并提示。",
        "导入前会校验全部行:有任何一行出错,则全部不导入,并列出出错的行号、列和原因。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    return wb
