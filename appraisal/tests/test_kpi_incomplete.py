"""A partly scored month is incomplete (no score, band or pay anywhere) and a closed or submitted month's
grid is read-only on the page."""

import json
from decimal import Decimal as D

import pytest
from django.utils import timezone

from appraisal.models import Scorecard
from appraisal.scorecards import services
from appraisal.scorecards.services import Month
from appraisal.tests.test_kpi import DIMS

pytestmark = pytest.mark.django_db


@pytest.fixture
def month():
    today = timezone.localdate()
    return Month(today.year, today.month)


def grid(client, company, month, source="supervisor"):
    return client.get(f"/kpi/grid/?department={company.d1.pk}&month={month}&source={source}").content.decode()


def test_two_of_five_supervisor_scores_give_no_score_band_or_pay(client, company, month):
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={company.li.pk: {"attitude": D(90), "skill": D(80)}},
    )
    card = Scorecard.objects.get(engineer=company.li)
    assert (card.score, card.band, card.performance_pay_amount) == (None, "", None)
    assert card.missing == ["efficiency", "customer", "cost"]
    client.force_login(company.hr)
    page = grid(client, company, month)
    assert "未完成:缺 3 项" in page
    assert "未完成:缺 3 项" in client.get(f"/kpi/scorecards/{card.pk}/").content.decode()
    body = {
        "department": company.d1.pk,
        "month": str(month),
        "source": "supervisor",
        "rows": {str(company.li.pk): {"efficiency": "90"}},
    }
    out = client.post("/kpi/grid/save/", json.dumps(body), content_type="application/json").json()
    assert out["rows"][str(company.li.pk)]["incomplete"] == "未完成:缺 2 项"
    assert out["rows"][str(company.li.pk)]["score"] is None
    body["rows"][str(company.li.pk)] = {"customer": "90", "cost": "90"}
    out = client.post("/kpi/grid/save/", json.dumps(body), content_type="application/json").json()
    assert out["rows"][str(company.li.pk)]["incomplete"] == "" and out["rows"][str(company.li.pk)]["score"]


def test_self_and_peer_scores_alone_do_not_make_a_month(company, month):
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="self",
        rows={company.li.pk: {d: D(100) for d in DIMS}},
    )
    card = Scorecard.objects.get(engineer=company.li)
    assert card.score is None and len(card.missing) == 5


def test_a_closed_month_renders_read_only_with_the_reason(client, company, month):
    from ledger.models import PayPeriod

    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: {"skill": D(80)}}
    )
    PayPeriod.objects.create(year=month.year, month=month.month, status="closed")
    client.force_login(company.hr)
    page = grid(client, company, month)
    assert 'class="form-control form-control-sm text-end kpi-cell' not in page  # no inputs
    assert 'data-testid="grid-read-only"' in page and "不能再修改" in page
    assert 'id="save-all"' not in page and 'id="submit-month"' not in page and "kpi-file" not in page
    assert 'data-read-only="' in page  # the script drops edits kept in the browser


def test_a_submitted_month_renders_read_only(client, company, month):
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={e.pk: {d: D(80) for d in DIMS} for e in (company.li, company.zhang, company.zhao)},
    )
    services.grid_submit(user=company.hr, department=company.d1, month=month)
    client.force_login(company.hr)
    page = grid(client, company, month)
    assert "kpi-cell" not in page.split("<tbody>")[1] and "本月考核表已提交" in page


def test_the_grid_has_no_inline_script_or_handler(client, company, month):
    client.force_login(company.hr)
    page = grid(client, company, month)
    assert "onclick" not in page and "<script>" not in page
