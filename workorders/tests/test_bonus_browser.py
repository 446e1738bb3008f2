"""Browser journeys: an individual request and a crew request, each to its approval."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import submitted_request
from ledger.models import PayableItem
from workorders.bonus import services
from workorders.models import BonusRequest
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def http_cookies(settings):
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False


def test_individual_request_proposed_applied_approved_then_a_payable_item(
    transactional_db, http_cookies, live_server, page, bonus_people, special_order, make_work_order
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
    first = BonusRequest.objects.get()
    log_out(page)

    log_in(page, live_server, "supervisor")
    page.goto(f"{live_server.url}/bonus/inbox/")
    page.get_by_role("link", name=re.compile(r"^\d+$")).first.click()
    page.get_by_role("button", name="申报").click()
    expect(page.get_by_role("alert")).to_contain_text("已完成:申报")
    log_out(page)

    # Two more for 李娜, proposed after the first: 10,400.00 × 5 % = 520.00 and 1,300.00 × 3 % = 39.00.
    today = timezone.localdate()
    second, third = (
        submitted_individual(
            c,
            make_work_order(reported=today, resolved=today, is_special=True, lines=lines, people=((c.li, "5"),)),
            rate,
        )
        for lines, rate in (((("AZ-101", "80"),), "0.05"), ((("AZ-101", "10"),), "0.03"))
    )

    log_in(page, live_server, "manager")
    expect(page.get_by_role("link", name="3", exact=True).first).to_be_visible()  # home: three waiting
    page.goto(f"{live_server.url}/bonus/inbox/")
    rows = [page.get_by_test_id(f"inbox-row-{r.pk}") for r in (first, second, third)]
    expect(page.locator("[data-testid^=inbox-row-]")).to_have_count(3)
    expect(page.locator("[data-testid^=inbox-row-]").first).to_have_attribute("data-testid", f"inbox-row-{first.pk}")
    expect(rows[0].get_by_test_id("amount")).to_have_text("¥21.20")
    expect(rows[1].get_by_test_id("amount")).to_contain_text("¥500.00 从 ¥520.00 按上限削减")
    expect(rows[1].get_by_test_id("in-order")).to_have_text(f"排在上面的 #{first.pk} 之后:¥478.80")
    expect(rows[2].get_by_test_id("in-order")).to_have_text(f"排在上面的 #{first.pk}, #{second.pk} 之后:¥0.00")
    for row in rows:
        expect(row.get_by_test_id("cap")).to_have_text("已用 ¥0.00 · 剩余 ¥500.00")
    page.get_by_label("全选").check()  # static/js/app.js, data-check-all
    page.get_by_test_id("bulk-approve").click()
    report = page.get_by_test_id("bulk-result")
    expect(report).to_have_text(
        [
            f"#{first.pk} 个人激励 · {wo.number} · 李娜 — 已批准,支付 ¥21.20",
            f"#{second.pk} 个人激励 · {second.work_order.number} · 李娜 — 已批准,支付 ¥478.80",
            re.compile(
                rf"#{third.pk} .* — 未批准:批准 #{third.pk} 将支付 ¥0.00:本月已发个人激励 ¥500.00,已达月度上限 ¥500.00"
            ),
        ]
    )
    expect(page.get_by_role("alert")).to_contain_text("已批准所选 3 项申请中的 2 项")
    # The second step: the ¥0.00 request, confirmed as such.
    third_row = page.get_by_test_id(f"inbox-row-{third.pk}")
    expect(third_row.get_by_test_id("cap")).to_have_text("已用 ¥500.00 · 剩余 ¥0.00")
    third_row.get_by_role("checkbox", name=f"选择 #{third.pk}").check()
    third_row.get_by_label(re.compile("仍按 ¥0.00 批准")).check()
    page.get_by_test_id("bulk-approve").click()
    expect(report).to_have_text([re.compile(rf"#{third.pk} .* — 已批准,支付 ¥0.00\s*$")])

    page.goto(request_url)
    expect(page.get_by_test_id("approved-amount")).to_have_text("¥21.20")
    items = page.get_by_test_id("payable-items")
    expect(items).to_contain_text("李娜")
    expect(items).to_contain_text(f"{timezone.localdate():%Y-%m}")
    expect(page.get_by_test_id("timeline")).to_contain_text("已申报 → 已批准")
    amounts = PayableItem.objects.filter(engineer=c.li).order_by("source").values_list("source", "amount")
    assert dict(amounts) == {
        f"bonus_request:{first.pk}": Decimal("21.20"),
        f"bonus_request:{second.pk}": Decimal("478.80"),
        f"bonus_request:{third.pk}": Decimal("0.00"),
    }


def submitted_individual(c, wo, rate):
    return submitted_request(c, wo, c.li, rate)


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

    crew_request = BonusRequest.objects.get(kind="crew")
    pool = f"¥{expected.pool.amount:,.2f} 集体激励总金额"
    log_in(page, live_server, "manager")
    page.goto(f"{live_server.url}/bonus/inbox/")
    row = page.get_by_test_id(f"inbox-row-{crew_request.pk}")
    expect(row.get_by_test_id("amount")).to_have_text(pool)
    expect(row.get_by_role("checkbox")).to_have_count(0)  # a crew request is reviewed on its page, not in bulk
    page.get_by_role("link", name=re.compile(r"^\d+$")).first.click()
    expect(page.get_by_test_id("quote")).to_contain_text(f"批准将支付 ¥{expected.pool.amount:,.2f}")
    page.get_by_role("button", name="审核并上报").click()
    expect(page.get_by_role("alert")).to_contain_text("已完成")
    log_out(page)

    log_in(page, live_server, "gm")
    page.goto(f"{live_server.url}/bonus/inbox/")
    expect(page.get_by_test_id(f"inbox-row-{crew_request.pk}").get_by_test_id("amount")).to_have_text(pool)
    page.get_by_role("link", name=re.compile(r"^\d+$")).first.click()
    page.get_by_role("button", name="批准").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已批准:支付 ¥{expected.pool.amount:,.2f}。")
    expect(page.get_by_test_id("approved-amount")).to_have_text(f"¥{expected.pool.amount:,.2f}")
    items = {i.engineer_id: i.amount for i in PayableItem.objects.filter(kind="crew_incentive")}
    assert items == {k: t.amount for k, t in expected.shares.items()}
    assert sum(items.values()) == expected.pool.amount
