"""Reading a page never writes: the grid, its export and 'my month' create no scorecards."""

import pytest

from appraisal.models import Scorecard

pytestmark = pytest.mark.django_db


def test_the_grid_of_a_new_month_creates_no_scorecard_until_asked(client, company):
    client.force_login(company.hr)
    page = client.get(f"/kpi/grid/?department={company.d1.pk}&month=2030-01")
    assert page.status_code == 200 and 'data-testid="prepare"' in page.content.decode()
    client.get(f"/kpi/grid/export.xlsx?department={company.d1.pk}&month=2030-01")
    assert Scorecard.objects.count() == 0
    client.post("/kpi/grid/prepare/", {"department": company.d1.pk, "month": "2030-01"})
    assert Scorecard.objects.filter(year=2030, month=1).count() > 0


def test_my_month_creates_no_scorecard(client, company):
    client.force_login(company.li_user)
    assert client.get("/kpi/my/").status_code == 200
    assert Scorecard.objects.count() == 0


def test_only_grid_roles_prepare_scorecards(client, company):
    client.force_login(company.li_user)
    assert client.post("/kpi/grid/prepare/", {"department": company.d1.pk, "month": "2030-01"}).status_code == 403
    assert Scorecard.objects.count() == 0


def test_an_engineer_inside_assessment_opens_their_own_scorecard_before_hr_has(client, company):
    client.force_login(company.li_user)
    page = client.get("/kpi/my/").content.decode()
    assert 'data-testid="open-month"' in page and "不在考核范围" not in page
    client.post("/kpi/my/", {"op": "open"})
    assert Scorecard.objects.filter(engineer=company.li, year=2026, month=11).exists()
    assert "self-" in client.get("/kpi/my/").content.decode()  # the self-assessment form is there now


def test_scorecards_of_a_closed_month_are_never_created(client, company):
    from ledger.models import PayPeriod

    PayPeriod.objects.create(year=2026, month=10, status="closed")
    client.force_login(company.hr)
    client.post("/kpi/grid/prepare/", {"department": company.d1.pk, "month": "2026-10"})
    assert Scorecard.objects.count() == 0
