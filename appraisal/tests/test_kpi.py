"""Monthly KPI scorecards: metrics from work orders, the grid's save and submit, sources, scope."""

import json
from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import timezone

from appraisal.models import Scorecard, ScoreEntry
from appraisal.scorecards import services
from appraisal.scorecards.services import GridError, Month
from core.errors import DomainError, PermissionDeniedError
from incentives.policy import Policy
from incentives.rules.kpi import scorecard as engine_scorecard

pytestmark = pytest.mark.django_db
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


@pytest.fixture
def month():
    today = timezone.localdate()
    return Month(today.year, today.month)


def full(value):
    return {d: D(value) for d in DIMS}


def test_prepare_makes_scorecards_only_for_engineers_inside_assessment(company, month):
    company.zhao.employment_type = "outsourced"
    company.zhao.save()
    cards = services.scorecards_prepare(department=company.d1, month=month)
    assert set(cards) == {company.zhang.pk, company.li.pk}
    assert services.scorecards_prepare(department=company.d1, month=month).keys() == cards.keys()  # idempotent
    # crew mates review each other
    li = cards[company.li.pk]
    assert {a.reviewer_id for a in li.peer_assignments.all()} == {company.zhang.pk}


def test_grid_save_computes_the_engines_score_band_and_pay(company, month):
    company.li.performance_pay_base_amount = D("1200.00")
    company.li.save()
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={
            company.li.pk: {"attitude": D(90), "skill": D(85), "efficiency": D(80), "customer": D(95), "cost": D(70)}
        },
    )
    card = Scorecard.objects.get(engineer=company.li)
    # 0.2×90 + 0.25×85 + 0.2×80 + 0.25×95 + 0.1×70 = 86.00 → B × 1.0
    expected = engine_scorecard(
        scores={
            "supervisor": {"attitude": D(90), "skill": D(85), "efficiency": D(80), "customer": D(95), "cost": D(70)}
        },
        policy=Policy.load_default(),
    )
    assert (card.score, card.band, card.coefficient, card.performance_pay_amount) == (
        expected.score,
        "B",
        D("1.0"),
        D("1200.00"),
    )
    assert card.score == D("86.00")


def test_one_bad_cell_saves_nothing_and_names_the_cell(company, month):
    with pytest.raises(GridError) as err:
        services.grid_save(
            user=company.hr,
            department=company.d1,
            month=month,
            source="supervisor",
            rows={company.li.pk: full(90), company.zhang.pk: {**full(90), "skill": D(105)}},
        )
    assert [(c.engineer_id, c.dimension) for c in err.value.cells] == [(company.zhang.pk, "skill")]
    assert not ScoreEntry.objects.exists()


def test_customer_source_comes_from_work_order_csat(company, month, make_work_order):
    today = timezone.localdate()
    make_work_order(reported=today, resolved=today, people=((company.li, "1"),), csat_score=70)
    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: full(90)}
    )
    card = Scorecard.objects.get(engineer=company.li)
    assert card.metrics["csat_average"] == "70.00"
    # supervisor 90 (weight 0.4) and customer 70 (weight 0.3), re-weighted over 0.7
    assert card.score == D("81.43")


def test_only_hr_and_supervisors_type_scores_and_nobody_types_customer_scores(company, month):
    for user, source in (
        (company.li_user, "supervisor"),
        (company.supervisor, "self"),
        (company.hr, "customer"),
        (company.manager, "supervisor"),
    ):
        with pytest.raises(PermissionDeniedError):
            services.grid_save(
                user=user, department=company.d1, month=month, source=source, rows={company.li.pk: full(80)}
            )
    services.grid_save(
        user=company.supervisor, department=company.d1, month=month, source="supervisor", rows={company.li.pk: full(80)}
    )


def test_submit_needs_every_supervisor_score_then_freezes(company, month):
    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: full(90)}
    )
    with pytest.raises(DomainError) as err:
        services.grid_submit(user=company.hr, department=company.d1, month=month)
    assert "张伟" in str(err.value.message) and "赵敏" in str(err.value.message)
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={company.zhang.pk: full(80), company.zhao.pk: full(70)},
    )
    assert services.grid_submit(user=company.hr, department=company.d1, month=month) == 3
    with pytest.raises(GridError):
        services.grid_save(
            user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: full(50)}
        )
    assert Scorecard.objects.get(engineer=company.li).score == D("90.00")


