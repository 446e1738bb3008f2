"""Browser journey: HR publishes the closed month's payslips, an engineer finds the new payslip on their home,
opens it (the read is recorded) and confirms it; HR sees the confirmation among the receipts."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from payroll.delivery import publication_in_force
from payroll.models import Payslip, PayslipReceipt
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_publishes_and_the_engineer_opens_and_confirms_the_payslip(
    transactional_db, http_cookies, live_server, page, bonus_people, closed
):
    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/payroll/periods/{closed.pk}/")
    expect(page.get_by_test_id("delivery-status")).to_contain_text("未发布")
    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("delivery-status")).to_contain_text("由 hr 于")
    expect(page.get_by_test_id("count-published")).to_have_text("4")
    expect(page.get_by_test_id("count-confirmed")).to_have_text("0")
    log_out(page)

    log_in(page, live_server, "li")
    payslip = Payslip.objects.get(period=closed, engineer=bonus_people.li)
    page.get_by_role("link", name=f"新工资条待确认:{closed}").click()
    expect(page).to_have_url(f"{live_server.url}/payroll/payslips/{payslip.pk}/")
    expect(page.get_by_test_id("read-at")).to_be_visible()  # the first opening, recorded by the bar
    receipt = PayslipReceipt.objects.get(publication=publication_in_force(closed), engineer=bonus_people.li)
    assert receipt.read_at is not None and receipt.confirmed_at is None
    expect(page.get_by_test_id("read-at")).to_have_text(f"{timezone.localtime(receipt.read_at):%Y-%m-%d %H:%M}")
    page.get_by_test_id("confirm-payslip").click()
    expect(page.get_by_test_id("confirmed-at")).to_be_visible()
    expect(page.get_by_text("谢谢:您已确认这张工资条。")).to_be_visible()
    expect(page.get_by_test_id("confirm-payslip")).to_have_count(0)
    page.get_by_role("link", name="首页").click()
    expect(page.get_by_text("新工资条待确认")).to_have_count(0)
    log_out(page)

    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/payroll/periods/{closed.pk}/delivery/")
    expect(page.get_by_test_id("count-read")).to_have_text("1")
    expect(page.get_by_test_id("count-confirmed")).to_have_text("1")
    page.get_by_test_id("state-filter").select_option("confirmed")  # submits on change
    expect(page.get_by_test_id("receipt-row")).to_have_count(1)
    expect(page.get_by_test_id("receipt-row")).to_contain_text("李娜")
