"""From the customer's call to the survey answer in the KPI, in Chromium: a supervisor logs the call and assigns
李娜, she moves it on from her phone, the customer answers the survey on theirs, and 李娜's month shows the CSAT.

Set INCDESK_SCREENSHOTS=<folder> to keep the screenshots (laptop and phone width)."""

import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, ensure_policy_a2

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


def shoot(page, name: str) -> None:
    folder = os.environ.get("INCDESK_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(username)


def log_out(page) -> None:
    page.context.clear_cookies()


def test_a_call_becomes_a_resolved_request_and_its_survey_the_engineers_csat(
    transactional_db, http_cookies, live_server, page, browser, company
):
    from appraisal.scorecards.fetch import metrics_for
    from policies.defaults import seed_service_documents
    from policies.models import PolicyVersion
    from servicedesk.models import ServiceRequest

    ensure_policy_a2()
    seed_service_documents(PolicyVersion, timezone.now())
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server, "supervisor")
    page.get_by_test_id("nav-service").click()
    shoot(page, "service-list-empty")
    page.get_by_test_id("log-request").click()
    page.fill("#id_customer_name", "陈先生")
    page.fill("#id_customer_phone", "13800138000")
    page.fill("#id_address", "佛山市南海区桂城街道1号")
    page.fill("#id_product", "SL-200 太阳能热水器")
    page.fill("#id_fault_description", "不出热水,水箱有异响")
    page.select_option("#id_category", "repair")
    page.select_option("#id_priority", "high")
    page.select_option("#id_department", str(company.d1.pk))
    shoot(page, "service-log")
    page.get_by_role("button", name="登记请求").click()
    expect(page.get_by_test_id("suggestions")).to_contain_text("李娜")
    shoot(page, "service-assign")
    page.select_option("#id_engineer", str(company.li.pk))
    page.get_by_role("button", name="派工").click()
    expect(page.locator("[data-state=assigned]")).to_be_visible()
    shoot(page, "service-detail-assigned")
    log_out(page)

    page.set_viewport_size(PHONE)
    log_in(page, live_server, "li")
    page.goto(f"{live_server.url}/service/my/")
    for step in ("accept", "depart", "arrive"):
        page.get_by_test_id(f"step-{step}").click()
        expect(page.locator(".alert-success")).to_be_visible()
    shoot(page, "service-my-phone")
    page.get_by_placeholder("处理情况(选填)").fill("更换温控阀")
    page.get_by_test_id("step-resolve").click()
    expect(page.get_by_text("暂无派给您的未完成请求")).to_be_visible()
    log_out(page)

    page.set_viewport_size(LAPTOP)
    log_in(page, live_server, "supervisor")
    sr = ServiceRequest.objects.get()
    page.goto(f"{live_server.url}{sr.get_absolute_url()}")
    sms = page.get_by_test_id("sms-text").input_value()
    link = re.search(r"https?://\S+/s/\S+/", sms).group(0)
    shoot(page, "service-detail-resolved")

    customer = browser.new_context(viewport=PHONE)  # no login, another browser
    survey = customer.new_page()
    survey.goto(link)
    expect(survey.get_by_test_id("survey-subject")).to_contain_text("SL-200 太阳能热水器")
    expect(survey.locator("body")).not_to_contain_text("陈先生")
    shoot(survey, "survey-phone")
    survey.get_by_role("radio", name="4 ★ 满意").check()
    survey.fill("textarea[name=comment]", "师傅很专业")
    pad = survey.locator("[data-signature-pad]").bounding_box()  # the customer signs with a finger
    survey.mouse.move(pad["x"] + 20, pad["y"] + 40)
    survey.mouse.down()
    survey.mouse.move(pad["x"] + 120, pad["y"] + 90, steps=8)
    survey.mouse.move(pad["x"] + 220, pad["y"] + 30, steps=8)
    survey.mouse.up()
    survey.get_by_test_id("survey-submit").click()
    expect(survey.get_by_test_id("survey-thanks")).to_be_visible()
    shoot(survey, "survey-thanks")
    customer.close()

    page.get_by_role("button", name="关闭").click()
    expect(page.locator("[data-state=closed]")).to_be_visible()
    expect(page.get_by_test_id("survey")).to_contain_text("4")
    expect(page.get_by_test_id("signature")).to_be_visible()
    today = timezone.localdate()
    metrics = metrics_for([company.li], period=(today.replace(day=1), today), on_time_hours=48)[company.li.pk]
    assert metrics.orders == 1 and metrics.csat_average == 80
    sr.work_order.refresh_from_db()
    assert sr.work_order.customer_signed and sr.survey.__class__.objects.get().signature.startswith("data:image/png")
