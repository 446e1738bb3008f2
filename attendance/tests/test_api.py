"""The attendance API: who lists whose months, who writes, the same refusals as the grid, bulk upserts."""

from decimal import Decimal as D

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from attendance.models import AttendanceMonth
from attendance.months import Month
from attendance.services import attendance_save
from ledger.models import PayPeriod

pytestmark = pytest.mark.django_db
LIST = "/api/attendance-months/"
BULK = "/api/attendance-months/bulk/"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the pages and API speak Chinese unless chosen
    return client


@pytest.fixture
def months(company):
    nov, oct_ = Month(2026, 11), Month(2026, 10)
    attendance_save(
        user=company.hr,
        month=nov,
        rows={
            company.li.pk: {"days_worked": D("20.5"), "sick_leave_days": D(1)},
            company.zhang.pk: {"days_worked": D(21)},
            company.wang.pk: {"days_worked": D(19)},
        },
    )
    attendance_save(user=company.hr, month=oct_, rows={company.li.pk: {"days_worked": D(22)}})
    return {(a.engineer_id, a.month): a for a in AttendanceMonth.objects.all()}


def listed(user, **query):
    response = api(user).get(LIST, query)
    assert response.status_code == 200
    return sorted((r["employee_no"], r["month"]) for r in response.json()["results"])


def test_hr_lists_a_department_month_with_money_free_values_as_strings(company, months):
    response = api(company.hr).get(LIST, {"year": 2026, "month": 11, "department": company.d1.pk})
    rows = {r["employee_no"]: r for r in response.json()["results"]}
    assert sorted(rows) == ["E001", "E002"]
    assert {k: rows["E002"][k] for k in ("name", "days_worked", "sick_leave_days", "overtime_weekday_hours")} == {
        "name": "李娜",
        "days_worked": "20.5",
        "sick_leave_days": "1.0",
        "overtime_weekday_hours": "0.0",
    }
    assert rows["E002"]["warnings"] == []


def test_each_role_lists_whose_attendance_it_may_read(company, months):
    everyone = [("E001", 11), ("E002", 10), ("E002", 11), ("E003", 11)]
    assert listed(company.finance) == everyone
    assert listed(company.gm) == everyone
    assert listed(company.manager) == [("E001", 11), ("E002", 10), ("E002", 11)]  # manages 安装部
    assert listed(company.li_user) == [("E002", 10), ("E002", 11)]
    assert listed(company.supervisor) == []  # reads work, not pay
    other = months[(company.li.pk, 11)].pk
    assert api(company.wang_user).get(f"{LIST}{other}/").status_code == 404
    assert api(company.li_user).get(f"{LIST}{other}/").status_code == 200


