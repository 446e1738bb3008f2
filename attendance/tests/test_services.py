"""Saving a month's attendance: what is refused and why, all or nothing, who may, closed months."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.utils import translation

from attendance import services
from attendance.models import AttendanceMonth
from attendance.months import Month
from attendance.services import AttendanceGridError, attendance_save
from conftest import make_user
from core.errors import PermissionDeniedError
from engineers.models import Engineer
from ledger.errors import PeriodClosedError
from ledger.models import PayPeriod

pytestmark = pytest.mark.django_db
NOV = Month(2026, 11)  # the suite's today is 2026-11-18; November 2026 has 30 days, 21 of them weekdays


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def full(days_worked="21", **over):
    row = {
        "days_worked": D(days_worked),
        "paid_leave_days": D(0),
        "sick_leave_days": D(0),
        "unpaid_absence_days": D(0),
        "overtime_weekday_hours": D(0),
        "overtime_rest_day_hours": D(0),
        "overtime_holiday_hours": D(0),
    }
    row.update({k: D(v) for k, v in over.items()})
    return row


def refused(**kwargs) -> list[tuple[int, str, str]]:
    with pytest.raises(AttendanceGridError) as err:
        attendance_save(**kwargs)
    return [(c.engineer_id, c.field, c.message) for c in err.value.cells]


def test_hr_saves_a_department_month_with_half_days_and_history_names_the_clerk(company):
    result = attendance_save(
        user=company.hr,
        month=NOV,
        department=company.d1,
        rows={
            company.li.pk: full("19.5", sick_leave_days="1.5", overtime_weekday_hours="6.5"),
            company.zhang.pk: full("20", paid_leave_days="1", overtime_holiday_hours="8"),
        },
        reason="考勤表格",
    )
    assert len(result.saved) == 2 and result.warnings == []
    li = AttendanceMonth.objects.get(engineer=company.li, year=2026, month=11)
    assert (li.days_worked, li.sick_leave_days, li.overtime_weekday_hours) == (D("19.5"), D("1.5"), D("6.5"))
    record = li.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == ("+", company.hr, "考勤表格")


def test_one_bad_cell_saves_nothing_and_each_problem_names_its_column_and_rule(company):
    problems = refused(
        user=company.hr,
        month=NOV,
        rows={
            company.li.pk: full("20"),  # fine on its own
            company.zhang.pk: full("20", sick_leave_days="0.3", paid_leave_days="-1"),
            company.zhao.pk: full("20", overtime_rest_day_hours="2.25"),
        },
    )
    assert sorted(problems) == sorted(
        [
            (company.zhang.pk, "paid_leave_days", "Paid leave days cannot be negative (-1): enter 0 or more."),
            (
                company.zhang.pk,
                "sick_leave_days",
                "Sick leave days: 0.3 is not a whole or half day: use steps of 0.5, like 20.5.",
            ),
            (
                company.zhao.pk,
                "overtime_rest_day_hours",
                "Rest-day overtime hours: 2.25 has more than one decimal place: hours are kept to 0.1.",
            ),
        ]
    )
    assert not AttendanceMonth.objects.exists()


def test_days_may_not_add_up_to_more_than_the_month_has(company):
    problems = refused(
        user=company.hr, month=NOV, rows={company.li.pk: full("22", paid_leave_days="5", unpaid_absence_days="3.5")}
    )
    assert problems == [
        (
            company.li.pk,
            "days_total",
            "Days worked + Paid leave days + Sick leave days + Unpaid absence days = 30.5 days, "
            "more than the 30 days of 2026-11.",
        )
    ]
    # exactly the month's 30 days is fine
    attendance_save(
        user=company.hr, month=NOV, rows={company.li.pk: full("22", paid_leave_days="5", unpaid_absence_days="3")}
    )


def test_a_mid_month_hire_has_only_the_days_since_hire(company):
    new = Engineer.objects.create(employee_no="E010", name="周杰", department=company.d1, hire_date=date(2026, 11, 16))
    problems = refused(user=company.hr, month=NOV, rows={new.pk: full("16")})
    assert problems == [
        (
            new.pk,
            "days_total",
            "Days worked + Paid leave days + Sick leave days + Unpaid absence days = 16 days, more than the 15 days "
            "周杰 is employed in 2026-11 (2026-11-16 to 2026-11-30).",
        )
    ]
    attendance_save(user=company.hr, month=NOV, rows={new.pk: full("11")})


def test_only_engineers_on_the_payroll_that_month_take_attendance(company):
    left = Engineer.objects.create(
        employee_no="E011",
        name="吴磊",
        department=company.d1,
        hire_date=date(2024, 3, 1),
        status="left",
        leaving_date=date(2026, 10, 15),
    )
    future = Engineer.objects.create(
        employee_no="E012", name="郑爽", department=company.d1, hire_date=date(2026, 12, 1)
    )
    problems = refused(
        user=company.hr, month=NOV, rows={left.pk: full("1"), future.pk: full("1"), company.li.pk: full()}
    )
    assert sorted(problems) == sorted(
        [
            (left.pk, "", "吴磊(E011) is not on the payroll in 2026-11 (hired 2024-03-01, left 2026-10-15)."),
            (future.pk, "", "郑爽(E012) is not on the payroll in 2026-11 (hired 2026-12-01)."),
        ]
    )
    assert not AttendanceMonth.objects.exists()
    # in October the leaver was still employed, for 15 days
    attendance_save(user=company.hr, month=Month(2026, 10), rows={left.pk: full("11")})


def test_the_department_grid_takes_only_its_own_engineers(company):
    problems = refused(user=company.hr, month=NOV, department=company.d1, rows={company.wang.pk: full()})
    assert problems == [(company.wang.pk, "", "王强(E003) is not in 安装部.")]


def test_overtime_above_the_legal_36_hours_is_saved_with_a_warning(company):
    at_limit = attendance_save(
        user=company.hr,
        month=NOV,
        rows={company.zhang.pk: full(overtime_weekday_hours="20", overtime_rest_day_hours="16")},
    )
    assert at_limit.warnings == []
    result = attendance_save(
        user=company.hr,
        month=NOV,
        rows={
            company.li.pk: full(overtime_weekday_hours="30", overtime_rest_day_hours="8", overtime_holiday_hours="2.5")
        },
    )
    assert [(w.engineer_id, w.message) for w in result.warnings] == [
        (
            company.li.pk,
            "李娜: 40.5 hours of overtime in 2026-11, above the 36 hours a month the Labour Law (Art. 41) allows. "
            "Saved, and paid in full: check it was agreed with the engineer and the union.",
        )
    ]
    assert AttendanceMonth.objects.get(engineer=company.li).overtime_weekday_hours == D("30")


def test_more_hours_than_a_month_holds_is_refused(company):
    problems = refused(user=company.hr, month=NOV, rows={company.li.pk: full(overtime_weekday_hours="301")})
    assert problems == [
        (
            company.li.pk,
            "overtime_weekday_hours",
            "Weekday overtime hours: 301 hours is more than the 300 a month can hold.",
        )
    ]


@pytest.mark.parametrize("status", ["closing", "closed"])
def test_a_month_whose_pay_period_is_not_open_is_refused(company, status):
    PayPeriod.objects.create(year=2026, month=10, status=status)
    with pytest.raises(PeriodClosedError) as err:
        attendance_save(user=company.hr, month=Month(2026, 10), rows={company.li.pk: full("20")})
    assert err.value.message == f"Pay period 2026-10 is {status.capitalize()}: its attendance can no longer change."
    assert not AttendanceMonth.objects.exists()
    attendance_save(user=company.hr, month=NOV, rows={company.li.pk: full("20")})  # November is still open


@pytest.mark.parametrize("who", ["finance", "gm", "manager", "supervisor", "li_user"])
def test_only_hr_clerks_enter_attendance(company, who):
    with pytest.raises(PermissionDeniedError) as err:
        attendance_save(user=getattr(company, who), month=NOV, rows={company.li.pk: full()})
    assert err.value.message == "Only an HR clerk enters attendance."
    assert not AttendanceMonth.objects.exists()


def test_a_second_hr_clerk_may_correct_and_history_keeps_both(company):
    other = make_user("hr2", "hr_clerk")
    attendance_save(user=company.hr, month=NOV, rows={company.li.pk: full("21")})
    result = attendance_save(
        user=other, month=NOV, rows={company.li.pk: {"sick_leave_days": D(1), "days_worked": D(20)}}
    )
    li = AttendanceMonth.objects.get(engineer=company.li)
    assert (li.days_worked, li.sick_leave_days, li.paid_leave_days) == (D(20), D(1), D(0))
    assert [(h.history_type, h.history_user) for h in li.history.order_by("history_id")] == [
        ("+", company.hr),
        ("~", other),
    ]
    assert len(result.saved) == 1


def test_left_out_columns_keep_their_value_and_an_unchanged_row_writes_no_history(company):
    attendance_save(user=company.hr, month=NOV, rows={company.li.pk: full("20", overtime_weekday_hours="4")})
    attendance_save(user=company.hr, month=NOV, rows={company.li.pk: {"paid_leave_days": D(1)}})
    li = AttendanceMonth.objects.get(engineer=company.li)
    assert (li.days_worked, li.paid_leave_days, li.overtime_weekday_hours) == (D(20), D(1), D(4))
    again = attendance_save(user=company.hr, month=NOV, rows={company.li.pk: {"paid_leave_days": D("1.0")}})
    assert (again.saved, again.unchanged) == ([], 1)
    assert li.history.count() == 2


def test_none_removes_the_month_and_history_records_the_removal(company):
    attendance_save(user=company.hr, month=NOV, rows={company.li.pk: full()})
    result = attendance_save(user=company.hr, month=NOV, rows={company.li.pk: None, company.zhang.pk: None})
    assert result.removed == 1 and not AttendanceMonth.objects.exists()
    last = AttendanceMonth.history.order_by("-history_id").first()
    assert (last.history_type, last.history_user, last.engineer_id) == ("-", company.hr, company.li.pk)


def test_a_failure_while_writing_rolls_back_the_rows_already_written(company, monkeypatch):
    attendance_save(user=company.hr, month=NOV, rows={company.li.pk: full("20")})

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "bulk_update_with_history", broken)
    with pytest.raises(RuntimeError):
        attendance_save(user=company.hr, month=NOV, rows={company.zhang.pk: full("21"), company.li.pk: full("19")})
    assert list(AttendanceMonth.objects.values_list("engineer_id", "days_worked")) == [(company.li.pk, D(20))]
    assert AttendanceMonth.history.count() == 1


def test_unknown_columns_and_values_that_are_no_numbers_are_refused(company):
    problems = refused(
        user=company.hr, month=NOV, rows={company.li.pk: {"days_worked": 1.5, "late_count": D(2)}, 999999: full()}
    )
    assert sorted(problems) == sorted(
        [
            (company.li.pk, "days_worked", "Days worked: 1.5 is not a number."),  # a float is never exact
            (
                company.li.pk,
                "",
                "Unknown column 'late_count': use one of days_worked、paid_leave_days、sick_leave_days、"
                "unpaid_absence_days、overtime_weekday_hours、overtime_rest_day_hours、overtime_holiday_hours.",
            ),
            (999999, "", "No engineer has the id 999999."),
        ]
    )
