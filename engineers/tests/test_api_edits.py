"""Editing what has a unique code (department, crew, engineer) with its own code kept is no clash."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

READ_ONLY = {"id", "memberships", "skills", "absences"}


@pytest.mark.parametrize("kind", ["departments", "crews", "engineers"])
def test_put_and_patch_of_an_unchanged_body_save(company, kind):
    api = APIClient()
    api.force_authenticate(company.hr)
    first = api.get(f"/api/{kind}/").json()["results"][0]
    body = {k: v for k, v in first.items() if k not in READ_ONLY and v is not None}
    url = f"/api/{kind}/{first['id']}/"
    put = api.put(url, body, format="json")
    assert put.status_code == 200, put.json()
    patch = api.patch(url, body, format="json")
    assert patch.status_code == 200, patch.json()
    again = api.get(url).json()
    for row in (again, first):  # memberships come in no set order
        row.get("memberships", []).sort(key=lambda m: m["id"])
    assert again == first


@pytest.mark.parametrize(("kind", "field"), [("departments", "code"), ("crews", "code"), ("engineers", "employee_no")])
def test_taking_another_rows_code_is_a_400_on_the_field(company, kind, field):
    api = APIClient()
    api.force_authenticate(company.hr)
    rows = api.get(f"/api/{kind}/").json()["results"]
    assert len(rows) >= 2
    response = api.patch(f"/api/{kind}/{rows[0]['id']}/", {field: rows[1][field]}, format="json")
    assert response.status_code == 400
    assert field in str(response.json())


@pytest.mark.parametrize(
    "change",
    [{"status": "left"}, {"leaving_date": "2026-11-01"}, {"status": "left", "leaving_date": None}],
)
def test_a_patch_breaking_the_left_needs_a_leaving_date_rule_is_a_400_not_a_500(company, change):
    """Found by schemathesis: the database's check constraint answered first, with a 500."""
    api = APIClient()
    api.force_authenticate(company.hr)
    response = api.patch(f"/api/engineers/{company.li.pk}/", change, format="json")
    assert response.status_code == 400
    assert "leaving date" in str(response.json()) or "离职日期" in str(response.json())
    company.li.refresh_from_db()
    assert (company.li.status, company.li.leaving_date) == ("active", None)


def test_a_patch_that_keeps_the_rule_saves(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    response = api.patch(
        f"/api/engineers/{company.li.pk}/", {"status": "left", "leaving_date": "2026-11-01"}, format="json"
    )
    assert response.status_code == 200, response.json()
    company.li.refresh_from_db()
    assert company.li.status == "left"
