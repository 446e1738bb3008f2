"""Live pages kept between writes (core/live_pages.py): a kept page shows what was committed before it
was read, never another user's, and reads nothing a write would not move the version for. PostgreSQL,
in transactions that commit: the write version lives there and moves at COMMIT."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.write_version import UNTRACKED

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the write version is PostgreSQL's"),
]


@pytest.fixture
def kept_live(settings):
    settings.LIVE_PAGES_KEPT_SECONDS = 300


def grid_values(client, company, month) -> dict:
    page = client.get(f"/kpi/grid/?department={company.d1.pk}&month={month}").content.decode()
    row = re.search(rf'<tr data-engineer="{company.li.pk}">.*?</tr>', page, re.S).group(0)
    return dict(re.findall(r'name="s-\d+-(\w+)" data-dim="\w+" aria-label="[^"]*" value="([^"]*)"', row))


def test_the_grid_is_kept_until_a_score_is_saved_and_then_shows_it(client, bonus_people, kept_live):
    company = bonus_people
    from appraisal.scorecards import services
    from appraisal.scorecards.services import Month

    today = timezone.localdate()
    month = Month(today.year, today.month)
    client.force_login(company.hr)
    assert grid_values(client, company, month)["attitude"] == ""
    with CaptureQueriesContext(connection) as again:
        assert grid_values(client, company, month)["attitude"] == ""
    assert not any("appraisal_score" in q["sql"] for q in again.captured_queries)  # kept: no scores read
    services.grid_save(
        user=company.hr, department=company.d1, month=month, source="supervisor", rows={company.li.pk: {"attitude": 91}}
    )
    assert grid_values(client, company, month)["attitude"] == "91"
    company.li.name = "李娜娜"
    company.li.save()
    assert "李娜娜" in client.get(f"/kpi/grid/?department={company.d1.pk}&month={month}").content.decode()


def test_a_kept_grid_is_not_shared_between_users_or_languages(client, bonus_people, kept_live):
    company = bonus_people
    from engineers.models import Department

    client.force_login(company.hr)
    page = client.get(f"/kpi/grid/?department={company.d1.pk}").content.decode()
    assert "安装部" in page
    client.force_login(company.supervisor)
    assert client.get(f"/kpi/grid/?department={company.d1.pk}").status_code == 200
    client.cookies["django_language"] = "en"
    english = client.get(f"/kpi/grid/?department={company.d1.pk}").content.decode()
    assert "Outside assessment" in english or "from work orders" in english
    client.force_login(company.li_user)  # no grid role: refused, kept or not
    assert client.get(f"/kpi/grid/?department={company.d1.pk}").status_code == 403
    assert Department.objects.count() == 2


def test_the_inbox_is_kept_until_a_request_is_decided(client, bonus_people, special_order, kept_live):
    from workorders.bonus import services

    c = bonus_people
    r = services.bonus_request_propose(
        user=c.qs,
        kind="individual",
        work_order=special_order,
        engineer=c.li,
        rate=Decimal("0.03"),
        rated_excellent=True,
    )
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    other = Client()  # logged in before: a login writes (last_login) and would move the version
    other.force_login(c.other_manager)
    client.force_login(c.manager)
    assert f'data-testid="inbox-row-{r.pk}"' in client.get("/bonus/inbox/").content.decode()
    with CaptureQueriesContext(connection) as again:
        assert f'data-testid="inbox-row-{r.pk}"' in client.get("/bonus/inbox/").content.decode()
    assert not any("workorders_bonusrequest" in q["sql"] for q in again.captured_queries)
    # Another department's manager, at the same version, never sees the first one's kept page.
    assert f'data-testid="inbox-row-{r.pk}"' not in other.get("/bonus/inbox/").content.decode()
    services.bonus_request_transition(user=c.manager, request=r, action="approve")
    assert f'data-testid="inbox-row-{r.pk}"' not in client.get("/bonus/inbox/").content.decode()


def test_the_work_order_list_is_kept_until_an_order_is_written(client, company, make_work_order, kept_live):
    client.force_login(company.hr)
    first = make_work_order(reported=date(2026, 11, 2), resolved=date(2026, 11, 3), people=((company.li, "1"),))
    assert first.number in client.get("/workorders/").content.decode()
    with CaptureQueriesContext(connection) as again:
        client.get("/workorders/")
    assert not any("workorders_workorder" in q["sql"] for q in again.captured_queries)
    second = make_work_order(reported=date(2026, 11, 4), resolved=date(2026, 11, 5), people=((company.li, "1"),))
    page = client.get("/workorders/").content.decode()
    assert first.number in page and second.number in page
    assert second.number not in client.get(f"/workorders/?q={first.number}").content.decode()
    assert client.get("/workorders/?page=999").status_code == 404  # not a page: as ListView answers
    client.force_login(company.li_user)  # an engineer's own list, not HR's kept one
    assert client.get("/workorders/").status_code == 200


@pytest.mark.parametrize("path", ["/kpi/grid/", "/bonus/inbox/", "/workorders/"])
def test_the_kept_pages_read_no_untracked_table(client, bonus_people, special_order, path):
    """What a kept page computes may only come from tables whose writes move the version."""
    user = {"/kpi/grid/": bonus_people.hr, "/bonus/inbox/": bonus_people.manager}.get(path, bonus_people.hr)
    client.force_login(user)
    with CaptureQueriesContext(connection) as read:
        assert client.get(path).status_code == 200
    computed = [q["sql"] for q in read.captured_queries if "django_session" not in q["sql"]]
    assert computed
    for table in UNTRACKED:
        assert not any(re.search(rf'\b"?{table}"?\b', sql) for sql in computed), table
