"""Pages and API: who sees which round (404 outside scope), the manager's edit, the GM's decision, the engineer."""

from decimal import Decimal as D

import pytest
from django.conf import settings

from ledger.models import PayableItem
from periodbonus.models import BonusRound, RoundStatus
from periodbonus.services import Period, bonus_round_propose, bonus_round_submit

pytestmark = pytest.mark.django_db
Q3 = Period("quarter", 2026, 3)


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_manager_proposes_edits_and_submits_from_the_pages(english, q3):
    client = english
    client.force_login(q3.manager)
    page = client.get("/periodbonus/").content.decode()
    assert "Propose from the ranking" in page
    response = client.post("/periodbonus/", {"department": q3.d1.pk, "kind": "quarter", "year": 2026, "quarter": 3})
    r = BonusRound.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/periodbonus/{r.pk}/"
    page = client.get(f"/periodbonus/{r.pk}/").content.decode()
    assert "91.67" in page and "¥640.00–¥960.00" in page and "¥3,800.00" in page  # 1,500 + 1,500 + 800 + 0
    form = {f"amount_{ln.engineer_id}": str(ln.amount) for ln in r.lines.all()}
    form[f"amount_{q3.zhang.pk}"] = "1000"
    refused = client.post(f"/periodbonus/{r.pk}/", {**form, f"note_{q3.zhang.pk}": "带新人", "submit": "1"})
    assert refused.status_code == 400 and "from ¥640.00 to ¥960.00" in refused.content.decode()
    form[f"amount_{q3.zhang.pk}"] = "950"
    client.post(f"/periodbonus/{r.pk}/", {**form, f"note_{q3.zhang.pk}": "带新人", "submit": "1"})
    r.refresh_from_db()
    assert r.status == RoundStatus.SUBMITTED and r.lines.get(engineer=q3.zhang).amount == D("950.00")
    # Q4 is not over on 2026-11-18
    page = client.post("/periodbonus/", {"department": q3.d1.pk, "kind": "quarter", "year": 2026, "quarter": 4})
    assert "once it is over" in page.content.decode()


def test_scope_of_rounds_and_lines(client, q3):
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    from conftest import make_user

    stranger = make_user("d3_manager", "dept_manager")  # manages no department of the round
    for user, status in ((q3.gm, 200), (q3.hr, 200), (q3.finance, 200), (q3.manager, 200), (stranger, 404)):
        client.force_login(user)
        assert client.get(f"/periodbonus/{r.pk}/").status_code == status, user
        assert client.get(f"/api/period-bonuses/{r.pk}/").status_code == status, user
    client.force_login(q3.li_user)
    assert client.get(f"/periodbonus/{r.pk}/").status_code == 404
    assert (
        client.get("/api/period-bonuses/").json()["count"] == 0
        if "count" in client.get("/api/period-bonuses/").json()
        else client.get("/api/period-bonuses/").json() == []
    )
    assert client.get("/periodbonus/")["Location"] == "/periodbonus/my/"
    client.force_login(q3.supervisor)  # reads every work order, nobody's pay
    assert client.get(f"/api/period-bonuses/{r.pk}/").status_code == 404


def test_gm_decides_from_the_page_and_the_engineer_sees_only_their_own(english, q3):
    client = english
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    bonus_round_submit(user=q3.manager, bonus_round=r)
    client.force_login(q3.gm2)  # 孙丽 herself
    page = client.get(f"/periodbonus/{r.pk}/").content.decode()
    assert "this round pays you" in page and "Approve and pay" not in page
    assert client.post(f"/periodbonus/{r.pk}/decide/", {"action": "approve"}).status_code == 302
    assert not PayableItem.objects.exists()
    client.force_login(q3.gm)
    assert "Waiting for your decision" in client.get("/periodbonus/").content.decode()
    client.post(f"/periodbonus/{r.pk}/decide/", {"action": "approve"})
    assert PayableItem.objects.filter(source=r.source).count() == 3
    client.force_login(q3.li_user)
    mine = client.get("/periodbonus/my/").content.decode()
    assert "¥1,500.00" in mine and "91.67" in mine and "孙丽" not in mine and "张伟" not in mine
    data = client.get("/api/period-bonuses/mine/").json()
    assert [(x["engineer_name"], x["amount"], x["mean"], x["band"]) for x in data] == [
        ("李娜", "1500.00", "91.67", "A")
    ]


def test_the_api_runs_the_whole_path(client, q3):
    client.force_login(q3.manager)
    created = client.post(
        "/api/period-bonuses/",
        {"department": q3.d1.pk, "kind": "quarter", "year": 2026, "quarter": 3},
        content_type="application/json",
    )
    assert created.status_code == 201
    body = created.json()
    assert [(x["engineer_name"], x["mean"], x["amount"]) for x in body["lines"]][:3] == [
        ("孙丽", "96.00", "1500.00"),
        ("李娜", "91.67", "1500.00"),
        ("张伟", "81.00", "800.00"),
    ]
    pk = body["id"]
    bad = client.post(
        f"/api/period-bonuses/{pk}/amounts/",
        {"lines": [{"engineer": q3.zhang.pk, "amount": "700.00"}]},
        content_type="application/json",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "period_bonus.note_required"
    assert (
        client.post(
            f"/api/period-bonuses/{pk}/amounts/",
            {"lines": [{"engineer": q3.zhang.pk, "amount": "700.00", "note": "两次返修"}]},
            content_type="application/json",
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"/api/period-bonuses/{pk}/transition/", {"action": "submit"}, content_type="application/json"
        ).json()["status"]
        == "submitted"
    )
    own = client.post(f"/api/period-bonuses/{pk}/transition/", {"action": "approve"}, content_type="application/json")
    assert own.status_code == 403
    client.force_login(q3.gm)
    no_note = client.post(
        f"/api/period-bonuses/{pk}/transition/", {"action": "reject"}, content_type="application/json"
    )
    assert no_note.status_code == 400
    done = client.post(f"/api/period-bonuses/{pk}/transition/", {"action": "approve"}, content_type="application/json")
    assert done.json()["status"] == "approved"
    assert sorted(PayableItem.objects.filter(source=f"period_bonus:{pk}").values_list("amount", flat=True)) == [
        D("700.00"),
        D("1500.00"),
        D("1500.00"),
    ]
    twice = client.post(f"/api/period-bonuses/{pk}/transition/", {"action": "approve"}, content_type="application/json")
    assert twice.status_code == 403


def test_the_schema_documents_the_bonus_api_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    for endpoint in (
        "/api/period-bonuses/:",
        "/api/period-bonuses/{id}/:",
        "/api/period-bonuses/{id}/amounts/:",
        "/api/period-bonuses/{id}/transition/:",
        "/api/period-bonuses/mine/:",
    ):
        assert endpoint in schema
