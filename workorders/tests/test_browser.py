"""Browser journey in headless Chromium: an HR clerk creates a work order and sees its total."""

import re

import pytest
from playwright.sync_api import expect

from workorders.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def http_cookies(settings):
    # The live server speaks plain HTTP; secure cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def test_hr_clerk_creates_a_work_order_with_two_lines_and_two_participants(
    transactional_db, http_cookies, live_server, page, company
):
    log_in(page, live_server, "hr")
    page.get_by_role("link", name="工单", exact=True).click()
    page.get_by_role("link", name="新建工单").click()
    page.fill("#id_number", "WO-BROWSER-1")
    page.select_option("#id_order_type", "installation")
    page.check("#id_is_special")
    page.select_option("#id_department", str(company.d1.pk))
    page.select_option("#id_crew", str(company.crew.pk))
    page.fill("#id_customer_name", "佛山某酒店")
    page.fill("#id_site_address", "佛山市顺德区乐从镇8号")
    page.fill("#id_reported_at", "2026-04-01T09:00")
    page.fill("#id_resolved_at", "2026-04-03T17:00")
    page.fill("#id_csat_score", "95")
    page.select_option("#id_lines-0-item_code", "AZ-101")
    page.fill("#id_lines-0-quantity", "3")
    page.select_option("#id_lines-1-item_code", "AZ-105")
    page.fill("#id_lines-1-quantity", "20")
    page.select_option("#id_people-0-engineer", str(company.zhang.pk))
    page.fill("#id_people-0-days_worked", "3")
    page.select_option("#id_people-1-engineer", str(company.li.pk))
    page.fill("#id_people-1-days_worked", "2")
    page.get_by_role("button", name="保存").click()

    # 3 × 130.00 + 20 × 7.00 under table 2026-B (completed 2026-04-03), split 3 : 2 by days.
    expect(page).to_have_url(re.compile(r"/workorders/\d+/$"))
    expect(page.get_by_role("alert")).to_contain_text("计件工资总额 ¥530.00")
    expect(page.get_by_test_id("piece-rate-total")).to_have_text("¥530.00")
    participants = page.get_by_test_id("participants")
    expect(participants.get_by_role("row", name=re.compile("张伟"))).to_contain_text("¥318.00")
    expect(participants.get_by_role("row", name=re.compile("李娜"))).to_contain_text("¥212.00")


def test_a_mistake_in_the_form_is_shown_beside_the_field_and_nothing_is_saved(
    transactional_db, http_cookies, live_server, page, company
):
    from workorders.models import WorkOrder

    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/workorders/new/")
    page.fill("#id_number", "WO-BROWSER-2")
    page.select_option("#id_order_type", "repair")
    page.select_option("#id_department", str(company.d1.pk))
    page.fill("#id_customer_name", "陈先生")
    page.fill("#id_site_address", "佛山市南海区1号")
    page.fill("#id_reported_at", "2026-04-05T09:00")
    page.fill("#id_resolved_at", "2026-04-01T09:00")
    page.select_option("#id_lines-0-item_code", "AZ-101")
    page.fill("#id_lines-0-quantity", "1")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("完成时间不能早于报修时间")
    assert not WorkOrder.objects.filter(number="WO-BROWSER-2").exists()
