from datetime import date

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_home_is_chinese_even_when_the_browser_asks_for_english(client, company):
    client.force_login(company.hr)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "待完善的数据" in page and 'lang="zh-CN"' in page


def test_english_when_chosen(client, company):
    client.force_login(company.hr)
    client.cookies["django_language"] = "en"
    assert "Data to complete" in client.get("/").content.decode()


def test_language_switch_in_the_page_sticks(client, company):
    client.force_login(company.hr)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "New work order" in client.get("/workorders/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "新建工单" in client.get("/workorders/").content.decode()


def test_hr_home_counts_what_needs_completing(client, company, make_work_order):
    today = timezone.localdate()
    make_work_order(reported=today, number="OPEN-1")
    make_work_order(reported=today, resolved=today, number="NOCSAT-1")
    client.force_login(company.hr)
    panels = client.get("/").context["panels"]
    hr = {item.label: item.value for item in panels[0].items}
    assert hr["未完工工单"] == 1
    assert hr["已完工但无客户评价"] == 1
    assert hr["无参与人员的工单"] == 2


def test_engineer_home_shows_only_their_own_month(client, company, make_work_order):
    today = timezone.localdate()
    make_work_order(reported=today, resolved=today, people=((company.li, "1"),), lines=(("AZ-101", "1"),))
    make_work_order(reported=today, resolved=today, people=((company.wang, "1"),), lines=(("AZ-101", "3"),))
    client.force_login(company.li_user)
    panels = client.get("/").context["panels"]
    assert [p.title for p in panels] == ["我的本月"]
    mine = {item.label: item.value for item in panels[0].items}
    assert mine["本月我的工单"] == 1
    assert mine["本月我的计件工资"] == company.table_b.items.get(code="AZ-101").unit_rate


def test_department_manager_sees_who_is_outside_assessment(client, company):
    company.zhao.employment_type = "outsourced"
    company.zhao.save()
    client.force_login(company.manager)
    panels = {p.title: p for p in client.get("/").context["panels"]}
    rows = panels["本月考核范围"].rows
    assert [(row.text, row.detail) for row in rows] == [("赵敏", "工程外包人员")]


def test_dates_show_as_iso(client, company, make_work_order):
    wo = make_work_order(reported=date(2026, 4, 1), resolved=date(2026, 4, 2))
    client.force_login(company.hr)
    assert "2026-04-02" in client.get(f"/workorders/{wo.pk}/").content.decode()
