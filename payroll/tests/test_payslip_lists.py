"""The payslip list and /api/payslips/ a page at a time (keyset, no count): every payslip once, newest
month first then by employee no., whichever page size; a list's query count does not grow with its rows;
the API list carries totals only, a payslip's lines are on its own URL."""

from datetime import UTC, date, datetime
from decimal import Decimal as D

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from engineers.models import Engineer
from ledger.models import PayPeriod
from payroll import paging
from payroll.models import Payslip, PayslipLine, PayslipPublication

pytestmark = pytest.mark.django_db
CLOSED_AT = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)


def closed_month(year, month, published_by):
    period = PayPeriod.objects.create(year=year, month=month, status="closed", closed_at=CLOSED_AT)
    PayslipPublication.objects.create(
        period=period, closed_at=CLOSED_AT, published_by=published_by, published_at=CLOSED_AT
    )
    return period


@pytest.fixture
def year(company):
    """Three closed months, made out of order (ids are not the months' order), and payslips for the four
    engineers of `company` plus `extra` more in 安装部 (E1xx), each paid 1,000 + its employee no.'s number."""
    c = company
    c.sep = closed_month(2026, 9, c.hr)
    c.jul = closed_month(2026, 7, c.hr)
    c.aug = closed_month(2026, 8, c.hr)
    PayPeriod.objects.create(year=2026, month=10, status="open")  # an open month lists nothing

    def pay(extra: int):
        Engineer.objects.bulk_create(
            Engineer(employee_no=f"E{100 + n}", name=f"工程师{n}", department=c.d1, hire_date=date(2020, 1, 1))
            for n in range(Engineer.objects.filter(employee_no__startswith="E1").count(), extra)
        )
        Payslip.objects.all().delete()
        slips = Payslip.objects.bulk_create(
            Payslip(
                period=p,
                engineer=e,
                department_name=e.department.name,
                gross_amount=D(1000 + int(e.employee_no[1:])),
                net_amount=D(900),
                policy_version="FS-MS-KF-13 A/2",
            )
            for p in (c.jul, c.aug, c.sep)
            for e in Engineer.objects.select_related("department")
        )
        PayslipLine.objects.bulk_create(
            PayslipLine(
                payslip=s,
                kind="base_wage",
                description="基本工资",
                amount=s.gross_amount,
                rule="wage",
                trace={},
                policy_version="A/2",
            )
            for s in slips
        )

    c.pay = pay
    pay(3)
    return c


def expected_order(qs):
    return list(qs.order_by("-period__year", "-period__month", "engineer__employee_no").values_list("pk", flat=True))


def walk_pages(client, url: str) -> list[int]:
    """Follow the page's "Next" link to the end; the payslip ids in the order listed."""
    seen = []
    while url:
        html = lxml.html.fromstring(client.get(url).content)
        seen += [int(a.get("href").rstrip("/").rsplit("/", 1)[1]) for a in html.xpath("//tbody//a")]
        nxt = html.xpath('//a[@data-testid="next-page"]/@href')
        url = ("/payroll/payslips/" + nxt[0]) if nxt else None
        assert len(seen) < 200
    return seen


def walk_api(api, url: str) -> list[dict]:
    seen = []
    while url:
        body = api.get(url).json()
        assert set(body) == {"next", "results"}  # no count
        seen += body["results"]
        url = body["next"]
        assert len(seen) < 200
    return seen


@pytest.mark.parametrize("size", [1, 4, 7, 50])
def test_finance_pages_through_every_payslip_once_newest_month_first(client, year, monkeypatch, size):
    monkeypatch.setattr(paging, "PAGE_SIZE", size)
    client.force_login(year.finance)
    everyone = expected_order(Payslip.objects.all())
    assert len(everyone) == 3 * 7
    assert walk_pages(client, "/payroll/payslips/") == everyone
    api = APIClient()
    api.force_authenticate(year.finance)
    assert [p["id"] for p in walk_api(api, "/api/payslips/")] == everyone
    # One month, and a search: the same order, only those.
    aug = expected_order(Payslip.objects.filter(period=year.aug))
    assert walk_pages(client, f"/payroll/payslips/?period={year.aug.pk}") == aug
    assert [p["id"] for p in walk_api(api, f"/api/payslips/?period={year.aug.pk}")] == aug
    assert walk_pages(client, "/payroll/payslips/?q=E10") == expected_order(
        Payslip.objects.filter(engineer__employee_no__startswith="E10")
    )


