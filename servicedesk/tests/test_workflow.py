"""Customer requests through their states: who may take each step, timestamps set by the action, the work
order and survey a resolution makes, repeats linked, the SLA promise kept from the day it was logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from core.errors import DomainError, PermissionDeniedError
from servicedesk import services
from servicedesk.models import ServiceRequest, State

pytestmark = pytest.mark.django_db


def _step(user, sr, action, note=""):
    return services.request_transition(user=user, request=sr, action=action, note=note)


def _to_site(desk, sr):
    services.request_assign(user=desk.supervisor, request=sr, engineer=desk.li)
    for action in ("accept", "depart", "arrive"):
        sr = _step(desk.li_user, sr, action)
    return sr


def test_a_logged_call_gets_its_deadlines_from_the_sla_document_in_force(desk, log):
    # Wednesday 2026-11-18 10:00 Shanghai; repair.normal = 8 h response, 48 h resolution in business hours
    sr = log()
    local = timezone.localtime
    assert sr.state == State.LOGGED and sr.sla_version == "SLA A/0" and sr.business_hours
    # 7.5 h on Wednesday until 17:30, the rest on Thursday from 08:30 (to the minute: the test clock ticks)
    assert local(sr.response_due).strftime("%Y-%m-%d %H:%M") == "2026-11-19 09:00"
    # 48 h: 7.5 (Wed) + 9 (Thu) + 9 (Fri) + 9 (Sat) + 9 (Mon, Sunday skipped) + 4.5 on Tuesday
    assert local(sr.resolution_due).strftime("%Y-%m-%d %H:%M") == "2026-11-24 13:00"
    assert sr.transitions.get().action == "log"


def test_the_whole_path_sets_each_timestamp_by_its_action(desk, log):
    sr = log()
    sr = _to_site(desk, sr)
    assert sr.state == State.ON_SITE
    assert sr.assigned_at <= sr.accepted_at <= sr.departed_at <= sr.arrived_at <= timezone.now()
    sr = _step(desk.li_user, sr, "resolve", "更换温控阀")
    assert sr.state == State.RESOLVED and sr.resolution_note == "更换温控阀"
    sr = _step(desk.supervisor, sr, "close")
    assert sr.state == State.CLOSED and sr.closed_at is not None
    assert [t.to_state for t in sr.transitions.all()] == [
        "logged",
        "assigned",
        "accepted",
        "on_the_way",
        "on_site",
        "resolved",
        "closed",
    ]
    assert sr.history.count() >= 7


def test_resolving_makes_the_work_order_the_kpi_reads_and_the_survey(desk, log):
    sr = _step(desk.li_user, _to_site(desk, log()), "resolve")
    wo = sr.work_order
    assert wo.number == sr.number and wo.order_type == "repair"
    assert (wo.reported_at, wo.responded_at, wo.arrived_at, wo.resolved_at) == (
        sr.logged_at,
        sr.accepted_at,
        sr.arrived_at,
        sr.resolved_at,
    )
    assert [p.engineer for p in wo.participants.all()] == [desk.li]
    assert wo.csat_score is None  # unanswered: no score, never a default
    assert sr.survey.answered_at is None and sr.survey.stars is None


def test_a_complaint_is_resolved_without_a_work_order(desk, log):
    sr = log(category="complaint", priority="high")
    services.request_assign(user=desk.hr, request=sr, engineer=desk.li)
    sr = _step(desk.li_user, _step(desk.li_user, sr, "accept"), "resolve", "电话致歉并回访")
    assert sr.work_order is None and sr.survey is not None


@pytest.mark.parametrize("who", ["zhang", "wang", "supervisor", "hr"])
def test_only_the_assigned_engineer_moves_the_request(desk, log, who):
    sr = log()
    services.request_assign(user=desk.hr, request=sr, engineer=desk.li)
    user = {"zhang": desk.leader_user, "wang": desk.wang_user, "supervisor": desk.supervisor, "hr": desk.hr}[who]
    with pytest.raises(PermissionDeniedError) as err:
        _step(user, sr, "accept")
    assert err.value.code == "service.not_assignee"
    sr.refresh_from_db()
    assert sr.state == State.ASSIGNED and sr.accepted_at is None


def test_an_engineer_cannot_log_assign_close_or_cancel(desk, log):
    with pytest.raises(PermissionDeniedError):
        log(user=desk.li_user)
    sr = log()
    with pytest.raises(PermissionDeniedError):
        services.request_assign(user=desk.li_user, request=sr, engineer=desk.li)
    services.request_assign(user=desk.hr, request=sr, engineer=desk.li)
    with pytest.raises(PermissionDeniedError):
        _step(desk.li_user, sr, "cancel", "客户取消")
    sr = _step(desk.li_user, _step(desk.li_user, sr, "accept"), "resolve")
    for user in (desk.li_user, desk.hr):  # closing is a supervisor's
        with pytest.raises(PermissionDeniedError):
            _step(user, sr, "close")


def test_steps_only_follow_the_table(desk, log):
    sr = log()
    with pytest.raises(DomainError) as err:
        _step(desk.supervisor, sr, "close")
    assert err.value.code == "service.bad_transition"
    services.request_assign(user=desk.hr, request=sr, engineer=desk.li)
    with pytest.raises(DomainError) as err:
        _step(desk.li_user, sr, "arrive")  # not accepted yet, nor on the way
    assert err.value.code == "service.bad_transition"
    with pytest.raises(DomainError) as err:
        _step(desk.li_user, sr, "teleport")
    assert err.value.code == "service.unknown_action"


def test_cancelling_needs_a_reason_and_ends_the_clock(desk, log):
    sr = log()
    with pytest.raises(DomainError) as err:
        _step(desk.hr, sr, "cancel")
    assert err.value.code == "service.reason_required" and "note" in err.value.fields
    sr = _step(desk.hr, sr, "cancel", "客户已自行解决")
    assert sr.state == State.CANCELLED and sr.cancel_reason == "客户已自行解决"
    with pytest.raises(DomainError):
        services.request_assign(user=desk.hr, request=sr, engineer=desk.li)


def test_assignment_stays_in_the_department_and_with_active_engineers(desk, log):
    sr = log()
    with pytest.raises(DomainError) as err:
        services.request_assign(user=desk.hr, request=sr, engineer=desk.wang)  # 维修部
    assert err.value.code == "service.engineer_other_department" and "engineer" in err.value.fields
    desk.zhao.status, desk.zhao.leaving_date = "left", timezone.localdate()
    desk.zhao.save()
    with pytest.raises(DomainError) as err:
        services.request_assign(user=desk.hr, request=sr, engineer=desk.zhao)
    assert err.value.code == "service.engineer_inactive"
    # re-assigning before anyone accepted is allowed and on the timeline
    services.request_assign(user=desk.hr, request=sr, engineer=desk.li)
    sr = services.request_assign(user=desk.supervisor, request=sr, engineer=desk.zhang)
    assert sr.engineer == desk.zhang and sr.transitions.filter(action="assign").count() == 2


def test_a_second_call_about_the_same_product_is_a_repeat_and_its_work_order_too(desk, log):
    first = _step(desk.li_user, _to_site(desk, log(phone="138-0013-8000")), "resolve")
    other = log(phone="13800138000", product="空气能热泵")
    assert other.repeat_of is None
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        again = log(phone="+86 13800138000", product="SL200 太阳能热水器")
        assert again.repeat_of == first
        services.request_assign(user=desk.hr, request=again, engineer=desk.li)
        again = _step(desk.li_user, _step(desk.li_user, again, "accept"), "resolve")
    assert again.work_order.repeat_of == first.work_order  # what the KPI's repeat-visit rate reads


def test_a_request_outside_the_window_is_not_a_repeat(desk, log):
    log()
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert log().repeat_of is None


def test_the_suggestion_is_the_department_with_the_skill_and_the_lightest_load(desk, log):
    from engineers.models import EngineerSkill
    from servicedesk.selectors import suggest_engineers

    busy = log()
    services.request_assign(user=desk.hr, request=busy, engineer=desk.li)
    sr = log(phone="13900000000")
    names = [s.engineer.name for s in suggest_engineers(sr)]
    assert names[-1] == "李娜" and "王强" not in names  # one open request; 王强 is in another department
    EngineerSkill.objects.create(
        engineer=desk.li, skill="electrician", certificate_no="DG-1", issued_on=timezone.localdate()
    )
    sr = log(phone="13700000000", required_skill="electrician")
    suggestions = suggest_engineers(sr)
    assert [s.engineer.name for s in suggestions] == ["李娜"]
    assert "1" in suggestions[0].reason


def test_the_list_scopes_an_engineer_to_their_own_requests(desk, log):
    from servicedesk.selectors import visible_requests

    mine, theirs = log(), log(phone="13900000000")
    services.request_assign(user=desk.hr, request=mine, engineer=desk.li)
    assert list(visible_requests(desk.li_user)) == [mine]
    assert set(visible_requests(desk.qs)) == {mine, theirs}
    assert list(visible_requests(desk.manager).order_by("pk")) == [mine, theirs]  # manager of 安装部
    assert ServiceRequest.objects.count() == 2


def test_the_supervisor_sees_what_is_about_to_breach(client, desk, log):
    from servicedesk.selectors import at_risk_ids

    calm = log(phone="13900000000")  # 8 working hours to answer
    urgent = log(priority="urgent")  # repair.urgent: 2 clock hours to answer
    assert at_risk_ids(ServiceRequest.objects.all()) == []
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=40)):  # 20 min left of 2 h: ≤ 25 %
        assert at_risk_ids(ServiceRequest.objects.all()) == [urgent.pk]
        client.force_login(desk.supervisor)
        listing = client.get("/service/?sla=at_risk").content.decode()
        assert urgent.number in listing and calm.number not in listing
        home = client.get("/").content.decode()
        assert "即将超时" in home


def test_the_supervisors_are_mailed_once_per_deadline(desk, log, mailoutbox, django_capture_on_commit_callbacks):
    from servicedesk.alerts import sla_warn_supervisors

    desk.supervisor.email = "supervisor@example.cn"
    desk.supervisor.save()
    urgent = log(priority="urgent")  # repair.urgent: 2 clock hours to answer, 8 to resolve
    log(phone="13900000000")
    assert sla_warn_supervisors() == 0
    later = timezone.now() + timedelta(hours=1, minutes=40)
    with django_capture_on_commit_callbacks(execute=True):
        assert sla_warn_supervisors(now=later) == 1
    assert sla_warn_supervisors(now=later + timedelta(minutes=30)) == 0  # past due now, but warned already
    assert len(mailoutbox) == 1 and urgent.number in mailoutbox[0].body
    assert mailoutbox[0].to == ["supervisor@example.cn"]
    urgent.refresh_from_db()
    assert urgent.warned_for == "response"
