from decimal import Decimal as D

import pytest

from appraisal.models import Scorecard
from appraisal.summaries.selectors import department_summary, engineer_summary

pytestmark = pytest.mark.django_db


def card(engineer, month, score, band, status="submitted"):
    return Scorecard.objects.create(engineer=engineer, year=2026, month=month, score=D(score), band=band, status=status)


def test_draft_months_count_nowhere_only_submitted_ones(client, company, tmp_path):
    import subprocess

    card(company.li, 4, "80", "B")
    card(company.zhang, 4, "95", "A", status="draft")  # still being scored: not in any average nor the ranking
    assert engineer_summary(company.zhang, 2026).quarters == [None, None, None, None]
    summaries, monthly = department_summary(company.d1, 2026)
    assert [s.engineer.name for s in summaries] == ["李娜"] and monthly[3] == D("80.00")
    client.force_login(company.manager)
    path = tmp_path / "q2.pdf"
    path.write_bytes(client.get(f"/kpi/summary/department/{company.d1.pk}/2026/q2.pdf").content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "95.00" not in text and "80.00(B)" in text


def test_quarters_and_year_average_the_months_that_have_scores(company):
    for month, score, band in ((1, "90", "A"), (2, "80", "B"), (3, "85", "B"), (5, "70", "C")):
        card(company.li, month, score, band)
    s = engineer_summary(company.li, 2026)
    assert s.quarters == [D("85.00"), D("70.00"), None, None]
    assert s.year == D("81.25") and s.bands == {"A": 1, "B": 2, "C": 1}
    assert s.chart[:5] == ["90.00", "80.00", "85.00", None, "70.00"]


def test_department_summary_ranks_by_year_and_averages_each_month(company):
    card(company.li, 1, "90", "A")
    card(company.zhang, 1, "70", "C")
    summaries, monthly = department_summary(company.d1, 2026)
    assert [s.engineer.name for s in summaries] == ["李娜", "张伟"]
    assert monthly[0] == D("80.00") and monthly[1] is None


def test_summary_pages_respect_scope(client, company):
    card(company.li, 1, "90", "A")
    client.force_login(company.li_user)
    assert client.get(f"/kpi/summary/engineer/{company.li.pk}/?year=2026").status_code == 200
    assert client.get(f"/kpi/summary/engineer/{company.zhang.pk}/?year=2026").status_code == 404
    assert client.get("/kpi/summary/").status_code == 403
    client.force_login(company.manager)
    page = client.get(f"/kpi/summary/?department={company.d1.pk}&year=2026").content.decode()
    assert "李娜" in page and "kpi-chart-data" in page


def test_quarterly_written_report_ranks_the_quarter_and_lists_awards_and_incidents(client, company, tmp_path):
    import subprocess
    from datetime import date

    from appraisal.models import Award
    from engineers.models import Incident

    for month, score, band in ((4, "90", "A"), (5, "80", "B"), (6, "85", "B")):
        card(company.li, month, score, band)
    card(company.zhang, 4, "70", "C")
    card(company.zhang, 1, "99", "A")  # another quarter: not in this report
    award = Award.objects.create(
        kind="innovation",
        department=company.d1,
        year=2026,
        month=5,
        reason="改进支架安装工艺",
        status="approved",
        proposed_by=company.manager,
    )
    award.members.add(company.li)
    Incident.objects.create(
        engineer=company.zhang, kind="safety", occurred_on=date(2026, 6, 2), description="未戴安全帽"
    )
    client.force_login(company.manager)
    response = client.get(f"/kpi/summary/department/{company.d1.pk}/2026/q2.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "q2.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "安装部 2026 年第 2 季度考核书面报告" in text
    li_row = next(line for line in text.splitlines() if "李娜" in line and "85.00" in line)
    assert "90.00(A)" in li_row and "80.00(B)" in li_row  # quarter average (90 + 80 + 85) / 3 = 85.00
    zhang_row = next(line for line in text.splitlines() if "张伟" in line and "70.00(C)" in line)
    assert "99.00" not in zhang_row
    assert text.index("李娜") < text.index("张伟")  # ranked by the quarter's average
    assert "改进支架安装工艺" in text and "未戴安全帽" in text and "部门经理签字" in text
    # Scope: the other department's manager, an engineer and a bad quarter get nothing.
    assert client.get(f"/kpi/summary/department/{company.d2.pk}/2026/q2.pdf").status_code == 404
    assert client.get(f"/kpi/summary/department/{company.d1.pk}/2026/q5.pdf").status_code == 404
    client.force_login(company.li_user)
    assert client.get(f"/kpi/summary/department/{company.d1.pk}/2026/q2.pdf").status_code == 403
