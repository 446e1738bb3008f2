"""Excel import of work orders with their piece-rate lines and participants.

One workbook, three sheets: 工单 (one row per order), 计件明细 (one row per line),
参与人员 (one row per participant). Every row is validated and every order is
priced before anything is kept; one bad row and nothing is saved, and the result
lists each bad row with its sheet, row number, field and reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from zipfile import BadZipFile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from core.errors import DomainError
from core.uploads import cell_decimal, workbook_size_error
from engineers.models import Crew, Department, Engineer

from . import services
from .models import OrderType, PieceRateItem, PieceRateTableStatus, SplitMethod, WorkOrder

ORDER_SHEET, LINE_SHEET, PEOPLE_SHEET = "工单", "计件明细", "参与人员"

# (header, key, required)
ORDER_COLUMNS = [
    ("工单号", "number", True),
    ("类型", "order_type", True),
    ("特殊重点工程", "is_special", False),
    ("部门编码", "department", True),
    ("施工组编码", "crew", False),
    ("客户", "customer_name", True),
    ("客户电话", "customer_phone", False),
    ("地址", "site_address", True),
    ("报修时间", "reported_at", True),
    ("响应时间", "responded_at", False),
    ("到达时间", "arrived_at", False),
    ("完成时间", "resolved_at", False),
    ("客户满意度", "csat_score", False),
    ("客户签字", "customer_signed", False),
    ("返修原工单号", "repeat_of", False),
    ("分配方式", "split_method", False),
]
LINE_COLUMNS = [("工单号", "number", True), ("计件项目编码", "item_code", True), ("数量", "quantity", True)]
PEOPLE_COLUMNS = [
    ("工单号", "number", True),
    ("工号", "employee_no", True),
    ("工期天数", "days_worked", True),
    ("分配比例%", "split_pct", False),
]

TYPE_WORDS = {"安装": OrderType.INSTALLATION, "维修": OrderType.REPAIR, "保养": OrderType.MAINTENANCE}
TYPE_WORDS.update({v.value: v for v in OrderType})
SPLIT_WORDS = {"按天数": SplitMethod.BY_DAYS, "自定比例": SplitMethod.CUSTOM, "": SplitMethod.BY_DAYS}
SPLIT_WORDS.update({v.value: v for v in SplitMethod})
YES = {"是", "y", "yes", "true", "1", "√"}
NO = {"否", "n", "no", "false", "0", ""}


@dataclass(frozen=True)
class RowError:
    sheet: str
    row: int
    field: str
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class _RowInvalid(Exception):
    pass


class _RowBudget:
    """The rows one import may hold, shared by its sheets. Blank rows do not count as rows but
    cost reading time, so they are capped too (at ten times the limit)."""

    def __init__(self, max_rows: int):
        self.max_rows = max_rows
        self.rows = 0
        self.blank = 0
        self.exceeded = False

    def take(self, blank: bool) -> bool:
        """Count one row; False once the import is over its limit (stop reading)."""
        if blank:
            self.blank += 1
        else:
            self.rows += 1
        self.exceeded = self.rows > self.max_rows or self.blank > 10 * self.max_rows
        return not self.exceeded


class _Reader:
    """Reads one sheet's rows as dicts keyed by column key, recording field errors. Rows are
    streamed and counted against the import's budget: reading stops at the first row over it."""

    def __init__(self, wb, sheet: str, columns, result: ImportResult, budget: _RowBudget):
        self.sheet, self.columns, self.result = sheet, columns, result
        if sheet not in wb.sheetnames:
            result.errors.append(
                RowError(sheet, 0, "", _("The workbook has no sheet named %(s)s: use the template.") % {"s": sheet})
            )
            self.rows = []
            return
        rows = wb[sheet].iter_rows(values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        missing = [h for h, _k, _r in columns if h not in header]
        if missing:
            result.errors.append(
                RowError(sheet, 1, "、".join(missing), _("Missing columns: use the template's headers."))
            )
            self.rows = []
            return
        index = {h: header.index(h) for h, _k, _r in columns}
        self.rows = []
        for n, values in enumerate(rows, start=2):
            blank = values is None or all(v is None or str(v).strip() == "" for v in values)
            if not budget.take(blank):
                self.rows = []
                return
            if blank:
                continue
            self.rows.append((n, {k: values[index[h]] if index[h] < len(values) else None for h, k, _r in columns}))

    def error(self, row: int, key: str, message: str) -> None:
        header = next(h for h, k, _r in self.columns if k == key) if key else ""
        self.result.errors.append(RowError(self.sheet, row, header, message))

    def required(self, row: int, values: dict) -> None:
        for _header, key, needed in self.columns:
            if needed and _blank(values.get(key)):
                self.error(row, key, _("This field is required."))
                raise _RowInvalid


def _blank(value) -> bool:
    return value is None or str(value).strip() == ""


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _datetime(value) -> datetime | None:
    if _blank(value):
        return None
    if isinstance(value, datetime):
        naive = value
    elif isinstance(value, date):
        naive = datetime(value.year, value.month, value.day)
    else:
        for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d"):
            try:
                naive = datetime.strptime(str(value).strip(), fmt)
                break
            except ValueError:
                continue
        else:
            raise ValueError(_("%(v)s is not a date and time like 2026-11-21 09:30.") % {"v": value})
    return timezone.make_aware(naive) if timezone.is_naive(naive) else naive


def _bool(value) -> bool:
    word = _text(value).lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(_("Write 是 or 否."))


def _parse_orders(reader: _Reader, lookups) -> dict[str, tuple[int, WorkOrder]]:
    orders: dict[str, tuple[int, WorkOrder]] = {}
    converters = {
        "reported_at": _datetime,
        "responded_at": _datetime,
        "arrived_at": _datetime,
        "resolved_at": _datetime,
        "is_special": _bool,
        "customer_signed": _bool,
    }
    for row, values in reader.rows:
        try:
            reader.required(row, values)
        except _RowInvalid:
            continue
        number = _text(values["number"])
        if number in orders:
            reader.error(row, "number", _("Work order %(n)s appears twice in this sheet.") % {"n": number})
            continue
        if number in lookups["existing"]:
            reader.error(row, "number", _("Work order %(n)s already exists.") % {"n": number})
            continue
        wo = WorkOrder(number=number)
        bad = False
        for key, convert in converters.items():
            try:
                setattr(wo, key, convert(values[key]))
            except ValueError as exc:
                reader.error(row, key, str(exc))
                bad = True
        for key, table, label in (
            ("order_type", TYPE_WORDS, _("Use 安装, 维修 or 保养.")),
            ("split_method", SPLIT_WORDS, _("Use 按天数 or 自定比例.")),
        ):
            word = _text(values[key])
            if word not in table:
                reader.error(row, key, label)
                bad = True
            else:
                setattr(wo, key, table[word])
        department = lookups["departments"].get(_text(values["department"]))
        if department is None:
            reader.error(row, "department", _("No department has the code %(c)s.") % {"c": _text(values["department"])})
            bad = True
        wo.department = department
        crew_code = _text(values["crew"])
        if crew_code:
            wo.crew = lookups["crews"].get(crew_code)
            if wo.crew is None:
                reader.error(row, "crew", _("No crew has the code %(c)s.") % {"c": crew_code})
                bad = True
        repeat = _text(values["repeat_of"])
        if repeat:
            wo.repeat_of = lookups["existing"].get(repeat)
            if wo.repeat_of is None:
                reader.error(row, "repeat_of", _("No work order has the number %(n)s.") % {"n": repeat})
                bad = True
        if not _blank(values["csat_score"]):
            try:
                wo.csat_score = int(cell_decimal(values["csat_score"], max_digits=5, places=2))
            except ValueError as exc:
                reader.error(row, "csat_score", str(exc))
                bad = True
        wo.customer_name = _text(values["customer_name"])
        wo.customer_phone = _text(values["customer_phone"])
        wo.site_address = _text(values["site_address"])
        if bad:
            continue
        try:
            wo.full_clean(validate_unique=False)
        except ValidationError as exc:
            for key, msgs in exc.message_dict.items():
                known = key if any(k == key for _h, k, _r in ORDER_COLUMNS) else ""
                reader.error(row, known, " ".join(msgs))
            continue
        orders[number] = (row, wo)
    return orders


def _parse_children(reader: _Reader, listed: set[str], valid: set[str], parse_row) -> dict[str, list]:
    """Rows of the line and participant sheets. Every row is checked on its own, even
    when its order has errors, so one pass reports every problem."""
    children: dict[str, list] = defaultdict(list)
    for row, values in reader.rows:
        try:
            reader.required(row, values)
            number = _text(values["number"])
            if number not in listed:
                reader.error(row, "number", _("Work order %(n)s is not in the 工单 sheet.") % {"n": number})
                continue
            parsed = parse_row(row, values)
        except _RowInvalid:
            continue
        if number in valid:
            children[number].append((row, parsed))
    return children


def work_orders_import(*, user, file) -> ImportResult:
    """Import the workbook: all orders or none. Returns the row errors, if any."""
    result = ImportResult()
    too_large = workbook_size_error(file)
    if too_large:
        result.errors.append(RowError("", 0, "", too_large))
        return result
    try:
        wb = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        result.errors.append(
            RowError("", 0, "", _("This is not an Excel .xlsx file: download the template and fill it in."))
        )
        return result

    lookups = {
        "departments": {d.code: d for d in Department.objects.all()},
        "crews": {c.code: c for c in Crew.objects.all()},
        "existing": {w.number: w for w in WorkOrder.objects.only("id", "number")},
        "engineers": {e.employee_no: e for e in Engineer.objects.all()},
        "item_codes": set(
            PieceRateItem.objects.filter(table__status=PieceRateTableStatus.ACTIVE).values_list("code", flat=True)
        ),
    }
    budget = _RowBudget(settings.WORKORDER_IMPORT_MAX_ROWS)
    readers = []
    for sheet, columns in ((ORDER_SHEET, ORDER_COLUMNS), (LINE_SHEET, LINE_COLUMNS), (PEOPLE_SHEET, PEOPLE_COLUMNS)):
        readers.append(_Reader(wb, sheet, columns, result, budget))
        if budget.exceeded:
            wb.close()
            result.errors = [
                RowError(
                    sheet,
                    0,
                    "",
                    _("The file has more than the %(max)d rows allowed in one import: split the file.")
                    % {"max": settings.WORKORDER_IMPORT_MAX_ROWS},
                )
            ]
            return result
    wb.close()
    order_reader, line_reader, people_reader = readers
    orders = _parse_orders(order_reader, lookups)

    def parse_line(row, values):
        code = _text(values["item_code"])
        if code not in lookups["item_codes"]:
            line_reader.error(row, "item_code", _("No piece-rate table in force has the item %(c)s.") % {"c": code})
            raise _RowInvalid
        try:
            quantity = cell_decimal(values["quantity"], max_digits=10, places=2)
        except ValueError as exc:
            line_reader.error(row, "quantity", str(exc))
            raise _RowInvalid from None
        if quantity <= 0:
            line_reader.error(row, "quantity", _("Quantity must be greater than 0."))
            raise _RowInvalid
        return services.LineInput(code, quantity)

    def parse_person(row, values):
        engineer = lookups["engineers"].get(_text(values["employee_no"]))
        if engineer is None:
            people_reader.error(
                row, "employee_no", _("No engineer has the employee no. %(c)s.") % {"c": _text(values["employee_no"])}
            )
            raise _RowInvalid
        numbers = {}
        for key, digits, places in (("days_worked", 5, 1), ("split_pct", 5, 2)):
            if key == "split_pct" and _blank(values[key]):
                numbers[key] = None
                continue
            try:
                numbers[key] = cell_decimal(values[key], max_digits=digits, places=places)
            except ValueError as exc:
                people_reader.error(row, key, str(exc))
                raise _RowInvalid from None
        days, pct = numbers["days_worked"], numbers["split_pct"]
        if days < 0:
            people_reader.error(row, "days_worked", _("Days worked cannot be negative."))
            raise _RowInvalid
        if pct is not None and not (0 <= pct <= 100):
            people_reader.error(row, "split_pct", _("A split percentage must be between 0 and 100."))
            raise _RowInvalid
        return services.ParticipantInput(engineer, days, pct)

    listed = {_text(values["number"]) for _row, values in order_reader.rows}
    lines = _parse_children(line_reader, listed, set(orders), parse_line)
    people = _parse_children(people_reader, listed, set(orders), parse_person)
    mentioned = {_text(values["number"]) for _row, values in line_reader.rows}
    for number, (row, _wo) in orders.items():
        if number not in mentioned:
            order_reader.error(row, "number", _("Work order %(n)s has no rows in the 计件明细 sheet.") % {"n": number})

    # Save every order (pricing may still refuse one); roll all back on any error.
    with transaction.atomic():
        for number, (row, wo) in orders.items():
            if not lines.get(number):
                continue
            try:
                with transaction.atomic():
                    services.work_order_save(
                        user=user,
                        work_order=wo,
                        lines=[line for _r, line in lines[number]],
                        participants=[p for _r, p in people.get(number, [])],
                    )
                    result.created.append(number)
            except DomainError as exc:
                order_reader.error(row, "number", f"{number}: {exc.message}")
        if result.errors:
            result.created.clear()
            transaction.set_rollback(True)
    result.errors.sort(key=lambda e: ([ORDER_SHEET, LINE_SHEET, PEOPLE_SHEET, ""].index(e.sheet), e.row))
    return result


def import_template_workbook() -> Workbook:
    """The template: three sheets with headers and one example order, plus instructions."""
    wb = Workbook()
    header_font, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    example = {
        ORDER_SHEET: [
            "WO-EXAMPLE-001",
            "安装",
            "否",
            Department.objects.values_list("code", flat=True).first() or "D01",
            Crew.objects.values_list("code", flat=True).first() or "",
            "张先生",
            "13800000000",
            "佛山市南海区桂城街道1号",
            "2026-11-02 09:00",
            "2026-11-02 09:20",
            "2026-11-02 11:00",
            "2026-11-03 17:00",
            95,
            "是",
            "",
            "按天数",
        ],
        LINE_SHEET: [
            "WO-EXAMPLE-001",
            PieceRateItem.objects.filter(table__status="active").values_list("code", flat=True).first() or "INS-01",
            1,
        ],
        PEOPLE_SHEET: [
            "WO-EXAMPLE-001",
            Engineer.objects.values_list("employee_no", flat=True).first() or "E0001",
            2,
            "",
        ],
    }
    for i, (title, columns) in enumerate(
        ((ORDER_SHEET, ORDER_COLUMNS), (LINE_SHEET, LINE_COLUMNS), (PEOPLE_SHEET, PEOPLE_COLUMNS))
    ):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append([h for h, _k, _r in columns])
        for cell in ws[1]:
            cell.font, cell.fill = header_font, fill
        ws.append(example[title])
        for col in ws.columns:
            ws.column_dimensions[col[0].column_letter].width = 16
    notes = wb.create_sheet("说明")
    for line in (
        "每张工作表第一行是表头,请勿修改;示例行请替换为真实数据。",
        "类型:安装 / 维修 / 保养;特殊重点工程、客户签字:是 / 否;分配方式:按天数 / 自定比例。",
        "时间格式:2026-11-21 09:30;客户满意度 0–100。",
        "计件明细的单价取完成日当天生效的计件标准;自定比例时每人都要填写分配比例%,合计 100。",
        "导入前会校验全部行:有任何一行出错,则全部不导入,并列出出错的工作表、行号、字段和原因。",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    return wb
