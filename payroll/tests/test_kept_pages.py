"""Payslip list pages kept for the next reader (payroll/kept_pages.py): the same page comes from the
cache, and a reopen, a new close or a publication shows on the next page at once; each reader keeps
their own scope, and a department manager's page is always read afresh."""

import uuid
from decimal import Decimal as D

import lxml.html
import pytest
from django.contrib.auth.models import Group
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from engineers.models import Engineer
from ledger.models import PayPeriod, PeriodStatus
from payroll import kept_pages
from payroll import views as payslip_views
from payroll.close import adjustment_add, period_close, period_reopen
from payroll.delivery import payslips_publish
from payroll.models import Payslip, PayslipAppeal
from payroll.selectors import reads_payslip, visible_payslips

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings, monkeypatch):
    """Pages kept in a cache of this test's own (LocMemCache shares its storage by name)."""
    settings.PAYSLIP_PAGES_KEPT_SECONDS = 120
    own = LocMemCache(f"kept-pages-{uuid.uuid4()}", {})
    monkeypatch.setattr(kept_pages, "cache", own)
    yield own
    own.clear()


@pytest.fixture
def closed(bonus_people, month):
    period_close(user=bonus_people.hr, period=month)
    return month


def login(user, language="en"):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


def rows(client, path="/payroll/payslips/"):
    """Each row's cells as text, and the number of queries the page took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content)
    cells = [[" ".join(td.text_content().split()) for td in tr.xpath("td")] for tr in doc.xpath("//tbody/tr")]
    return cells, len(queries)


def gross_of(cells, name):
    return next(row[3] for row in cells if row[1] == name)


def test_the_same_page_is_read_once_and_kept_for_the_next_reader(bonus_people, closed, kept):
    c = bonus_people
    finance, hr = login(c.finance), login(c.hr)
    first, first_queries = rows(finance)
    assert gross_of(first, "李娜") == f"¥{Payslip.objects.get(engineer=c.li).gross_amount:,}"
    again, again_queries = rows(finance)
    assert again == first and again_queries < first_queries  # the payslips are not read again
    # HR may read every payslip too: the same scope, the same kept page.
    assert rows(hr) == (first, again_queries)
    assert len(kept._cache) == 1
    # The same page in Chinese is a page of its own (headers, month names).
    chinese = lxml.html.fromstring(login(c.finance, "zh-hans").get("/payroll/payslips/").content)
    assert chinese.xpath("//thead//th/text()")[0] == "工资期间"
    assert len(kept._cache) == 2


def test_a_reopen_and_a_new_close_show_on_the_next_page(bonus_people, closed, kept):
    c = bonus_people
    finance = login(c.finance)
    before = gross_of(rows(finance)[0], "李娜")
    period_reopen(user=c.gm, period=closed, reason="核对绩效工资基数")
    assert rows(finance)[0] == []  # an open month has no payslips to read
    # HR's correction lands in the reopened month, the open one.
    assert adjustment_add(user=c.hr, engineer=c.li, amount=D("300.00"), reason="漏计加班").period == closed
    period_close(user=c.hr, period=closed)
    after = gross_of(rows(finance)[0], "李娜")
    assert D(after.strip("¥").replace(",", "")) - D(before.strip("¥").replace(",", "")) == D("300.00")


def test_an_engineer_sees_their_payslip_as_soon_as_it_is_published(bonus_people, closed, kept):
    c = bonus_people
    li = login(c.li_user)
    assert rows(li)[0] == []  # closed, not yet published: kept empty
    payslips_publish(user=c.hr, period=closed)
    cells, _queries = rows(li)  # an engineer's columns: month, gross, net
    assert len(cells) == 1 and cells[0][1] == f"¥{Payslip.objects.get(engineer=c.li).gross_amount:,}"
    api = APIClient()
    api.force_login(c.li_user)
    assert [p["employee_no"] for p in api.get("/api/payslips/").json()["results"]] == ["E002"]
    assert [p["employee_no"] for p in api.get("/api/payslips/").json()["results"]] == ["E002"]


def test_engineers_each_keep_their_own_page(bonus_people, closed, kept):
    c = bonus_people
    payslips_publish(user=c.hr, period=closed)
    li_page = rows(login(c.li_user))[0]
    zhang_page = rows(login(c.leader_user))[0]  # 张伟 leads the crew and logs in as "leader"
    assert li_page == [[str(closed), f"¥{Payslip.objects.get(engineer=c.li).gross_amount:,}", li_page[0][2]]]
    assert zhang_page[0][1] == f"¥{Payslip.objects.get(engineer=c.zhang).gross_amount:,}" != li_page[0][1]
    assert len(kept._cache) == 2


def test_a_managers_page_is_read_afresh_so_an_engineer_who_moves_leaves_it_at_once(bonus_people, closed, kept):
    c = bonus_people
    manager = login(c.manager)
    names = {row[1] for row in rows(manager)[0]}
    assert "李娜" in names and "王强" not in names  # 安装部's engineers only
    Engineer.objects.filter(pk=c.li.pk).update(department=c.d2)
    assert "李娜" not in {row[1] for row in rows(manager)[0]}
    assert len(kept._cache) == 0


def test_the_api_list_is_kept_and_a_bad_filter_still_answers_400(bonus_people, closed, kept):
    c = bonus_people
    api = APIClient()
    api.force_login(c.finance)
    with CaptureQueriesContext(connection) as first:
        page = api.get(f"/api/payslips/?period={closed.pk}").json()
    with CaptureQueriesContext(connection) as again:
        assert api.get(f"/api/payslips/?period={closed.pk}").json() == page
    assert len(again) < len(first)
    assert {p["employee_no"] for p in page["results"]} == set(
        Payslip.objects.filter(period=closed).values_list("engineer__employee_no", flat=True)
    )
    refused = {  # each query → the fields the answer names
        "period=nonsense": {"period"},
        "engineer=nonsense": {"engineer"},
        "engineer=99999999": {"engineer"},
        f"period={closed.pk}&engineer=x": {"engineer"},
        "period=99999999&engineer=x": {"period", "engineer"},
    }
    for bad, fields in refused.items():
        response = api.get(f"/api/payslips/?{bad}")
        assert response.status_code == 400, bad
        assert set(response.json()["fields"]) == fields, bad
    assert api.get("/api/payslips/?ordering=nonsense&search=x").status_code == 200  # no filter of the list's


def test_a_cache_that_fails_is_a_miss_not_a_failed_page(bonus_people, closed, kept, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(kept, "get", broken)
    monkeypatch.setattr(kept, "set", broken)
    finance = login(bonus_people.finance)
    assert rows(finance)[0] == rows(finance)[0] != []


def test_a_kept_payslip_keeps_its_reader_s_own_forms_and_token(bonus_people, closed, kept):
    c = bonus_people
    payslips_publish(user=c.hr, period=closed)
    payslip = Payslip.objects.get(engineer=c.li)
    li = Client(enforce_csrf_checks=True)
    li.force_login(c.li_user)
    li.cookies["django_language"] = "en"
    url = f"/payroll/payslips/{payslip.pk}/"
    with CaptureQueriesContext(connection) as first:
        li.get(url)
    with CaptureQueriesContext(connection) as again:
        page = li.get(url).content.decode()
    assert len(again) < len(first)  # the lines, policies and year so far are not read again
    doc = lxml.html.fromstring(page)
    assert doc.xpath('string(//*[@data-testid="net-pay"])') == f"¥{payslip.net_amount:,}"
    assert payslip_views.CSRF_SLOT not in page
    # The kept statement's appeal form carries li's own token: the question reaches HR.
    form = doc.xpath('//form[.//input[@name="op"][@value="appeal"]]')[0]
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    answer = li.post(url, {**fields, "comment": "加班费怎么算?"}, follow=True)
    assert answer.status_code == 200 and PayslipAppeal.objects.filter(engineer=c.li).count() == 1
    # HR reads the same payslip: the statement without li's question forms, and HR's adjustment form.
    hr_page = login(c.hr).get(url).content.decode()
    hr_doc = lxml.html.fromstring(hr_page)
    assert not hr_doc.xpath('//input[@name="op"][@value="appeal"]')
    assert hr_doc.xpath('//input[@name="op"][@value="adjust"]')
    assert hr_doc.xpath('string(//*[@data-testid="net-pay"])') == f"¥{payslip.net_amount:,}"


def test_readers_who_share_a_key_read_the_same_payslips(bonus_people, django_user_model):
    """The key names the scope instead of compiling it: wherever two readers' keys agree, their scoped
    queries must be the same query, and wherever the queries differ, so must the keys."""
    c = bonus_people
    admin = django_user_model.objects.create_superuser("root", "root@example.cn", "x")
    readers = [c.hr, c.finance, c.gm, c.gm2, admin, c.qs, c.supervisor, c.leader_user, c.li_user, c.wang_user]
    scopes = {user.username: kept_pages._scope(user) for user in readers}
    assert scopes["hr"] == scopes["finance"] == scopes["gm"] == scopes["root"] == ("all",)
    assert scopes["li"] != scopes["wang"]
    assert kept_pages._scope(c.manager) is None  # read afresh, never kept
    for a in readers:
        for b in readers:
            same_query = str(visible_payslips(a).query) == str(visible_payslips(b).query)
            assert (scopes[a.username] == scopes[b.username]) == same_query, (a.username, b.username)


def test_a_payslip_page_reads_as_the_scoped_list_does(bonus_people, closed, django_user_model):
    """The payslip page checks one payslip in Python (reads_payslip) instead of building the scoped
    query: for every reader and payslip it answers as visible_payslips does, before and after HR
    publishes the month."""
    c = bonus_people
    admin = django_user_model.objects.create_superuser("root", "root@example.cn", "x")
    readers = [c.hr, c.finance, c.gm, admin, c.manager, c.other_manager, c.qs, c.leader_user, c.li_user, c.wang_user]
    li = Payslip.objects.get(engineer=c.li)

    def compare():
        payslips = list(Payslip.objects.select_related("engineer__department", "period"))
        answers = set()
        for user in readers:
            scoped = set(visible_payslips(user).values_list("pk", flat=True))
            for payslip in payslips:
                answer = reads_payslip(user, payslip)
                assert answer == (payslip.pk in scoped), (user.username, payslip.engineer.name)
                answers.add((user.username, answer))
        return answers

    before = compare()
    assert ("li", True) not in before and ("manager", True) in before and ("hr", True) in before
    assert login(c.li_user).get(f"/payroll/payslips/{li.pk}/").status_code == 404  # not published yet
    payslips_publish(user=c.hr, period=closed)
    assert ("li", True) in compare()
    assert login(c.li_user).get(f"/payroll/payslips/{li.pk}/").status_code == 200
    assert login(c.wang_user).get(f"/payroll/payslips/{li.pk}/").status_code == 404
    assert login(c.other_manager).get(f"/payroll/payslips/{li.pk}/").status_code == 404
    # A re-close unpublishes: the engineer waits for HR again, the others read on.
    period_reopen(user=c.gm, period=closed, reason="核对绩效工资基数")
    period_close(user=c.hr, period=closed)
    li = Payslip.objects.get(engineer=c.li)
    again = compare()
    assert ("li", True) not in again and ("finance", True) in again
    assert login(c.li_user).get(f"/payroll/payslips/{li.pk}/").status_code == 404
    # While a month closes nobody reads it; a manager who is also finance reads everyone's.
    c.other_manager.groups.add(Group.objects.get(name="finance"))
    readers.append(type(c.other_manager).objects.get(pk=c.other_manager.pk))
    PayPeriod.objects.filter(pk=closed.pk).update(status=PeriodStatus.CLOSING)
    assert {answer for _user, answer in compare()} == {False}
    PayPeriod.objects.filter(pk=closed.pk).update(status=PeriodStatus.CLOSED)
    assert ("other_manager", True) in compare()
