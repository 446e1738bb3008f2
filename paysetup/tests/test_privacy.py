"""Who sees 李娜's pay set-up, and how much of her bank account number: every role, on the pages
(panel, full page, history) and over the API. HR and finance read the number in full; the other
pay readers (李娜 herself, her department's manager, general managers) read it masked; nobody
else learns any of it exists."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from paysetup import services
from paysetup.tests.conftest import scheme

pytestmark = pytest.mark.django_db

FULL_NO = "6222021234567890128"
MASKED_NO = "6222 **** **** 0128"
FULL, MASKED, NONE = "full", "masked", "none"
ROLES = {
    "hr": FULL,
    "finance": FULL,
    "gm": MASKED,
    "manager": MASKED,  # manages 李娜's department
    "li_user": MASKED,  # 李娜 herself
    "other_manager": NONE,
    "leader_user": NONE,  # leads 李娜's crew: reads her work, not her pay
    "supervisor": NONE,
    "qs": NONE,
    "wang_user": NONE,
}


@pytest.fixture
def li_pay(pay_company):
    c = pay_company
    c.scheme = services.pay_scheme_create(
        user=c.hr, engineer=c.li, data=scheme(effective_from=date(2026, 11, 1), base_wage=Decimal("4321.00"))
    ).obj
    c.claim = services.deduction_claim_add(
        user=c.hr, engineer=c.li, kind="housing_rent", monthly_amount=Decimal("1500"), first_month=date(2026, 1, 1)
    ).obj
    services.bank_account_set(user=c.hr, engineer=c.li, bank_code="ICBC", account_no=FULL_NO, account_name="李娜")
    services.bank_account_set(  # a second number, so the history holds two
        user=c.hr, engineer=c.li, bank_code="ICBC", account_no="6222021234567890136", account_name="李娜"
    )
    services.bank_account_set(user=c.hr, engineer=c.li, bank_code="ICBC", account_no=FULL_NO, account_name="李娜")
    services.bonus_tax_choice_set(user=c.hr, engineer=c.li, year=2026, separately=True)
    return c


def _shows(text: str) -> str:
    if FULL_NO in text:
        return FULL
    if MASKED_NO in text:
        return MASKED
    return NONE


@pytest.mark.parametrize("role", ROLES)
def test_the_pay_pages_show_the_account_in_full_masked_or_not_at_all(client, li_pay, role):
    c = li_pay
    client.force_login(getattr(c, role))
    expected = ROLES[role]
    panel = client.get(f"/pay/engineer/{c.li.pk}/", headers={"HX-Request": "true"})
    page = client.get(f"/pay/engineer/{c.li.pk}/")
    history = client.get(f"/pay/engineer/{c.li.pk}/history/")
    engineer_page = client.get(f"/engineers/{c.li.pk}/")
    if expected == NONE:
        assert (panel.status_code, page.status_code, history.status_code) == (404, 404, 404)
        assert f"/pay/engineer/{c.li.pk}/" not in engineer_page.content.decode()
        return
    for response in (panel, page, history):
        assert response.status_code == 200
        text = response.content.decode()
        assert _shows(text) == expected, response.request["PATH_INFO"]
        assert "6222021234567890136" not in text or expected == FULL
    assert "6222 **** **** 0136" in history.content.decode() or expected == FULL  # the older number, masked too
    assert "¥4,321.00" in panel.content.decode() and "¥1,500.00" in panel.content.decode()
    assert f'hx-get="/pay/engineer/{c.li.pk}/"' in engineer_page.content.decode()
    # Only HR sees the forms' buttons.
    assert ('data-testid="scheme-new"' in panel.content.decode()) is (role == "hr")


@pytest.mark.parametrize("role", ROLES)
def test_the_api_shows_the_account_in_full_masked_or_not_at_all(li_pay, role):
    c = li_pay
    api = APIClient()
    api.force_authenticate(getattr(c, role))
    expected = ROLES[role]
    account = api.get(f"/api/engineers/{c.li.pk}/bank-account/")
    schemes = api.get(f"/api/pay-schemes/?engineer={c.li.pk}")
    claims = api.get(f"/api/deduction-claims/?engineer={c.li.pk}")
    choices = api.get(f"/api/bonus-tax-choices/?engineer={c.li.pk}")
    one_scheme = api.get(f"/api/pay-schemes/{c.scheme.pk}/")
    one_claim = api.get(f"/api/deduction-claims/{c.claim.pk}/")
    if expected == NONE:
        assert (account.status_code, one_scheme.status_code, one_claim.status_code) == (404, 404, 404)
        assert schemes.json()["results"] == claims.json()["results"] == choices.json()["results"] == []
        return
    body = account.json()
    assert body["account_no"] == (FULL_NO if expected == FULL else MASKED_NO)
    assert body["masked"] is (expected == MASKED)
    assert (body["bank_code"], body["bank_name"], body["account_name"]) == ("ICBC", "中国工商银行", "李娜")
    assert [s["base_wage"] for s in schemes.json()["results"]] == ["4321.00"]
    assert [(x["kind"], x["monthly_amount"]) for x in claims.json()["results"]] == [("housing_rent", "1500.00")]
    assert [(x["year"], x["separately"]) for x in choices.json()["results"]] == [(2026, True)]
    assert one_scheme.json()["probation_rate"] == "0.8000"


@pytest.mark.parametrize("role", [r for r in ROLES if r != "hr"])
def test_nobody_but_hr_writes_over_the_api(li_pay, role):
    c = li_pay
    api = APIClient()
    api.force_authenticate(getattr(c, role))
    writes = [
        api.put(
            f"/api/engineers/{c.li.pk}/bank-account/",
            {"bank_code": "CMB", "account_no": "6214830212345671", "account_name": "李娜"},
            format="json",
        ),
        api.post(
            "/api/pay-schemes/",
            {"engineer": c.li.pk, "effective_from": "2027-01-01", "base_wage": "9999.00"},
            format="json",
        ),
        api.patch(f"/api/pay-schemes/{c.scheme.pk}/", {"base_wage": "9999.00"}, format="json"),
        api.delete(f"/api/pay-schemes/{c.scheme.pk}/"),
        api.post(f"/api/deduction-claims/{c.claim.pk}/end/", {"last_month": "2026-11-01"}, format="json"),
        api.delete(f"/api/deduction-claims/{c.claim.pk}/"),
        api.post("/api/bonus-tax-choices/", {"engineer": c.li.pk, "year": 2026, "separately": False}, format="json"),
    ]
    assert {r.status_code for r in writes} <= {403, 404}
    c.li.refresh_from_db()
    assert c.li.bank_account.account_no == FULL_NO
    assert list(c.li.pay_schemes.values_list("base_wage", flat=True)) == [Decimal("4321.00")]
    assert c.li.deduction_claims.get().last_month is None
    assert c.li.bonus_tax_choices.get().separately is True
