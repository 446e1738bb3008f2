"""The engineer's estimate on their KPI and payslip pages: this month's orders and average share, more
orders, a band one step higher; their own only, marked as an estimate."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from appraisal.scorecards import services as kpi
from engineers.models import Engineer

pytestmark = pytest.mark.django_db
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


@pytest.fixture
def li_this_month(bonus_people, make_work_order):
    """李娜 this month: two orders (shares 495.00 and 260.00) and a scorecard at 80 (band B), base 1,200."""
    c = bonus_people
    today = timezone.localdate()
    Engineer.objects.filter(pk=c.li.pk).update(performance_pay_base_amount=D("1200.00"))
    make_work_order(
        reported=today,
        resolved=today,
        lines=(("AZ-101", "10"), ("AZ-105", "50")),
        people=((c.zhang, "5"), (c.li, "3"), (c.zhao, "2")),
    )  # 1,650.00 → 495.00 for 李娜
    make_work_order(reported=today, resolved=today, lines=(("AZ-101", "4"),), people=((c.zhang, "2"), (c.li, "2")))
    kpi.grid_save(
        user=c.hr,
        department=c.d1,
        month=kpi.Month(today.year, today.month),
        source="supervisor",
        rows={c.li.pk: {d: D(80) for d in DIMS}},
    )
    return c


@pytest.mark.parametrize("url", ["/kpi/my/", "/payroll/payslips/"])
def test_the_engineer_sees_more_orders_and_a_band_higher_as_an_estimate(client, li_this_month, url):
    client.force_login(li_this_month.li_user)
    page = client.get(url).content.decode()
    assert 'data-testid="estimate"' in page and "估算,不是工资条" in page
    assert "本月至今:完工 2 单,计件工资 ¥755.00(平均每单分配 ¥377.50)。" in page
    # 5 more orders (the default) at 377.50 each: 755 + 1,887.50 = 2,642.50
    assert 'data-testid="estimate-piece-rate">¥2,642.50</b>' in page
    assert "按本月等级 B 的绩效工资:¥1,200.00。" in page
    assert "高一级(A,90 分起):¥1,440.00,多 ¥240.00。" in page
    page = client.get(url, {"more": "12"}).content.decode()
    assert 'data-testid="estimate-piece-rate">¥5,285.00</b>' in page  # 755 + 12 × 377.50
    page = client.get(url, {"more": "-3"}).content.decode()  # not a plan: back to 5
    assert 'data-testid="estimate-piece-rate">¥2,642.50</b>' in page


def test_nobody_else_gets_an_estimate(client, li_this_month):
    c = li_this_month
    for user in (c.hr, c.finance, c.manager, c.gm):
        client.force_login(user)
        assert 'data-testid="estimate"' not in client.get("/payroll/payslips/").content.decode()
    client.force_login(c.wang_user)  # another engineer: their own month, none of 李娜's figures
    page = client.get("/kpi/my/").content.decode()
    assert "本月至今:完工 0 单" in page and "¥755.00" not in page


def test_without_a_score_this_month_the_estimate_takes_the_latest_scored_month(bonus_people, client):
    """Last month scored at 92 (band A), this month not yet: the estimate says so. A month ahead
    scored by mistake is not "the latest": only months up to this one count."""
    c = bonus_people
    today = timezone.localdate()
    Engineer.objects.filter(pk=c.li.pk).update(performance_pay_base_amount=D("1200.00"))
    last = kpi.Month(today.year - 1, 12) if today.month == 1 else kpi.Month(today.year, today.month - 1)
    ahead = kpi.Month(today.year + 1, 1) if today.month == 12 else kpi.Month(today.year, today.month + 1)
    for month, score in ((last, D(92)), (ahead, D(65))):
        kpi.grid_save(
            user=c.hr, department=c.d1, month=month, source="supervisor", rows={c.li.pk: {d: score for d in DIMS}}
        )
    client.force_login(c.li_user)
    page = client.get("/payroll/payslips/").content.decode()
    assert "按最近一次等级 A 的绩效工资:¥1,440.00。" in page and "已是最高等级。" in page
    kpi.grid_save(
        user=c.hr,
        department=c.d1,
        month=kpi.Month(today.year, today.month),
        source="supervisor",
        rows={c.li.pk: {d: D(80) for d in DIMS}},
    )
    assert "按本月等级 B 的绩效工资:¥1,200.00。" in client.get("/payroll/payslips/").content.decode()
