"""Browser journey: HR enters a month's pick-up in the grid (a typo refused beside its cell), settles the month,
finance sees it waiting on the home page and approves it, and the commission is in the month's payable items.

Set INCDESK_SCREENSHOTS=<folder> to keep the screenshots."""

import os
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, name: str) -> None:
    folder = os.environ.get("INCDESK_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(username)


def test_hr_enters_pickup_settles_and_finance_approves_into_the_payable_items(
    transactional_db, http_cookies, live_server, page, cs
):
    from ledger.models import PayableItem
    from policies.defaults import seed_pay_documents
    from policies.models import PolicyVersion

    seed_pay_documents(PolicyVersion, timezone.now(), (("KF-COMM_A0", date(2020, 1, 1)),))
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "hr")
    page.get_by_test_id("nav-commission").click()
    page.get_by_test_id("open-grid").click()  # last month: 2026-10
    expect(page.get_by_role("heading", name="加盟商月度提货额 · 2026-10")).to_be_visible()

    def cell(code, what):
        return page.get_by_label(f"{code} {what}")

    cell("F01", "销售额(价目)").fill("100000")
    cell("F02", "销售额(价目)").fill("21428.57")
    cell("F03", "销售额(价目)").fill("9999.99")
    cell("F04", "销售额(价目)").fill("0")
    cell("F03", "折扣(%)").fill("120")  # a typo
    page.get_by_test_id("save-grid").click()
    expect(page.get_by_test_id("cell-error")).to_have_text("折扣须在 0 到 100% 之间。")
    cell("F03", "折扣(%)").fill("100")
    page.get_by_test_id("save-grid").click()
    expect(page.locator(".alert-success")).to_contain_text("4 行有变化")
    expect(page.get_by_test_id("total")).to_have_text("¥89,999.99")  # 65,000 + 15,000 + 9,999.99 + 0
    shoot(page, "commission-grid")
    page.get_by_test_id("settle").click()
    expect(page.get_by_test_id("status")).to_have_text("待审批")
    expect(page.locator('tr[data-engineer="E002"] [data-testid="commission"]')).to_have_text("¥800.00")
    expect(page.get_by_test_id("approve")).to_have_count(0)  # HR settles, never approves

    log_in(page, live_server, "finance")
    expect(page.get_by_text("等待您审批的已结算月份")).to_be_visible()
    expect(page.locator("main a[href='/commission/']")).to_have_text("1")
    page.get_by_test_id("nav-commission").click()
    page.get_by_role("link", name="2026-10").click()
    expect(page.get_by_test_id("total")).to_have_text("¥1,550.00")  # 800.00 + 750.00
    shoot(page, "commission-settlement")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("status")).to_have_text("已批准并计入工资")
    items = dict(
        PayableItem.objects.filter(period__year=2026, period__month=10).values_list("engineer__name", "amount")
    )
    assert items == {"李娜": D("800.00"), "王强": D("750.00")}
