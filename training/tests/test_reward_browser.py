"""Browser journey: HR records 李娜's electrician certificate after the course from the menu, which proposes a
study reward of ¥400.00 (KF-STUDY A/0, intermediate level); HR cannot approve it; D01's manager finds it on
their home and approves it; it is then a payable item of 2026-11."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from ledger.models import PayableItem
from training.models import StudyReward
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_records_a_pass_and_the_manager_approves_the_study_reward(
    transactional_db, http_cookies, live_server, page, trained
):
    c = trained
    log_in(page, live_server, "hr")
    page.get_by_test_id("nav-training").click()
    expect(page.get_by_role("heading", name="培训")).to_be_visible()
    expect(page.get_by_role("link", name="2026-11-16 – 2026-11-17")).to_be_visible()
    page.get_by_role("link", name="证书", exact=True).click()
    page.get_by_test_id("new-certificate").click()
    page.select_option("#id_engineer", str(c.li.pk))
    page.select_option("#id_skill", "electrician")
    page.select_option("#id_level", "intermediate")
    page.fill("#id_certificate_no", "DG-2026-0001")
    page.fill("#id_issuer", "佛山市人力资源和社会保障局")
    page.fill("#id_issued_on", "2026-11-17")
    page.fill("#id_expires_on", "2030-11-16")
    page.select_option("#id_session", str(c.session.pk))
    page.get_by_test_id("save-certificate").click()

    expect(page.locator(".alert-success")).to_contain_text("证书已登记;学习奖励等待审批。")
    expect(page.get_by_test_id("amount")).to_have_text("¥400.00")
    expect(page.get_by_test_id("status")).to_have_text("待审批")
    expect(page.get_by_test_id("approve")).to_have_count(0)  # HR recorded it: four-eyes
    expect(page.get_by_test_id("refusal")).to_contain_text("学习奖励只能由安装部的部门经理或事业部总经理审批")
    log_out(page)

    log_in(page, live_server, "manager")
    waiting = page.locator(".card-stat", has_text="待我审批的学习奖励").get_by_role("link")
    expect(waiting).to_have_text("1")
    waiting.click()
    page.get_by_role("link", name="李娜").click()
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("status")).to_have_text("已批准")
    expect(page.get_by_test_id("period")).to_have_text("2026-11")

    reward = StudyReward.objects.get()
    item = PayableItem.objects.get(source=f"study_reward:{reward.pk}")
    assert (item.engineer_id, item.amount, item.period.month) == (c.li.pk, Decimal("400.00"), 11)
