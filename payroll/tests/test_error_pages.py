"""A refused or missing page answers in the user's language inside the site's layout, not with
a bare English "403 Forbidden" (issue 13). DEBUG is off, as in production."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


def test_a_forbidden_page_says_so_in_chinese_within_the_layout(client, bonus_people):
    client.force_login(bonus_people.li_user)  # an engineer opening HR's questions page
    response = client.get("/payroll/appeals/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "您无权打开此页面" in page and "返回首页" in page and "Forbidden" not in page
    assert 'class="navbar' in page and 'data-testid="current-user"' in page  # the site's layout, logged in
    assert 'href="/kpi/my/"' in page  # with the engineer's own menu


def test_a_refusal_with_a_reason_shows_the_reason(client, bonus_people, closed):
    from payroll.models import Payslip

    c = bonus_people
    payslip = Payslip.objects.get(period=closed, engineer=c.li)
    client.force_login(c.finance)  # finance reads pay but does not record adjustments
    response = client.post(f"/payroll/payslips/{payslip.pk}/", {"op": "adjust", "amount": "10", "reason": "补发"})
    page = response.content.decode()
    assert response.status_code == 403 and "您无权打开此页面" in page
    assert 'data-testid="error-reason">只有人事专员才能录入调整。' in page
    client.force_login(c.qs)  # QS officers read work, not pay: no payroll page to land on
    assert client.get("/payroll/").status_code == 403


def test_a_missing_page_says_so_in_chinese_within_the_layout(client, bonus_people):
    client.force_login(bonus_people.hr)
    for url in ("/no-such-page/", "/payroll/payslips/999999/"):
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 404, url
        assert "此页面不存在" in page and "返回首页" in page and "Not Found" not in page, url
        assert 'class="navbar' in page and 'data-testid="current-user"' in page, url
    client.logout()
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "此页面不存在" in response.content.decode()


def test_the_error_pages_follow_the_chosen_language(client, bonus_people):
    client.force_login(bonus_people.li_user)
    client.cookies["django_language"] = "en"
    assert "You may not open this page" in client.get("/payroll/appeals/").content.decode()
    assert "This page does not exist" in client.get("/no-such-page/").content.decode()
