"""The attendance machine's Excel export: tolerant of layout, all or nothing, errors by row and column."""

from datetime import date
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from attendance.imports import RowError, attendance_import
from attendance.models import AttendanceMonth
from attendance.months import Month
from attendance.tests.html import one, parse, text
from engineers.models import Engineer
from ledger.models import PayPeriod

pytestmark = pytest.mark.django_db
NOV = Month(2026, 11)
# The export of a typical attendance machine: a title over the header, its own column order,
# columns the import ignores (部门, 迟到次数, 早退次数), and a total row with formulas at the bottom.
MACHINE_HEADER = [
    "序号",
    "部门",
    "姓名",
    "工号",
    "出勤天数",
    "迟到次数",
    "早退次数",
    "病假天数",
    "带薪假天数",
    "事假/旷工天数",
    "休息日加班(小时)",
    "平时加班(小时)",
    "节假日加班(小时)",
]


def machine_export(rows, header=MACHINE_HEADER, total_row=True) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "考勤汇总"
    ws.append(["考勤汇总表 2026-11-01 至 2026-11-30"])
    ws.append(["制表:考勤机 ZK-3000"])
    ws.append(header)
    for i, row in enumerate(rows, start=1):
        ws.append([i, *row])
    if total_row:
        last = ws.max_row
        ws.append([None, None, "合计", None, f"=SUM(E4:E{last})", f"=SUM(F4:F{last})"])
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="考勤汇总-2026-11.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/vnd.ms-excel")


#        部门       姓名    工号   出勤  迟到 早退 病假  带薪 事假  休息日 平时 节假日
GOOD = [
    ("安装部", "张伟", "E001", 21, 2, 0, None, None, None, 8, 4.5, None),
    ("安装部", "李娜", "E002", 18.5, 0, 1, 1.5, 1, None, None, 2, 8),
    ("维修部", "王强", "E003", 20, 0, 0, 0, 0, 1, 0, 0, 0),
]


def values(engineer):
    row = AttendanceMonth.objects.get(engineer=engineer, year=2026, month=11)
    return (
        row.days_worked,
        row.paid_leave_days,
        row.sick_leave_days,
        row.unpaid_absence_days,
        row.overtime_weekday_hours,
        row.overtime_rest_day_hours,
        row.overtime_holiday_hours,
    )


def test_the_machines_export_is_read_by_header_whatever_its_layout(company):
    result = attendance_import(user=company.hr, file=upload(machine_export(GOOD)), month=NOV)
    assert result.errors == []
    assert (result.saved, result.not_in_file) == (3, ["赵敏(E004)"])
    assert values(company.zhang) == (D(21), D(0), D(0), D(0), D("4.5"), D(8), D(0))
    assert values(company.li) == (D("18.5"), D(1), D("1.5"), D(0), D(2), D(0), D(8))
    assert values(company.wang) == (D(20), D(0), D(0), D(1), D(0), D(0), D(0))
    history = AttendanceMonth.objects.get(engineer=company.li).history.get()
    assert (history.history_user, history.history_change_reason) == (company.hr, "考勤机导入 考勤汇总-2026-11.xlsx")
    # the same file again changes nothing
    again = attendance_import(user=company.hr, file=upload(machine_export(GOOD)), month=NOV)
    assert (again.saved, again.unchanged) == (0, 3)


def test_every_bad_row_is_listed_by_row_and_column_and_nothing_is_imported(company):
    with translation.override("en"):
        rows = [
            GOOD[0],
            ("安装部", "李娜", "E002", 18, 0, 0, 0.3, None, None, None, -2, None),  # row 5
            ("维修部", "王五", "E003", 20, 0, 0, 0, 0, 0, 0, 0, 0),  # row 6: 王强's number, another name
            ("安装部", "张伟", "E001", 21, 0, 0, 0, 0, 0, 0, 0, 0),  # row 7: twice
            ("安装部", "无名", "E999", 21, 0, 0, 0, 0, 0, 0, 0, 0),  # row 8: unknown
            ("安装部", "赵敏", "E004", 25, 0, 0, 0, 6, 0, 0, "十", 0),  # row 9: not a number
        ]
        result = attendance_import(user=company.hr, file=upload(machine_export(rows)), month=NOV)
    assert result.errors == [
        RowError(5, "H", "病假天数", "Sick leave days: 0.3 is not a whole or half day: use steps of 0.5, like 20.5."),
        RowError(5, "L", "平时加班(小时)", "Weekday overtime hours cannot be negative (-2): enter 0 or more."),
        RowError(6, "C", "姓名", "王五 does not match employee no. E003, who is 王强: check the row."),
        RowError(7, "D", "工号", "张伟(E001) appears twice: rows 4 and 7."),
        RowError(8, "D", "工号", "No engineer has the employee no. E999."),
        RowError(9, "L", "平时加班(小时)", "Weekday overtime hours: 十 is not a number."),
    ]
    assert not AttendanceMonth.objects.exists()


def test_the_services_rules_come_back_with_their_row_and_column(company):
    left = Engineer.objects.create(
        employee_no="E020",
        name="吴磊",
        department=company.d2,
        hire_date=date(2020, 1, 1),
        status="left",
        leaving_date=date(2026, 10, 31),
    )
    rows = [
        GOOD[0],
        ("安装部", "李娜", "E002", 25, 0, 0, 0, 6, 0, 0, 0, 0),  # row 5: 31 days
        ("维修部", "吴磊", "E020", 5, 0, 0, 0, 0, 0, 0, 0, 0),  # row 6: left in October
    ]
    with translation.override("en"):
        result = attendance_import(user=company.hr, file=upload(machine_export(rows)), month=NOV)
    assert result.errors == [
        RowError(
            5,
            "",
            "",
            "Days worked + Paid leave days + Sick leave days + Unpaid absence days = 31 days, "
            "more than the 30 days of 2026-11.",
        ),
        RowError(6, "D", "工号", f"{left} is not on the payroll in 2026-11 (hired 2020-01-01, left 2026-10-31)."),
    ]
    assert not AttendanceMonth.objects.exists()


