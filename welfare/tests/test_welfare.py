"""Welfare and honours: a department's gift in one step (who is skipped and why), one engineer's trophy,
an approved honour's certificates and their PDF, paid annual leave balances against attendance, and who
sees what (pages and API)."""

import subprocess
from datetime import date
from decimal import Decimal

import lxml.html
import pytest
from django.conf import settings

from appraisal.awards import services as awards
from appraisal.scorecards.services import Month as KpiMonth
from attendance.months import Month
from attendance.services import attendance_save
from conftest import make_user
from core.errors import DomainError, PermissionDeniedError
from engineers.models import Engineer
from welfare import services
from welfare.leave import leave_balance
from welfare.models import Grant, GrantBatch, GrantKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(bonus_people):
    c = bonus_people
    c.newcomer = Engineer.objects.create(employee_no="E010", name="钱新", department=c.d1, hire_date=date(2026, 10, 8))
    c.leaver = Engineer.objects.create(
        employee_no="E011",
        name="周离",
        department=c.d1,
        hire_date=date(2019, 3, 1),
        leaving_date=date(2026, 6, 30),
        status="left",
    )
    return c


def test_a_department_gift_goes_to_everyone_on_the_payroll_that_day_and_lists_the_rest(people):
    c = people
    result = services.batch_issue(
        user=c.hr,
        department=c.d1,
        kind=GrantKind.HOLIDAY_GIFT,
        given_on=date(2026, 9, 25),
        reason="2026 中秋节礼品",
        value_amount="200",
    )
    given = Grant.objects.filter(batch=result.batch).order_by("engineer__employee_no")
    assert [g.engineer.name for g in given] == ["张伟", "李娜", "赵敏"]
    assert {g.value_amount for g in given} == {Decimal("200.00")}
    assert [(s["name"], s["why"]) for s in result.batch.skipped] == [
        ("钱新", "2026-10-08 入职"),
        ("周离", "2026-06-30 离职"),
    ]
    assert all(g.history.first().history_user == c.hr for g in given)


def test_a_department_issue_with_nobody_on_the_payroll_writes_nothing(people):
    with pytest.raises(DomainError) as refused:
        services.batch_issue(
            user=people.hr, department=people.d1, kind=GrantKind.HEALTH_CHECK, given_on=date(2018, 5, 1), reason="体检"
        )
    assert refused.value.code == "welfare.nobody"
    assert not GrantBatch.objects.exists() and not Grant.objects.exists()


def test_only_hr_gives_and_only_gifts_and_health_checks_go_to_a_department(people):
    with pytest.raises(PermissionDeniedError):
        services.batch_issue(
            user=people.manager,
            department=people.d1,
            kind=GrantKind.HOLIDAY_GIFT,
            given_on=date(2026, 9, 25),
            reason="x",
        )
    with pytest.raises(DomainError) as refused:
        services.batch_issue(
            user=people.hr, department=people.d1, kind=GrantKind.TROPHY, given_on=date(2026, 9, 25), reason="x"
        )
    assert refused.value.code == "welfare.not_batch_kind"
    assert not Grant.objects.exists()


def test_the_issuer_is_skipped_in_their_own_department(people):
    c = people
    Engineer.objects.filter(pk=c.zhao.pk).update(user=c.hr)
    result = services.batch_issue(
        user=c.hr, department=c.d1, kind=GrantKind.HEALTH_CHECK, given_on=date(2026, 9, 25), reason="年度体检"
    )
    assert "赵敏" in [s["name"] for s in result.skipped]
    assert not Grant.objects.filter(engineer=c.zhao).exists()


