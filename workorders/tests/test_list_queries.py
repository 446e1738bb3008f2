"""HR's work-order list and the manager's bonus inbox: their query count does not grow with their rows;
past EXACT_UP_TO orders the list says "about N" (PostgreSQL's estimate) and still pages every order."""

import uuid
from datetime import date
from decimal import Decimal

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import aware
from core import pagination
from workorders.bonus import services
from workorders.models import BonusRequest, Participant, WorkOrder

pytestmark = pytest.mark.django_db


def queries(callable_) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert callable_().status_code == 200
    return len(ctx.captured_queries)


def add_orders(company, n: int) -> None:
    """Orders WO-Q-0000… reported a day apart in November 2026, each with two participants, half of them
    crewed and completed."""
    start = WorkOrder.objects.filter(number__startswith="WO-Q-").count()
    orders = WorkOrder.objects.bulk_create(
        WorkOrder(
            number=f"WO-Q-{k:04d}",
            order_type="installation",
            department=company.d1,
            customer_name="陈先生",
            site_address="佛山市",
            reported_at=aware(date(2026, 11, 1 + k % 28), 8 + k // 28),
            # Every other order crewed and completed: the columns the list loads, none read row by row.
            crew=company.crew if k % 2 else None,
            completed_on=date(2026, 11, 1 + k % 28) if k % 2 else None,
            is_special=k % 3 == 0,
        )
        for k in range(start, start + n)
    )
    Participant.objects.bulk_create(
        Participant(work_order=o, engineer=e, days_worked=Decimal(1), share_amount=Decimal(0))
        for o in orders
        for e in (company.li, company.zhao)
    )


def test_the_work_order_list_reads_the_same_queries_for_5_orders_or_40(client, company):
    counts = []
    for n in (5, 35):
        add_orders(company, n)
        client.force_login(User.objects.get(pk=company.hr.pk))
        counts.append(queries(lambda: client.get("/workorders/")))
    assert counts[0] == counts[1]


def rows_and_pager(client, url):
    doc = lxml.html.fromstring(client.get(url).content)
    numbers = [" ".join(td.text_content().split()) for td in doc.xpath("//tbody/tr/td[1]")]
    pager = " ".join(" ".join(doc.xpath('//nav[@aria-label]//span[contains(@class, "small")]//text()')).split())
    return numbers, pager, doc


@pytest.fixture
def kept_estimates(monkeypatch):
    """The estimates this test keeps, in a cache of its own: a kept "about 60" must not reach another test."""
    kept = LocMemCache(f"estimates-{uuid.uuid4()}", {})  # a name of its own: LocMemCache shares by name
    monkeypatch.setattr(pagination, "cache", kept)
    yield kept
    kept.clear()


def test_past_the_exact_count_the_list_estimates_and_still_pages_every_order(
    client, company, monkeypatch, kept_estimates
):
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 30)
    add_orders(company, 60)
    client.force_login(company.hr)
    client.cookies["django_language"] = "en"
    seen, page = [], 1
    while True:
        numbers, pager, doc = rows_and_pager(client, f"/workorders/?page={page}")
        seen += numbers
        if page == 1:
            if connection.vendor == "postgresql":  # the planner's estimate: about, no last page
                assert pager.startswith("about ") and pager.endswith("in all · page 1")
                assert not doc.xpath('//a[text()="»"]')
            else:  # SQLite has no estimate: the exact count
                assert pager == "60 in all · page 1 of 3"
        if not doc.xpath('//a[text()="Next"]'):
            break
        page += 1
    assert page == 3 and len(seen) == 60 and len(set(seen)) == 60
    assert seen[0].startswith("WO-Q-0055")  # newest reported first: 28 November, 09:00
    assert client.get("/workorders/?page=4").status_code == 404
    # Filtered down under the limit, the count is exact again.
    _numbers, pager, _doc = rows_and_pager(client, f"/workorders/?q=WO-Q-001&department={company.d1.pk}")
    assert "about" not in pager


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no estimate: it always counts")
def test_an_estimate_is_kept_for_the_next_page_and_the_next_reader(client, company, monkeypatch, kept_estimates):
    monkeypatch.setattr(pagination, "EXACT_UP_TO", 30)
    add_orders(company, 60)
    client.force_login(company.hr)
    client.cookies["django_language"] = "en"
    first = queries(lambda: client.get("/workorders/?page=1"))
    _numbers, pager, _doc = rows_and_pager(client, "/workorders/?page=1")
    add_orders(company, 40)  # the estimate is not asked again while it is kept: "about" the same
    assert rows_and_pager(client, "/workorders/?page=1")[1] == pager
    # Neither the bounded count nor the planner: two queries fewer than the first reader's.
    assert queries(lambda: client.get("/workorders/?page=2")) == first - 2
    # A reader of another scope has other parameters, so a key of their own: the manager of d1 (who sees
    # the same 100 orders) is estimated afresh, not handed HR's figure.
    manager = Client()
    manager.force_login(company.manager)
    assert len(kept_estimates._cache) == 1
    assert manager.get("/workorders/?page=2").status_code == 200
    assert len(kept_estimates._cache) == 2
    kept_estimates.clear()  # once it is no longer kept, the list counts and asks the planner again
    assert queries(lambda: client.get("/workorders/?page=2")) == first


def test_an_empty_list_counts_nothing(company, kept_estimates):
    assert pagination.EstimatedCountPaginator(WorkOrder.objects.none(), 25).count == 0
    assert pagination.EstimatedCountPaginator(WorkOrder.objects.filter(pk__in=[]), 25).count == 0
    assert not kept_estimates._cache  # nothing to keep


def individual(c, wo, engineer, rate):
    r = services.bonus_request_propose(
        user=c.qs, kind="individual", work_order=wo, engineer=engineer, rate=Decimal(rate), rated_excellent=True
    )
    return services.bonus_request_transition(user=c.supervisor, request=r, action="submit")


def test_the_inbox_reads_the_same_queries_for_two_requests_or_six(client, bonus_people, make_work_order):
    """With an open month in which 李娜 already has an incentive (the cap used is read for every row)."""
    c = bonus_people
    today = timezone.localdate()

    def order():
        return make_work_order(
            reported=today, resolved=today, is_special=True, people=((c.li, "5"), (c.zhao, "5"), (c.zhang, "5"))
        )

    approved = individual(c, order(), c.li, "0.03")
    services.bonus_request_transition(user=c.manager, request=approved, action="approve")
    counts, shown = [], []
    engineers = [c.li, c.zhao, c.zhang]
    for n in (2, 6):
        while BonusRequest.objects.filter(status="submitted").count() < n:
            k = BonusRequest.objects.count()
            individual(c, order(), engineers[k % 3], "0.03")
        client.force_login(User.objects.get(pk=c.manager.pk))
        counts.append(queries(lambda: client.get("/bonus/inbox/")))
        doc = lxml.html.fromstring(client.get("/bonus/inbox/").content)
        shown.append(len(doc.xpath('//tr[starts-with(@data-testid, "inbox-row-")]')))
    assert shown == [2, 6]
    assert counts[0] == counts[1]
