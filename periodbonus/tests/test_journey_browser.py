"""Browser journey: the department manager proposes Q3 from the ranking, raises one amount with a note and submits;
the general manager approves it; the payable items are in the open pay period and 李娜 sees her bonus."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import ensure_policy_a2
from ledger.models import PayableItem
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_manager_proposes_gm_approves_and_the_payable_items_appear(
    transactional_db, http_cookies, live_server, page, q3
):
    from policies.defaults import seed_pay_documents
    from policies.models import PolicyVersion

    ensure_policy_a2()  # a transactional test flushes what the migrations seeded
    seed_pay_documents(PolicyVersion, timezone.now(), (("KF-BONUS_A0", date(2020, 1, 1)),))

    log_in(page, live_server, "manager")
    page.get_by_test_id("nav-periodbonus").click()
    expect(page.get_by_role("heading", name="季度奖金与年终奖")).to_be_visible()
    form = page.get_by_test_id("propose")
    form.locator("#id_department").select_option(str(q3.d1.pk))
    expect(form.locator("#id_quarter")).to_have_value("3")  # the last quarter over on 2026-11-18
    form.get_by_role("button", name="提出").click()
    lines = page.get_by_test_id("lines")
    expect(lines.locator('tr[data-engineer="E002"]')).to_contain_text("91.67")  # 李娜 (92 + 88 + 95) ÷ 3
    expect(page.get_by_test_id("total")).to_have_text("¥3,800.00")
    page.get_by_label("金额 张伟").fill("960")
    page.get_by_label("备注 张伟").fill("带新人两名")
    page.get_by_role("button", name="提交总经理审批").click()
    expect(page.get_by_test_id("status")).to_have_text("待总经理审批")
    expect(page.get_by_test_id("total")).to_have_text("¥3,960.00")
    log_out(page)

    log_in(page, live_server, "gm")
    page.get_by_test_id("nav-periodbonus").click()
    page.get_by_test_id("waiting").get_by_role("link").click()
    page.get_by_role("button", name="批准并计入工资").click()
    expect(page.get_by_test_id("status")).to_have_text("已批准并计入工资")
    items = {
        i.engineer.name: (i.amount, i.period.month) for i in PayableItem.objects.select_related("engineer", "period")
    }
    assert items == {"孙丽": (D("1500.00"), 11), "李娜": (D("1500.00"), 11), "张伟": (D("960.00"), 11)}
    log_out(page)

    log_in(page, live_server, "li")
    page.get_by_test_id("nav-periodbonus").click()
    mine = page.get_by_test_id("my-bonus")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("¥1,500.00")
    expect(mine).to_contain_text("91.67")