def test_missing_columns_are_named(company):
    header = [h for h in MACHINE_HEADER if h not in ("病假天数", "节假日加班(小时)")]
    result = attendance_import(user=company.hr, file=upload(machine_export([], header=header)), month=NOV)
    assert [e.message for e in result.errors] == [
        "工作表 考勤汇总 第 3 行:缺少列 病假天数、节假日加班(小时):请使用模板的表头。"
    ]


def test_a_formula_in_a_value_cell_is_refused(company):
    wb = load_workbook(BytesIO(machine_export(GOOD, total_row=False)))
    wb.active["E4"] = "=20+1"
    buffer = BytesIO()
    wb.save(buffer)
    result = attendance_import(user=company.hr, file=upload(buffer.getvalue()), month=NOV)
    assert [(e.row, e.column, e.header) for e in result.errors] == [(4, "E", "出勤天数")]
    assert "公式" in result.errors[0].message


def test_a_closed_month_imports_nothing(company):
    PayPeriod.objects.create(year=2026, month=11, status="closed")
    result = attendance_import(user=company.hr, file=upload(machine_export(GOOD)), month=NOV)
    assert [e.message for e in result.errors] == ["工资期间 2026-11 已结算,该月考勤不能再修改。"]
    assert not AttendanceMonth.objects.exists()


def test_a_file_that_is_no_workbook_is_refused_and_an_old_xls_is_told_how_to_convert(company):
    result = attendance_import(user=company.hr, file=upload(b"not a zip"), month=NOV)
    assert [e.message for e in result.errors] == ["这不是 Excel .xlsx 文件,请下载模板填写。"]
    old = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512  # the start of a binary .xls
    result = attendance_import(user=company.hr, file=upload(old, "考勤.xls"), month=NOV)
    assert [e.message for e in result.errors] == [
        "这是旧版 Excel .xls 文件:请在 Excel 中打开,另存为“Excel 工作簿(.xlsx)”后再导入。"
    ]


def test_the_import_page_lists_the_errors_by_row_and_column(client, company):
    client.force_login(company.hr)
    bad = [("安装部", "李娜", "E002", 18, 0, 0, 0.3, None, None, None, None, None)]
    response = client.post("/attendance/import/", {"month": "2026-11", "file": upload(machine_export(bad))})
    assert response.status_code == 400
    page = parse(response)
    assert "未导入任何数据:发现 1 个问题。" in text(one(page, '//*[@data-testid="import-errors"]'))
    cells = [text(td) for td in page.xpath('//*[@data-testid="import-errors"]//tbody/tr/td')]
    assert cells == ["4", "H(病假天数)", "病假天数:0.3 不是整天或半天:请以 0.5 为单位,如 20.5。"]
    assert not AttendanceMonth.objects.exists()


def test_the_import_page_saves_the_month_and_says_who_was_not_in_the_file(client, company):
    client.force_login(company.hr)
    data = {"month": "2026-11", "file": upload(machine_export(GOOD))}
    response = client.post("/attendance/import/", data, follow=True)
    assert response.redirect_chain[-1][0] == "/attendance/grid/?month=2026-11"
    alerts = " ".join(text(a) for a in parse(response).xpath('//*[@role="alert"]'))
    assert "2026-11 考勤已导入:3 行有变化" in alerts
    assert "赵敏(E004)" in alerts
    assert AttendanceMonth.objects.count() == 3


def test_the_template_lists_the_payroll_and_imports_back_once_filled(client, company):
    client.force_login(company.hr)
    response = client.get("/attendance/import/template.xlsx", {"month": "2026-11"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    wb = load_workbook(BytesIO(response.content))
    ws = wb["考勤"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == (
        "工号",
        "姓名",
        "出勤天数",
        "带薪假天数",
        "病假天数",
        "事假/旷工天数",
        "平时加班(小时)",
        "休息日加班(小时)",
        "节假日加班(小时)",
    )
    assert [r[:2] for r in rows[1:]] == [("E001", "张伟"), ("E002", "李娜"), ("E003", "王强"), ("E004", "赵敏")]
    for n in range(2, 6):
        ws.cell(n, 3, 21)
    ws.cell(3, 5, 0.5)  # 李娜 half a sick day; the other cells stay blank, that is 0
    buffer = BytesIO()
    wb.save(buffer)
    response = client.post("/attendance/import/", {"month": "2026-11", "file": upload(buffer.getvalue(), "t.xlsx")})
    assert response.status_code == 302
    assert values(company.li) == (D(21), D(0), D("0.5"), D(0), D(0), D(0), D(0))
    assert AttendanceMonth.objects.count() == 4


@pytest.mark.parametrize("who", ["finance", "gm", "manager", "li_user"])
def test_only_hr_clerks_import_or_download_the_template(client, company, who):
    client.force_login(getattr(company, who))
    response = client.post("/attendance/import/", {"month": "2026-11", "file": upload(machine_export(GOOD))})
    assert response.status_code == 403
    assert client.get("/attendance/import/template.xlsx").status_code == 403
    assert not AttendanceMonth.objects.exists()
