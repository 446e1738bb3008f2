"""Performance pay is pay: the engineer, their department's manager, HR, finance and general
managers read the money; a crew leader, QS officer or supervisor reads the scores without it."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from appraisal.models import Scorecard
from appraisal.scorecards import services
from appraisal.scorecards.services import Month
from conftest import make_user

pytestmark = pytest.mark.django_db
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


@pytest.fixture
def card(company):
    company.li.performance_pay_base_amount = D("1234.00")
    company.li.save()
    today = timezone.localdate()
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=Month(today.year, today.month),
        source="supervisor",
        rows={company.li.pk: {d: D(80) for d in DIMS}},
    )
    company.qs = make_user("qs", "qs_officer")
    Scorecard.objects.filter(engineer=company.li).update(status="submitted")  # summaries count submitted months
    card = Scorecard.objects.get(engineer=company.li)
    assert card.performance_pay_amount == D("1234.00")  # band B × 1.0
    return card


def readers(c):
    return ((c.li_user, True), (c.manager, True), (c.hr, True), (c.finance, True), (c.gm, True)), (
        (c.supervisor, False),
        (c.qs, False),
    )


def test_the_scorecard_page_shows_performance_pay_only_to_pay_readers(client, company, card):
    yes, no = readers(company)
    for user, shown in (*yes, *no):
        client.force_login(user)
        page = client.get(f"/kpi/scorecards/{card.pk}/").content.decode()
        assert 'data-testid="kpi-score"' in page, user.username
        assert ("1,234.00" in page) is shown, user.username


def test_the_engineer_summary_hides_performance_pay_from_the_crew_leader(client, company, card):
    client.force_login(company.leader_user)  # leads li's crew, so reads li's summary
    page = client.get(f"/kpi/summary/engineer/{company.li.pk}/").content.decode()
    assert "李娜" in page and "1,234.00" not in page
    client.force_login(company.manager)
    assert "1,234.00" in client.get(f"/kpi/summary/engineer/{company.li.pk}/").content.decode()


def test_the_scorecard_api_hides_performance_pay_from_those_who_do_not_read_pay(company, card):
    yes, no = readers(company)
    api = APIClient()
    for user, shown in (*yes, *no):
        api.force_authenticate(user)
        data = api.get(f"/api/scorecards/{card.pk}/").json()
        assert data["score"] is not None, user.username
        assert (data["performance_pay_amount"] == "1234.00") is shown, user.username
        assert ("kpi.performance_pay" in str(data["trace"])) is shown, user.username
