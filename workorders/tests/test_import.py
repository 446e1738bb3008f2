"""Excel import: all rows or none, each bad row named with its sheet, row and field."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from workorders.imports import LINE_COLUMNS, ORDER_COLUMNS, PEOPLE_COLUMNS
from workorders.models import Participant, WorkOrder

pytestmark = pytest.mark.django_db


def order_row(number, **over):
    row = {
        "number": number,
        "order_type": "安装",
        "is_special": "否",
        "department": "D01",
        "crew": "C01",
        "customer_name": "陈先生",
        "customer_phone": "13800000000",
        "site_address": "佛山市南海区1号",
        "reported_at": "2026-04-01 09:00",
        "responded_at": "2026-04-01 09:30",
        "arrived_at": "2026-04-01 11:00",
        "resolved_at": "2026-04-02 17:00",
        "csat_score": 90,
        "customer_signed": "是",
        "repeat_of": "",
        "split_method": "按天数",
    }
    row.update(over)
    return [row[key] for _h, key, _r in ORDER_COLUMNS]


def workbook(orders, lines, people) -> io.BytesIO:
    wb = Workbook()
    for i, (title, columns, rows) in enumerate(
        (("工单", ORDER_COLUMNS, orders), ("计件明细", LINE_COLUMNS, lines), ("参与人员", PEOPLE_COLUMNS, people))
    ):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append([h for h, _k, _r in columns])
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "orders.xlsx"
    return buf


GOOD_LINES = [["WO-1", "AZ-101", 2], ["WO-1", "AZ-105", 10], ["WO-2", "AZ-101", 1], ["WO-3", "AZ-101", 1]]
GOOD_PEOPLE = [
    ["WO-1", "E001", 2, None],
    ["WO-1", "E002", 1, None],
    ["WO-2", "E001", 1, None],
    ["WO-3", "E004", 1, None],
]


def test_a_good_workbook_imports_every_order_priced(client, company):
    client.force_login(company.hr)
    file = workbook([order_row("WO-1"), order_row("WO-2"), order_row("WO-3")], GOOD_LINES, GOOD_PEOPLE)
    response = client.post("/workorders/import/", {"file": file})
    assert response.status_code == 302
    wo = WorkOrder.objects.get(number="WO-1")
    # 2 × 130.00 + 10 × 7.00 (table 2026-B, completed 2026-04-02)
    assert wo.piece_rate_total_amount == Decimal("330.00")
    assert sorted(Participant.objects.filter(work_order=wo).values_list("share_amount", flat=True)) == [
        Decimal("110.00"),
        Decimal("220.00"),
    ]
    assert WorkOrder.objects.count() == 3


def test_one_bad_row_among_good_rows_saves_nothing_and_names_row_and_field(client, company):
    client.force_login(company.hr)
    orders = [order_row("WO-1"), order_row("WO-2", csat_score=105), order_row("WO-3")]
    people = [*GOOD_PEOPLE[:3], ["WO-3", "E999", 1, None]]
    response = client.post("/workorders/import/", {"file": workbook(orders, GOOD_LINES, people)})
    assert response.status_code == 200
    assert WorkOrder.objects.count() == 0
    assert Participant.objects.count() == 0
    errors = response.context["result"].errors
    found = {(e.sheet, e.row, e.field) for e in errors}
    assert ("工单", 3, "客户满意度") in found  # WO-2 is on sheet row 3
    assert ("参与人员", 5, "工号") in found
    page = response.content.decode()
    assert "客户满意度" in page and "E999" in page


def test_a_bad_item_code_is_named_on_its_line_row(client, company):
    client.force_login(company.hr)
    lines = [*GOOD_LINES[:3], ["WO-3", "XX-000", 1]]
    response = client.post(
        "/workorders/import/",
        {"file": workbook([order_row("WO-1"), order_row("WO-2"), order_row("WO-3")], lines, GOOD_PEOPLE)},
    )
    errors = response.context["result"].errors
    assert [(e.sheet, e.row, e.field) for e in errors] == [("计件明细", 5, "计件项目编码")]
    assert WorkOrder.objects.count() == 0


def test_pricing_failure_found_late_still_rolls_back_the_orders_already_saved(client, company):
    # AZ-101 exists in the tables in force, but nothing is in force in 2025: WO-2 fails at pricing
    # after WO-1 was written; WO-1 must be rolled back too.
    client.force_login(company.hr)
    orders = [
        order_row("WO-1"),
        order_row(
            "WO-2", reported_at="2025-06-01 09:00", responded_at="", arrived_at="", resolved_at="2025-06-02 09:00"
        ),
    ]
    response = client.post("/workorders/import/", {"file": workbook(orders, GOOD_LINES[:3], GOOD_PEOPLE[:3])})
    assert response.status_code == 200
    assert WorkOrder.objects.count() == 0
    assert any(e.sheet == "工单" and e.row == 3 for e in response.context["result"].errors)


def test_a_file_that_is_not_excel_gets_a_clear_message(client, company):
    client.force_login(company.hr)
    file = io.BytesIO(b"not a spreadsheet")
    file.name = "orders.xlsx"
    response = client.post("/workorders/import/", {"file": file})
    assert "xlsx" in response.context["result"].errors[0].message


def test_the_template_reads_back_with_the_expected_sheets_and_headers(client, company):
    client.force_login(company.hr)
    response = client.get("/workorders/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["工单", "计件明细", "参与人员", "说明"]
    assert [c.value for c in wb["工单"][1]] == [h for h, _k, _r in ORDER_COLUMNS]
    assert wb["计件明细"]["B2"].value == "AZ-101"


def test_rows_of_an_order_with_errors_are_still_checked_so_one_pass_finds_everything(client, company):
    client.force_login(company.hr)
    orders = [order_row("WO-1", csat_score=105), order_row("WO-2")]
    lines = [["WO-1", "ZZ-1", 1], ["WO-2", "AZ-101", 1], ["WO-9", "AZ-101", 1]]
    people = [["WO-1", "E999", 1, None], ["WO-2", "E001", 1, None]]
    response = client.post("/workorders/import/", {"file": workbook(orders, lines, people)})
    found = {(e.sheet, e.row, e.field) for e in response.context["result"].errors}
    assert found == {
        ("工单", 2, "客户满意度"),
        ("计件明细", 2, "计件项目编码"),
        ("计件明细", 4, "工单号"),
        ("参与人员", 2, "工号"),
    }
    assert WorkOrder.objects.count() == 0


@pytest.mark.parametrize(
    ("sheet", "row", "header", "lines", "people"),
    [
        ("计件明细", 3, "数量", [GOOD_LINES[0], ["WO-1", "AZ-105", "NaN"]], GOOD_PEOPLE[:2]),
        ("计件明细", 3, "数量", [GOOD_LINES[0], ["WO-1", "AZ-105", "1e30"]], GOOD_PEOPLE[:2]),
        ("计件明细", 3, "数量", [GOOD_LINES[0], ["WO-1", "AZ-105", 1e30]], GOOD_PEOPLE[:2]),
        ("计件明细", 3, "数量", [GOOD_LINES[0], ["WO-1", "AZ-105", -1]], GOOD_PEOPLE[:2]),
        ("计件明细", 3, "数量", [GOOD_LINES[0], ["WO-1", "AZ-105", "1.005"]], GOOD_PEOPLE[:2]),
        ("参与人员", 3, "工期天数", GOOD_LINES[:2], [GOOD_PEOPLE[0], ["WO-1", "E002", "Infinity", None]]),
        ("参与人员", 3, "工期天数", GOOD_LINES[:2], [GOOD_PEOPLE[0], ["WO-1", "E002", "-inf", None]]),
        ("参与人员", 3, "工期天数", GOOD_LINES[:2], [GOOD_PEOPLE[0], ["WO-1", "E002", 100000, None]]),
        ("参与人员", 3, "分配比例%", GOOD_LINES[:2], [GOOD_PEOPLE[0], ["WO-1", "E002", 1, "NaN"]]),
    ],
)
def test_non_finite_or_oversized_numbers_are_refused_on_their_row_and_column(
    client, company, sheet, row, header, lines, people
):
    client.force_login(company.hr)
    response = client.post("/workorders/import/", {"file": workbook([order_row("WO-1")], lines, people)})
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [(e.sheet, e.row, e.field) for e in errors] == [(sheet, row, header)]
    assert WorkOrder.objects.count() == 0


@pytest.mark.parametrize("score", ["NaN", "Infinity", "1e30"])
def test_a_non_finite_satisfaction_score_is_refused_on_its_cell(client, company, score):
    client.force_login(company.hr)
    file = workbook([order_row("WO-1", csat_score=score)], GOOD_LINES[:2], GOOD_PEOPLE[:2])
    response = client.post("/workorders/import/", {"file": file})
    errors = response.context["result"].errors
    assert [(e.sheet, e.row, e.field) for e in errors] == [("工单", 2, "客户满意度")]


def test_too_many_rows_stop_the_reading_at_the_limit(client, company, settings, monkeypatch):
    """Reading stops at the first row over the limit: the rows after it are never read."""
    settings.WORKORDER_IMPORT_MAX_ROWS = 5
    orders = [order_row(f"WO-{n}") for n in range(1, 30)]
    read = []
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, *args, **kwargs):
        for row in original(self, *args, **kwargs):
            read.append(row)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    client.force_login(company.hr)
    response = client.post("/workorders/import/", {"file": workbook(orders, GOOD_LINES, GOOD_PEOPLE)})
    errors = response.context["result"].errors
    assert len(errors) == 1 and "5" in errors[0].message and errors[0].sheet == "工单"
    assert len(read) == 1 + 6  # the header and the first row over the limit
    assert WorkOrder.objects.count() == 0


def test_the_row_limit_counts_all_three_sheets(client, company, settings):
    settings.WORKORDER_IMPORT_MAX_ROWS = 6
    file = workbook([order_row("WO-1"), order_row("WO-2"), order_row("WO-3")], GOOD_LINES, GOOD_PEOPLE)
    client.force_login(company.hr)
    response = client.post("/workorders/import/", {"file": file})
    errors = response.context["result"].errors
    assert [e.sheet for e in errors] == ["计件明细"]
    assert WorkOrder.objects.count() == 0


def test_an_oversize_upload_is_refused_before_it_is_opened(client, company, settings, monkeypatch):
    import workorders.imports

    settings.IMPORT_MAX_BYTES = 1000
    monkeypatch.setattr(workorders.imports, "load_workbook", lambda *a, **k: pytest.fail("the file was parsed"))
    client.force_login(company.hr)
    response = client.post("/workorders/import/", {"file": workbook([order_row("WO-1")], GOOD_LINES, GOOD_PEOPLE)})
    assert response.status_code == 200
    assert "split the file" in response.context["result"].errors[0].message or "拆分" in response.content.decode()


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_opened(client, company, settings, monkeypatch):
    import workorders.imports

    settings.IMPORT_MAX_UNZIPPED_BYTES = 5000
    monkeypatch.setattr(workorders.imports, "load_workbook", lambda *a, **k: pytest.fail("the file was parsed"))
    client.force_login(company.hr)
    response = client.post("/workorders/import/", {"file": workbook([order_row("WO-1")], GOOD_LINES, GOOD_PEOPLE)})
    assert response.status_code == 200
    assert len(response.context["result"].errors) == 1
    assert WorkOrder.objects.count() == 0