def test_engineers_fill_only_their_own_self_assessment_and_assigned_peer_reviews(company, month):
    cards = services.scorecards_prepare(department=company.d1, month=month)
    services.own_scores_save(user=company.li_user, card=cards[company.li.pk], source="self", values=full(95))
    with pytest.raises(PermissionDeniedError):
        services.own_scores_save(user=company.li_user, card=cards[company.zhang.pk], source="self", values=full(95))
    with pytest.raises(PermissionDeniedError):  # wang is in another crew: not asked to review li
        services.own_scores_save(user=company.wang_user, card=cards[company.li.pk], source="peer", values=full(60))
    services.own_scores_save(user=company.li_user, card=cards[company.zhang.pk], source="peer", values=full(75))
    assert ScoreEntry.objects.filter(source="peer", reviewer=company.li).count() == 5


def test_an_engineer_cannot_read_another_scorecard(client, company, month):
    cards = services.scorecards_prepare(department=company.d1, month=month)
    client.force_login(company.li_user)
    assert client.get(f"/kpi/scorecards/{cards[company.li.pk].pk}/").status_code == 200
    assert client.get(f"/kpi/scorecards/{cards[company.zhang.pk].pk}/").status_code == 404
    assert client.get("/kpi/grid/").status_code == 403


def test_grid_json_save_returns_results_or_cell_errors(client, company, month):
    client.force_login(company.hr)
    body = {
        "department": company.d1.pk,
        "month": str(month),
        "source": "supervisor",
        "rows": {
            str(company.li.pk): {"attitude": "90", "skill": "90", "efficiency": "90", "customer": "90", "cost": "90"}
        },
    }
    ok = client.post("/kpi/grid/save/", json.dumps(body), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["rows"][str(company.li.pk)]["band"] == "A"
    body["rows"][str(company.li.pk)]["cost"] = "105"
    bad = client.post("/kpi/grid/save/", json.dumps(body), content_type="application/json")
    assert bad.status_code == 400 and bad.json()["cells"][0]["dimension"] == "cost"
    assert Scorecard.objects.get(engineer=company.li).score == D("90.00")


def test_grid_page_greys_out_engineers_outside_assessment(client, company, month):
    company.zhao.employment_type = "temporary"
    company.zhao.save()
    client.force_login(company.hr)
    page = client.get(f"/kpi/grid/?department={company.d1.pk}&month={month}").content.decode()
    assert f'data-outside="{company.zhao.pk}"' in page and "临时聘请的员工" in page


def test_metrics_on_the_scorecard_match_hand_computed_values(company, month, make_work_order):
    today = timezone.localdate()
    first = date(today.year, today.month, 1)
    a = make_work_order(
        reported=first, resolved=first, people=((company.li, "1"),), csat_score=80
    )  # 09:00 → 17:00 = 8 h
    make_work_order(reported=first, resolved=first, people=((company.li, "1"),), csat_score=100, repeat_of=a)
    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: full(90)}
    )
    m = Scorecard.objects.get(engineer=company.li).metrics
    assert (m["orders"], m["resolution_hours"], m["on_time_rate"], m["repeat_rate"], m["csat_average"]) == (
        2,
        "8.00",
        "100.00",
        "50.00",
        "90.00",
    )


def test_no_score_until_someone_has_scored_the_engineer(company, month, make_work_order):
    today = timezone.localdate()
    make_work_order(reported=today, resolved=today, people=((company.li, "1"),), csat_score=95)
    cards = services.scorecards_prepare(department=company.d1, month=month)
    card = Scorecard.objects.get(pk=cards[company.li.pk].pk)
    assert card.metrics["csat_average"] == "95.00"
    assert (card.score, card.performance_pay_amount) == (None, None)


