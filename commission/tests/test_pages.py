"""Pages and API: the grid, the import, settling and approving, who sees whose pay."""

import io
from decimal import Decimal as D

import lxml.html
import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from commission import services
from commission.models import AssignmentRole, Pickup, Settlement
from conftest import make_user
from ledger.models import PayableItem

from .conftest import OCT, october_rows

pytestmark = pytest.mark.django_db


def settled(c):
    services.pickups_save(user=c.hr, month=OCT, rows=october_rows(c))
    return services.settlement_propose(user=c.hr, month=OCT)


def test_hr_saves_the_grid_with_discounts_in_percent(client, cs):
    client.force_login(cs.hr)
    f = cs.f
    data = {
        "month": "2026-10",
        f"s-{f['F01'].pk}": "100,000",
        f"d-{f['F01'].pk}": "65",
        f"s-{f['F02'].pk}": "21428.57",
        f"d-{f['F02'].pk}": "",
    }
    response = client.post(reverse("commission:grid"), data)
    assert response.status_code == 302
    amounts = dict(Pickup.objects.values_list("franchisee__code", "pickup_amount"))
    assert amounts == {"F01": D("65000.00"), "F02": D("15000.00")}  # F02's own 70 %
    page = client.get(reverse("commission:grid") + "?month=2026-10").content.decode()
    assert "¥80,000.00" in page  # the total


def test_a_bad_cell_is_shown_beside_it_and_nothing_is_saved(client, cs):
    client.force_login(cs.hr)
    f = cs.f
    data = {
        "month": "2026-10",
        f"s-{f['F01'].pk}": "100",
        f"s-{f['F02'].pk}": "abc",
        f"d-{f['F03'].pk}": "120",
        f"s-{f['F03'].pk}": "5",
    }
    response = client.post(reverse("commission:grid"), data)
    assert response.status_code == 200 and "abc" in response.content.decode()
    assert not Pickup.objects.exists()


