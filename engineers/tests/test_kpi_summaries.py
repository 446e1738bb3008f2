from decimal import Decimal as D

import pytest

from engineers.kpi.summaries import department_summary, engineer_summary
from engineers.models import Scorecard

pytestmark = pytest.mark.django_db


def card(engineer, month, score, band):
    return Scorecard.objects.create(engineer=engineer, year=2026, month=month, score=D(score), band=band)


def test_quarters_and_year_average_the_months_that_have_scores(company):
    for month, score, band in ((1, "90", "A"), (2, "80", "B"), (3, "85", "B"), (5, "70", "C")):
        card(company.li, month, score, band)
    s = engineer_summary(company.li, 2026)
    assert s.quarters == [D("85.00"), D("70.00"), None, None]
    assert s.year == D("81.25") and s.bands == {"A": 1, "B": 2, "C": 1}
    assert s.chart[:5] == ["90.00", "80.00", "85.00", None, "70.00"]


def test_department_summary_ranks_by_year_and_averages_each_month(company):
    card(company.li, 1, "90", "A")
    card(company.zhang, 1, "70", "C")
    summaries, monthly = department_summary(company.d1, 2026)
    assert [s.engineer.name for s in summaries] == ["李娜", "张伟"]
    assert monthly[0] == D("80.00") and monthly[1] is None


def test_summary_pages_respect_scope(client, company):
    card(company.li, 1, "90", "A")
    client.force_login(company.li_user)
    assert client.get(f"/kpi/summary/engineer/{company.li.pk}/?year=2026").status_code == 200
    assert client.get(f"/kpi/summary/engineer/{company.zhang.pk}/?year=2026").status_code == 404
    assert client.get("/kpi/summary/").status_code == 403
    client.force_login(company.manager)
    page = client.get(f"/kpi/summary/?department={company.d1.pk}&year=2026").content.decode()
    assert "李娜" in page and "kpi-chart-data" in page
