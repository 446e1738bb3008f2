"""Helpers for the Playwright journeys."""

from playwright.sync_api import expect

from conftest import PASSWORD


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading")).to_have_text("登录激励台")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("current-user")).to_have_text(username)


def log_out(page):
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("heading")).to_have_text("登录激励台")
