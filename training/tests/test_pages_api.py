"""The training pages, the API and the home counts: who sees and does what, with the numbers."""

from datetime import date
from decimal import Decimal

import lxml.html
import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse

from training import services
from training.models import StudyReward

pytestmark = pytest.mark.django_db


def _record(c, engineer, **kw):
    fields = {
        "user": c.hr,
        "engineer": engineer,
        "skill": "electrician",
        "level": "operation",
        "certificate_no": f"T-{engineer.employee_no}",
        "issuer": "佛山市应急管理局",
        "issued_on": date(2021, 1, 20),
        "expires_on": date(2027, 1, 10),  # 53 days after 2026-11-18: within the 60-day warning
    }
    fields.update(kw)
    return services.certificate_record(**fields)


def test_hr_records_a_pass_on_the_page_and_the_manager_approves_it(client, trained):
    c = trained
    client.force_login(c.hr)
    response = client.post(
        reverse("training:certificate_new"),
        {
            "engineer": c.li.pk,
            "skill": "welder",
            "level": "intermediate",
            "certificate_no": "HG-77",
            "issuer": "佛山市人社局",
            "issued_on": "2026-11-17",
            "expires_on": "2030-11-16",
            "session": c.session.pk,
            "reward": "on",
        },
    )
    reward = StudyReward.objects.get()
    assert response.status_code == 302 and response.url == reward.get_absolute_url()
    page = client.get(reward.get_absolute_url()).content.decode()
    assert "¥400.00" in page and 'data-testid="approve"' not in page  # HR recorded it: no buttons
    client.force_login(c.manager)
    page = client.get(reward.get_absolute_url()).content.decode()
    assert 'data-testid="approve"' in page
    response = client.post(reward.get_absolute_url(), {"action": "approve"})
    assert response.status_code == 302
    reward.refresh_from_db()
    assert reward.status == "approved" and reward.payable_item.amount == Decimal("400.00")


def test_the_page_shows_a_refusal_beside_the_field(client, trained):
    c = trained
    client.force_login(c.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        reverse("training:certificate_new"),
        {
            "engineer": c.zhao.pk,
            "skill": "welder",
            "level": "junior",
            "certificate_no": "X",
            "issuer": "Y",
            "issued_on": "2026-11-17",
            "session": c.session.pk,
            "reward": "on",
        },
    )
    assert response.status_code == 400
    assert "赵敏 did not attend that session." in response.content.decode()
    assert not StudyReward.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("hr", 200), ("gm", 200), ("finance", 200), ("manager", 200), ("li_user", 200), ("wang_user", 404)],
)
def test_a_reward_is_pay_read_by_pay_readers_only(client, trained, who, status):
    c = trained
    reward = _record(c, c.li, expires_on=date(2030, 1, 1)).reward
    client.force_login(getattr(c, who))
    assert client.get(reward.get_absolute_url()).status_code == status
    assert client.get(f"/api/study-rewards/{reward.pk}/").status_code == status


def test_an_engineer_sees_only_their_own_sessions_and_cannot_record(client, trained):
    c = trained
    client.force_login(c.wang_user)
    assert client.get(c.session.get_absolute_url()).status_code == 404
    assert client.get(reverse("training:certificate_new")).status_code == 403
    client.force_login(c.li_user)
    page = client.get(c.session.get_absolute_url()).content.decode()
    assert "李娜" in page and 'data-testid="save-attendance"' not in page
    assert client.post(c.session.get_absolute_url(), {"engineer": c.li.pk, "status": "absent"}).status_code == 403


