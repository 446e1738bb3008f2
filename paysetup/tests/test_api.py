"""The pay set-up over the API, as HR: the same services as the pages, the house error shape,
what the save noticed in `notes`, and a PATCH that corrects only what it sends."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from engineers.models import PayScheme, SpecialDeductionClaim

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(pay_company):
    client = APIClient()
    client.force_authenticate(pay_company.hr)
    return client


def test_a_scheme_is_created_corrected_and_refused_in_the_house_shape(api, pay_company):
    c = pay_company
    created = api.post(
        "/api/pay-schemes/",
        {
            "engineer": c.li.pk,
            "effective_from": "2026-12-01",
            "base_wage": "3500.00",
            "probation_rate": "0.8000",
            "contribution_city": "GZ",
            "contribution_base": "5000.00",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["base_wage"], body["post_wage"], body["piece_rate_mode"]) == ("3500.00", "0.00", "adds")
    assert len(body["notes"]) == 1 and "¥6,000.00" in body["notes"][0]  # Guangzhou's medical lower limit
    patched = api.patch(f"/api/pay-schemes/{body['id']}/", {"post_wage": "600.00"}, format="json")
    assert patched.status_code == 200
    scheme = PayScheme.objects.get()
    assert (scheme.base_wage, scheme.post_wage, scheme.contribution_city) == (
        Decimal("3500.00"),
        Decimal("600.00"),
        "GZ",
    )
    refused = api.post(
        "/api/pay-schemes/",
        {"engineer": c.li.pk, "effective_from": "2026-10-01", "base_wage": "3500.00"},
        format="json",
    )
    assert refused.status_code == 400
    assert refused.json()["code"] == "pay.scheme_closed_month"
    assert list(refused.json()["fields"]) == ["effective_from"]
    assert api.delete(f"/api/pay-schemes/{body['id']}/").status_code == 204
    assert not PayScheme.objects.exists()


def test_a_claim_is_added_ended_and_its_cap_refusal_names_the_cap(api, pay_company):
    c = pay_company
    refused = api.post(
        "/api/deduction-claims/",
        {"engineer": c.li.pk, "kind": "housing_loan", "monthly_amount": "1200.00", "first_month": "2026-01-01"},
        format="json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "pay.claim_cap"
    assert "¥1,000.00" in refused.json()["fields"]["monthly_amount"][0]
    added = api.post(
        "/api/deduction-claims/",
        {"engineer": c.li.pk, "kind": "housing_loan", "monthly_amount": "1000.00", "first_month": "2026-01-01"},
        format="json",
    )
    assert added.status_code == 201 and added.json()["notes"]  # January to October are closed: the tax catches up
    ended = api.post(f"/api/deduction-claims/{added.json()['id']}/end/", {"last_month": "2026-12-01"}, format="json")
    assert ended.status_code == 200 and ended.json()["last_month"] == "2026-12-01"
    assert SpecialDeductionClaim.objects.get().last_month.isoformat() == "2026-12-01"


def test_the_bank_account_is_put_and_read_back_in_full_by_hr(api, pay_company):
    c = pay_company
    assert api.get(f"/api/engineers/{c.li.pk}/bank-account/").json()["message"] == "李娜尚无银行账户。"
    put = api.put(
        f"/api/engineers/{c.li.pk}/bank-account/",
        {"bank_code": "BOC", "account_no": "6013 8212 3456 7890 123", "account_name": "李娜"},
        format="json",
    )
    assert put.status_code == 200
    assert put.json()["account_no"] == "6013821234567890123" and put.json()["masked"] is False
    bad = api.put(
        f"/api/engineers/{c.li.pk}/bank-account/",
        {"bank_code": "BOC", "account_no": "abc", "account_name": "李娜"},
        format="json",
    )
    assert (bad.status_code, bad.json()["code"]) == (400, "pay.account_digits")
    assert api.get(f"/api/engineers/{c.li.pk}/bank-account/").json()["account_no"] == "6013821234567890123"


def test_the_bonus_tax_choice_is_set_and_changed(api, pay_company):
    c = pay_company
    first = api.post("/api/bonus-tax-choices/", {"engineer": c.li.pk, "year": 2026, "separately": True}, format="json")
    again = api.post("/api/bonus-tax-choices/", {"engineer": c.li.pk, "year": 2026, "separately": False}, format="json")
    assert first.json()["id"] == again.json()["id"] and again.json()["separately"] is False
    body = {"engineer": c.li.pk, "year": 2028, "separately": True}
    refused = api.post("/api/bonus-tax-choices/", body, format="json")
    assert (refused.status_code, refused.json()["code"]) == (400, "pay.bonus_not_allowed")
