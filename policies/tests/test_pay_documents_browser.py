"""HR revises the tax rules in the browser: a bracket table as rows, an eighth bracket typed into a blank row,
a mistake named beside its cell, then the draft's page; the list and each kind's page at laptop and phone width.

Set INCDESK_SCREENSHOTS=<folder> to keep the screenshots (to look at the pages)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, ensure_policy_a2, make_user
from policies.models import PolicyVersion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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


def test_hr_adds_a_tax_bracket_in_the_browser(transactional_db, http_cookies, live_server, page):
    ensure_policy_a2()
    make_user("hr", "hr_clerk")
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "hr")

    page.goto(f"{live_server.url}/payroll/policies/")
    tax = page.get_by_test_id("document-IIT")
    expect(tax.get_by_test_id("in-force")).to_contain_text("2023")
    shoot(page, "policies-list")
    for document_no in ("KF-PAY", "IIT", "SI-FS"):
        version = PolicyVersion.objects.filter(document_no=document_no, status="approved").first()
        page.goto(f"{live_server.url}/payroll/policies/{version.pk}/")
        shoot(page, f"policy-{document_no}")

    expect(tax.get_by_role("link", name="提出修订")).to_be_visible()  # the list offers it per document
    page.goto(f"{live_server.url}/payroll/policies/revise/IIT/")
    page.fill("[name=version]", "2027")
    page.fill("[name=effective_from]", "2027-01-01")
    page.fill("[name=revision_note]", "增设第八级")
    eighth = page.get_by_label("综合所得税率表(年度,累计预扣),第 8 级:应纳税所得额超过")
    eighth.fill("900000")  # below the seventh bracket's 960,000: refused beside the cell
    page.get_by_label("综合所得税率表(年度,累计预扣),第 8 级:税率").fill("50")
    page.get_by_label("综合所得税率表(年度,累计预扣),第 8 级:速算扣除数").fill("281920")
    page.get_by_role("button", name="提出").click()
    expect(page.get_by_test_id("revision-errors")).to_contain_text("第 8 级:应纳税所得额超过: 必须高于")
    shoot(page, "revise-IIT-error")
    page.get_by_label("综合所得税率表(年度,累计预扣),第 8 级:应纳税所得额超过").fill("2000000")
    page.get_by_role("button", name="提出").click()
    expect(page.get_by_test_id("policy-status")).to_have_text("草稿")
    expect(page.get_by_test_id("table-annual_brackets")).to_contain_text("¥2,000,000.00")
    expect(page.get_by_test_id("table-annual_brackets")).to_contain_text("50 %")

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/payroll/policies/revise/SI-FS/")
    expect(page.get_by_label("养老保险:个人比例")).to_have_value("8")
    shoot(page, "revise-SI-FS-phone")
    page.goto(f"{live_server.url}/payroll/policies/cities/new/")
    shoot(page, "city-add-phone")
