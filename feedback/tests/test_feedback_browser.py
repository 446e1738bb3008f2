"""Browser journey: an engineer writes an anonymous complaint about the KPI pay; a member of the supervision group
answers it without ever seeing who wrote it; the engineer finds the answer on their home and reads it."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from feedback import services
from feedback.models import Feedback
from workorders.tests.browser import log_out


def log_in(page, live_server, username, shown):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(shown)


pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_anonymous_complaint_is_answered_without_its_author_being_seen(
    transactional_db, http_cookies, live_server, page, bonus_people
):
    c = bonus_people
    c.li_user.first_name = "李娜"
    c.li_user.save()
    services.member_add(user=c.hr, member=c.supervisor)

    log_in(page, live_server, "li", "李娜")
    page.get_by_test_id("nav-feedback").click()
    page.get_by_test_id("feedback-new").click()
    page.select_option("#id_category", "complaint")
    page.select_option("#id_document_no", "FS-MS-KF-13")
    page.select_option("#id_rule", "kpi_pay")
    page.fill("#id_text", "考核打分没有和我沟通,结果也没有反馈。")
    page.check("#id_anonymous")
    page.get_by_test_id("feedback-submit").click()
    expect(page.get_by_test_id("anonymous")).to_have_text("匿名")
    expect(page.get_by_text("其他人看不到您的姓名")).to_be_visible()
    feedback = Feedback.objects.get()
    assert feedback.author == c.li_user and feedback.anonymous
    log_out(page)

    log_in(page, live_server, "supervisor", "supervisor")
    expect(page.get_by_text("等待监督小组答复")).to_be_visible()
    page.get_by_test_id("nav-feedback").click()
    row = page.get_by_test_id("feedback-list").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.get_by_test_id("anonymous")).to_have_text("匿名")
    row.get_by_role("link", name=str(feedback.pk)).click()
    expect(page.get_by_test_id("feedback-text")).to_have_text("考核打分没有和我沟通,结果也没有反馈。")
    expect(page.get_by_test_id("feedback-about")).to_have_text("FS-MS-KF-13 · 绩效工资")
    for leak in ("李娜", "li@example.cn"):
        expect(page.locator("main")).not_to_contain_text(leak)
    page.select_option("#id_status", "adopted")
    page.fill("#id_answer", "已要求各部门在考核后逐人面谈反馈结果。")
    page.get_by_test_id("answer-submit").click()
    expect(page.get_by_test_id("feedback-status")).to_have_text("已采纳")
    expect(page.get_by_test_id("answer-form")).to_have_count(0)
    expect(page.locator("main")).not_to_contain_text("李娜")
    log_out(page)

    log_in(page, live_server, "li", "李娜")
    answered = page.get_by_role("link", name=f"监督小组答复了您的投诉 #{feedback.pk}")
    expect(answered).to_be_visible()
    answered.click()
    expect(page.get_by_test_id("feedback-answer")).to_contain_text("已要求各部门在考核后逐人面谈反馈结果。")
    expect(page.get_by_test_id("feedback-answer")).to_contain_text("已采纳")
    page.get_by_test_id("feedback-read").click()
    expect(page.get_by_test_id("feedback-read")).to_have_count(0)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name=f"监督小组答复了您的投诉 #{feedback.pk}")).to_have_count(0)
