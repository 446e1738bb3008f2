"""Browser journey: an HR clerk opens the attendance grid from the menu, enters two rows with the
keyboard only, is stopped by a bad cell as she types, and saves the grid with Ctrl+S."""

import re
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from attendance.models import AttendanceMonth
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(username)


def test_hr_enters_attendance_by_keyboard_and_saves_the_grid(
    transactional_db, http_cookies, live_server, page, company
):
    log_in(page, live_server, "hr")
    page.get_by_test_id("nav-attendance").click()
    expect(page.get_by_role("heading", name="月度考勤")).to_be_visible()
    page.select_option("#a-dept", str(company.d1.pk))
    page.fill("#a-month", "2026-11")
    page.get_by_role("button", name="显示").click()

    def cell(engineer, field):
        return page.locator(f'tr[data-engineer="{engineer.pk}"] input[data-field="{field}"]')

    cell(company.zhang, "days_worked").click()
    page.keyboard.type("21")
    page.keyboard.press("Enter")  # down the column, to 李娜
    expect(cell(company.li, "days_worked")).to_be_focused()
    page.keyboard.type("19.5")
    page.keyboard.press("ArrowRight")
    page.keyboard.type("1")
    page.keyboard.press("ArrowRight")
    page.keyboard.type("0.3")
    sick = cell(company.li, "sick_leave_days")
    expect(sick).to_have_class(re.compile("is-invalid"))
    expect(page.locator(f'tr[data-engineer="{company.li.pk}"] .invalid-feedback')).to_have_text(
        "请输入 0 或以上的天数,以 0.5 为单位"
    )
    page.keyboard.press("Control+s")  # refused in the page: nothing is sent
    expect(page.get_by_test_id("grid-status")).to_have_text("请先改正标红的单元格")
    expect(sick).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("0.5")
    expect(sick).not_to_have_class(re.compile("is-invalid"))
    expect(page.locator(f'tr[data-engineer="{company.li.pk}"] [data-total]')).to_have_text("21")
    for _ in range(2):
        page.keyboard.press("ArrowRight")
    expect(cell(company.li, "overtime_weekday_hours")).to_be_focused()
    page.keyboard.type("40")
    page.keyboard.press("Control+s")

    expect(page.locator(".alert-success")).to_contain_text("安装部 2026-11 考勤已保存:2 行有变化")
    expect(page.locator(".alert-warning")).to_contain_text("李娜:2026-11 加班 40 小时")
    expect(page.locator(f'tr[data-engineer="{company.li.pk}"] [data-testid="overtime-warning"]')).to_be_visible()
    li = AttendanceMonth.objects.get(engineer=company.li, year=2026, month=11)
    assert (li.days_worked, li.paid_leave_days, li.sick_leave_days, li.overtime_weekday_hours) == (
        D("19.5"),
        D(1),
        D("0.5"),
        D(40),
    )
    assert AttendanceMonth.objects.get(engineer=company.zhang).days_worked == D(21)
    assert not AttendanceMonth.objects.filter(engineer=company.zhao).exists()
