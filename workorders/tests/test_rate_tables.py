"""Piece-rate table management: drafts are edited, tables in force are read-only."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from workorders.models import PieceRateItem, PieceRateTable

pytestmark = pytest.mark.django_db


def test_hr_creates_fills_and_activates_a_table_in_the_page(client, company):
    client.force_login(company.hr)
    response = client.post(
        "/workorders/rates/new/", {"code": "2026-C", "name": "冬季标准", "effective_from": "2026-12-01"}
    )
    table = PieceRateTable.objects.get(code="2026-C")
    assert response["Location"] == f"/workorders/rates/{table.pk}/" and table.status == "draft"
    form = {
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-0-code": "AZ-101",
        "items-0-description": "太阳能热水器安装",
        "items-0-unit": "台",
        "items-0-unit_rate": "140.00",
        "activate": "1",
    }
    client.post(f"/workorders/rates/{table.pk}/", form)
    table.refresh_from_db()
    assert table.status == "active"
    assert table.items.get().unit_rate == Decimal("140.00")
    assert table.history.first().history_user == company.hr


def test_a_table_in_force_refuses_item_edits(client, company):
    client.force_login(company.hr)
    form = {
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0",
        "items-0-code": "AZ-999",
        "items-0-description": "x",
        "items-0-unit": "台",
        "items-0-unit_rate": "1.00",
    }
    client.post(f"/workorders/rates/{company.table_a.pk}/", form)
    assert not PieceRateItem.objects.filter(code="AZ-999").exists()


def test_supervisor_reads_tables_but_cannot_change_them(client, company):
    client.force_login(company.supervisor)
    assert client.get("/workorders/rates/").status_code == 200
    assert (
        client.post("/workorders/rates/new/", {"code": "X", "name": "x", "effective_from": "2026-12-01"}).status_code
        == 403
    )
    assert not PieceRateTable.objects.filter(code="X").exists()


def test_api_creates_a_draft_with_items_and_activates_it(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    created = api.post(
        "/api/piece-rate-tables/",
        {
            "code": "2026-D",
            "name": "API 标准",
            "effective_from": "2027-01-01",
            "items": [{"code": "AZ-101", "description": "安装", "unit": "台", "unit_rate": "150.00"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "draft"
    activated = api.post(f"/api/piece-rate-tables/{created.json()['id']}/activate/")
    assert activated.json()["status"] == "active"
    again = api.post(f"/api/piece-rate-tables/{created.json()['id']}/activate/")
    assert again.status_code == 400 and again.json()["code"] == "rate_table.not_draft"


def test_api_refuses_duplicate_item_codes(company):
    api = APIClient()
    api.force_authenticate(company.hr)
    item = {"code": "AZ-101", "description": "安装", "unit": "台", "unit_rate": "150.00"}
    response = api.post(
        "/api/piece-rate-tables/",
        {"code": "2026-E", "name": "x", "effective_from": date(2027, 2, 1).isoformat(), "items": [item, item]},
        format="json",
    )
    assert response.status_code == 400
    assert "items" in response.json()["fields"]
    assert not PieceRateTable.objects.filter(code="2026-E").exists()