def test_homes_show_expiring_certificates_and_waiting_rewards(client, trained):
    c = trained
    _record(c, c.li)  # expires 2027-01-10: 53 days → expiring; its reward waits (300.00)
    _record(c, c.zhang, expires_on=date(2027, 6, 1), reward=False)  # not within 60 days
    client.force_login(c.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    home = client.get("/").content.decode()
    assert "Certificates expiring within 60 days" in home
    assert "Certificate expires on 2027-01-10" in home and "T-E002" in home
    assert "T-E001" not in home
    client.force_login(c.li_user)
    home = client.get("/").content.decode()
    assert "Certificate expires on 2027-01-10" in home
    client.force_login(c.manager)
    home = client.get("/").content.decode()
    assert "Study rewards waiting for your decision" in home
    listing = client.get(reverse("training:certificates") + "?expiring=1").content.decode()
    assert "T-E002" in listing and "T-E001" not in listing


def test_the_engineer_record_shows_the_standing_of_each_certificate(client, trained):
    c = trained
    _record(c, c.li)
    _record(c, c.li, skill="welder", issued_on=date(2019, 1, 1), expires_on=date(2025, 1, 1), reward=False)
    client.force_login(c.li_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    fragment = client.get(reverse("training:engineer", args=[c.li.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "expires in 53 days" in fragment
    assert "expired: no longer counts as a special skill" in fragment
    assert "¥300.00" in fragment  # their own study reward


def test_api_records_lists_expiring_and_decides(client, trained):
    c = trained
    client.force_login(c.hr)
    body = {
        "engineer": c.li.pk,
        "skill": "electrician",
        "level": "senior",
        "certificate_no": "GJ-9",
        "issuer": "佛山市人社局",
        "issued_on": "2026-11-10",
        "expires_on": "2027-01-05",
    }
    response = client.post("/api/training/certificates/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    reward = response.json()["reward"]
    assert reward["amount"] == "800.00" and reward["status"] == "waiting"
    listed = client.get("/api/training/certificates/?expiring=1").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["certificate_no"] for r in rows] == ["GJ-9"]
    again = client.post("/api/training/certificates/", body, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "training.reward_already"
    own = client.post(
        f"/api/study-rewards/{reward['id']}/decide/", {"action": "approve"}, content_type="application/json"
    )
    assert own.status_code == 403 and own.json()["code"] == "training.reward_approver"
    client.force_login(c.gm)
    done = client.post(
        f"/api/study-rewards/{reward['id']}/decide/", {"action": "approve"}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["status"] == "approved"


def test_api_sessions_and_attendance(client, trained):
    c = trained
    client.force_login(c.hr)
    response = client.post(
        "/api/training/sessions/",
        {"course": c.soft.pk, "starts_on": "2026-11-20", "hours": "3.5", "trainer": "刘老师", "place": "会议室"},
        content_type="application/json",
    )
    assert response.status_code == 201
    session = response.json()
    assert (session["ends_on"], session["days"], session["hours"]) == ("2026-11-20", 1, "3.5")
    row = client.post(
        f"/api/training/sessions/{session['id']}/attendance/",
        {"engineer": c.zhao.pk, "status": "attended"},
        content_type="application/json",
    )
    assert row.status_code == 200
    detail = client.get(f"/api/training/sessions/{session['id']}/").json()
    assert [a["engineer_name"] for a in detail["attendance"]] == ["赵敏"]
    client.force_login(c.supervisor)
    refused = client.post(
        f"/api/training/sessions/{session['id']}/attendance/", {"engineer": c.li.pk}, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["code"] == "training.role"


def test_pages_render_for_hr(client, trained):
    c = trained
    _record(c, c.li)
    client.force_login(c.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for name in (
        "training:sessions",
        "training:courses",
        "training:certificates",
        "training:rewards",
        "training:session_new",
    ):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(c.session.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("training:session_new"),
        {
            "course": c.course.pk,
            "starts_on": "2026-11-20",
            "ends_on": "2026-11-19",
            "hours": "8",
            "trainer": "a",
            "place": "b",
        },
    )
    assert response.status_code == 400
    assert "The last day cannot be before the first." in response.content.decode()


def test_the_study_document_is_a_controlled_document_hr_can_revise(client, trained):
    from policies.models import PolicyVersion

    c = trained
    version = PolicyVersion.objects.get(document_no="KF-STUDY", version="A/0")
    client.force_login(c.hr)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Study rewards and certificates" in client.get(reverse("policies:policies")).content.decode()
    page = client.get(reverse("policies:policy", args=[version.pk])).content.decode()
    assert "Electrician · Intermediate worker (level 4)" in page and "400.00" in page
    form = client.get(reverse("policies:document_revise", args=["KF-STUDY"])).content.decode()
    assert "A certificate is shown as about to expire this many days before" in form
    pdf = client.get(reverse("policies:policy_pdf", args=[version.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_the_engineer_training_page_opened_by_itself_names_whose_record_it_is(client, trained):
    c = trained
    client.force_login(c.hr)
    page = lxml.html.fromstring(client.get(reverse("training:engineer", args=[c.li.pk])).content)
    assert " ".join(page.xpath("//h1")[0].text_content().split()) == "李娜 E002"
    fragment = client.get(reverse("training:engineer", args=[c.li.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<h1" not in fragment  # the engineer page it is loaded into has its heading


def test_training_pages_name_the_people_who_recorded_and_decided_not_their_logins(client, trained):
    """As every other app does (the `person` filter): 周静, not the login "hr"."""
    c = trained
    User.objects.filter(pk=c.hr.pk).update(first_name="周静")
    User.objects.filter(pk=c.manager.pk).update(first_name="梁志文")
    reward = _record(c, c.li).reward
    client.force_login(c.manager)
    client.post(reward.get_absolute_url(), {"action": "approve"})
    listing = lxml.html.fromstring(client.get(reverse("training:rewards")).content)
    assert [td.text_content().strip() for td in listing.xpath('//table[@data-testid="rewards"]/tbody/tr/td[7]')] == [
        "周静"
    ]
    detail = lxml.html.fromstring(client.get(reward.get_absolute_url()).content)
    facts = " ".join(detail.text_content().split())
    assert "周静 ·" in facts and "梁志文 ·" in facts and "hr ·" not in facts and "manager ·" not in facts
    client.force_login(c.hr)
    session = lxml.html.fromstring(client.get(c.session.get_absolute_url()).content)
    changes = " ".join(session.text_content().split())
    assert "· 周静 ·" in changes and "· hr ·" not in changes
