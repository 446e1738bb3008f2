"""Browser journey: an engineer finds the ladder in the menu, applies to the yearly review and reads the evidence the
system gathered; the general manager scores and approves; HR publishes the notice, which lists the promotion."""

from datetime import date

import pytest
from playwright.sync_api import expect

from careers import services
from careers.models import Candidate
from conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(username)


def test_engineer_applies_gm_approves_hr_publishes(transactional_db, http_cookies, live_server, page, career):
    review = services.review_open(
        user=career.hr, kind="annual", name="2026 年度晋升评审", effective_from=date(2026, 12, 1)
    )
    log_in(page, live_server, "li")
    page.get_by_test_id("nav-careers").click()
    expect(page.get_by_role("heading", name="职业发展通道")).to_be_visible()
    expect(page.get_by_test_id("ladder")).to_contain_text("¥600.00")
    expect(page.locator(".list-group-item-primary")).to_contain_text("工程助理")
    page.get_by_role("link", name="2026 年度晋升评审").click()
    page.fill("#a-text", "独立完成 12 单上门服务,客户满意")
    page.get_by_role("button", name="申报").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.get_by_role("link", name="李娜").click()
    evidence = page.get_by_test_id("evidence")
    expect(evidence).to_contain_text("80.00")  # KPI mean of May–July: (80 + 70 + 90) / 3
    expect(evidence).to_contain_text("89.58")  # CSAT of 12 orders: (11 × 90 + 85) / 12
    expect(page.get_by_text("评审组评分未出或低于要求")).to_be_visible()

    log_in(page, live_server, "gm")
    cand = Candidate.objects.get(engineer=career.li)
    page.goto(f"{live_server.url}/careers/candidates/{cand.pk}/")
    page.fill("#s-score", "82")
    page.get_by_role("button", name="保存我的评分").click()
    expect(page.get_by_test_id("evidence")).to_contain_text("82.00")
    page.get_by_role("button", name="批准晋升").click()
    expect(page.get_by_test_id("decision")).to_have_text("已批准")

    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/careers/reviews/{review.pk}/")
    page.get_by_role("button", name="发布公示").click()
    expect(page.get_by_test_id("review-status")).to_have_text("公示")
    page.get_by_role("link", name="公示", exact=True).click()
    expect(page.get_by_test_id("notice")).to_contain_text("李娜")
    expect(page.get_by_test_id("notice")).to_contain_text("初级工程员")
