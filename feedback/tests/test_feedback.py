"""Suggestions and complaints: who writes, who reads, who answers, and that an anonymous author never shows."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import make_user
from core.errors import ConflictError, PermissionDeniedError
from feedback import services
from feedback.models import Feedback, FeedbackStatus, SupervisionMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(bonus_people):
    """The supervision group: the supervisor and the QS officer, chosen by HR."""
    c = bonus_people
    services.member_add(user=c.hr, member=c.supervisor)
    services.member_add(user=c.hr, member=c.qs)
    return c


def _anonymous(c, text="计件单价三年没调整,建议按物价上调"):
    return services.feedback_submit(
        user=c.li_user, category="suggestion", document_no="FS-MS-KF-13", rule="piece_rate", text=text, anonymous=True
    )


def test_an_anonymous_author_shows_on_no_page_and_in_no_api_answer_even_to_the_group(client, group):
    c = group
    c.li_user.first_name, c.li_user.last_name = "娜", "李"
    c.li_user.save()
    f = _anonymous(c)
    for reader in (c.supervisor, c.hr, c.gm, c.finance):
        client.force_login(reader)
        for url in (
            reverse("feedback:list"),
            reverse("feedback:detail", args=[f.pk]),
            f"/api/feedback/{f.pk}/",
            "/api/feedback/",
        ):
            body = client.get(url).content.decode()
            assert "计件单价三年没调整" in body, url
            for leak in ("李娜", "娜 李", "李 娜", '"li"', ">li<", "li@example.cn", f'"author":{c.li_user.pk}'):
                assert leak not in body, (reader, url, leak)
        api = client.get(f"/api/feedback/{f.pk}/").json()
        assert api["author"] is None and api["anonymous"] is True and api["is_mine"] is False
    # The database and the audit keep who wrote it.
    f.refresh_from_db()
    assert f.author == c.li_user
    assert f.history.first().history_user == c.li_user


def test_the_author_sees_their_anonymous_suggestion_as_theirs(client, group):
    c = group
    f = _anonymous(c)
    client.force_login(c.li_user)
    api = client.get(f"/api/feedback/{f.pk}/").json()
    assert api["is_mine"] is True and api["author"] is None
    page = client.get(reverse("feedback:detail", args=[f.pk])).content.decode()
    assert "其他人看不到您的姓名" in page


def test_a_named_suggestion_shows_its_author_to_the_group(client, group):
    c = group
    f = services.feedback_submit(user=c.li_user, category="complaint", document_no="KF-PAY", text="餐补太低")
    client.force_login(c.supervisor)
    assert client.get(f"/api/feedback/{f.pk}/").json()["author"] == "li"
    assert 'data-testid="author">li<' in client.get(reverse("feedback:detail", args=[f.pk])).content.decode()


def test_an_engineer_reads_only_their_own(client, group):
    c = group
    f = _anonymous(c)
    mine = services.feedback_submit(user=c.wang_user, category="suggestion", document_no="FS-MS-KF-13", text="多发")
    client.force_login(c.wang_user)
    assert client.get(reverse("feedback:detail", args=[f.pk])).status_code == 404
    assert client.get(f"/api/feedback/{f.pk}/").status_code == 404
    assert [row["id"] for row in client.get("/api/feedback/").json()["results"]] == [mine.pk]
    # A department manager outside the group is no reader either.
    client.force_login(c.manager)
    assert client.get(reverse("feedback:detail", args=[f.pk])).status_code == 404


def test_a_suggestion_names_a_document_in_force_and_a_known_rule(client, group):
    c = group
    client.force_login(c.li_user)
    url = "/api/feedback/"
    bad = client.post(url, {"category": "suggestion", "document_no": "X", "text": "x"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["fields"].keys() == {"document_no"}
    bad = client.post(
        url,
        {"category": "suggestion", "document_no": "FS-MS-KF-13", "rule": "nope", "text": "x"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "rule" in bad.json()["fields"]
    page = client.post(reverse("feedback:new"), {"category": "complaint", "document_no": "FS-MS-KF-13", "text": " "})
    assert page.status_code == 400 and not Feedback.objects.exists()
    ok = client.post(
        reverse("feedback:new"),
        {"category": "complaint", "document_no": "FS-MS-KF-13", "rule": "kpi_pay", "text": "太严", "anonymous": "on"},
    )
    f = Feedback.objects.get()
    assert ok.status_code == 302
    assert (f.category, f.rule, f.anonymous, f.author) == ("complaint", "kpi_pay", True, c.li_user)


def test_the_group_answers_and_the_author_finds_it_on_their_home(
    client, group, mailoutbox, django_capture_on_commit_callbacks
):
    c = group
    f = _anonymous(c)
    client.force_login(c.supervisor)
    home = client.get(reverse("home")).content.decode()
    assert "等待监督小组答复" in home
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback:detail", args=[f.pk]),
            {"action": "answer", "status": "adopted", "answer": "已纳入 2027 年修订"},
        )
    assert response.status_code == 302
    f.refresh_from_db()
    assert (f.status, f.answer, f.answered_by) == ("adopted", "已纳入 2027 年修订", c.supervisor)
    assert [m.to for m in mailoutbox] == [["li@example.cn"]]  # the author alone, anonymous or not
    client.force_login(c.li_user)
    home = client.get(reverse("home")).content.decode()
    assert "监督小组答复了您的建议" in home and "已纳入 2027 年修订" in home
    detail = client.get(reverse("feedback:detail", args=[f.pk])).content.decode()
    assert "已纳入 2027 年修订" in detail and 'data-testid="answer-form"' not in detail
    client.post(reverse("feedback:detail", args=[f.pk]), {"action": "read"})
    assert "已纳入 2027 年修订" not in client.get(reverse("home")).content.decode()
    assert mailoutbox[0].subject == f"监督小组答复了您的建议 #{f.pk}"


def test_the_authors_home_names_the_category_in_lower_case_mid_sentence_in_english(client, group):
    c = group
    f = services.feedback_submit(user=c.li_user, category="complaint", document_no="FS-MS-KF-13", text="扣款前未告知")
    services.feedback_answer(user=c.supervisor, feedback=f, status="answered", answer="已核实")
    client.force_login(c.li_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    home = client.get(reverse("home")).content.decode()
    assert f"The supervision group answered your complaint #{f.pk}" in home


def test_who_may_answer(client, group):
    c = group
    f = _anonymous(c)
    for outsider in (c.hr, c.gm, c.manager, c.wang_user):  # not in the group
        client.force_login(outsider)
        r = client.post(
            f"/api/feedback/{f.pk}/answer/", {"status": "answered", "answer": "x"}, content_type="application/json"
        )
        assert r.status_code in (403, 404), outsider
    # A member does not answer their own suggestion; the refusal tells only them.
    own = services.feedback_submit(user=c.qs, category="suggestion", document_no="FS-MS-KF-13", text="自己的")
    with pytest.raises(PermissionDeniedError):
        services.feedback_answer(user=c.qs, feedback=own, status="answered", answer="好")
    client.force_login(c.qs)
    assert 'data-testid="answer-form"' not in client.get(reverse("feedback:detail", args=[own.pk])).content.decode()
    # answered → adopted is allowed, adopted is settled.
    services.feedback_answer(user=c.supervisor, feedback=f, status="answered", answer="年度评估时讨论")
    services.feedback_answer(user=c.qs, feedback=f, status="declined", answer="维持现行单价")
    with pytest.raises(ConflictError):
        services.feedback_answer(user=c.supervisor, feedback=f, status="adopted", answer="改主意")
    assert Feedback.objects.get(pk=f.pk).status == FeedbackStatus.DECLINED
    r = client.post(f"/api/feedback/{f.pk}/answer/", {"status": "open", "answer": "x"}, content_type="application/json")
    assert r.status_code == 400


def test_hr_or_a_general_manager_chooses_the_group_and_its_history_stays(client, bonus_people):
    c = bonus_people
    client.force_login(c.supervisor)
    assert client.post(reverse("feedback:group"), {"action": "add", "user": c.supervisor.pk}).status_code == 403
    client.force_login(c.gm)
    client.post(reverse("feedback:group"), {"action": "add", "user": c.supervisor.pk})
    seat = SupervisionMember.objects.get(user=c.supervisor)
    with pytest.raises(ConflictError):
        services.member_add(user=c.hr, member=c.supervisor)
    client.force_login(c.hr)
    client.post(reverse("feedback:group"), {"action": "remove", "seat": seat.pk})
    seat.refresh_from_db()
    assert seat.ended_by == c.hr and seat.ended_at is not None
    assert seat.history.count() == 2
    services.member_add(user=c.hr, member=c.supervisor)  # back again: a new seat
    assert SupervisionMember.objects.filter(user=c.supervisor).count() == 2
    client.force_login(c.li_user)  # everyone sees who is in the group
    page = client.get(reverse("feedback:group")).content.decode()
    assert "supervisor" in page and 'data-testid="group-add"' not in page


def test_the_admin_shows_the_author_to_a_superuser_only(client, group):
    c = group
    f = _anonymous(c)
    url = reverse("admin:feedback_feedback_change", args=[f.pk])
    staff = make_user("staff_hr", "hr_clerk")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(url).status_code in (302, 403)
    admin = make_user("root")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    body = client.get(url).content.decode()
    assert client.get(url).status_code == 200 and "li" in body


def test_the_pages_in_english(client, group):
    c = group
    _anonymous(c)
    client.force_login(c.supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("feedback:list")).content.decode()
    assert "Suggestions and complaints" in body and "Anonymous" in body


def test_api_submit_round_trip(client, group):
    c = group
    client.force_login(c.wang_user)
    r = client.post(
        "/api/feedback/",
        json.dumps({"category": "complaint", "document_no": "FS-MS-KF-13", "text": "扣款不透明", "anonymous": True}),
        content_type="application/json",
    )
    assert r.status_code == 201
    assert r.json()["author"] is None and r.json()["is_mine"] is True and r.json()["status"] == "open"