def test_one_engineers_trophy_and_its_refusals(people):
    c = people
    grant = services.grant_record(
        user=c.hr, engineer=c.li, kind=GrantKind.TROPHY, given_on=date(2026, 11, 2), reason="技能比武第一名"
    )
    assert grant.value_amount is None and grant.issued_by == c.hr
    with pytest.raises(DomainError) as refused:
        services.grant_record(
            user=c.hr, engineer=c.leaver, kind=GrantKind.OTHER, given_on=date(2026, 11, 2), reason="x"
        )
    assert refused.value.code == "welfare.not_on_payroll"
    with pytest.raises(DomainError) as refused:
        services.grant_record(
            user=c.hr, engineer=c.li, kind=GrantKind.CERTIFICATE, given_on=date(2026, 11, 2), reason="x"
        )
    assert refused.value.code == "welfare.certificate_by_honour"
    Engineer.objects.filter(pk=c.zhao.pk).update(user=c.hr)
    with pytest.raises(PermissionDeniedError):
        services.grant_record(
            user=c.hr,
            engineer=Engineer.objects.get(pk=c.zhao.pk),
            kind=GrantKind.OTHER,
            given_on=date(2026, 11, 2),
            reason="x",
        )


def _approved_honour(c, kind="excellent_individual_month"):
    award = awards.award_propose(
        user=c.supervisor,
        kind=kind,
        department=c.d1,
        members=[c.li],
        month=KpiMonth(2026, 10),
        reason="10 月客户满意度第一,零返修",
    )
    awards.award_decide(user=c.manager, award=award, approve=True)
    return awards.award_decide(user=c.hr, award=award, approve=True)


