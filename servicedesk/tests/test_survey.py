"""The customer's survey page: public, signed and expiring, one answer, rate-limited, nothing else shown."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse
from django.utils import timezone

from servicedesk import services, views
from servicedesk.models import SurveyInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_counts(monkeypatch):
    # A cache of its own: clearing the shared one (Redis under CI) would wipe the other xdist worker's sessions.
    counts = LocMemCache(f"survey-rate-{uuid.uuid4()}", {})
    monkeypatch.setattr(views, "cache", counts)
    yield
    counts.clear()


@pytest.fixture
def resolved(desk, log):
    sr = log(customer_name="陈先生", address="佛山市南海区桂城街道1号")
    services.request_assign(user=desk.hr, request=sr, engineer=desk.li)
    for action in ("accept", "depart", "arrive", "resolve"):
        sr = services.request_transition(user=desk.li_user, request=sr, action=action)
    return sr


def _url(sr):
    return reverse("survey", args=[services.survey_token(sr.survey)])


def test_the_page_shows_only_the_product_and_the_date(client, resolved):
    response = client.get(_url(resolved))
    assert response.status_code == 200
    html = response.content.decode()
    assert "SL-200 太阳能热水器" in html and timezone.localdate().isoformat() in html
    for secret in ("陈先生", "13800138000", "桂城街道", "李娜", resolved.number, "不出热水"):
        assert secret not in html


def test_an_answer_becomes_the_request_and_the_work_orders_csat(client, resolved):
    response = client.post(_url(resolved), {"stars": "4", "comment": "师傅很专业"})
    assert response.status_code == 200 and "survey-thanks" in response.content.decode()
    resolved.refresh_from_db()
    assert (resolved.survey.stars, resolved.survey.comment) == (4, "师傅很专业")
    resolved.work_order.refresh_from_db()
    assert resolved.work_order.csat_score == 80  # 4 stars in the SLA document's table
    assert resolved.work_order.customer_comment == "师傅很专业"


def test_a_second_answer_and_a_replayed_post_are_refused(client, resolved):
    url = _url(resolved)
    assert client.post(url, {"stars": "5"}).status_code == 200
    replay = client.post(url, {"stars": "1", "comment": "改主意了"})
    assert replay.status_code == 409
    assert client.get(_url(resolved)).status_code == 409  # a fresh link to the same survey too
    resolved.survey.refresh_from_db()
    assert resolved.survey.stars == 5 and resolved.survey.comment == ""
    resolved.work_order.refresh_from_db()
    assert resolved.work_order.csat_score == 100


@pytest.mark.parametrize(
    "forge",
    [
        lambda inv: services.survey_token(inv)[:-3] + "abc",  # tampered signature
        lambda inv: signing.dumps({"s": inv.pk, "n": inv.nonce}, salt="another.salt"),  # signed for something else
        lambda inv: signing.dumps({"s": inv.pk, "n": "0" * 16}, salt=services.SURVEY_SALT),  # wrong nonce
        lambda inv: signing.dumps({"s": inv.pk + 1, "n": inv.nonce}, salt=services.SURVEY_SALT),  # another survey
        lambda inv: "not-a-token",
    ],
)
def test_a_forged_token_is_refused_and_changes_nothing(client, resolved, forge):
    token = forge(resolved.survey)
    url = reverse("survey", args=[token])
    assert client.get(url).status_code == 404
    assert client.post(url, {"stars": "1"}).status_code == 404
    assert SurveyInvitation.objects.get().answered_at is None


def test_an_expired_link_is_refused(client, resolved, settings):
    url = _url(resolved)
    with time_machine.travel(timezone.now() + timedelta(days=settings.SURVEY_DAYS, minutes=1)):
        response = client.post(url, {"stars": "5"})
    assert response.status_code == 404 and "survey-refused" in response.content.decode()
    assert SurveyInvitation.objects.get().answered_at is None


def test_stars_outside_one_to_five_are_refused(client, resolved):
    for bad in ("0", "6", "", "五"):
        assert client.post(_url(resolved), {"stars": bad}).status_code == 400
    assert SurveyInvitation.objects.get().answered_at is None


def test_an_address_that_hits_too_often_is_told_to_wait(client, resolved, settings):
    settings.SURVEY_RATE_LIMIT = 3
    bad = reverse("survey", args=["guess-1"])
    assert [client.get(bad).status_code for _ in range(3)] == [404, 404, 404]
    assert client.get(bad).status_code == 429
    assert client.post(_url(resolved), {"stars": "5"}).status_code == 429  # even a real link, from that address
    assert SurveyInvitation.objects.get().answered_at is None
    other = client.get(_url(resolved), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_an_answer_in_a_closed_month_stays_on_the_request(client, resolved):
    from ledger.models import PayPeriod

    today = timezone.localdate()
    PayPeriod.objects.create(year=today.year, month=today.month, status="closed", closed_at=timezone.now())
    assert client.post(_url(resolved), {"stars": "2"}).status_code == 200
    resolved.work_order.refresh_from_db()
    assert resolved.work_order.csat_score is None
    assert SurveyInvitation.objects.get().stars == 2


def test_the_dispatcher_sees_the_text_message_and_the_engineer_does_not(client, desk, resolved):
    client.force_login(desk.hr)
    html = client.get(resolved.get_absolute_url()).content.decode()
    assert "/s/" in html and "sms-text" in html
    client.force_login(desk.li_user)
    html = client.get(resolved.get_absolute_url()).content.decode()
    assert "/s/" not in html


TINY_PNG = (  # one white pixel
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def test_a_signature_is_kept_and_marks_the_work_order_signed(client, resolved):
    response = client.post(_url(resolved), {"stars": "5", "signature": TINY_PNG})
    assert response.status_code == 200
    assert SurveyInvitation.objects.get().signature == TINY_PNG
    resolved.work_order.refresh_from_db()
    assert resolved.work_order.customer_signed and resolved.work_order.csat_score == 100


@pytest.mark.parametrize(
    "bad", ["data:image/svg+xml;base64,PHN2Zz4=", "data:image/png;base64,not-base64!", "data:image/png;base64,aGVsbG8="]
)
def test_a_signature_that_is_not_a_png_is_refused(client, resolved, bad):
    assert client.post(_url(resolved), {"stars": "5", "signature": bad}).status_code == 400
    assert SurveyInvitation.objects.get().answered_at is None


def test_the_forms_pdf_carries_the_survey_qr_code_while_the_survey_is_open(client, desk, resolved, tmp_path):
    import os
    import shutil
    import subprocess

    from servicedesk.qr import survey_qr

    def forms_text(name: str) -> str:
        client.force_login(desk.hr)
        path = tmp_path / name
        path.write_bytes(client.get(f"/workorders/{resolved.work_order.pk}/forms.pdf").content)
        if os.environ.get("INCDESK_KEEP_PDF"):  # to look at it
            shutil.copy(path, os.path.join(os.environ["INCDESK_KEEP_PDF"], name))
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout

    text = forms_text("forms-survey-open.pdf")
    expires = timezone.localtime(resolved.survey.expires_at).strftime("%Y-%m-%d")
    assert "请用手机扫码评价本次服务" in text and f"{expires} 前有效" in text
    # The code holds the survey's own signed link, on the site's address.
    with time_machine.travel(timezone.now(), tick=False):  # the token's signature carries the second it was signed
        printed = survey_qr(resolved.work_order, "http://testserver/")
        assert printed["survey_qr"].startswith("<svg")
        assert printed["survey_url"] == "http://testserver" + _url(resolved)
    assert services.survey_from_token(printed["survey_url"].rsplit("/", 2)[-2]) == resolved.survey
    services.survey_answer(token=services.survey_token(resolved.survey), stars=5)
    # Answered: a printed form never carries a spent link.
    assert "扫码评价" not in forms_text("forms-survey-answered.pdf")
    assert survey_qr(resolved.work_order, "http://testserver/") == {}
