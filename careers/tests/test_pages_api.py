"""The ladder page, review pages and the API: who sees what, who may do what, the numbers they show."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from careers import services
from careers.models import Candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(career):
    return services.review_open(
        user=career.hr, kind="annual", name="2026 年度晋升评审", effective_from=date(2026, 12, 1)
    )


def _client(client, user, lang="en"):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def _api(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_everyone_reads_the_ladder_with_requirements_and_post_wage(career, client):
    page = _client(client, career.li_user).get("/careers/").content.decode()
    assert "Junior engineer" in page and "¥600.00" in page and "You are here" in page
    assert "KF-CAREER A/0" in page
    zh = _client(client, career.finance, "zh-hans").get("/careers/").content.decode()
    assert "职业发展" in zh and "初级工程员" in zh


def test_engineer_applies_on_the_page_and_sees_their_own_evidence(career, client, review):
    c = _client(client, career.li_user)
    r = c.post(f"/careers/reviews/{review.pk}/", {"op": "apply", "text": "独立完成 12 单"})
    assert r.status_code == 302
    cand = Candidate.objects.get(engineer=career.li)
    page = c.get(f"/careers/candidates/{cand.pk}/").content.decode()
    assert "80.00" in page and "89.58" in page and "panel score missing or below the minimum" in page
    # Another engineer does not see it: 404, not 403.
    assert _client(client, career.wang_user).get(f"/careers/candidates/{cand.pk}/").status_code == 404


def test_gm_decides_on_the_page_hr_cannot(career, client, review):
    cand = services.candidate_add(user=career.li_user, review=review, statement="申请")
    services.panel_score(user=career.manager, candidate=cand, score=Decimal("80"))
    assert _client(client, career.hr).post(f"/careers/candidates/{cand.pk}/", {"op": "approve"}).status_code == 403
    _client(client, career.gm).post(f"/careers/candidates/{cand.pk}/", {"op": "approve"})
    cand.refresh_from_db()
    assert cand.decision == "approved" and cand.decided_by == career.gm


def test_api_full_path_and_schema_names(career, review):
    li, gm, hr = _api(career.li_user), _api(career.gm), _api(career.hr)
    ladder = li.get("/api/career-ladder/").json()
    assert ladder["version"] == "KF-CAREER A/0" and ladder["rungs"][1]["post_wage"] == "600.00"
    r = li.post(f"/api/promotion-reviews/{review.pk}/candidates/", {"statement": "申请"}, format="json")
    assert r.status_code == 201, r.content
    cid = r.json()["id"]
    assert r.json()["evidence"]["kpi_mean"] == ["80.00", "75"]
    r = gm.post(f"/api/promotion-candidates/{cid}/act/", {"action": "approve"}, format="json")
    assert r.status_code == 400 and r.json()["code"] == "career.not_eligible"
    r = gm.post(f"/api/promotion-candidates/{cid}/act/", {"action": "score", "score": "66.5"}, format="json")
    assert r.json()["panel_score"] == "66.50" and r.json()["eligible"]
    r = li.post(f"/api/promotion-candidates/{cid}/act/", {"action": "approve"}, format="json")
    assert r.status_code == 403
    assert gm.post(f"/api/promotion-candidates/{cid}/act/", {"action": "approve"}, format="json").status_code == 200
    r = hr.post(f"/api/promotion-reviews/{review.pk}/act/", {"action": "publish"}, format="json")
    assert r.json()["status"] == "notice" and r.json()["notice_until"] == "2026-11-25"
    # Scopes: the other department's engineer sees no candidate, the supervisor all.
    assert _api(career.wang_user).get(f"/api/promotion-reviews/{review.pk}/candidates/").json() == []
    assert len(_api(career.supervisor).get(f"/api/promotion-reviews/{review.pk}/candidates/").json()) == 1
    assert _api(career.wang_user).get(f"/api/promotion-candidates/{cid}/").status_code == 404


def test_api_hr_opens_a_competition_and_a_manager_nominates_only_their_department(career):
    hr = _api(career.hr)
    r = hr.post(
        "/api/promotion-reviews/",
        {
            "kind": "competition",
            "name": "初级工程员竞聘",
            "effective_from": "2026-12-01",
            "target_rank": "junior_engineer",
            "seats": 1,
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    rid = r.json()["id"]
    mgr = _api(career.manager)
    assert (
        mgr.post(
            f"/api/promotion-reviews/{rid}/candidates/",
            {"statement": "推荐", "engineer": career.wang.pk},
            format="json",
        ).status_code
        == 404
    )
    r = mgr.post(
        f"/api/promotion-reviews/{rid}/candidates/", {"statement": "推荐", "engineer": career.li.pk}, format="json"
    )
    assert r.status_code == 201 and r.json()["route"] == "nominated"
    assert (
        _api(career.gm)
        .post("/api/promotion-reviews/", {"kind": "annual", "name": "x", "effective_from": "2026-12-01"}, format="json")
        .status_code
        == 403
    )
