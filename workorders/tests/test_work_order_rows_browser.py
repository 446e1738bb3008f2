"""In Chromium: the work-order form adds and removes piece-rate lines and participants in the
page, so an order with more than three lines is entered in one save (issue 13)."""

import re
from decimal import Decimal as D

import pytest
from playwright.sync_api import expect

from workorders.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def http_cookies(settings):
    # The live server speaks plain HTTP; secure cookies would never come back.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def visible_rows(page, testid):
    return page.get_by_test_id(testid).locator("[data-formset-rows] > [data-formset-row]:visible")


def test_hr_adds_five_lines_removes_one_and_edits_the_order_again(
    transactional_db, http_cookies, live_server, page, company
):
    from workorders.models import WorkOrder

    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/workorders/new/")
    lines, people = page.get_by_test_id("line-rows"), page.get_by_test_id("participant-rows")
    # With JavaScript the delete boxes become buttons and the "save, then edit" advice goes away.
    expect(lines.get_by_text("需要更多行?")).to_be_hidden()
    boxes = lines.locator("[data-formset-rows] input[type=checkbox]")
    expect(boxes).to_have_count(3)
    for box in boxes.all():
        expect(box).to_be_hidden()
    expect(visible_rows(page, "line-rows")).to_have_count(3)

    page.fill("#id_number", "WO-ROWS-1")
    page.select_option("#id_order_type", "installation")
    page.select_option("#id_department", str(company.d1.pk))
    page.select_option("#id_crew", str(company.crew.pk))
    page.fill("#id_customer_name", "佛山某酒店")
    page.fill("#id_site_address", "佛山市顺德区乐从镇8号")
    page.fill("#id_reported_at", "2026-04-01T09:00")
    page.fill("#id_resolved_at", "2026-04-03T17:00")
    # Five lines: two more rows than the form starts with.
    add_line = lines.get_by_role("button", name="添加一行")
    add_line.click()
    add_line.click()
    expect(visible_rows(page, "line-rows")).to_have_count(5)
    expect(page.locator("#id_lines-4-item_code")).to_be_focused()
    for i, (code, qty) in enumerate(
        (("AZ-101", "3"), ("AZ-105", "20"), ("AZ-101", "1"), ("AZ-105", "10"), ("AZ-101", "2"))
    ):
        page.select_option(f"#id_lines-{i}-item_code", code)
        page.fill(f"#id_lines-{i}-quantity", qty)
    # The third line was a mistake: remove it (it is filled, and is still not saved).
    lines.locator("[data-formset-row]").nth(2).get_by_role("button", name="删除此行").click()
    expect(visible_rows(page, "line-rows")).to_have_count(4)
    # Four participants: one more row than the form starts with.
    people.get_by_role("button", name="添加参与人员").click()
    for i, (engineer, days) in enumerate(
        ((company.zhang, "3"), (company.li, "2"), (company.zhao, "1"), (company.wang, "1"))
    ):
        page.select_option(f"#id_people-{i}-engineer", str(engineer.pk))
        page.fill(f"#id_people-{i}-days_worked", days)
    people.locator("[data-formset-row]").nth(3).get_by_role("button", name="删除此行").click()
    page.get_by_role("button", name="保存").click()

    # (3 + 2) × 130.00 + (20 + 10) × 7.00 = 860.00 under table 2026-B, split 3 : 2 : 1 by days.
    expect(page).to_have_url(re.compile(r"/workorders/\d+/$"))
    expect(page.get_by_test_id("piece-rate-total")).to_have_text("¥860.00")
    wo = WorkOrder.objects.get(number="WO-ROWS-1")
    assert sorted((ln.item_code, ln.quantity) for ln in wo.lines.all()) == [
        ("AZ-101", D("2")),
        ("AZ-101", D("3")),
        ("AZ-105", D("10")),
        ("AZ-105", D("20")),
    ]
    assert sorted(p.engineer.name for p in wo.participants.select_related("engineer")) == ["张伟", "李娜", "赵敏"]

    # Editing: the four saved lines come back; remove one and add one in the same save.
    page.goto(f"{live_server.url}/workorders/{wo.pk}/edit/")
    expect(visible_rows(page, "line-rows")).to_have_count(7)  # four saved, three blank
    page.get_by_test_id("line-rows").locator("[data-formset-row]").nth(0).get_by_role("button", name="删除此行").click()
    add_line = page.get_by_test_id("line-rows").get_by_role("button", name="添加一行")
    for _ in range(4):
        add_line.click()
    page.select_option("#id_lines-10-item_code", "AZ-105")
    page.fill("#id_lines-10-quantity", "5")
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(rf"/workorders/{wo.pk}/$"))
    assert sorted((ln.item_code, ln.quantity) for ln in wo.lines.all()) == [
        ("AZ-101", D("2")),
        ("AZ-105", D("5")),
        ("AZ-105", D("10")),
        ("AZ-105", D("20")),
    ]
    assert not errors, errors
