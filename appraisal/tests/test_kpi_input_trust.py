"""What goes into a scorecard is checked against the month's policy: known sources and dimensions,
finite scores in range. A bad score is a 400 naming it, never a 500, and never a wiped card."""

import json
from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from appraisal.models import PeerAssignment, Scorecard, ScoreEntry
from appraisal.scorecards import services
from appraisal.tests.test_kpi import full, month  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(company, month):  # noqa: F811
    """Supervisor scores of 90 for everyone in d1, so each card has a score and a pay to lose."""
    company.li.performance_pay_base_amount = D("1200.00")
    company.li.save()
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={e.pk: full(90) for e in (company.li, company.zhang, company.zhao)},
    )
    return {c.engineer_id: c for c in Scorecard.objects.all()}


def as_user(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def card_state(card):
    card.refresh_from_db()
    return card.score, card.performance_pay_amount, ScoreEntry.objects.filter(scorecard=card).count()


@pytest.mark.parametrize(
    "scores, field",
    [
        ({"x": "50"}, "x"),
        ({"d" * 40: "50"}, "d" * 29),  # a 40-character key: named (cut), not a 500 from the column
        ({"skill": "100.5"}, "skill"),
        ({"skill": "90.123"}, "skill"),
    ],
)
def test_a_peer_review_with_a_bad_dimension_or_score_is_a_400_and_the_card_keeps_its_pay(
    company, scored, scores, field
):
    assignment = PeerAssignment.objects.filter(reviewer=company.li).select_related("scorecard").first()
    card = assignment.scorecard
    before = card_state(card)
    assert before[0] is not None and before[1] is not None
    response = as_user(company.li_user).put(
        f"/api/scorecards/{card.pk}/scores/", {"source": "peer", "scores": scores}, format="json"
    )
    assert response.status_code == 400, response.content
    fields = response.json()["fields"]
    named = set(fields) | set(fields.get("scores", {}))  # ours, or DRF's nested shape for its own checks
    assert any(k.startswith(field) for k in named), fields
    assert card_state(card) == before


def test_an_engineer_self_assessment_with_an_unknown_dimension_is_refused(company, scored):
    card = scored[company.li.pk]
    before = card_state(card)
    response = as_user(company.li_user).put(
        f"/api/scorecards/{card.pk}/scores/", {"source": "self", "scores": {**full(80), "bonus": "100"}}, format="json"
    )
    assert response.status_code == 400
    assert "bonus" in response.json()["message"] and "bonus" in response.json()["fields"]
    assert card_state(card) == before  # the valid dimensions of the same request were not saved either


def test_a_score_source_the_policy_does_not_know_is_a_400_naming_the_source(company, scored):
    card = scored[company.li.pk]
    response = as_user(company.hr).put(
        f"/api/scorecards/{card.pk}/scores/", {"source": "boss", "scores": full(50)}, format="json"
    )
    assert response.status_code == 400 and "source" in response.json()["fields"]
    customer = as_user(company.hr).put(
        f"/api/scorecards/{card.pk}/scores/", {"source": "customer", "scores": full(50)}, format="json"
    )
    assert customer.status_code in (400, 403)  # known to the policy, but never typed
    with pytest.raises(services.DomainError) as err:
        services.grid_save(
            user=company.hr, department=company.d1, month=services.Month(card.year, card.month), source="boss", rows={}
        )
    assert err.value.code == "kpi.unknown_source" and "source" in err.value.fields


def post_grid(client, company, month, rows, source="supervisor"):  # noqa: F811
    body = {"department": company.d1.pk, "month": str(month), "source": source, "rows": rows}
    return client.post("/kpi/grid/save/", json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    "rows",
    [
        [1, 2, 3],  # rows as a list
        "li=90",
        {"LI": {"skill": "90"}},  # the key is not an engineer id
        "CELLS",  # one row whose cells are a string (filled in below)
    ],
)
def test_grid_save_refuses_malformed_rows_with_a_message(client, company, month, scored, rows):  # noqa: F811
    if rows == "CELLS":
        rows = {str(company.li.pk): "90,90,90", str(company.zhang.pk): full(10)}
        rows[str(company.zhang.pk)] = {k: str(v) for k, v in rows[str(company.zhang.pk)].items()}
    client.force_login(company.hr)
    response = post_grid(client, company, month, rows)
    assert response.status_code == 400
    assert response.json()["message"]
    assert Scorecard.objects.get(engineer=company.zhang).score == D("90.00")  # nothing half-saved


def test_grid_save_refuses_nan_and_unknown_dimensions_and_saves_nothing(client, company, month, scored):  # noqa: F811
    client.force_login(company.hr)
    raw = (
        '{"department": %d, "month": "%s", "source": "supervisor",'
        ' "rows": {"%d": {"skill": NaN}, "%d": {"cost": "10"}}}'
    )
    nan = client.post(
        "/kpi/grid/save/",
        raw % (company.d1.pk, month, company.li.pk, company.zhang.pk),
        content_type="application/json",
    )
    assert nan.status_code == 400 and nan.json()["cells"][0]["dimension"] == "skill"
    unknown = post_grid(client, company, month, {str(company.zhang.pk): {"cost": "10"}, str(company.li.pk): {"x": "1"}})
    assert unknown.status_code == 400
    assert [c["dimension"] for c in unknown.json()["cells"]] == ["x"] and "x" in unknown.json()["cells"][0]["message"]
    assert Scorecard.objects.get(engineer=company.zhang).score == D("90.00")
    assert not ScoreEntry.objects.filter(score=D("10")).exists()


def test_the_grid_posted_with_1e40_or_a_stray_field_is_shown_again(client, company, month, scored):  # noqa: F811
    """Without JavaScript the grid posts as a form: 1e40 is out of range (the page shows the error beside
    the value as typed, it did not 500 rounding it), and a field that is no cell is no crash."""
    client.force_login(company.hr)
    client.cookies["django_language"] = "en"
    form = {"department": company.d1.pk, "month": str(month), "source": "supervisor"}
    form |= {f"s-{company.li.pk}-{dim}": "90" for dim in full(90)}
    form[f"s-{company.li.pk}-skill"] = "1e40"
    response = client.post("/kpi/grid/", {**form, "s-x-skill": "1", "s-": "2", f"s-{company.li.pk}": "3"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="1E+40"' in page and "nothing was saved" in page
    assert Scorecard.objects.get(engineer=company.li).score == D("90.00")