def test_hr_creates_a_month_and_the_rules_answer_with_the_field(company):
    hr = api(company.hr)
    body = {
        "engineer": company.zhao.pk,
        "year": 2026,
        "month": 11,
        "days_worked": "21",
        "overtime_rest_day_hours": "40",
    }
    response = hr.post(LIST, body, format="json")
    assert response.status_code == 201
    assert response.json()["days_worked"] == "21.0" and response.json()["paid_leave_days"] == "0.0"
    assert response.json()["warnings"] == [
        "赵敏: 40 hours of overtime in 2026-11, above the 36 hours a month the Labour Law (Art. 41) allows. "
        "Saved, and paid in full: check it was agreed with the engineer and the union."
    ]
    again = hr.post(LIST, body, format="json")
    assert again.status_code == 400
    existing = AttendanceMonth.objects.get(engineer=company.zhao)
    assert again.json()["fields"] == {
        "non_field_errors": [
            f"赵敏(E004) already has attendance for 2026-11: change it at /api/attendance-months/{existing.pk}/."
        ]
    }

    bad = hr.post(
        LIST,
        {"engineer": company.li.pk, "year": 2026, "month": 11, "days_worked": "20", "sick_leave_days": "0.25"},
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json() == {
        "code": "attendance.invalid_cells",
        "message": "Some attendance is not valid: nothing was saved.",
        "fields": {
            "sick_leave_days": ["Sick leave days: 0.25 is not a whole or half day: use steps of 0.5, like 20.5."]
        },
    }
    over = hr.post(
        LIST, {"engineer": company.li.pk, "year": 2026, "month": 2, "days_worked": "20", "paid_leave_days": "9"}
    )
    assert over.json()["fields"] == {
        "days_total": [
            "Days worked + Paid leave days + Sick leave days + Unpaid absence days = 29 days, "
            "more than the 28 days of 2026-02."
        ]
    }
    assert AttendanceMonth.objects.count() == 1


def test_a_closed_month_is_refused_over_the_api(company, months):
    PayPeriod.objects.create(year=2026, month=10, status="closed")
    response = api(company.hr).patch(f"{LIST}{months[(company.li.pk, 10)].pk}/", {"days_worked": "20"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "period.closed"
    assert response.json()["message"] == "Pay period 2026-10 is Closed: its attendance can no longer change."
    row = months[(company.li.pk, 10)]
    row.refresh_from_db()
    assert row.days_worked == D(22)


def test_a_patch_changes_only_what_it_sends(company, months):
    row = months[(company.li.pk, 11)]
    response = api(company.hr).patch(f"{LIST}{row.pk}/", {"overtime_weekday_hours": "6.5"}, format="json")
    assert response.status_code == 200
    assert (response.json()["days_worked"], response.json()["overtime_weekday_hours"]) == ("20.5", "6.5")
    row.refresh_from_db()
    assert (row.days_worked, row.sick_leave_days, row.overtime_weekday_hours) == (D("20.5"), D(1), D("6.5"))
    assert row.history.first().history_user == company.hr


@pytest.mark.parametrize("who", ["finance", "gm", "manager", "li_user", "supervisor"])
def test_only_hr_clerks_write(company, months, who):
    client = api(getattr(company, who))
    row = months[(company.li.pk, 11)]
    body = {"engineer": company.zhao.pk, "year": 2026, "month": 11, "days_worked": "21"}
    assert client.post(LIST, body, format="json").status_code == 403
    assert client.patch(f"{LIST}{row.pk}/", {"days_worked": "1"}, format="json").status_code == 403
    bulk = {"year": 2026, "month": 11, "rows": [{"employee_no": "E002", "days_worked": "1"}]}
    assert client.post(BULK, bulk, format="json").status_code == 403
    assert client.delete(f"{LIST}{row.pk}/").status_code in (403, 405)
    assert AttendanceMonth.objects.count() == 4
    row.refresh_from_db()
    assert row.days_worked == D("20.5")


def test_bulk_upserts_a_month_by_id_or_employee_no(company, months):
    body = {
        "year": 2026,
        "month": 11,
        "rows": [
            {"employee_no": "E002", "paid_leave_days": "1"},  # existing: the rest is kept
            {
                "engineer": company.zhao.pk,
                "days_worked": "21",
                "overtime_holiday_hours": "24",
                "overtime_weekday_hours": "13",
            },
            {"employee_no": "E001", "days_worked": "21"},  # as stored
        ],
    }
    response = api(company.hr).post(BULK, body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["saved"], data["unchanged"]) == (2, 1)
    assert sorted(r["employee_no"] for r in data["rows"]) == ["E002", "E004"]
    assert [w["engineer"] for w in data["warnings"]] == [company.zhao.pk]
    li = AttendanceMonth.objects.get(engineer=company.li, month=11)
    assert (li.days_worked, li.paid_leave_days, li.sick_leave_days) == (D("20.5"), D(1), D(1))


def test_one_bad_row_in_a_bulk_saves_nothing_and_names_the_row_and_column(company, months):
    body = {
        "year": 2026,
        "month": 11,
        "rows": [
            {"employee_no": "E004", "days_worked": "21"},
            {"employee_no": "E002", "unpaid_absence_days": "-1"},
            {"employee_no": "E001", "days_worked": "25", "paid_leave_days": "6"},
        ],
    }
    response = api(company.hr).post(BULK, body, format="json")
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "rows[1].unpaid_absence_days": ["Unpaid absence days cannot be negative (-1): enter 0 or more."],
        "rows[2].days_total": [
            "Days worked + Paid leave days + Sick leave days + Unpaid absence days = 31 days, "
            "more than the 30 days of 2026-11."
        ],
    }
    assert not AttendanceMonth.objects.filter(engineer=company.zhao).exists()

    unknown = {
        "year": 2026,
        "month": 11,
        "rows": [{"employee_no": "E404"}, {"employee_no": "E002"}, {"engineer": company.li.pk}],
    }
    response = api(company.hr).post(BULK, unknown, format="json")
    assert response.json()["fields"] == {
        "rows[0].employee_no": ["No engineer has this employee no."],
        "rows[2].engineer": ["The same engineer as rows[1]."],
    }


def test_the_schema_documents_the_attendance_api(company):
    schema = api(company.hr).get("/api/schema/").content.decode()
    assert "/api/attendance-months/{id}/" in schema and "/api/attendance-months/bulk/" in schema
