"""The bonus API: same services, same permissions, money as strings, errors with codes."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ledger.models import PayableItem
from workorders.models import BonusRequest

pytestmark = pytest.mark.django_db


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_individual_request_through_the_api(bonus_people, special_order):
    c = bonus_people
    created = api_as(c.qs).post(
        "/api/bonus-requests/",
        {
            "kind": "individual",
            "work_order": special_order.pk,
            "engineer": c.li.pk,
            "rate": "0.05",
            "rated_excellent": True,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    rid = created.json()["id"]
    assert (
        api_as(c.manager)
        .post(f"/api/bonus-requests/{rid}/transition/", {"action": "approve"}, format="json")
        .status_code
        == 403
    )
    assert (
        api_as(c.supervisor)
        .post(f"/api/bonus-requests/{rid}/transition/", {"action": "submit"}, format="json")
        .status_code
        == 200
    )
    assert [r["id"] for r in api_as(c.manager).get("/api/bonus-requests/inbox/").json()["results"]] == [rid]
    own = api_as(c.supervisor).post(f"/api/bonus-requests/{rid}/transition/", {"action": "approve"}, format="json")
    assert own.status_code == 403 and own.json()["code"] == "bonus.transition_refused"
    approved = api_as(c.manager).post(f"/api/bonus-requests/{rid}/transition/", {"action": "approve"}, format="json")
    assert approved.json()["status"] == "approved"
    assert approved.json()["amount"] == "26.50"  # 530.00 × 5 %
    assert [t["to_status"] for t in api_as(c.manager).get(f"/api/bonus-requests/{rid}/timeline/").json()] == [
        "draft",
        "submitted",
        "approved",
    ]
    assert PayableItem.objects.get().amount.to_eng_string() == "26.50"


def test_rate_six_percent_is_a_400_naming_the_field(bonus_people, special_order):
    c = bonus_people
    response = api_as(c.qs).post(
        "/api/bonus-requests/",
        {"kind": "individual", "work_order": special_order.pk, "engineer": c.li.pk, "rate": "0.06"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "individual.rate_out_of_range" and "rate" in body["fields"]
    assert "6%" in body["message"]
    assert not BonusRequest.objects.exists()


def test_inspections_and_self_assessment_through_the_api(bonus_people, special_order):
    c = bonus_people
    url = f"/api/work-orders/{special_order.pk}/inspections/"
    score = {
        "inspector_role": "qs_officer",
        "inspector_name": "郑超",
        "inspected_on": timezone.localdate().isoformat(),
        "safety": "101",
        "quality": "80",
        "communication": "80",
        "rules": "80",
    }
    bad = api_as(c.qs).post(url, score, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "crew.score_out_of_range"
    assert api_as(c.qs).post(url, {**score, "safety": "90"}, format="json").status_code == 201
    assert api_as(c.li_user).post(url, {**score, "inspector_role": "supervisor"}, format="json").status_code == 403
    plan = {"quality_assessment": "自评", "plan": [{"engineer": e.pk, "pct": "100"} for e in (c.zhang, c.li, c.zhao)]}
    sa_url = f"/api/work-orders/{special_order.pk}/self-assessment/"
    assert api_as(c.supervisor).put(sa_url, plan, format="json").status_code == 403  # only the crew leader
    assert api_as(c.leader_user).put(sa_url, plan, format="json").status_code == 200
    assert len(api_as(c.hr).get(sa_url).json()["plan"]) == 3


def test_an_engineer_sees_only_approved_requests_that_pay_them(bonus_people, special_order):
    c = bonus_people
    from decimal import Decimal

    from workorders.bonus import services

    mine = services.bonus_request_propose(
        user=c.qs,
        kind="individual",
        work_order=special_order,
        engineer=c.li,
        rate=Decimal("0.04"),
        rated_excellent=True,
    )
    theirs = services.bonus_request_propose(
        user=c.qs,
        kind="individual",
        work_order=special_order,
        engineer=c.zhao,
        rate=Decimal("0.04"),
        rated_excellent=True,
    )
    assert api_as(c.li_user).get("/api/bonus-requests/").json()["count"] == 0  # still a draft
    for r in (mine, theirs):
        services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
        services.bonus_request_transition(user=c.manager, request=r, action="approve")
    assert [r["id"] for r in api_as(c.li_user).get("/api/bonus-requests/").json()["results"]] == [mine.pk]
    assert api_as(c.li_user).get(f"/api/bonus-requests/{theirs.pk}/").status_code == 404
