"""Live pages kept between writes (core/live_pages.py): a kept page shows what was committed before it
was read, never another user's, and reads nothing a write would not move the version for. PostgreSQL,
in transactions that commit: the write version lives there and moves at COMMIT."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import submitted_request
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


def test_a_kept_grid_follows_the_language_and_the_role(client, bonus_people, kept_live):
    """Switching language writes nothing (a cookie): the kept rows in Chinese are not served in English.
    A user without a grid role is refused before anything kept is looked at."""
    company = bonus_people
    engineer = Client()  # logged in first: a login writes (last_login) and moves the version
    engineer.force_login(company.li_user)
    client.force_login(company.hr)
    assert "工单 0" in client.get(f"/kpi/grid/?department={company.d1.pk}").content.decode()  # the rows' metrics
    client.cookies["django_language"] = "en"
    english = client.get(f"/kpi/grid/?department={company.d1.pk}").content.decode()
    assert "orders 0" in english and "工单 0" not in english
    assert engineer.get(f"/kpi/grid/?department={company.d1.pk}").status_code == 403


def test_the_inbox_is_kept_until_a_request_is_decided(client, bonus_people, special_order, kept_live):
    from workorders.bonus import services

    c = bonus_people
    r = submitted_request(c, special_order, c.li)
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


def test_a_kept_work_order_list_is_never_another_users(client, company, make_work_order, kept_live):
    """At the same version HR's kept list (every order) is not what an engineer gets: their own orders."""
    theirs = make_work_order(reported=date(2026, 11, 2), resolved=date(2026, 11, 3), people=((company.wang, "1"),))
    own = make_work_order(reported=date(2026, 11, 4), resolved=date(2026, 11, 5), people=((company.li, "1"),))
    engineer = Client()
    engineer.force_login(company.li_user)
    client.force_login(company.hr)
    hr_page = client.get("/workorders/").content.decode()
    assert theirs.number in hr_page and own.number in hr_page
    page = engineer.get("/workorders/").content.decode()
    assert own.number in page and theirs.number not in page


@pytest.mark.parametrize("path", ["/kpi/grid/", "/bonus/inbox/", "/workorders/"])
def test_the_kept_pages_read_no_untracked_table(client, bonus_people, special_order, path, monkeypatch, kept_live):
    """What a kept page computes may only come from tables whose writes move the version: every query
    made while computing the kept part, and the inbox's reads for its later pages."""
    from core import live_pages
    from workorders.bonus.selectors import listed_before_on_the_cap

    computed: list[str] = []
    keep = live_pages.kept_live

    def captured(user, what, read):
        def reading():
            with CaptureQueriesContext(connection) as queries:
                value = read()
            computed.extend(q["sql"] for q in queries.captured_queries)
            return value

        return keep(user, what, reading)

    c = bonus_people
    waiting = submitted_request(c, special_order, c.li)
    for module in ("appraisal.scorecards.views", "workorders.bonus.views", "workorders.views"):
        monkeypatch.setattr(f"{module}.kept_live", captured)
    user = {"/kpi/grid/": c.hr, "/bonus/inbox/": c.manager}.get(path, c.hr)
    client.force_login(user)
    page = client.get(path)
    assert page.status_code == 200
    if path == "/bonus/inbox/":
        assert f'data-testid="inbox-row-{waiting.pk}"' in page.content.decode()  # quoted through the engine
        with CaptureQueriesContext(connection) as later:
            listed_before_on_the_cap(user, [waiting])  # what its second page reads
        assert later.captured_queries
        computed.extend(q["sql"] for q in later.captured_queries)
    assert len(computed) >= 3
    for table in UNTRACKED:
        assert not any(re.search(rf'\b"?{table}"?\b', sql) for sql in computed), table
