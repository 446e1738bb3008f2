"""Browser: a refused save does not come back after a reload, a closed month is read-only and drops the
edits a browser kept, a partly scored row says it is incomplete."""

import json
import os

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import ensure_policy_a2
from ledger.models import PayPeriod
from workorders.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, name):
    """A picture to look at when INCDESK_SHOTS names a folder."""
    if os.environ.get("INCDESK_SHOTS"):
        page.set_viewport_size({"width": 1366, "height": 900})
        page.screenshot(path=os.path.join(os.environ["INCDESK_SHOTS"], f"{name}.png"), full_page=True)


def grid_url(live_server, company):
    return (
        f"{live_server.url}/kpi/grid/?department={company.d1.pk}&month={timezone.localdate():%Y-%m}&source=supervisor"
    )


def test_a_partly_scored_row_is_incomplete_and_a_refused_save_is_dropped(
    transactional_db, http_cookies, live_server, page, company
):
    ensure_policy_a2()
    log_in(page, live_server, "hr")
    page.goto(grid_url(live_server, company))
    row = page.locator(f'tr[data-engineer="{company.li.pk}"]')
    row.locator('input[data-dim="attitude"]').fill("90")
    row.locator('input[data-dim="skill"]').fill("80")
    expect(page.get_by_test_id("grid-status")).to_have_text("已保存", timeout=10000)
    expect(row.locator('[data-out="score"]')).to_have_text("未完成:缺 3 项")
    expect(row.locator('[data-out="band"]')).to_have_text("")
    expect(row.locator('[data-out="pay"]')).to_have_text("")
    shoot(page, "kpi-incomplete")

    # The period closes while the page is open: the next save is refused for good.
    today = timezone.localdate()
    PayPeriod.objects.create(year=today.year, month=today.month, status="closed")
    cell = row.locator('input[data-dim="efficiency"]')
    cell.fill("70")
    status = page.get_by_test_id("grid-status")
    expect(status).to_contain_text("已丢弃", timeout=10000)
    expect(status).to_contain_text("不能再修改")
    expect(cell).to_have_value("")  # the refused value is gone from the page…
    key = f"kpi-grid:{company.d1.pk}:{today:%Y-%m}:supervisor"
    assert page.evaluate(f"localStorage.getItem('{key}')") is None  # …and from the browser

    page.reload()
    expect(page.get_by_test_id("grid-read-only")).to_contain_text("不能再修改")
    assert page.locator("input.kpi-cell").count() == 0
    expect(page.locator(f'tr[data-engineer="{company.li.pk}"] [data-dim="efficiency"]')).to_have_text("")
    expect(page.locator("#save-all")).to_have_count(0)


def test_edits_kept_in_the_browser_are_dropped_with_a_message_when_the_month_is_closed(
    transactional_db, http_cookies, live_server, page, company
):
    ensure_policy_a2()
    today = timezone.localdate()
    log_in(page, live_server, "hr")
    page.goto(grid_url(live_server, company))
    key = f"kpi-grid:{company.d1.pk}:{today:%Y-%m}:supervisor"
    kept = json.dumps({str(company.li.pk): {"attitude": "55", "skill": "66"}})
    # Edits kept from an earlier failed save (as the page leaves them), then the month closes.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, kept])
    PayPeriod.objects.create(year=today.year, month=today.month, status="closed")
    page.reload()
    expect(page.get_by_test_id("grid-status")).to_contain_text("浏览器中暂存的 2 项修改未能保存,已丢弃")
    assert page.evaluate(f"localStorage.getItem('{key}')") is None
    expect(page.locator(f'tr[data-engineer="{company.li.pk}"] [data-dim="attitude"]')).to_have_text("")
    shoot(page, "kpi-closed")
