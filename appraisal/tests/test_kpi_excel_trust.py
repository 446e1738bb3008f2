"""A KPI workbook goes back only into the grid it came from, with numbers typed as numbers:
another month, department or source, a formula, NaN or an out-of-range score is refused with
the row and column named, and nothing is saved."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from appraisal.models import Scorecard, ScoreEntry
from appraisal.scorecards import services
from appraisal.scorecards.services import Month
from appraisal.tests.test_kpi import full, month  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr_client(client, company, month):  # noqa: F811
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={company.li.pk: full(90), company.zhang.pk: full(70)},
    )
    client.force_login(company.hr)
    return client


def export(client, company, month, source="supervisor"):  # noqa: F811
    response = client.get(f"/kpi/grid/export.xlsx?department={company.d1.pk}&month={month}&source={source}")
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def row_of(ws, employee_no):
    return next(r for r in ws.iter_rows(min_row=2) if r[0].value == employee_no)


def import_(client, company, wb, month, source="supervisor"):  # noqa: F811
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "kpi.xlsx"
    page = client.post(
        "/kpi/grid/import/",
        {"department": company.d1.pk, "month": str(month), "source": source, "file": buf},
        follow=True,
    )
    return page.content.decode()


def unchanged(company):
    return (
        Scorecard.objects.get(engineer=company.li).score == D("90.00")
        and Scorecard.objects.get(engineer=company.zhang).score == D("70.00")
        and ScoreEntry.objects.count() == 10
    )


def test_the_export_carries_its_month_department_and_source(hr_client, company, month):  # noqa: F811
    wb = export(hr_client, company, month, source="self")
    meta = dict(wb["_export"].iter_rows(values_only=True))
    assert wb["_export"].sheet_state == "hidden"
    assert (meta["month"], meta["department"], meta["source"]) == (str(month), str(company.d1.pk), "self")


def test_a_file_exported_for_one_source_is_refused_by_another_sources_grid(hr_client, company, month):  # noqa: F811
    wb = export(hr_client, company, month, source="self")  # empty self-assessment columns
    for cell in row_of(wb.worksheets[0], "E002")[2:7]:
        cell.value = 50
    page = import_(hr_client, company, wb, month, source="supervisor")
    assert "未导入" in page and "self" in page and "supervisor" in page
    assert unchanged(company)


def test_a_file_from_another_month_is_refused(hr_client, company, month):  # noqa: F811
    wb = export(hr_client, company, month)
    previous = Month(month.year, month.month - 1) if month.month > 1 else Month(month.year - 1, 12)
    page = import_(hr_client, company, wb, previous)
    assert "未导入" in page and str(month) in page
    assert not Scorecard.objects.filter(year=previous.year, month=previous.month).exists()


def test_an_old_export_without_its_details_is_refused_with_a_request_to_export_again(
    hr_client,
    company,
    month,  # noqa: F811
):
    wb = export(hr_client, company, month)
    del wb["_export"]
    page = import_(hr_client, company, wb, month)
    assert "未导入" in page and "重新导出" in page
    assert unchanged(company)


def test_a_formula_cell_is_refused_naming_row_and_column_and_deletes_nothing(hr_client, company, month):  # noqa: F811
    wb = export(hr_client, company, month)
    ws = wb.worksheets[0]
    li = row_of(ws, "E002")
    li[3].value = "=C3"  # openpyxl writes no cached value: read as values only, the cell is empty
    page = import_(hr_client, company, wb, month)
    assert "未导入" in page and f"第 {li[3].row} 行 D 列" in page
    assert unchanged(company)


@pytest.mark.parametrize("value", ["NaN", "inf", "abc"])
def test_a_non_number_is_refused_naming_row_and_column(hr_client, company, month, value):  # noqa: F811
    wb = export(hr_client, company, month)
    ws = wb.worksheets[0]
    zhang = row_of(ws, "E001")
    for cell in zhang[2:7]:
        cell.value = 85
    li = row_of(ws, "E002")
    li[4].value = value
    page = import_(hr_client, company, wb, month)
    assert "未导入" in page and f"第 {li[4].row} 行 E 列" in page
    assert unchanged(company)


def test_an_out_of_range_score_is_refused_naming_row_and_column(hr_client, company, month):  # noqa: F811
    wb = export(hr_client, company, month)
    li = row_of(wb.worksheets[0], "E002")
    li[2].value = 100.5
    page = import_(hr_client, company, wb, month)
    assert "未导入" in page and f"第 {li[2].row} 行 C 列" in page
    assert unchanged(company)


def test_a_clean_round_trip_still_imports(hr_client, company, month):  # noqa: F811
    wb = export(hr_client, company, month)
    for cell in row_of(wb.worksheets[0], "E001")[2:7]:
        cell.value = 80.5
    page = import_(hr_client, company, wb, month)
    assert "未导入" not in page
    assert Scorecard.objects.get(engineer=company.zhang).score == D("80.50")
