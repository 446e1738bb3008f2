"""Browser journey: an HR clerk gives 安装部 its Mid-Autumn gift in one step (the newcomer hired after the day is
skipped and listed); the engineer opens their welfare page and sees the gift and their annual leave left."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.months import Month
from attendance.services import attendance_save
from engineers.models import Engineer
from welfare.models import Grant
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hr_gives_a_department_its_gift_and_the_engineer_sees_it_with_their_leave(
    transactional_db, http_cookies, live_server, page, company
):
    from policies.defaults import LEAVE_DOCUMENTS, seed_pay_documents
    from policies.models import PolicyVersion

    seed_pay_documents(PolicyVersion, timezone.now(), LEAVE_DOCUMENTS)  # the flush took the migration's
    Engineer.objects.create(employee_no="E010", name="钱新", department=company.d1, hire_date=date(2026, 10, 8))
    attendance_save(
        user=company.hr, month=Month(2026, 10), rows={company.li.pk: {"days_worked": 20, "paid_leave_days": 2}}
    )

    log_in(page, live_server, "hr")
    page.get_by_test_id("nav-welfare").click()
    expect(page.get_by_role("heading", name="福利与荣誉")).to_be_visible()
    page.get_by_test_id("batch-issue").click()
    page.select_option("#id_department", str(company.d1.pk))
    page.select_option("#id_kind", "holiday_gift")
    page.fill("#id_given_on", "2026-09-25")
    page.fill("#id_reason", "2026 年中秋节礼品")
    page.fill("#id_value_amount", "200")
    page.get_by_test_id("issue").click()
    expect(page.get_by_role("heading", name="已发放给 3 人")).to_be_visible()
    expect(page.get_by_test_id("given")).to_contain_text("李娜")
    expect(page.get_by_test_id("skipped")).to_contain_text("钱新")
    expect(page.get_by_test_id("skipped")).to_contain_text("2026-10-08 入职")
    assert Grant.objects.filter(reason="2026 年中秋节礼品").count() == 3
    assert set(Grant.objects.values_list("value_amount", flat=True)) == {Decimal("200.00")}
    log_out(page)

    log_in(page, live_server, "li")
    page.get_by_test_id("nav-welfare").click()
    row = page.get_by_test_id("grants").locator("tbody tr")
    expect(row).to_have_count(1)  # their own gift only
    expect(row).to_contain_text("节日礼品")
    expect(row).to_contain_text("2026 年中秋节礼品")
    expect(row).to_contain_text("¥200.00")
    # 6 years of service all 2026: 5 days; 2 taken in October.
    expect(page.get_by_test_id("my-leave-remaining")).to_have_text("3")
    page.get_by_role("link", name="计算方法").click()
    expect(page.get_by_test_id("remaining")).to_have_text("3")
    expect(page.get_by_test_id("segments")).to_contain_text("2026-01-01")
