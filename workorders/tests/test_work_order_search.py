"""Searching work orders by a participating engineer's name or employee no. (issue 13): the list
page and the API share the filter; an order two matching engineers worked on is listed once."""

from datetime import date

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(company, make_work_order):
    c = company
    day = date(2026, 4, 3)
    return {
        "both": make_work_order(number="WO-S-1", reported=day, resolved=day, people=((c.zhang, "3"), (c.li, "2"))),
        "li": make_work_order(number="WO-S-2", reported=day, resolved=day, people=((c.li, "1"),)),
        "zhang": make_work_order(number="WO-S-3", reported=day, resolved=day, people=((c.zhang, "1"),)),
        "nobody": make_work_order(number="WO-S-4", reported=day, resolved=day),
    }


def listed(client, q: str) -> list[str]:
    page = client.get("/workorders/", {"q": q}).content.decode()
    page = page.split('data-testid="workorder-table"', 1)[-1]  # the wide layout's table (phones get cards)
    return sorted(n for n in ("WO-S-1", "WO-S-2", "WO-S-3", "WO-S-4") for _ in range(page.count(f">{n}</a>")))


def test_hr_finds_work_orders_by_an_engineers_name_or_employee_no(client, company, orders):
    client.force_login(company.hr)
    assert listed(client, "李娜") == ["WO-S-1", "WO-S-2"]
    assert listed(client, "李") == ["WO-S-1", "WO-S-2"]
    assert listed(client, " e001 ") == ["WO-S-1", "WO-S-3"]
    # Both engineers of WO-S-1 match "E00": it is still one row.
    assert listed(client, "E00") == ["WO-S-1", "WO-S-2", "WO-S-3"]
    # The earlier fields still match.
    assert listed(client, "WO-S-4") == ["WO-S-4"]
    assert listed(client, "桂城街道") == ["WO-S-1", "WO-S-2", "WO-S-3", "WO-S-4"]


def test_the_api_search_finds_the_same_orders_once_and_within_the_users_scope(company, orders):
    api = APIClient()
    api.force_authenticate(company.hr)
    found = api.get("/api/work-orders/", {"q": "E00"}).json()
    assert sorted(wo["number"] for wo in found["results"]) == ["WO-S-1", "WO-S-2", "WO-S-3"] and found["count"] == 3
    api.force_authenticate(company.li_user)  # an engineer sees only the orders they worked on
    found = api.get("/api/work-orders/", {"q": "张伟"}).json()
    assert [wo["number"] for wo in found["results"]] == ["WO-S-1"]
