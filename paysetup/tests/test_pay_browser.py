"""Browser: HR keeps 李娜's pay set-up from her engineer page (the pay panel loads into it), is warned
of a base below the city's limit, sets her bank account and reads it in full; 李娜 reads her own
set-up with the account masked and no form."""

import os

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    # workorders.tests.browser has the same helper, but workorders sits above this app.
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(username)


def log_out(page):
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading")).to_have_text("登录激励台")


def shoot(page, name, width=1366):
    """A picture to look at when INCDESK_SHOTS names a folder (laptop and phone widths)."""
    if os.environ.get("INCDESK_SHOTS"):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=os.path.join(os.environ["INCDESK_SHOTS"], f"{name}.png"), full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})


def test_hr_keeps_the_pay_set_up_and_the_engineer_reads_it_masked(
    transactional_db, http_cookies, live_server, page, pay_company
):
    c = pay_company
    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/engineers/{c.li.pk}/")
    panel = page.get_by_test_id("pay-panel")
    expect(panel.get_by_test_id("scheme-current")).to_contain_text("尚无薪资方案")

    panel.get_by_test_id("scheme-new").click()
    page.get_by_label("生效日期").fill("2026-12-01")
    page.get_by_label("基本工资(元)").fill("3500")
    page.get_by_label("岗位工资(元)").fill("800")
    page.get_by_label("社保缴纳城市").select_option("FS")
    page.get_by_label("缴费基数(元)").fill("-3000")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#id_contribution_base ~ .errorlist")).to_have_text("缴费基数不能为负数。")
    shoot(page, "pay-scheme-form-refused")
    page.get_by_label("缴费基数(元)").fill("3000")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="低于佛山市的下限")).to_contain_text("¥4,588.00")
    expect(panel.get_by_test_id("scheme-history")).to_contain_text("¥3,500.00")

    panel.get_by_test_id("bank-account-set").click()
    page.get_by_label("开户银行").select_option("ICBC")
    page.get_by_label("银行账号").fill("6222 0212 3456 7890 128")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="银行账户已保存")).to_be_visible()
    expect(panel.get_by_test_id("account-no")).to_have_text("6222021234567890128")
    shoot(page, "pay-panel-hr")
    shoot(page, "pay-panel-hr-phone", width=390)
    log_out(page)

    log_in(page, live_server, "li")
    page.goto(f"{live_server.url}/engineers/{c.li.pk}/")
    expect(panel.get_by_test_id("account-no")).to_have_text("6222 **** **** 0128")
    expect(panel.get_by_test_id("scheme-current")).to_contain_text("2026-12-01")  # this is November
    expect(panel.get_by_test_id("scheme-history")).to_contain_text("¥3,500.00")
    expect(panel.get_by_test_id("scheme-new")).to_have_count(0)
    shoot(page, "pay-panel-engineer")
    page.get_by_role("link", name="变更历史").first.click()
    expect(page.get_by_test_id("pay-history")).to_contain_text("6222 **** **** 0128")
    expect(page.get_by_test_id("pay-history")).not_to_contain_text("6222021234567890128")
    shoot(page, "pay-history-engineer")