def test_the_first_page_is_september_by_employee_no_and_a_mangled_cursor_starts_again(client, year):
    client.force_login(year.finance)
    html = lxml.html.fromstring(client.get("/payroll/payslips/").content)
    rows = [[" ".join(td.text_content().split()) for td in tr.xpath("./td")] for tr in html.xpath("//tbody/tr")]
    assert rows[0][:2] == ["2026-09", "张伟"] and rows[7][:2] == ["2026-08", "张伟"]
    assert rows[0][3] == "¥1,001.00"
    assert not html.xpath('//a[@data-testid="next-page"]')  # 21 rows: one page of 50
    for cursor in ("x", "999:E001", ":", "12"):
        assert client.get(f"/payroll/payslips/?after={cursor}").content.decode().count("<tr>") == len(rows) + 1


def test_each_role_pages_through_only_what_it_may_read(year):
    c = year
    api = APIClient()
    for user, engineers in (
        (c.li_user, {"E002"}),
        (c.manager, {"E001", "E002", "E004", "E100", "E101", "E102"}),  # 安装部
        (c.hr, {"E001", "E002", "E003", "E004", "E100", "E101", "E102"}),
        (c.supervisor, set()),
    ):
        api.force_authenticate(user)
        rows = walk_api(api, "/api/payslips/")
        assert {r["employee_no"] for r in rows} == engineers, user
        assert len(rows) == 3 * len(engineers)
    PayslipPublication.objects.filter(period=c.sep).delete()  # September not handed to the engineers
    api.force_authenticate(c.li_user)
    assert [r["period"] for r in walk_api(api, "/api/payslips/")] == ["2026-08", "2026-07"]


def test_the_api_list_has_totals_and_the_detail_has_the_lines(year):
    api = APIClient()
    api.force_authenticate(year.finance)
    first = api.get("/api/payslips/").json()["results"][0]
    assert "lines" not in first and first["gross_amount"] == "1001.00" and first["period"] == "2026-09"
    detail = api.get(f"/api/payslips/{first['id']}/").json()
    assert [(line["kind"], line["amount"]) for line in detail["lines"]] == [("base_wage", "1001.00")]
    assert api.get(f"/api/payslips/?engineer={year.li.pk}").json()["results"][0]["employee_no"] == "E002"


def queries(callable_) -> int:
    with CaptureQueriesContext(connection) as ctx:
        callable_()
    return len(ctx.captured_queries)


def test_the_lists_query_count_does_not_grow_with_payslips(client, year):
    """60 engineers more or 120 more: the same queries for every page, list and API, finance and engineer.
    (A page that crosses from one month into the next reads each month it touches: at most one query
    a month, never one a row.)"""
    api = APIClient()
    counts = []
    for extra in (60, 120):
        year.pay(extra)
        finance, li = (User.objects.get(pk=u.pk) for u in (year.finance, year.li_user))  # roles not cached
        client.force_login(finance)
        api.force_authenticate(finance)
        row = [queries(lambda: client.get("/payroll/payslips/")), queries(lambda: api.get("/api/payslips/"))]
        row.append(queries(lambda: client.get(f"/payroll/payslips/?period={year.aug.pk}")))
        client.force_login(li)
        api.force_authenticate(li)
        row += [queries(lambda: client.get("/payroll/payslips/")), queries(lambda: api.get("/api/payslips/"))]
        counts.append(row)
    assert counts[0] == counts[1]
    assert Payslip.objects.count() == 3 * 124


def test_a_page_reads_one_month_with_one_query_on_the_employee_no_order(year, django_assert_max_num_queries):
    """Finance's page inside one month: the closed months, then the month's payslips (one query)."""
    from payroll.selectors import payslip_list

    year.pay(60)
    with django_assert_max_num_queries(3):  # roles, the months, the page
        page = payslip_list(year.finance)
    assert len(page.payslips) == 50 and page.next_cursor == f"{year.sep.pk}:E145"
    with django_assert_max_num_queries(4):  # … and where September ends, August's first rows
        page = payslip_list(year.finance, after=page.next_cursor)
    assert [p.period_id for p in page.payslips[:14]] == [year.sep.pk] * 14 and page.payslips[
        14
    ].period_id == year.aug.pk