def test_grid_exports_to_excel_and_imports_back_atomically(client, company, month):
    import io

    from openpyxl import load_workbook

    company.zhao.employment_type = "outsourced"
    company.zhao.save()
    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: full(90)}
    )
    client.force_login(company.hr)
    exported = client.get(f"/kpi/grid/export.xlsx?department={company.d1.pk}&month={month}")
    wb = load_workbook(io.BytesIO(exported.content))
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:7] == ["工号", "姓名", "工作态度", "专业技能", "工作效率", "客户满意", "成本控制"]
    by_no = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert by_no["E002"][2] == 90 and by_no["E002"][8] == "A"
    assert by_no["E004"][-1].startswith("不在考核范围")
    # Fill zhang's row, break li's, import: nothing changes.
    for row in ws.iter_rows(min_row=2):
        if row[0].value == "E001":
            for cell in row[2:7]:
                cell.value = 80
        if row[0].value == "E002":
            row[3].value = 105
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "kpi.xlsx"
    page = client.post(
        "/kpi/grid/import/",
        {"department": company.d1.pk, "month": str(month), "source": "supervisor", "file": buf},
        follow=True,
    )
    assert "未导入" in page.content.decode() and "专业技能" in page.content.decode()
    assert not ScoreEntry.objects.filter(scorecard__engineer=company.zhang).exists()
    assert Scorecard.objects.get(engineer=company.li).score == D("90.00")


def test_scorecard_api_scopes_and_writes(company, month):
    from rest_framework.test import APIClient

    cards = services.scorecards_prepare(department=company.d1, month=month)
    hr, li = APIClient(), APIClient()
    hr.force_authenticate(company.hr)
    li.force_authenticate(company.li_user)
    ok = hr.put(
        f"/api/scorecards/{cards[company.li.pk].pk}/scores/",
        {"source": "supervisor", "scores": full(90)},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["band"] == "A" and ok.json()["score"] == "90.00"
    bad = hr.put(
        f"/api/scorecards/{cards[company.li.pk].pk}/scores/",
        {"source": "supervisor", "scores": {"skill": "101"}},
        format="json",
    )
    assert bad.status_code == 400 and "skill" in bad.json()["fields"]
    assert [c["employee_no"] for c in li.get("/api/scorecards/").json()["results"]] == ["E002"]
    assert li.get(f"/api/scorecards/{cards[company.zhang.pk].pk}/").status_code == 404
    assert li.put(
        f"/api/scorecards/{cards[company.zhang.pk].pk}/scores/", {"source": "self", "scores": full(99)}, format="json"
    ).status_code in (403, 404)
    assert (
        li.put(
            f"/api/scorecards/{cards[company.li.pk].pk}/scores/",
            {"source": "supervisor", "scores": full(99)},
            format="json",
        ).status_code
        == 403
    )
    assert (
        li.put(
            f"/api/scorecards/{cards[company.li.pk].pk}/scores/", {"source": "self", "scores": full(95)}, format="json"
        ).status_code
        == 200
    )
    assert not ScoreEntry.objects.filter(scorecard__engineer=company.zhang, source="self").exists()


def test_a_month_is_read_only_once_its_pay_period_closes(client, company, month):
    from ledger.models import PayPeriod

    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={company.li.pk: full(90), company.zhang.pk: full(80), company.zhao.pk: full(70)},
    )
    services.grid_submit(user=company.hr, department=company.d1, month=month)
    PayPeriod.objects.create(year=month.year, month=month.month, status="closed")
    card = Scorecard.objects.get(engineer=company.li)
    for attempt in (
        lambda: services.grid_save(
            user=company.hr, department=company.d1, month=month, source="self", rows={company.li.pk: full(50)}
        ),
        lambda: services.own_scores_save(user=company.li_user, card=card, source="self", values=full(50)),
        lambda: services.grid_submit(user=company.hr, department=company.d1, month=month),
    ):
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.code == "period.closed"
    client.force_login(company.hr)
    body = {
        "department": company.d1.pk,
        "month": str(month),
        "source": "self",
        "rows": {str(company.li.pk): {"cost": "50"}},
    }
    response = client.post("/kpi/grid/save/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "period.closed"
    assert not ScoreEntry.objects.filter(source="self").exists()
    assert Scorecard.objects.get(engineer=company.li).score == D("90.00")
