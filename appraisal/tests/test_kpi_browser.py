"""Browser journey: an HR clerk fills a department's KPI grid by keyboard and paste."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from appraisal.models import Scorecard
from conftest import ensure_policy_a2
from engineers.models import Engineer
from incentives.policy import Policy
from incentives.rules.kpi import scorecard as engine_scorecard
from workorders.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")
PASTE_JS = """([el, text]) => {
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
}"""


@pytest.fixture
def http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def test_hr_fills_a_grid_of_eleven_by_keyboard_and_paste_then_submits(
    transactional_db, http_cookies, live_server, page, company
):
    ensure_policy_a2()
    for n in range(8):
        Engineer.objects.create(
            employee_no=f"E1{n:02d}",
            name=f"测试{n}",
            department=company.d1,
            hire_date=date(2019, 1, 1),
            performance_pay_base_amount=D("1000.00"),
        )
    engineers = list(Engineer.objects.filter(department=company.d1).order_by("employee_no"))
    assert len(engineers) == 11
    today = timezone.localdate()
    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/kpi/grid/?department={company.d1.pk}&month={today:%Y-%m}")

    # Row 1 by keyboard: type, Tab to the next dimension.
    first = page.locator(f'tr[data-engineer="{engineers[0].pk}"] input.kpi-cell').first
    first.click()
    for value in ("90", "85", "80", "95", "70"):
        page.keyboard.type(value)
        page.keyboard.press("Tab")
    # 105 is refused as you type; Enter moves down the column.
    cell = page.locator(f'tr[data-engineer="{engineers[1].pk}"] input[data-dim="attitude"]')
    cell.fill("105")
    expect(cell).to_have_class(__import__("re").compile("is-invalid"))
    expect(page.locator(f'tr[data-engineer="{engineers[1].pk}"] .invalid-feedback')).to_have_text("请输入 0–100 的数字")

    # Rows 2–11 pasted as one block copied from Excel (tab-separated, newline per row).
    rows = [[str(60 + (i * 7 + j * 3) % 40) for j in range(5)] for i in range(10)]
    block = "\n".join("\t".join(r) for r in rows) + "\n"
    page.evaluate(PASTE_JS, [cell.element_handle(), block])
    expect(cell).to_have_value(rows[0][0])
    expect(cell).not_to_have_class(__import__("re").compile("is-invalid"))
    cell.press("Enter")
    expect(page.locator(f'tr[data-engineer="{engineers[2].pk}"] input[data-dim="attitude"]')).to_be_focused()
    expect(page.get_by_test_id("grid-status")).to_have_text("已保存", timeout=10000)

    typed = {engineers[0].pk: ["90", "85", "80", "95", "70"], **{e.pk: rows[i] for i, e in enumerate(engineers[1:])}}
    policy = Policy.load_default()
    for e in engineers:
        expected = engine_scorecard(
            scores={"supervisor": {d: D(v) for d, v in zip(DIMS, typed[e.pk], strict=True)}}, policy=policy
        )
        row = page.locator(f'tr[data-engineer="{e.pk}"]')
        expect(row.locator('[data-out="score"]')).to_have_text(str(expected.score))
        expect(row.locator('[data-out="band"]')).to_have_text(expected.band.code)

    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="提交本月").click()
    expect(page.get_by_role("alert")).to_contain_text("已提交 11 张")
    cards = {c.engineer_id: c for c in Scorecard.objects.filter(year=today.year, month=today.month)}
    assert all(c.status == "submitted" for c in cards.values()) and len(cards) == 11
    for e in engineers:
        expected = engine_scorecard(
            scores={"supervisor": {d: D(v) for d, v in zip(DIMS, typed[e.pk], strict=True)}}, policy=policy
        )
        assert (cards[e.pk].score, cards[e.pk].band) == (expected.score, expected.band.code)
