"""The attendance grid page: who opens which department, the whole grid's save, errors by row and
column, the full-attendance prefill, read-only months and readers, an engineer's own months."""

from datetime import date
from decimal import Decimal as D

import pytest

from attendance.models import AttendanceMonth
from attendance.months import Month
from attendance.services import attendance_save
from attendance.tests.html import has_class, one, parse, text
from engineers.models import Engineer
from ledger.models import PayPeriod

pytestmark = pytest.mark.django_db
URL = "/attendance/grid/"
FIELDS = (
    "days_worked",
    "paid_leave_days",
    "sick_leave_days",
    "unpaid_absence_days",
    "overtime_weekday_hours",
    "overtime_rest_day_hours",
    "overtime_holiday_hours",
)


def grid(client, **query):
    response = client.get(URL, {"month": "2026-11", **query})
    assert response.status_code == 200
    return response, parse(response)


def post(client, company, rows: dict, month="2026-11", department=None):
    data = {"department": (department or company.d1).pk, "month": month}
    for engineer, values in rows.items():
        for field, value in zip(FIELDS, values, strict=False):
            data[f"a-{engineer.pk}-{field}"] = value
    return client.post(URL, data)


def stored(engineer, month=11):
    row = AttendanceMonth.objects.filter(engineer=engineer, year=2026, month=month).first()
    return None if row is None else tuple(format(getattr(row, f).normalize(), "f") for f in FIELDS)


def test_hr_sees_a_row_per_engineer_of_the_department_with_the_columns_in_chinese(client, company):
    client.force_login(company.hr)
    _r, page = grid(client, department=company.d1.pk)
    headers = [text(th) for th in page.xpath(f"//table[{has_class('attendance-grid')}]/thead//th")]
    assert headers == [
        "工号",
        "姓名",
        "出勤天数",
        "带薪假天数",
        "病假天数",
        "事假/旷工天数",
        "工作日加班小时",
        "休息日加班小时",
        "法定节假日加班小时",
        "合计天数",
        "备注",
    ]
    names = [text(tr.xpath("td")[1]) for tr in page.xpath("//tr[@data-engineer]")]
    assert names == ["张伟", "李娜", "赵敏"]  # 王强 is in 维修部
    assert len(page.xpath(f"//input[{has_class('attendance-cell')}]")) == 3 * 7
    assert text(one(page, '//a[@data-testid="nav-attendance"]')) == "考勤"


def test_saving_the_grid_saves_the_filled_rows_and_leaves_blank_ones_alone(client, company):
    client.force_login(company.hr)
    response = post(
        client,
        company,
        {
            company.li: ["19.5", "", "1.5", "", "6", "", ""],
            company.zhang: ["21", "0", "0", "0", "0", "8", "0"],
            company.zhao: [""] * 7,
        },
    )
    assert response.status_code == 302
    assert stored(company.li) == ("19.5", "0", "1.5", "0", "6", "0", "0")
    assert stored(company.zhang) == ("21", "0", "0", "0", "0", "8", "0")
    assert stored(company.zhao) is None
    _r, page = grid(client, department=company.d1.pk)
    assert "考勤已保存" in text(one(page, f"//*[{has_class('alert-success')}]"))
    li_row = one(page, f'//tr[@data-engineer="{company.li.pk}"]')
    assert one(li_row, './/input[@data-field="days_worked"]').get("value") == "19.5"
    assert text(one(li_row, ".//*[@data-total]")) == "21"
    assert one(page, f'//tr[@data-engineer="{company.zhao.pk}"]//*[@data-testid="not-entered"]') is not None


def test_a_bad_cell_is_shown_beside_it_and_nothing_is_saved(client, company):
    client.force_login(company.hr)
    response = post(
        client,
        company,
        {company.li: ["20", "", "0.3"], company.zhang: ["21", "", "", "", "abc"], company.zhao: ["22", "9"]},
    )
    assert response.status_code == 200
    page = parse(response)
    assert "考勤有误,未保存任何内容。" in text(one(page, f"//*[{has_class('alert-danger')}]"))
    zhang_cell = one(page, f'//tr[@data-engineer="{company.zhang.pk}"]//input[@data-field="overtime_weekday_hours"]')
    assert "is-invalid" in zhang_cell.get("class") and zhang_cell.get("value") == "abc"  # what was typed stays
    assert text(zhang_cell.getnext()) == "工作日加班小时:“abc”不是数字。"
    assert not AttendanceMonth.objects.exists()

    response = post(client, company, {company.li: ["20", "", "0.3"], company.zhao: ["22", "9"]})
    page = parse(response)
    li_cell = one(page, f'//tr[@data-engineer="{company.li.pk}"]//input[@data-field="sick_leave_days"]')
    assert text(li_cell.getnext()) == "病假天数:0.3 不是整天或半天:请以 0.5 为单位,如 20.5。"
    total = text(one(page, f'//tr[@data-engineer="{company.zhao.pk}"]//*[@data-testid="total-error"]'))
    assert total == "出勤天数 + 带薪假天数 + 病假天数 + 事假/旷工天数 = 31 天,超过 2026-11 的 30 天。"
    assert not AttendanceMonth.objects.exists()


