"""An installer's pages on a phone (390 × 844): nothing wider than the screen, work orders as cards,
the payslip readable line by line."""

import pytest
from playwright.sync_api import expect

from payroll.models import Payslip
from workorders.tests.browser import log_in


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, page.url


def test_an_engineers_pages_fit_a_phone(transactional_db, http_cookies, live_server, phone, bonus_people, published):
    page = phone
    log_in(page, live_server, "li")
    no_sideways_scroll(page)
    page.goto(f"{live_server.url}/workorders/")
    cards = page.get_by_test_id("workorder-cards")
    expect(cards).to_be_visible()
    expect(page.get_by_test_id("workorder-table")).to_be_hidden()
    # A customer's name sits on one line beside its type, not a character per line.
    first = cards.locator("li").first.locator(".small").first
    assert first.evaluate("el => el.getBoundingClientRect().height") < 30
    expect(page.get_by_role("button", name="筛选", exact=True)).to_be_hidden()  # folded away until asked for
    no_sideways_scroll(page)
    for path in ("/payroll/payslips/", "/kpi/my/", "/bonus/"):
        page.goto(live_server.url + path)
        no_sideways_scroll(page)
    mine = Payslip.objects.get(period=published, engineer=bonus_people.li)
    page.goto(f"{live_server.url}/payroll/payslips/{mine.pk}/")
    expect(page.get_by_test_id("confirm-payslip")).to_be_visible()
    no_sideways_scroll(page)
    line = page.locator(".payslip-line").first
    line.locator("summary").first.click()
    expect(line.get_by_test_id("line-explanation")).to_be_visible()
    no_sideways_scroll(page)
