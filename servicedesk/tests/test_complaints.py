"""A complaint is closed as upheld or not upheld by a supervisor; an upheld one is a quality incident of the
engineer it is about, which the December close reads to withhold their annual quality award."""

from __future__ import annotations

import pytest

from core.errors import DomainError, PermissionDeniedError
from engineers.models import Incident
from servicedesk import services
from servicedesk.models import State

pytestmark = pytest.mark.django_db


def _resolved(desk, sr, handler=None):
    handler = handler or desk.zhang
    services.request_assign(user=desk.hr, request=sr, engineer=handler)
    sr = services.request_transition(user=handler.user, request=sr, action="accept")
    return services.request_transition(user=handler.user, request=sr, action="resolve", note="回访致歉")


def test_an_upheld_complaint_about_a_repeat_is_the_earlier_engineers_quality_incident(desk, log):
    visit = _resolved(desk, log(), handler=desk.li)
    complaint = _resolved(desk, log(category="complaint", fault_description="师傅没修好还态度差"))
    assert complaint.repeat_of == visit  # same phone, same product
    with pytest.raises(DomainError):
        services.request_transition(user=desk.supervisor, request=complaint, action="close")  # not plainly
    sr = services.request_transition(user=desk.supervisor, request=complaint, action="uphold", note="核实属实")
    assert sr.state == State.CLOSED and sr.complaint_upheld is True and sr.complaint_about == desk.li
    incident = Incident.objects.get()
    assert (incident.engineer, incident.kind, incident.occurred_on) == (desk.li, "quality", sr.logged_at.date())
    assert sr.number in incident.description and sr.incident == incident


def test_a_dismissed_complaint_records_nothing_against_anyone(desk, log):
    sr = _resolved(desk, log(category="complaint"))
    sr = services.request_transition(user=desk.supervisor, request=sr, action="dismiss", note="客户误解")
    assert sr.state == State.CLOSED and sr.complaint_upheld is False and not Incident.objects.exists()


def test_upholding_needs_the_engineer_and_a_supervisor(desk, log):
    sr = _resolved(desk, log(category="complaint", phone="13911112222"))
    with pytest.raises(PermissionDeniedError):
        services.request_transition(user=desk.hr, request=sr, action="uphold", complaint_about=desk.li)
    with pytest.raises(DomainError) as err:
        services.request_transition(user=desk.supervisor, request=sr, action="uphold")
    assert err.value.code == "service.complaint_about_required" and "complaint_about" in err.value.fields
    with pytest.raises(DomainError) as err:
        services.request_transition(user=desk.supervisor, request=sr, action="uphold", complaint_about=desk.wang)
    assert err.value.code == "service.engineer_other_department"
    sr.refresh_from_db()
    assert sr.state == State.RESOLVED and not Incident.objects.exists()  # nothing half-saved
    services.request_transition(user=desk.supervisor, request=sr, action="uphold", complaint_about=desk.li)
    assert Incident.objects.get().engineer == desk.li


def test_only_a_complaint_is_upheld_or_dismissed(desk, log):
    sr = _resolved(desk, log())
    with pytest.raises(DomainError) as err:
        services.request_transition(user=desk.supervisor, request=sr, action="uphold", complaint_about=desk.li)
    assert err.value.code == "service.bad_transition"


def test_the_supervisor_upholds_on_the_page(client, desk, log):
    sr = _resolved(desk, log(category="complaint"))
    client.force_login(desk.supervisor)
    page = client.get(sr.get_absolute_url()).content.decode()
    assert 'value="uphold"' in page and 'value="close"' not in page and "complaint-about" in page
    client.post(
        f"/service/{sr.pk}/transition/", {"action": "uphold", "note": "属实", "complaint_about": str(desk.li.pk)}
    )
    sr.refresh_from_db()
    assert sr.complaint_upheld and Incident.objects.get().engineer == desk.li
