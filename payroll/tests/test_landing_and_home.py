"""Where each role lands on /payroll/ and /kpi/, what their home says about payroll, and the
questions page linking to the payslip; labels follow the user's language (issue 13)."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from payroll.models import Payslip, PayslipAppeal

pytestmark = pytest.mark.django_db


def test_payroll_and_kpi_land_each_role_on_its_main_page(client, bonus_people):
    c = bonus_people
    for user, payroll, kpi in (
        (c.hr, "/payroll/periods/", "/kpi/grid/"),
        (c.finance, "/payroll/periods/", "/kpi/summary/"),
        (c.gm, "/payroll/periods/", "/kpi/summary/"),
        (c.manager, "/payroll/payslips/", "/kpi/summary/"),
        (c.supervisor, None, "/kpi/grid/"),
        (c.qs, None, "/kpi/summary/"),
        (c.li_user, "/payroll/payslips/", "/kpi/my/"),
        (c.leader_user, "/payroll/payslips/", "/kpi/my/"),
    ):
        client.force_login(user)
        response = client.get("/payroll/")
        if payroll is None:  # QS officers and supervisors read work, not pay
            assert response.status_code == 403, user
        else:
            assert (response.status_code, response.url) == (302, payroll), user
            assert client.get(response.url).status_code == 200, user
        response = client.get("/kpi/")
        assert (response.status_code, response.url) == (302, kpi), user
        assert client.get(response.url).status_code == 200, user
    client.logout()
    assert client.get("/payroll/").url.startswith("/accounts/login/")
    assert client.get("/kpi/").url.startswith("/accounts/login/")


def test_hr_home_counts_the_waiting_questions_and_the_questions_page_opens_the_payslip(client, bonus_people, published):
    c = bonus_people
    payslip = Payslip.objects.get(period=published, engineer=c.li)
    line = payslip.lines.get(kind="crew_incentive")
    client.force_login(c.li_user)
    client.post(f"/payroll/payslips/{payslip.pk}/", {"op": "appeal", "line": line.pk, "comment": "天数是否少算了一天?"})
    client.post(f"/payroll/payslips/{payslip.pk}/", {"op": "appeal", "line": line.pk, "comment": "比例是多少?"})
    assert PayslipAppeal.objects.count() == 2
    client.force_login(c.hr)
    home = client.get("/").content.decode()
    assert "待答复的工资条疑问" in home
    assert '<a href="/payroll/appeals/" class="text-decoration-none">2</a>' in home
    page = client.get("/payroll/appeals/").content.decode()
    assert page.count(f'href="/payroll/payslips/{payslip.pk}/"') == 2 and f"{published} 工资条" in page
    client.post("/payroll/appeals/", {"appeal": PayslipAppeal.objects.first().pk, "answer": "按工单记录 3 天。"})
    assert '<a href="/payroll/appeals/" class="text-decoration-none">1</a>' in client.get("/").content.decode()
    # The engineer's home says HR answered, with the answer and the way to the payslip.
    client.force_login(c.li_user)
    home = client.get("/").content.decode()
    assert f'<a href="/payroll/payslips/{payslip.pk}/">人事已答复您关于 {published} 的疑问</a>' in home
    assert "按工单记录 3 天。" in home
    # Other roles see no such count.
    client.force_login(c.finance)
    assert "待答复的工资条疑问" not in client.get("/").content.decode()


def test_finance_home_lists_the_closed_periods_with_the_workbook_and_the_bank_file(client, bonus_people, closed):
    c = bonus_people
    payslips = Payslip.objects.filter(period=closed)
    gross, net = sum(p.gross_amount for p in payslips), sum(p.net_amount for p in payslips)
    client.force_login(c.finance)
    home = client.get("/").content.decode()
    assert "可导出的工资期间" in home
    url = f"/payroll/periods/{closed.pk}/payroll.xlsx"
    bank = f"/payroll/periods/{closed.pk}/bank/"
    assert f'<a href="{url}">{closed} 工资表</a> · <a href="{bank}">银行代发文件</a>' in home
    assert f"{payslips.count()} 张工资条 · 应发 ¥{gross:,.2f} · 实发 ¥{net:,.2f}" in home
    response = client.get(url)
    assert response.status_code == 200 and load_workbook(io.BytesIO(response.content)).worksheets[0]["A1"].value
    assert client.get(bank).status_code == 200


def test_finance_home_lists_no_open_period_for_export(client, bonus_people, month):
    client.force_login(bonus_people.finance)
    home = client.get("/").content.decode()
    assert "可导出的工资期间" in home and f"/payroll/periods/{month.pk}/payroll.xlsx" not in home


def test_the_payroll_workbook_speaks_the_users_language(client, bonus_people, closed):
    c = bonus_people
    client.force_login(c.finance)
    client.cookies["django_language"] = "en"
    wb = load_workbook(io.BytesIO(client.get(f"/payroll/periods/{closed.pk}/payroll.xlsx").content))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("Department", "Employee no.", "Name") and "Piece-rate pay" in rows[0]
    # A section with one item (penalties, after tax) is one column under the section's name.
    assert "KPI performance pay" in rows[0] and "Deductions after tax" in rows[0]
    assert "Gross total" in rows[0] and "Net pay" in rows[0] and rows[0][-1] == "Total company cost"
    assert rows[-1][0] == "Grand total"
    assert any(str(r[0]) == "安装部 subtotal" for r in rows)
    facts = dict(wb.worksheets[1].iter_rows(values_only=True))
    assert facts["Status"] == "Closed" and facts["Headcount"] == 4
    assert D(str(facts["Gross total"])).quantize(D("0.01")) == sum(
        p.gross_amount for p in Payslip.objects.filter(period=closed)
    )
    client.cookies["django_language"] = "zh-hans"
    wb = load_workbook(io.BytesIO(client.get(f"/payroll/periods/{closed.pk}/payroll.xlsx").content))
    assert "计件工资" in next(wb.worksheets[0].iter_rows(values_only=True))
