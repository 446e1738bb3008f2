"""The API a call-centre system uses (create, list, read, transition) and the pages around a request."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from servicedesk.models import ServiceRequest, State

pytestmark = pytest.mark.django_db

CALL = {
    "customer_name": "刘女士",
    "customer_phone": "13912345678",
    "address": "广州市天河区体育西路 100 号",
    "product": "KFR-35 空调",
    "fault_description": "不制冷",
    "category": "repair",
    "priority": "urgent",
    "channel": "call_centre",
}


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_call_centre_logs_a_call_and_the_request_moves_through_the_api(desk):
    hr = _api(desk.hr)
    created = hr.post("/api/service-requests/", {**CALL, "department": desk.d1.pk}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["state"] == "logged" and body["number"].startswith("SR") and body["sla_version"] == "SLA A/0"
    pk = body["id"]
    url = f"/api/service-requests/{pk}/transition/"
    assigned = hr.post(url, {"action": "assign", "engineer": desk.li.pk}, format="json")
    assert assigned.status_code == 200 and assigned.json()["engineer"] == desk.li.pk
    li = _api(desk.li_user)
    steps = (("accept", "accepted"), ("depart", "on_the_way"), ("arrive", "on_site"), ("resolve", "resolved"))
    for action, state in steps:
        response = li.post(url, {"action": action}, format="json")
        assert response.status_code == 200 and response.json()["state"] == state
    body = li.get(f"/api/service-requests/{pk}/").json()
    assert body["work_order"] and body["survey"]["answered_at"] is None
    assert [t["to_state"] for t in body["transitions"]][-1] == "resolved"


def test_the_api_refuses_what_the_role_may_not_do_with_the_error_shape(desk, log):
    sr = log()
    li = _api(desk.li_user)
    refused = li.post("/api/service-requests/", {**CALL, "department": desk.d1.pk}, format="json")
    assert refused.status_code == 403 and refused.json()["code"] == "service.role"
    # not assigned to 李娜: not even visible to her
    assert li.post(f"/api/service-requests/{sr.pk}/transition/", {"action": "accept"}, format="json").status_code == 404
    hr = _api(desk.hr)
    hr.post(f"/api/service-requests/{sr.pk}/transition/", {"action": "assign", "engineer": desk.li.pk}, format="json")
    wang = _api(desk.wang_user)
    assert wang.get(f"/api/service-requests/{sr.pk}/").status_code == 404
    bad = hr.post(f"/api/service-requests/{sr.pk}/transition/", {"action": "close"}, format="json")
    assert bad.status_code == 400 and bad.json()["code"] == "service.bad_transition"
    missing = hr.post("/api/service-requests/", {**CALL, "category": "magic", "department": desk.d1.pk}, format="json")
    assert missing.status_code == 400 and "category" in missing.json()["fields"]
    assert ServiceRequest.objects.count() == 1


def test_the_list_filters_by_state_and_is_in_the_schema(desk, log):
    log()
    done = log(phone="13900000000")
    from servicedesk import services

    services.request_transition(user=desk.hr, request=done, action="cancel", note="重复登记")
    hr = _api(desk.hr)
    assert hr.get("/api/service-requests/?state=open").json()["count"] == 1
    assert hr.get("/api/service-requests/?state=cancelled").json()["count"] == 1
    schema = hr.get("/api/schema/").content.decode()
    assert "/api/service-requests/{id}/transition/" in schema


def test_the_dispatcher_logs_a_call_on_the_page_and_assigns_it(client, desk):
    client.force_login(desk.supervisor)
    response = client.post(reverse("servicedesk:log"), {**CALL, "department": desk.d1.pk, "required_skill": ""})
    sr = ServiceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("servicedesk:assign", args=[sr.pk])
    page = client.get(response["Location"]).content.decode()
    assert "李娜" in page and "suggestions" in page
    client.post(reverse("servicedesk:assign", args=[sr.pk]), {"engineer": desk.li.pk})
    sr.refresh_from_db()
    assert sr.state == State.ASSIGNED and sr.engineer == desk.li
    listing = client.get(reverse("servicedesk:list")).content.decode()
    assert sr.number in listing and 'data-sla="' in listing


def test_a_bad_form_names_the_field_and_saves_nothing(client, desk):
    client.force_login(desk.hr)
    response = client.post(reverse("servicedesk:log"), {**CALL, "customer_phone": "", "department": desk.d1.pk})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert not ServiceRequest.objects.exists()


def test_the_engineer_moves_their_request_from_the_phone_page(client, desk, log):
    from servicedesk import services

    sr = log()
    services.request_assign(user=desk.hr, request=sr, engineer=desk.li)
    client.force_login(desk.li_user)
    page = client.get(reverse("servicedesk:my")).content.decode()
    assert 'data-testid="step-accept"' in page and "step-close" not in page
    client.post(reverse("servicedesk:transition", args=[sr.pk]), {"action": "accept", "next": "my"})
    sr.refresh_from_db()
    assert sr.state == State.ACCEPTED
    assert client.get(reverse("servicedesk:log")).status_code == 403
    # another engineer's page does not show it, and they cannot move it
    client.force_login(desk.wang_user)
    assert sr.number not in client.get(reverse("servicedesk:my")).content.decode()
    assert client.post(reverse("servicedesk:transition", args=[sr.pk]), {"action": "depart"}).status_code == 404


def test_the_dashboard_counts_what_the_dispatcher_sees(client, desk, log):
    from servicedesk import services
    from servicedesk.selectors import dashboard, visible_requests

    done = log()
    services.request_assign(user=desk.hr, request=done, engineer=desk.li)
    for action in ("accept", "resolve"):
        done = services.request_transition(user=desk.li_user, request=done, action=action)
    services.survey_answer(token=services.survey_token(done.survey), stars=4)
    log(phone="13900000000")
    data = dashboard(visible_requests(desk.supervisor), now=timezone.now())
    assert sum(data["states"]["values"]) == 1 and data["standing"]["on_track"] == 1
    assert data["months"][-1] == "2026-11" and len(data["months"]) == 6
    assert (data["in_time"][-1], data["late"][-1], data["csat"][-1], data["answer_rate"][-1]) == (1, 0, 4.0, 100)
    client.force_login(desk.supervisor)
    page = client.get(reverse("servicedesk:dashboard"))
    assert page.status_code == 200 and 'id="sd-data"' in page.content.decode()
    client.force_login(desk.li_user)
    assert client.get(reverse("servicedesk:dashboard")).status_code == 403
