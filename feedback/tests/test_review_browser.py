"""Browser journey: HR starts the yearly policy review of 2026 (a revision draft of FS-MS-KF-13 opens), the review
puts the year's suggestion beside what each rule cost in the closed months, and the general manager closes it with
a conclusion; the costs stay as they were concluded on when a later correction closes another payslip."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback import services
from feedback.models import PolicyReview
from feedback.tests.test_feedback_browser import log_in
from ledger.models import PayPeriod
from payroll.models import Payslip, PayslipLine
from workorders.tests.browser import log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _slip(period, engineer, kind, rule, amount):
    slip = Payslip.objects.create(
        period=period, engineer=engineer, department_name="安装部", gross_amount=D(amount), policy_version="A/2"
    )
    PayslipLine.objects.create(
        payslip=slip, kind=kind, description=kind, amount=D(amount), rule=rule, trace={}, policy_version="A/2"
    )


def test_hr_starts_the_years_review_and_the_general_manager_closes_it(
    transactional_db, http_cookies, live_server, page, bonus_people
):
    c = bonus_people
    for user, name in ((c.hr, "周静"), (c.gm, "罗海波")):
        user.first_name = name
        user.save()
    sep = PayPeriod.objects.create(year=2026, month=9, status="closed", closed_at=timezone.now())
    octo = PayPeriod.objects.create(year=2026, month=10, status="closed", closed_at=timezone.now())
    _slip(sep, c.li, "piece_rate", "piece_rate.share", "825.00")
    _slip(sep, c.zhang, "piece_rate", "piece_rate.share", "1100.50")
    _slip(octo, c.li, "kpi_pay", "kpi.performance_pay", "1080.00")
    services.feedback_submit(
        user=c.li_user,
        category="suggestion",
        document_no="FS-MS-KF-13",
        rule="piece_rate",
        text="安装单价多年未调整,建议按物价复核。",
        anonymous=False,
    )

    log_in(page, live_server, "hr", "周静")
    page.get_by_test_id("nav-feedback").click()
    page.get_by_role("link", name="制度年度评估").click()
    page.get_by_test_id("review-start").locator("select").select_option("2026")
    page.get_by_role("button", name="发起评估").click()
    expect(page.get_by_test_id("review-status")).to_have_text("进行中")
    expect(page.get_by_test_id("review-draft")).to_have_text("FS-MS-KF-13 A/3")
    expect(page.get_by_test_id("review-feedback")).to_contain_text("安装单价多年未调整,建议按物价复核。")
    costs = page.get_by_test_id("review-costs")
    # piece rate 825.00 + 1,100.50 = 1,925.50 over two engineers; KPI pay 1,080.00 for one
    expect(costs.locator("tbody tr").nth(0)).to_contain_text("¥1,925.50")
    expect(costs.locator("tbody tr").nth(1)).to_contain_text("¥1,080.00")
    expect(costs.locator("tfoot")).to_contain_text("¥3,005.50")
    expect(page.get_by_test_id("review-close")).to_have_count(0)  # HR starts it, a general manager closes it
    log_out(page)

    log_in(page, live_server, "gm", "罗海波")
    page.get_by_test_id("nav-feedback").click()
    page.get_by_role("link", name="制度年度评估").click()
    page.get_by_test_id("review-list").get_by_role("link", name="2026").click()
    page.fill("#conclusion", "计件单价按物价指数上调 5%,A/3 于明年 1 月 1 日生效。")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="结束评估").click()
    expect(page.get_by_test_id("review-status")).to_have_text("已结束")
    expect(page.get_by_test_id("review-conclusion")).to_contain_text("计件单价按物价指数上调 5%")
    expect(page.get_by_test_id("review-conclusion")).to_contain_text("罗海波")
    review = PolicyReview.objects.get(year=2026)
    assert review.closed_by == c.gm and review.draft.version == "A/3"

    # A month closed after the conclusion does not move the figures it was concluded on.
    nov = PayPeriod.objects.create(year=2026, month=11, status="closed", closed_at=timezone.now())
    _slip(nov, c.zhao, "piece_rate", "piece_rate.share", "500.00")
    page.reload()
    expect(page.get_by_test_id("review-costs").locator("tfoot")).to_contain_text("¥3,005.50")
