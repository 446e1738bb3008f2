"""The performance-pay base is pay: the engineer, their department's manager, HR, finance and
general managers read it; a crew leader, QS officer or supervisor reads the record without it."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from conftest import make_user
from engineers.models import Engineer

pytestmark = pytest.mark.django_db


@pytest.fixture
def based(company):
    Engineer.objects.filter(pk=company.li.pk).update(performance_pay_base_amount=Decimal("1234.00"))
    company.qs = make_user("qs", "qs_officer")
    return company


def test_the_engineer_page_shows_the_pay_base_only_to_pay_readers(client, based):
    c = based
    for user, shown in (
        (c.li_user, True),
        (c.manager, True),
        (c.hr, True),
        (c.finance, True),
        (c.gm, True),
        (c.leader_user, False),
        (c.supervisor, False),
        (c.qs, False),
    ):
        client.force_login(user)
        response = client.get(f"/engineers/{c.li.pk}/")
        assert response.status_code == 200, user.username
        assert ('data-testid="pay-base"' in response.content.decode()) is shown, user.username
        assert ("1,234.00" in response.content.decode()) is shown, user.username


def test_the_engineer_api_hides_the_pay_base_from_those_who_do_not_read_pay(based):
    c = based
    api = APIClient()
    for user, expected in ((c.leader_user, None), (c.supervisor, None), (c.hr, "1234.00"), (c.li_user, "1234.00")):
        api.force_authenticate(user)
        assert api.get(f"/api/engineers/{c.li.pk}/").json()["performance_pay_base_amount"] == expected, user.username
        listed = {e["id"]: e for e in api.get("/api/engineers/").json()["results"]}
        assert listed[c.li.pk]["performance_pay_base_amount"] == expected, user.username
