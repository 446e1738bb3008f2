"""Inbox, bulk approval and the request pages, through the Django test client."""

import re

import pytest
from django.utils import timezone

from conftest import submitted_request
from workorders.models import BonusRequest

pytestmark = pytest.mark.django_db


def test_bulk_approve_approves_what_the_manager_may_decide_and_reports_the_rest(
    client, bonus_people, special_order, make_work_order
):
    c = bonus_people
    today = timezone.localdate()
    other_dept = make_work_order(
        reported=today, resolved=today, is_special=True, department=c.d2, crew=c.other_crew, people=((c.wang, "1"),)
    )
    mine = [submitted_request(c, special_order, c.li), submitted_request(c, special_order, c.zhao)]
    theirs = submitted_request(c, other_dept, c.wang)
    client.force_login(c.manager)
    inbox = client.get("/bonus/inbox/")
    assert [int(pk) for pk in re.findall(r'data-testid="inbox-row-(\d+)"', inbox.content.decode())] == [
        r.pk for r in mine
    ]
    response = client.post("/bonus/inbox/approve/", {"ids": [r.pk for r in (*mine, theirs)]}, follow=True)
    page = " ".join(response.content.decode().split())
    assert "已批准所选 3 项申请中的 2 项" in page
    assert f'#{theirs.pk} — <span class="text-danger">未批准:没有这项待您处理的申请。</span>' in page
    statuses = dict(BonusRequest.objects.values_list("pk", "status"))
    assert [statuses[r.pk] for r in mine] == ["approved", "approved"]
    assert statuses[theirs.pk] == "submitted"


def test_bulk_approve_is_for_department_managers_only(client, bonus_people, special_order):
    c = bonus_people
    r = submitted_request(c, special_order, c.li)
    client.force_login(c.supervisor)
    assert client.post("/bonus/inbox/approve/", {"ids": [r.pk]}).status_code == 403
    assert BonusRequest.objects.get(pk=r.pk).status == "submitted"


def test_home_shows_the_inbox_count(client, bonus_people, special_order):
    c = bonus_people
    submitted_request(c, special_order, c.li)
    client.force_login(c.manager)
    panels = {p.title: p for p in client.get("/").context["panels"]}
    assert {i.label: i.value for i in panels["激励申请"].items}["待我处理"] == 1


def test_refusal_is_shown_on_the_request_page(client, bonus_people, special_order):
    c = bonus_people
    r = submitted_request(c, special_order, c.li)
    client.force_login(c.manager)
    page = client.post(f"/bonus/{r.pk}/transition/", {"action": "reject", "reason": ""}, follow=True).content.decode()
    assert "请填写理由" in page
    assert BonusRequest.objects.get(pk=r.pk).status == "submitted"


def test_engineers_cannot_reach_requests_or_proposal_pages(client, bonus_people, special_order):
    c = bonus_people
    r = submitted_request(c, special_order, c.zhao)
    client.force_login(c.li_user)
    assert client.get(f"/bonus/{r.pk}/").status_code == 404
    assert client.get(f"/bonus/workorder/{special_order.pk}/propose/individual/").status_code == 403
    assert client.post(f"/bonus/{r.pk}/transition/", {"action": "approve"}).status_code == 404