def test_blanking_a_saved_row_removes_it(client, company):
    attendance_save(user=company.hr, month=Month(2026, 11), rows={company.li.pk: {"days_worked": D(21)}})
    client.force_login(company.hr)
    assert post(client, company, {company.li: [""] * 7}).status_code == 302
    assert stored(company.li) is None


def test_overtime_above_36_hours_saves_and_warns_on_the_page(client, company):
    client.force_login(company.hr)
    post(client, company, {company.li: ["21", "", "", "", "30", "10", ""]})
    assert stored(company.li)[4:6] == ("30", "10")
    _r, page = grid(client, department=company.d1.pk)
    assert "劳动法" in text(one(page, f"//*[{has_class('alert-warning')}]"))
    assert page.xpath(f'//tr[@data-engineer="{company.li.pk}"]//*[@data-testid="overtime-warning"]')


def test_prefill_offers_every_weekday_employed_and_saves_nothing(client, company):
    new = Engineer.objects.create(employee_no="E010", name="周杰", department=company.d1, hire_date=date(2026, 11, 16))
    attendance_save(user=company.hr, month=Month(2026, 11), rows={company.li.pk: {"days_worked": D(18)}})
    client.force_login(company.hr)
    _r, page = grid(client, department=company.d1.pk)
    assert "填入全勤" in text(one(page, '//*[@data-testid="prefill"]'))
    _r, page = grid(client, department=company.d1.pk, prefill="1")

    def value(engineer):
        return one(page, f'//tr[@data-engineer="{engineer.pk}"]//input[@data-field="days_worked"]').get("value")

    assert value(company.zhang) == "21"  # November 2026 has 21 weekdays
    assert value(new) == "11"  # hired Monday 16 November: 11 weekdays left
    assert value(company.li) == "18"  # what is saved stays
    assert text(one(page, f'//tr[@data-engineer="{new.pk}"]')).count("自 2026-11-16") == 1
    assert AttendanceMonth.objects.count() == 1


def test_a_closed_month_is_read_only_and_refuses_a_post(client, company):
    attendance_save(user=company.hr, month=Month(2026, 10), rows={company.li.pk: {"days_worked": D(22)}})
    PayPeriod.objects.create(year=2026, month=10, status="closed")
    client.force_login(company.hr)
    _r, page = grid(client, department=company.d1.pk, month="2026-10")
    assert "工资期间 2026-10 已结算" in text(one(page, '//*[@data-testid="grid-read-only"]'))
    assert not page.xpath("//input[@data-field]") and not page.xpath('//*[@data-testid="save-grid"]')
    values = page.xpath(f'//tr[@data-engineer="{company.li.pk}"]//*[@data-field]')
    assert [text(v) for v in values][:2] == ["22", "0"]
    response = post(client, company, {company.li: ["20"]}, month="2026-10")
    assert response.status_code == 302
    assert stored(company.li, 10)[0] == "22"


@pytest.mark.parametrize("who", ["finance", "gm"])
def test_finance_and_general_managers_read_every_department_and_save_nothing(client, company, who):
    attendance_save(user=company.hr, month=Month(2026, 11), rows={company.wang.pk: {"days_worked": D(20)}})
    client.force_login(getattr(company, who))
    _r, page = grid(client, department=company.d2.pk)
    assert "考勤由人事专员录入" in text(one(page, '//*[@data-testid="grid-read-only"]'))
    assert text(page.xpath("//*[@data-field]")[0]) == "20"
    assert post(client, company, {company.wang: ["21"]}, department=company.d2).status_code == 403
    assert stored(company.wang)[0] == "20"


def test_a_department_manager_reads_only_their_departments(client, company):
    client.force_login(company.manager)
    _r, page = grid(client)
    assert [text(o) for o in page.xpath('//select[@id="a-dept"]/option')] == ["安装部"]
    assert client.get(URL, {"department": company.d2.pk, "month": "2026-11"}).status_code == 404
    assert post(client, company, {company.li: ["21"]}).status_code == 403


def test_an_engineer_is_sent_to_their_own_months_and_sees_only_those(client, company):
    attendance_save(
        user=company.hr,
        month=Month(2026, 11),
        rows={company.li.pk: {"days_worked": D("20.5")}, company.zhang.pk: {"days_worked": D(19)}},
    )
    client.force_login(company.li_user)
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/attendance/my/"
    page = parse(client.get("/attendance/my/"))
    rows = page.xpath("//tr[@data-month]")
    assert [r.get("data-month") for r in rows] == ["2026-11"]
    assert text(rows[0].xpath("td")[1]) == "20.5"
    assert text(one(page, '//a[@data-testid="nav-attendance"]')) == "我的考勤"


def test_roles_without_attendance_get_403(client, company):
    client.force_login(company.supervisor)
    assert client.get(URL).status_code == 403
    assert client.get("/attendance/import/").status_code == 403


def test_hr_home_counts_engineers_without_attendance_and_links_the_grid(client, company):
    attendance_save(user=company.hr, month=Month(2026, 11), rows={company.li.pk: {"days_worked": D(20)}})
    client.force_login(company.hr)
    page = parse(client.get("/"))
    stat = next(s for s in page.xpath(f"//*[{has_class('card-stat')}]") if "本月未录考勤" in text(s))
    link = one(stat, ".//a")
    assert text(link) == "3"  # 张伟, 赵敏, 王强
    assert link.get("href") == "/attendance/grid/?month=2026-11"