def _pdf_text(tmp_path, content: bytes, layout=False) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_an_approved_honour_prints_one_certificate_per_member_in_chinese_a4_landscape(people, client, tmp_path):
    c = people
    award = _approved_honour(c)
    hr2 = make_user("hr2", "hr_clerk")
    first = services.certificates_issue(user=hr2, award=award, given_on=date(2026, 11, 18))
    again = services.certificates_issue(user=hr2, award=award, given_on=date(2026, 11, 19))
    assert [g.pk for g in first] == [g.pk for g in again] and first[0].engineer == c.li
    client.force_login(c.li_user)
    response = client.get(f"/welfare/grants/{first[0].pk}/certificate.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(tmp_path, response.content).replace(" ", "").replace("\n", "")
    for words in (
        "荣誉证书",
        "李娜同志",
        "月度优秀个人",
        "2026年10月",
        settings.COMPANY_NAME.replace(" ", ""),
        "2026年11月18日",
    ):
        assert words in text, words
    lines = [line.replace(" ", "") for line in _pdf_text(tmp_path, response.content, layout=True).splitlines()]
    assert any("「月度优秀个人」" in line for line in lines), lines  # the honour's name is never broken
    info = subprocess.run(["pdfinfo", str(tmp_path / "x.pdf")], capture_output=True, text=True, check=True).stdout
    width, height = (float(x) for x in info.split("Page size:")[1].split("pts")[0].split(" x "))
    assert width > height and round(width) in (841, 842)
    assert "Pages:           1" in info


def test_a_penalty_or_an_honour_not_yet_approved_has_no_certificate(people):
    c = people
    proposed = awards.award_propose(
        user=c.supervisor, kind="innovation", department=c.d1, members=[c.li], month=KpiMonth(2026, 10), reason="改进"
    )
    with pytest.raises(DomainError) as refused:
        services.certificates_issue(user=c.hr, award=proposed, given_on=date(2026, 11, 18))
    assert refused.value.code == "welfare.not_approved"
    penalty = awards.award_propose(
        user=c.supervisor, kind="warning", department=c.d1, members=[c.li], month=KpiMonth(2026, 10), reason="迟到"
    )
    with pytest.raises(DomainError) as refused:
        services.certificates_issue(user=c.hr, award=penalty, given_on=date(2026, 11, 18))
    assert refused.value.code == "welfare.not_an_honour"


def test_leave_balance_is_the_national_days_less_the_paid_leave_in_attendance_and_attendance_warns_past_it(people):
    c = people
    # 李娜: hired 2020-01-01, no earlier service → 6 years all 2026 → 5 days.
    attendance_save(user=c.hr, month=Month(2026, 10), rows={c.li.pk: {"days_worked": 18, "paid_leave_days": 3}})
    result = attendance_save(
        user=c.hr, month=Month(2026, 11), rows={c.li.pk: {"days_worked": 10, "paid_leave_days": Decimal("2.5")}}
    )
    balance = leave_balance(c.li, 2026)
    assert (balance.entitled, balance.used, balance.remaining) == (Decimal(5), Decimal("5.5"), Decimal("-0.5"))
    assert [w.engineer_id for w in result.warnings] == [c.li.pk]
    assert "5.5" in result.warnings[0].message and "0.5" in result.warnings[0].message
    # Earlier service from 2015-06-01: 10 completed years on 2026-01-01 → 10 days; no warning any more.
    services.work_start_set(user=c.hr, engineer=c.li, started_on=date(2015, 6, 1), note="前单位社保记录")
    assert leave_balance(c.li, 2026).remaining == Decimal("4.5")
    result = attendance_save(
        user=c.hr, month=Month(2026, 11), rows={c.li.pk: {"days_worked": 10, "paid_leave_days": Decimal("3")}}
    )
    assert result.warnings == []


def test_a_joiners_leave_is_prorated_and_service_cannot_start_after_the_hire_date(people):
    c = people
    # 钱新: joined 2026-10-08 with 3 years elsewhere (since 2023-07-01): 85 days × 5 ÷ 365 = 1.16 → 1
    services.work_start_set(user=c.hr, engineer=c.newcomer, started_on=date(2023, 7, 1))
    assert leave_balance(c.newcomer, 2026).entitled == Decimal(1)
    with pytest.raises(DomainError) as refused:
        services.work_start_set(user=c.hr, engineer=c.newcomer, started_on=date(2026, 12, 1))
    assert refused.value.code == "welfare.work_start_after_hire"


# Who sees what: an engineer their own, a department manager their departments', pay readers all.
@pytest.mark.parametrize(
    ("who", "sees_li", "status_other"),
    [
        ("li_user", True, 404),
        ("wang_user", False, 404),
        ("manager", True, 200),
        ("other_manager", False, 404),
        ("finance", True, 200),
        ("gm", True, 200),
        ("supervisor", False, 404),
    ],
)
def test_the_ledger_and_leave_pages_are_scoped_like_pay(people, client, who, sees_li, status_other):
    c = people
    mine = services.grant_record(
        user=c.hr, engineer=c.li, kind=GrantKind.TROPHY, given_on=date(2026, 11, 2), reason="奖杯"
    )
    other = services.grant_record(
        user=c.hr, engineer=c.zhao, kind=GrantKind.OTHER, given_on=date(2026, 11, 2), reason="书"
    )
    client.force_login(getattr(c, who))
    assert client.get(f"/welfare/grants/{mine.pk}/").status_code == (200 if sees_li else 404)
    assert client.get(f"/welfare/grants/{other.pk}/").status_code == status_other
    assert client.get(f"/welfare/leave/{c.li.pk}/").status_code == (200 if sees_li else 404)
    listed = client.get("/api/welfare-grants/").json()
    names = {g["name"] for g in listed["results"]} if isinstance(listed, dict) else {g["name"] for g in listed}
    assert ("李娜" in names) == sees_li
    balances = client.get("/api/leave-balances/?year=2026").json()
    assert (c.li.pk in [b["engineer"] for b in balances]) == sees_li


def test_hr_gives_a_department_its_gift_over_the_api_and_others_may_not(people, client):
    c = people
    body = {
        "department": c.d1.pk,
        "kind": "holiday_gift",
        "given_on": "2026-09-25",
        "reason": "中秋节礼品",
        "value_amount": "200.00",
    }
    client.force_login(c.finance)
    assert client.post("/api/welfare-batches/", body, content_type="application/json").status_code == 403
    client.force_login(c.hr)
    response = client.post("/api/welfare-batches/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["engineers"] == sorted([c.zhang.pk, c.li.pk, c.zhao.pk])
    assert [s["name"] for s in data["skipped"]] == ["钱新", "周离"] and data["value_amount"] == "200.00"
    response = client.post("/api/welfare-batches/", {**body, "kind": "trophy"}, content_type="application/json")
    assert response.status_code == 400 and "kind" in response.json()["fields"]


def test_the_leave_balance_over_the_api_names_its_trace(people, client):
    c = people
    attendance_save(user=c.hr, month=Month(2026, 10), rows={c.li.pk: {"days_worked": 18, "paid_leave_days": 2}})
    client.force_login(c.li_user)
    data = client.get(f"/api/leave-balances/{c.li.pk}/?year=2026").json()
    assert (data["entitled"], data["used"], data["remaining"]) == ("5.0", "2.0", "3.0")
    assert data["policy_version"] == "LEAVE 2008" and data["trace"]["steps"][0]["rule"] == "leave.annual"
    assert client.get(f"/api/leave-balances/{c.zhao.pk}/?year=2026").status_code == 404


def test_the_engineers_page_shows_their_gift_and_leave_left(people, client):
    c = people
    services.batch_issue(
        user=c.hr,
        department=c.d1,
        kind=GrantKind.HOLIDAY_GIFT,
        given_on=date(2026, 9, 25),
        reason="中秋节礼品",
        value_amount="200",
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(c.li_user)
    html = client.get("/welfare/").content.decode()
    assert "中秋节礼品" in html and "¥200.00" in html and "Holiday gift" in html
    assert 'data-testid="my-leave-remaining">5<' in html
    assert "钱新" not in html and "张伟" not in html


def test_the_balances_list_those_employed_in_the_year(people, client):
    c = people
    client.force_login(c.hr)
    in_2025 = {b["name"]: b for b in client.get("/api/leave-balances/?year=2025").json()}
    assert "钱新" not in in_2025 and "周离" in in_2025  # hired 2026-10-08; left 2026-06-30
    assert in_2025["周离"]["entitled"] == "5.0"  # 6 completed years all 2025
    in_2026 = {b["name"]: b for b in client.get("/api/leave-balances/?year=2026").json()}
    # 周离 left 2026-06-30: 181 days × 5 ÷ 365 = 2.48 → 2; 钱新 has under a year of service: 0
    assert (in_2026["周离"]["entitled"], in_2026["钱新"]["entitled"]) == ("2.0", "0.0")
    assert client.get("/api/leave-balances/?year=1999").status_code == 400


def test_the_grants_api_filters_by_year_and_refuses_a_year_out_of_range(people, client):
    c = people
    services.grant_record(user=c.hr, engineer=c.li, kind=GrantKind.TROPHY, given_on=date(2026, 11, 2), reason="奖杯")
    client.force_login(c.hr)
    assert client.get("/api/welfare-grants/?year=2026").json()["count"] == 1
    assert client.get("/api/welfare-grants/?year=2025").json()["count"] == 0
    assert client.get("/api/welfare-grants/?year=99999999999").status_code == 400


@pytest.mark.parametrize(
    ("who", "departments"), [("li_user", None), ("manager", ["安装部"]), ("hr", ["安装部", "维修部"])]
)
def test_the_department_filter_lists_the_departments_the_reader_sees_and_none_for_an_engineer(
    people, client, who, departments
):
    """An engineer reads only their own grants: a filter of every department would offer what they cannot read."""
    c = people
    client.force_login(getattr(c, who))
    page = lxml.html.fromstring(client.get("/welfare/").content)
    select = page.xpath('//select[@name="department"]')
    if departments is None:
        assert select == []
    else:
        assert [o.text for o in select[0].xpath("option") if o.get("value")] == departments
    assert client.get(f"/welfare/?department={c.d2.pk}").status_code == 200
