from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def payload(company, **over):
    data = {
        "number": "WO-API-1",
        "order_type": "installation",
        "is_special": True,
        "department": company.d1.pk,
        "crew": company.crew.pk,
        "customer_name": "佛山某酒店",
        "site_address": "佛山市顺德区乐从镇8号",
        "reported_at": "2026-04-01T09:00:00+08:00",
        "resolved_at": "2026-04-03T17:00:00+08:00",
        "csat_score": 95,
        "lines": [{"item_code": "AZ-101", "quantity": "3"}, {"item_code": "AZ-105", "quantity": "20"}],
        "participants": [
            {"engineer": company.zhang.pk, "days_worked": "3"},
            {"engineer": company.li.pk, "days_worked": "2"},
        ],
    }
    data.update(over)
    return data


def test_hr_creates_a_priced_work_order_and_money_comes_back_as_strings(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    response = api.post("/api/work-orders/", payload(company), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    # 3 × 130.00 + 20 × 7.00 = 530.00, split 3 : 2
    assert body["piece_rate_total_amount"] == "530.00"
    assert body["rate_table"] == "2026-B"
    assert [p["share_amount"] for p in body["participants"]] == ["318.00", "212.00"]


def test_timestamps_out_of_order_are_refused_with_the_field(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    response = api.post("/api/work-orders/", payload(company, resolved_at="2026-03-01T09:00:00+08:00"), format="json")
    assert response.status_code == 400
    assert "Resolved at" in str(response.json()) or "完成" in str(response.json())
    assert not WorkOrder.objects.exists()


def test_unknown_item_is_a_400_with_code_and_nothing_saved(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    response = api.post(
        "/api/work-orders/", payload(company, lines=[{"item_code": "ZZ-999", "quantity": "1"}]), format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "workorder.unknown_item"
    assert "lines" in response.json()["fields"]
    assert not WorkOrder.objects.exists()


def test_filters_by_special_flag_and_completion_dates(company, make_work_order):
    from datetime import date

    make_work_order(reported=date(2026, 4, 1), resolved=date(2026, 4, 2), is_special=True, number="S1")
    make_work_order(reported=date(2026, 4, 1), resolved=date(2026, 5, 2), number="N1")
    api = APIClient()
    api.force_authenticate(company.hr)
    assert [w["number"] for w in api.get("/api/work-orders/?is_special=true").json()["results"]] == ["S1"]
    got = api.get("/api/work-orders/?completed_from=2026-05-01&completed_to=2026-05-31").json()["results"]
    assert [w["number"] for w in got] == ["N1"]
    assert Decimal(got[0]["piece_rate_total_amount"]) == Decimal("130.00")


def test_nul_byte_in_query_is_a_400_not_a_500(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    assert api.get("/api/work-orders/?search=a%00b").status_code == 400


def test_openapi_schema_and_docs_are_served(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    schema = api.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/work-orders/" in schema.content
    assert api.get("/api/docs/").status_code == 200


def test_openapi_schema_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    for endpoint in ("/api/bonus-requests/", "/api/scorecards/", "/api/awards/", "/api/grade-campaigns/"):
        assert endpoint in schema


def _created(api, company, **over):
    response = api.post("/api/work-orders/", payload(company, **over), format="json")
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def hr_api(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    return api


def test_put_with_the_body_unchanged_saves_and_keeps_its_own_number(company, hr_api):
    created = _created(hr_api, company)
    response = hr_api.put(f"/api/work-orders/{created['id']}/", payload(company), format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["number"] == "WO-API-1"
    assert response.json()["piece_rate_total_amount"] == "530.00"


def test_put_with_a_changed_body_saves_the_change(company, hr_api):
    created = _created(hr_api, company)
    body = payload(company, customer_name="广州某商场", lines=[{"item_code": "AZ-101", "quantity": "4"}])
    response = hr_api.put(f"/api/work-orders/{created['id']}/", body, format="json")
    assert response.status_code == 200, response.json()
    stored = WorkOrder.objects.get(pk=created["id"])
    assert stored.customer_name == "广州某商场"
    assert stored.piece_rate_total_amount == Decimal("520.00")


def test_put_taking_another_orders_number_is_still_refused_on_the_number(company, hr_api):
    _created(hr_api, company, number="WO-OTHER")
    created = _created(hr_api, company)
    response = hr_api.put(f"/api/work-orders/{created['id']}/", payload(company, number="WO-OTHER"), format="json")
    assert response.status_code == 400
    assert "number" in response.json()["fields"]
    assert WorkOrder.objects.get(pk=created["id"]).number == "WO-API-1"


def test_patch_with_the_body_unchanged_saves(company, hr_api):
    created = _created(hr_api, company)
    response = hr_api.patch(f"/api/work-orders/{created['id']}/", {"number": "WO-API-1"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["piece_rate_total_amount"] == "530.00"
    assert [p["share_amount"] for p in response.json()["participants"]] == ["318.00", "212.00"]


def test_patch_changes_only_the_fields_sent_and_keeps_lines_and_people(company, hr_api):
    created = _created(hr_api, company)
    response = hr_api.patch(f"/api/work-orders/{created['id']}/", {"customer_name": "广州某商场"}, format="json")
    assert response.status_code == 200, response.json()
    stored = WorkOrder.objects.get(pk=created["id"])
    assert stored.customer_name == "广州某商场"
    assert stored.number == "WO-API-1"
    assert stored.piece_rate_total_amount == Decimal("530.00")
    assert stored.participants.count() == 2


def test_patch_with_new_lines_reprices(company, hr_api):
    created = _created(hr_api, company)
    response = hr_api.patch(
        f"/api/work-orders/{created['id']}/", {"lines": [{"item_code": "AZ-101", "quantity": "1"}]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["piece_rate_total_amount"] == "130.00"
