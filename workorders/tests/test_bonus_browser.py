"""Browser journeys: an individual request and a crew request, each to its approval."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ledger.models import PayableItem
from workorders.bonus import services
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def test_individual_request_proposed_applied_approved_then_a_payable_item(
    transactional_db, http_cookies, live_server, page, bonus_people, special_order
):
    c, wo = bonus_people, special_order
    log_in(page, live_server, "qs")
    page.goto(f"{live_server.url}{wo.get_absolute_url()}")
    page.get_by_role("link", name="提出个人激励").click()
    page.select_option("#id_engineer", str(c.li.pk))
    page.fill("#id_rate", "4")
    page.check("#id_rated_excellent")
    preview = page.get_by_test_id("preview")
    expect(preview.get_by_test_id("eligible")).to_have_text("符合条件")
    expect(preview.get_by_test_id("amount")).to_have_text("¥21.20")  # 530.00 × 4 %
    expect(preview.get_by_test_id("headroom")).to_have_text("¥500.00")
    page.fill("#id_rate", "6")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".errorlist")).to_contain_text("超出允许范围 3%–5%")
    page.fill("#id_rate", "4")
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/bonus/\d+/$"))
    request_url = page.url
    log_out(page)

    log_in(page, live_server, "supervisor")
    page.goto(f"{live_server.url}/bonus/inbox/")
    page.get_by_role("link", name=re.compile(r"^\d+$")).first.click()
    page.get_by_role("button", name="申报").click()
    expect(page.get_by_role("alert")).to_contain_text("已完成:申报")
    log_out(page)

    log_in(page, live_server, "manager")
    expect(page.get_by_role("link", name="1", exact=True).first).to_be_visible()  # home: one waiting
    page.goto(request_url)
    page.get_by_role("button", name="批准").click()
    expect(page.get_by_test_id("approved-amount")).to_have_text("¥21.20")
    items = page.get_by_test_id("payable-items")
    expect(items).to_contain_text("李娜")
    expect(items).to_contain_text(f"{timezone.localdate():%Y-%m}")
    expect(page.get_by_test_id("timeline")).to_contain_text("已申报 → 已批准")
    assert PayableItem.objects.get().amount == Decimal("21.20")


def test_crew_request_from_self_assessment_through_three_inspections_to_gm_approval(
    transactional_db, http_cookies, live_server, page, bonus_people, special_order
):
    c, wo = bonus_people, special_order
    crew_url = f"{live_server.url}/bonus/workorder/{wo.pk}/crew/"

    log_in(page, live_server, "leader")
    page.goto(crew_url)
    page.get_by_role("link", name="填写").click()
    page.fill("#id_quality_assessment", "按图施工,管路保温到位,无安全事故。")
    page.fill(f"#id_pct_{c.zhao.pk}", "250")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("须在 0 至 200 之间")
    page.fill(f"#id_pct_{c.zhao.pk}", "80")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("质量自评与分配方案已保存")
    log_out(page)

    def inspect(role, name, scores):
        page.goto(f"{crew_url}inspection/{role}/")
        page.fill("#id_inspector_name", name)
        for field, value in zip(("safety", "quality", "communication", "rules"), scores, strict=True):
            page.fill(f"#id_{field}", str(value))
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("alert")).to_contain_text("检查评分已录入")

    log_in(page, live_server, "qs")
    inspect("qs_officer", "郑超", (90, 85, 80, 95))
    inspect("qc_inspector", "甲方质检 王工", (80, 90, 90, 90))
    log_out(page)

    log_in(page, live_server, "supervisor")
    inspect("supervisor", "何建国", (100, 80, 70, 100))
    page.goto(crew_url)
    page.fill("#id_ratio", "25")
    page.get_by_role("button", name="计算").click()
    expect(page.locator(".errorlist")).to_contain_text("超出允许范围 10%–20%")
    page.fill("#id_ratio", "15")
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_test_id("total-score")).to_have_text("87.50")  # averages 90, 85, 80, 95
    expected = services.crew_preview(work_order=wo, ratio=Decimal("0.15"), on=timezone.localdate())
    expect(page.get_by_test_id("pool")).to_have_text(f"¥{expected.pool.amount:,.2f}")
    page.get_by_role("button", name="提出集体激励申请").click()
    page.get_by_role("button", name="申报").click()
    log_out(page)

    log_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/bonus/inbox/")
    page.get_by_role("link", name=re.compile(r"^\d+$")).first.click()
    page.get_by_role("button", name="审核并上报").click()
    expect(page.get_by_role("alert")).to_contain_text("已完成")
    log_out(page)

    log_in(page, live_server, "gm")
    page.goto(f"{live_server.url}/bonus/inbox/")
    page.get_by_role("link", name=re.compile(r"^\d+$")).first.click()
    page.get_by_role("button", name="批准").click()
    expect(page.get_by_test_id("approved-amount")).to_have_text(f"¥{expected.pool.amount:,.2f}")
    items = {i.engineer_id: i.amount for i in PayableItem.objects.filter(kind="crew_incentive")}
    assert items == {k: t.amount for k, t in expected.shares.items()}
    assert sum(items.values()) == expected.pool.amount