def _xlsx(rows):
    wb = Workbook()
    ws = wb.active
    ws.append(["月度提货额"])
    ws.append(["加盟商编号", "加盟商名称", "部门", "销售额", "折扣"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "pickup.xlsx"
    return buf


def test_import_saves_all_rows(client, cs):
    client.force_login(cs.hr)
    file = _xlsx(
        [
            ["F01", "佛山禅城网点", "x", 100000, 0.65],
            ["F02", None, None, "21428.57", None],
            ["F03", None, None, 9999.99, 1],
            ["F04", None, None, 0, None],
            [None, "合计", None, 131428.56, None],
        ]
    )
    response = client.post(reverse("commission:import"), {"month": "2026-10", "file": file})
    assert response.status_code == 302
    amounts = dict(Pickup.objects.values_list("franchisee__code", "pickup_amount"))
    assert amounts == {"F01": D("65000.00"), "F02": D("15000.00"), "F03": D("9999.99"), "F04": D("0.00")}


def test_import_refuses_everything_and_names_row_and_column(client, cs):
    client.force_login(cs.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    file = _xlsx(
        [
            ["F01", None, None, 100000, 0.65],
            ["F09", None, None, 5, None],
            ["F02", "错名", None, -3, None],
            ["F03", None, None, 10, 1.5],
        ]
    )
    response = client.post(reverse("commission:import"), {"month": "2026-10", "file": file})
    assert response.status_code == 400
    errors = [(e.row, e.column, e.header) for e in response.context["result"].errors]
    # row 4: F09 unknown (A); row 5: the name (B) and negative sales (D); row 6: discount 150 % (E)
    assert errors == [(4, "A", "加盟商编号"), (5, "B", "加盟商名称"), (5, "D", "销售额"), (6, "E", "折扣")]
    assert not Pickup.objects.exists()


def test_the_template_lists_the_franchisees(client, cs):
    client.force_login(cs.hr)
    response = client.get(reverse("commission:import_template") + "?month=2026-10")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("加盟商编号", "加盟商名称", "销售额", "折扣")
    assert [r[0] for r in rows[1:]] == ["F01", "F02", "F03", "F04"] and rows[1][3] == 0.65


def test_settle_then_finance_approves_through_the_pages(client, cs):
    services.pickups_save(user=cs.hr, month=OCT, rows=october_rows(cs))
    client.force_login(cs.hr)
    response = client.post(reverse("commission:settle"), {"month": "2026-10"})
    settlement = Settlement.objects.get()
    assert response.url == reverse("commission:settlement", args=[settlement.pk])
    page = client.get(response.url).content.decode()
    assert 'data-testid="approve"' not in page  # HR settles, never approves
    client.force_login(cs.finance)
    page = client.get(response.url).content.decode()
    assert "¥800.00" in page and "¥750.00" in page and "¥1,550.00" in page
    client.post(response.url, {"decision": "approve"})
    assert sorted(PayableItem.objects.values_list("amount", flat=True)) == [D("750.00"), D("800.00")]


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("li_user", {"E002"}),  # her own line only
        ("manager", {"E002", "E004"}),  # D01's manager: 李娜 and 赵敏, not 王强 (D02)
        ("other_manager", {"E003"}),
        ("finance", {"E002", "E003", "E004"}),
        ("gm", {"E002", "E003", "E004"}),
    ],
)
def test_pay_is_seen_by_the_person_hr_finance_gm_and_their_manager(client, cs, who, sees):
    settlement = settled(cs)
    client.force_login(getattr(cs, who))
    response = client.get(reverse("commission:settlement", args=[settlement.pk]))
    assert {ln.engineer.employee_no for ln in response.context["lines"]} == sees
    api = client.get(f"/api/commission/settlements/{settlement.pk}/").json()
    assert {ln["employee_no"] for ln in api["lines"]} == sees


@pytest.mark.parametrize("who", ["supervisor", "qs", "leader_user"])
def test_others_do_not_find_the_settlement(client, cs, who):
    settlement = settled(cs)
    client.force_login(getattr(cs, who))
    assert client.get(reverse("commission:settlement", args=[settlement.pk])).status_code == 404
    assert client.get(f"/api/commission/settlements/{settlement.pk}/").status_code == 404
    assert client.get("/api/commission/settlements/").json()["results"] == []


def test_api_bulk_settle_and_decide(client, cs):
    client.force_login(cs.hr)
    rows = [
        {"code": "F01", "sales_amount": "100000"},
        {"code": "F02", "sales_amount": "21428.57"},
        {"code": "F03", "sales_amount": "9999.99"},
        {"franchisee": cs.f["F04"].pk, "sales_amount": "0", "discount_rate": "0.5"},
    ]
    bad = client.post(
        "/api/commission/pickups/bulk/",
        {"month": "2026-10", "rows": [*rows[:3], {"code": "F04", "sales_amount": "-1"}]},
        content_type="application/json",
    )
    assert (bad.status_code, bad.json()["code"], set(bad.json()["fields"])) == (
        400,
        "commission.invalid_cells",
        {"rows[3].sales_amount"},
    )
    assert not Pickup.objects.exists()
    ok = client.post(
        "/api/commission/pickups/bulk/", {"month": "2026-10", "rows": rows}, content_type="application/json"
    )
    assert ok.json() == {"saved": 4, "unchanged": 0}
    listed = client.get("/api/commission/pickups/?month=2026-10").json()["results"]
    assert {r["code"]: r["pickup_amount"] for r in listed}["F02"] == "15000.00"
    created = client.post("/api/commission/settlements/", {"month": "2026-10"}, content_type="application/json")
    assert created.status_code == 201
    sid = created.json()["id"]
    refused = client.post(
        f"/api/commission/settlements/{sid}/decide/", {"approve": True}, content_type="application/json"
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "commission.approver_role")
    client.force_login(cs.gm)
    done = client.post(f"/api/commission/settlements/{sid}/decide/", {"approve": True}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "approved"
    li = next(ln for ln in done.json()["lines"] if ln["employee_no"] == "E002")
    assert (li["tier"], li["tier_rate"], li["tier_base"], li["commission_amount"]) == (3, "0.0100", "3500.00", "800.00")


def test_api_assign_and_franchisee_scope(client, cs):
    client.force_login(cs.hr)
    f01 = cs.f["F01"]
    r = client.post(
        f"/api/commission/franchisees/{f01.pk}/assign/",
        {"role": "serves", "engineer": cs.zhao.pk, "start": "2026-11"},
        content_type="application/json",
    )
    assert r.status_code == 200
    assert [(a["name"], a["start"], a["end"]) for a in r.json()["assignments"] if a["role"] == "serves"] == [
        ("赵敏", "2026-11", None),
        ("李娜", "2026-10", "2026-11"),
    ]
    wrong = client.post(
        f"/api/commission/franchisees/{f01.pk}/assign/",
        {"role": "serves", "engineer": cs.wang.pk, "start": "2026-12"},
        content_type="application/json",
    )
    assert (wrong.status_code, wrong.json()["code"]) == (400, "commission.post_mismatch")
    client.force_login(cs.li_user)  # 李娜 serves F01 (Oct) and F02: she sees those two
    codes = {f["code"] for f in client.get("/api/commission/franchisees/").json()["results"]}
    assert codes == {"F01", "F02"}
    outsider = make_user("zhou", "engineer")
    client.force_login(outsider)
    assert client.get(f"/api/commission/franchisees/{f01.pk}/").status_code == 404
    assert client.get(reverse("commission:franchisee", args=[f01.pk])).status_code == 404


def test_a_closed_month_is_read_only_in_the_grid(client, cs):
    from ledger.models import PayPeriod

    services.pickups_save(user=cs.hr, month=OCT, rows=october_rows(cs))
    PayPeriod.objects.create(year=2026, month=10, status="closed")
    client.force_login(cs.hr)
    page = client.get(reverse("commission:grid") + "?month=2026-10").content.decode()
    assert 'data-testid="save-grid"' not in page and 'data-testid="settle"' not in page
    assert "¥89,999.99" in page  # still read: 65,000.00 + 15,000.00 + 9,999.99 + 0.00
    response = client.post(reverse("commission:grid"), {"month": "2026-10", f"s-{cs.f['F04'].pk}": "5"})
    assert Pickup.objects.get(franchisee=cs.f["F04"]).sales_amount == D("0.00")
    assert response.status_code == 200


def test_the_franchisee_page_keeps_the_users_menu_and_lists_the_assignment_roles(client, cs):
    """The page's list of assignment roles once took the name "roles", the user's role flags that the menu
    and the role-gated buttons read."""
    client.force_login(cs.hr)
    page = lxml.html.fromstring(client.get(reverse("commission:franchisee", args=[cs.f["F01"].pk])).content)
    menu = [" ".join(a.text_content().split()) for a in page.xpath('//ul[contains(@class, "navbar-nav")]//a')]
    assert "计件标准" in menu and "导入" in menu  # HR's own links
    offered = [v for v in page.xpath('//select[@id="a-role"]/option/@value') if v]
    assert offered == [v for v, _label in AssignmentRole.choices]  # the roles an assignment may take


def test_the_grid_offers_no_settling_of_a_month_not_over_and_page_and_api_refuse_it(client, cs):
    nov = OCT.replace(month=11)
    services.pickups_save(user=cs.hr, month=nov, rows=october_rows(cs))
    client.force_login(cs.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    grid = client.get(reverse("commission:grid") + "?month=2026-11").content.decode()
    assert 'data-testid="settle"' not in grid and 'data-testid="settle-not-yet"' in grid
    assert "2026-11 is not over" in grid and 'data-testid="save-grid"' in grid  # the pick-up may still change
    october = client.get(reverse("commission:grid") + "?month=2026-10").content.decode()
    assert 'data-testid="settle"' in october
    response = client.post(reverse("commission:settle"), {"month": "2026-11"}, follow=True)
    assert "2026-11 is not over" in response.content.decode()
    api = client.post("/api/commission/settlements/", {"month": "2026-11"}, content_type="application/json")
    assert (api.status_code, api.json()["code"]) == (400, "commission.month_not_over")
    assert "2026-12-01" in api.json()["message"]
    assert not Settlement.objects.exists()
