"""An engineer sees only their own record and the work orders they took part in."""

from datetime import date

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(company, make_work_order):
    mine = make_work_order(reported=date(2026, 4, 1), people=((company.li, "1"),))
    theirs = make_work_order(
        reported=date(2026, 4, 2), people=((company.wang, "1"),), department=company.d2, crew=company.other_crew
    )
    return mine, theirs


def test_engineer_pages_show_own_and_hide_others(client, company, orders):
    mine, theirs = orders
    client.force_login(company.li_user)
    assert client.get(f"/engineers/{company.li.pk}/").status_code == 200
    assert client.get(f"/engineers/{company.wang.pk}/").status_code == 404
    assert client.get(f"/workorders/{mine.pk}/").status_code == 200
    assert client.get(f"/workorders/{theirs.pk}/").status_code == 404
    listing = client.get("/workorders/").content.decode()
    assert mine.number in listing and theirs.number not in listing
    people = client.get("/engineers/").content.decode()
    assert "李娜" in people and "王强" not in people


def test_engineer_api_shows_own_and_hides_others(company, orders):
    mine, theirs = orders
    api = APIClient()
    api.force_authenticate(company.li_user)
    assert api.get(f"/api/engineers/{company.li.pk}/").status_code == 200
    assert api.get(f"/api/engineers/{company.wang.pk}/").status_code == 404
    assert [e["employee_no"] for e in api.get("/api/engineers/").json()["results"]] == ["E002"]
    assert api.get(f"/api/work-orders/{theirs.pk}/").status_code == 404
    assert [w["number"] for w in api.get("/api/work-orders/").json()["results"]] == [mine.number]


def test_engineer_cannot_write_through_the_api(company, orders):
    api = APIClient()
    api.force_authenticate(company.li_user)
    assert api.post("/api/work-orders/", {}, format="json").status_code == 403
    assert api.patch(f"/api/engineers/{company.li.pk}/", {"name": "x"}, format="json").status_code == 403


def test_engineer_cannot_open_hr_pages(client, company):
    client.force_login(company.li_user)
    for url in ("/workorders/new/", "/workorders/import/", "/workorders/import/template.xlsx"):
        assert client.get(url).status_code == 403, url


def test_department_manager_sees_only_their_department(company, orders):
    mine, _theirs = orders
    api = APIClient()
    api.force_authenticate(company.manager)
    numbers = {w["number"] for w in api.get("/api/work-orders/").json()["results"]}
    assert numbers == {mine.number}
    assert api.get(f"/api/engineers/{company.wang.pk}/").status_code == 404


def test_crew_leader_sees_the_crew_members(client, company, orders):
    client.force_login(company.leader_user)
    assert client.get(f"/engineers/{company.li.pk}/").status_code == 200
    assert client.get(f"/engineers/{company.wang.pk}/").status_code == 404


def test_company_wide_roles_see_everything(company, orders):
    for user in (company.hr, company.gm, company.finance, company.supervisor):
        api = APIClient()
        api.force_authenticate(user)
        assert api.get("/api/work-orders/").json()["count"] == 2, user.username


def test_anonymous_is_sent_to_login_and_refused_by_the_api(client, company, orders):
    assert client.get("/workorders/")["Location"].startswith("/accounts/login/")
    assert APIClient().get("/api/work-orders/").status_code in (401, 403)


def test_token_auth_reaches_the_api(company, orders):
    api = APIClient()
    token = api.post("/api/token/", {"username": "li", "password": "Test@pass-2026"}, format="json")
    assert token.status_code == 200, token.content
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    assert api.get("/api/work-orders/").json()["count"] == 1


def test_the_engineer_and_crew_pages_work_order_fragments_keep_the_same_scope(client, company, orders):
    mine, _theirs = orders
    client.force_login(company.li_user)
    fragment = client.get(f"/workorders/engineer/{company.li.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert mine.number in fragment and "<html" not in fragment  # bare for htmx
    assert "<html" in client.get(f"/workorders/engineer/{company.li.pk}/").content.decode()  # a page as a link
    assert client.get(f"/workorders/engineer/{company.wang.pk}/").status_code == 404
    assert client.get(f"/workorders/crew/{company.other_crew.pk}/").status_code == 404
    page = client.get(f"/engineers/{company.li.pk}/").content.decode()
    assert f"/workorders/engineer/{company.li.pk}/" in page
