"""Every key page works under the Content-Security-Policy: Chromium reports no refusal.

The `page` fixture (root conftest) fails any browser test on a CSP violation; this journey
visits the pages the policy could break: login, each role's home, the KPI grid (its script),
a bonus request form, the inbox (select all), the period page with its progress bar while
closing and once closed (htmx polling), publishing the payslips, a payslip (its read receipt sent by
htmx) and the KPI chart (ECharts)."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from ledger.models import PayPeriod, PeriodEvent
from payroll import closing, tasks
from payroll.close import close_claim
from payroll.models import Payslip
from workorders.models import WorkOrder
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_key_pages_show_no_csp_violation(
    transactional_db, http_cookies, live_server, page, csp_violations, bonus_people, month, monkeypatch
):
    response = page.goto(f"{live_server.url}/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for username in ("li", "leader", "supervisor", "qs", "manager", "gm", "finance"):
        log_in(page, live_server, username)
        log_out(page)

    log_in(page, live_server, "qs")
    order = WorkOrder.objects.filter(is_special=True).order_by("pk").last()
    page.goto(f"{live_server.url}/bonus/workorder/{order.pk}/propose/individual/")
    expect(page.locator("form").last).to_be_visible()
    log_out(page)

    log_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/bonus/inbox/")
    page.goto(f"{live_server.url}/kpi/summary/engineer/{bonus_people.li.pk}/")
    expect(page.locator("#kpi-chart canvas")).to_have_count(1)
    expect(page.locator("#kpi-chart")).to_have_css("height", "280px")
    log_out(page)

    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.get_by_text("Incentive Desk API").first).to_be_visible(timeout=30000)
    page.goto(f"{live_server.url}/admin/login/")
    page.goto(f"{live_server.url}/kpi/grid/")  # this month is submitted: read-only, its script still runs
    expect(page.get_by_test_id("grid-read-only")).to_be_visible()
    page.goto(f"{live_server.url}/kpi/grid/?month=2026-12")  # an open month: the inputs and the autosave
    expect(page.locator("input.kpi-cell").first).to_be_visible()
    # The language menu submits on change (data-autosubmit, no inline handler).
    page.wait_for_load_state("load")
    page.get_by_label("语言").select_option("en")
    expect(page.get_by_role("link", name="Home")).to_be_visible()
    page.wait_for_load_state("load")  # app.js, which submits the menu, runs after the menu is painted
    page.get_by_label("Language").select_option("zh-hans")
    expect(page.get_by_role("link", name="首页")).to_be_visible()

    # A close under way (held by a worker elsewhere): the bar shows the share done, and htmx polls it.
    ticket = close_claim(user=bonus_people.hr, period=month, reason="test")
    with monkeypatch.context() as patched:
        patched.setattr(closing, "_closing_phase", lambda period, progress: "running")
        tasks.progress_set(month.pk, state="running", done=3, total=10, run=ticket.pk)
        page.goto(f"{live_server.url}/payroll/periods/{month.pk}/")
        bar = page.get_by_test_id("close-progress").locator("progress")
        expect(bar).to_have_attribute("value", "30")
        assert bar.evaluate("el => el.position") == pytest.approx(0.3)
    PayPeriod.objects.filter(pk=month.pk).update(status="open")
    PeriodEvent.objects.filter(period=month).delete()
    cache.delete(tasks.progress_key(month.pk))
    page.reload()
    # The confirm asked by data-confirm; dismissing it closes nothing.
    page.get_by_label("现在结算的理由").fill("提前结算:年底对账")
    page.once("dialog", lambda d: d.dismiss())
    page.get_by_role("button", name="结算本期间").click()
    expect(page.get_by_test_id("period-status")).not_to_have_text("已结算")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="结算本期间").click()
    expect(page.get_by_test_id("period-status")).to_have_text("已结算", timeout=20000)
    # HR publishes the payslips (data-confirm again), and the receipts page opens.
    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("delivery-status")).to_contain_text("发布")
    page.get_by_test_id("delivery-link").click()
    expect(page.get_by_test_id("receipts")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "li")
    page.goto(f"{live_server.url}/payroll/payslips/{Payslip.objects.get(period=month, engineer=bonus_people.li).pk}/")
    expect(page.get_by_test_id("gross-total")).to_be_visible()
    expect(page.get_by_test_id("read-at")).to_be_visible()  # recorded by the bar's htmx request
    assert csp_violations == []
