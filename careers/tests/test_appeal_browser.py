"""Browser journey: a rejected candidate appeals their own result from the public notice, another engineer
reads the notice but not their file, and the general manager upholds the appeal, which approves the promotion
and puts it on the notice."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from careers import services
from careers.models import Candidate
from careers.tests.test_promotion_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_rejected_candidate_appeals_and_the_general_manager_upholds_it(
    transactional_db, http_cookies, live_server, page, career
):
    review = services.review_open(
        user=career.hr, kind="annual", name="2026 年度晋升评审", effective_from=date(2026, 12, 1)
    )
    candidate = services.candidate_add(user=career.li_user, review=review, statement="独立完成 12 单上门服务")
    services.panel_score(user=career.gm, candidate=candidate, score=Decimal("82"))
    services.candidate_decide(user=career.gm, candidate=candidate, approve=False, note="名额有限")
    services.review_publish(user=career.hr, review=review)
    url = f"{live_server.url}/careers/candidates/{candidate.pk}/"

    log_in(page, live_server, "li")
    page.goto(f"{live_server.url}/careers/reviews/{review.pk}/notice/")
    page.get_by_role("link", name="我的结果").click()
    expect(page.get_by_test_id("decision")).to_have_text("已驳回")
    page.get_by_test_id("appeal").locator("textarea").fill("各项指标均达标,评审组评分 82 分高于要求")
    page.get_by_role("button", name="提出申诉").click()
    expect(page.get_by_text("申诉待处理")).to_be_visible()
    expect(page.get_by_test_id("appeal")).to_have_count(0)  # one appeal a result

    log_in(page, live_server, "wang")  # another engineer reads the notice, not 李娜's file, and appeals nothing
    page.goto(f"{live_server.url}/careers/reviews/{review.pk}/notice/")
    expect(page.get_by_test_id("notice")).to_contain_text("本次无人晋级")  # only promotions are listed
    expect(page.get_by_role("link", name="我的结果")).to_have_count(0)
    assert page.goto(url).status == 404

    log_in(page, live_server, "gm")
    page.goto(url)
    page.get_by_placeholder("备注").fill("复核达标,予以晋升")
    page.get_by_role("button", name="申诉成立").click()
    expect(page.get_by_test_id("decision")).to_have_text("已批准")
    expect(page.get_by_text("复核达标,予以晋升")).to_be_visible()
    candidate = Candidate.objects.get(pk=candidate.pk)
    assert (candidate.decision, candidate.appeal_outcome) == ("approved", "upheld")
    page.goto(f"{live_server.url}/careers/reviews/{review.pk}/notice/")
    expect(page.get_by_test_id("notice")).to_contain_text("李娜")  # the notice now lists the promotion
