"""The monthly close: a hand-computed month to the fen, idempotence, all-or-nothing, read-only."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appraisal.awards import services as kpi_awards
from appraisal.scorecards import services as kpi
from attendance.models import AttendanceMonth
from core.errors import DomainError, PermissionDeniedError
from engineers.models import Engineer, Incident, PayScheme, SpecialDeductionClaim, TaxYearOpening
from ledger.models import PayableItem, PayPeriod, PeriodEvent
from payroll.close import adjustment_add, period_close, period_reopen
from payroll.models import Payslip, PayslipLine

pytestmark = pytest.mark.django_db
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


def lines_of(engineer, period):
    return {
        (ln.kind, ln.amount) for ln in PayslipLine.objects.filter(payslip__engineer=engineer, payslip__period=period)
    }


@pytest.mark.parametrize("frozen_today", [date(2026, 11, 18), date(2026, 12, 16)], ids=["november", "december"])
def test_hand_computed_month_to_the_fen(bonus_people, month):
    c = bonus_people
    period = period_close(user=c.hr, period=month)
    assert period.status == "closed"
    annual = month.month == 12  # December also pays the annual awards: 1,000.00 + 1,000.00 each
    # Every payslip shows its income tax, here nothing: far below 5,000 yuan a month (see test_full_pay.py).
    extra = {("annual_awards", D("1000.00")), ("income_tax", D("0.00"))} if annual else {("income_tax", D("0.00"))}
    # Crew pool 0.875 × 1,650.00 × 0.15 = 216.5625 → 216.56; weights 5, 3, 1.6 → 112.79 / 67.68 / 36.09.
    assert (
        lines_of(c.zhang, month)
        == {
            ("piece_rate", D("1085.00")),
            ("crew_incentive", D("112.79")),
            ("seniority", D("300.00")),
            ("kpi_pay", D("1200.00")),
        }
        | extra
    )
    assert (
        lines_of(c.li, month)
        == {
            ("piece_rate", D("755.00")),
            ("individual_incentive", D("66.00")),
            ("crew_incentive", D("67.68")),
            ("seniority", D("150.00")),
            ("kpi_pay", D("1200.00")),
        }
        | extra
    )
    assert (
        lines_of(c.zhao, month)
        == {
            ("piece_rate", D("330.00")),
            ("crew_incentive", D("36.09")),
            ("seniority", D("50.00")),
            ("kpi_pay", D("640.00")),
            ("deduction", D("-100.00")),
        }
        | extra
    )
    slips = {p.engineer_id: p for p in Payslip.objects.filter(period=month)}
    bonus_annual = D("2000.00") if annual else D("0")
    assert slips[c.zhang.pk].gross_amount == slips[c.zhang.pk].net_amount == D("2697.79") + bonus_annual
    assert slips[c.li.pk].gross_amount == slips[c.li.pk].net_amount == D("2238.68") + bonus_annual
    # The penalty comes after tax: gross pay 1,056.09, net 956.09.
    assert slips[c.zhao.pk].gross_amount == D("1056.09") + bonus_annual
    assert slips[c.zhao.pk].after_tax_amount == D("100.00")
    assert slips[c.zhao.pk].net_amount == D("956.09") + bonus_annual
    # Every line keeps its trace and policy version.
    crew_line = PayslipLine.objects.get(payslip__engineer=c.li, kind="crew_incentive")
    assert crew_line.trace["steps"][0]["rule"] == "crew.share" and crew_line.policy_version == "FS-MS-KF-13 A/2"
    piece = PayslipLine.objects.get(payslip__engineer=c.li, kind="piece_rate")
    inputs = piece.trace["steps"][0]["inputs"]
    assert inputs["columns"] == ["work_order", "days", "share"]
    assert [share for _number, _days, share in inputs["orders"]] == ["495.00", "260.00"]


def test_close_twice_gives_identical_payslips(bonus_people, month):
    c = bonus_people
    period_close(user=c.hr, period=month)
    first = sorted(PayslipLine.objects.values_list("payslip__engineer_id", "kind", "amount", "rule"))
    assert period_close(user=c.hr, period=month).status == "closed"  # closing a closed month changes nothing
    period_reopen(user=c.gm, period=month, reason="核对考勤")
    period_close(user=c.hr, period=month)
    assert sorted(PayslipLine.objects.values_list("payslip__engineer_id", "kind", "amount", "rule")) == first
    assert list(PeriodEvent.objects.filter(period=month).values_list("action", flat=True)) == [
        "close_started",
        "close",
        "reopen",
        "close_started",
        "close",
    ]
    assert PeriodEvent.objects.get(action="reopen").reason == "核对考勤"


def test_a_failure_mid_close_leaves_the_period_open_and_unchanged_then_a_rerun_completes(
    bonus_people, month, monkeypatch
):
    import payroll.close

    c = bonus_people
    real = payroll.close.copy_insert

    def broken(model, *args, **kwargs):  # the lines are written, then the payslips fail
        if model is Payslip:
            raise RuntimeError("disk full")
        return real(model, *args, **kwargs)

    monkeypatch.setattr(payroll.close, "copy_insert", broken)
    with pytest.raises(RuntimeError):
        period_close(user=c.hr, period=month)
    month.refresh_from_db()
    assert month.status == "open" and not Payslip.objects.exists() and not PayslipLine.objects.exists()
    assert list(PeriodEvent.objects.values_list("action", flat=True)) == ["close_started", "close_failed"]
    monkeypatch.setattr(payroll.close, "copy_insert", real)
    assert period_close(user=c.hr, period=month).status == "closed"
    assert Payslip.objects.filter(period=month).count() == 4  # zhang, li, zhao and wang


def test_a_closed_period_refuses_edits_and_corrections_become_adjustments_next_period(
    bonus_people, month, make_work_order
):
    c = bonus_people
    period_close(user=c.hr, period=month)
    wo = c.li.participations.first().work_order
    from workorders import services as wo_services

    with pytest.raises(DomainError) as err:
        wo_services.work_order_save(
            user=c.hr, work_order=wo, lines=[wo_services.LineInput("AZ-101", D("99"))], participants=[]
        )
    assert err.value.code == "period.closed"
    with pytest.raises(DomainError):
        kpi.grid_save(
            user=c.hr,
            department=c.d1,
            month=kpi.Month(month.year, month.month),
            source="self",
            rows={c.li.pk: {"cost": D(50)}},
        )
    item = adjustment_add(user=c.hr, engineer=c.li, amount=D("-20.00"), reason="多计上门费")
    nxt = (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    assert (item.period.year, item.period.month) == nxt and item.amount == D("-20.00")
    with pytest.raises(PermissionDeniedError):
        adjustment_add(user=c.li_user, engineer=c.li, amount=D("10"), reason="x")


def test_only_hr_closes_and_only_a_gm_reopens_with_a_reason(bonus_people, month):
    c = bonus_people
    for user in (c.manager, c.gm, c.li_user, c.finance):
        with pytest.raises(PermissionDeniedError):
            period_close(user=user, period=month)
    period_close(user=c.hr, period=month)
    with pytest.raises(PermissionDeniedError):
        period_reopen(user=c.hr, period=month, reason="x")
    with pytest.raises(DomainError):
        period_reopen(user=c.gm, period=month, reason=" ")


def statements(queries) -> int:
    """Queries the close sends, with one bulk insert counted once. PostgreSQL COPYs each table in
    one statement; SQLite's bulk_create splits an insert into batches by SQLite's limit on query
    parameters, so there the number of INSERTs grows with the rows and says nothing about N+1."""
    count, last_insert = 0, None
    for q in queries:
        sql = q["sql"]
        table = sql.split('"')[1] if sql.startswith("INSERT INTO") else None
        if table is None or table != last_insert:
            count += 1
        last_insert = table
    return count


def test_the_close_runs_a_fixed_number_of_queries_whatever_the_head_count(bonus_people, make_work_order):
    c = bonus_people
    today = timezone.localdate()

    def close_with(extra):
        for n in range(extra):
            e = Engineer.objects.create(
                employee_no=f"Q{extra}{n:03d}", name=f"测{n}", department=c.d1, hire_date=date(2019, 1, 1)
            )
            make_work_order(reported=today, resolved=today, people=((e, "1"),))
            # Paid in full: a scheme in a city, the month's attendance, a tax claim, opening tax figures.
            PayScheme.objects.create(
                engineer=e,
                effective_from=date(2019, 1, 1),
                base_wage=D("4000.00"),
                contribution_city=("FS", "GZ", "SZ")[n % 3],
                contribution_base=D(5000 + n),
            )
            AttendanceMonth.objects.create(
                engineer=e, year=today.year, month=today.month, days_worked=D(20), overtime_weekday_hours=D(n % 3)
            )
            SpecialDeductionClaim.objects.create(
                engineer=e, kind="housing_rent", monthly_amount=D("1500.00"), first_month=date(today.year, 1, 1)
            )
            TaxYearOpening.objects.create(
                engineer=e,
                year=today.year,
                through_month=today.month - 1,
                income=D("50000.00"),
                contributions=D("5000.00"),
                tax_withheld=D("300.00"),
            )
        period = PayPeriod.objects.create(year=today.year, month=today.month)
        with CaptureQueriesContext(connection) as ctx:
            period_close(user=c.hr, period=period)
        PayslipLine.objects.all().delete()
        Payslip.objects.all().delete()
        PeriodEvent.objects.all().delete()
        period.delete()
        return statements(ctx.captured_queries)

    close_with(0)  # warm-up: first-use caches (content types) are not per-engineer work
    assert close_with(2) == close_with(12) == close_with(30)
    assert PayableItem.objects.count() == 0


def test_december_pays_the_annual_awards_pro_rata_to_months_in_post(bonus_people):
    c = bonus_people
    december = PayPeriod.objects.create(year=2025, month=12)
    sun, zhou = (
        Engineer.objects.create(employee_no=no, name=name, department=c.d1, hire_date=date(2025, 4, day))
        for no, name, day in (("E101", "孙丽", 10), ("E102", "周杰", 20))
    )
    autumn = Engineer.objects.create(employee_no="E103", name="吴迪", department=c.d2, hire_date=date(2025, 10, 1))
    Incident.objects.create(engineer=zhou, kind="safety", occurred_on=date(2025, 6, 3), description="未系安全带")
    Incident.objects.create(engineer=autumn, kind="quality", occurred_on=date(2025, 11, 9), description="客户投诉属实")
    Incident.objects.create(engineer=sun, kind="safety", occurred_on=date(2024, 12, 30), description="上一年度")
    period_close(user=c.hr, period=december)

    def annual(engineer):
        return sorted(
            (ln.amount, ln.description)
            for ln in PayslipLine.objects.filter(payslip__engineer=engineer, payslip__period=december)
            if ln.kind == "annual_awards"
        )

    # 1,000.00 each for safety and quality, × months in post at a month's end / 12.
    assert annual(c.zhang) == [(D("1000.00"), "年度安全奖,在职 12 个月"), (D("1000.00"), "年度质量奖,在职 12 个月")]
    assert annual(sun) == [(D("750.00"), "年度安全奖,在职 9 个月"), (D("750.00"), "年度质量奖,在职 9 个月")]
    # A safety incident this year forfeits the annual safety award; an upheld complaint the quality one.
    assert annual(zhou) == [(D("0.00"), "年度安全奖,在职 9 个月"), (D("750.00"), "年度质量奖,在职 9 个月")]
    assert [a for a, _ in annual(autumn)] == [D("0.00"), D("250.00")]
    seniority = dict(
        PayslipLine.objects.filter(payslip__period=december, kind="seniority").values_list(
            "payslip__engineer__employee_no", "amount"
        )
    )
    assert seniority["E001"] == D("250.00") and seniority["E101"] == D("0.00")  # 5 full years; none yet


def test_a_safety_incident_this_month_forfeits_the_seniority_award_with_the_reason(bonus_people, month):
    c = bonus_people
    Incident.objects.create(
        engineer=c.zhang, kind="safety", occurred_on=date(month.year, month.month, 1), description="高空作业未挂安全绳"
    )
    Incident.objects.create(
        engineer=c.li, kind="quality", occurred_on=date(month.year, month.month, 1), description="投诉"
    )
    period_close(user=c.hr, period=month)
    zhang = PayslipLine.objects.get(payslip__engineer=c.zhang, payslip__period=month, kind="seniority")
    li = PayslipLine.objects.get(payslip__engineer=c.li, payslip__period=month, kind="seniority")
    assert (zhang.amount, li.amount) == (D("0.00"), D("150.00"))  # a quality complaint does not touch seniority
    assert zhang.trace["steps"][0]["inputs"]["safety_incident"] is True
    assert "安全事故" in zhang.trace["steps"][0]["note"]


def test_a_rate_based_penalty_is_computed_at_the_close_from_typed_columns_not_from_its_trace(bonus_people, month):
    c = bonus_people
    m = kpi.Month(month.year, month.month)
    penalty = kpi_awards.award_propose(
        user=c.supervisor,
        kind="deduction",
        department=c.d1,
        members=[c.zhang],
        month=m,
        reason="未按规定填写服务单",
        deduction_rate=D("0.1"),
    )
    kpi_awards.award_decide(user=c.manager, award=penalty, approve=True)
    kpi_awards.award_decide(user=c.hr, award=penalty, approve=True)
    item = PayableItem.objects.get(source=f"award:{penalty.pk}")
    assert (item.amount, item.deduction_rate, item.reason) == (D("0.00"), D("0.1000"), "未按规定填写服务单")
    PayableItem.objects.filter(pk=item.pk).update(trace={})  # the close must not need it
    period_close(user=c.hr, period=month)
    line = PayslipLine.objects.get(payslip__engineer=c.zhang, payslip__period=month, kind="deduction")
    # Month's pay 1,085.00 + 112.79 + 300.00 + 1,200.00 = 2,697.79; 10 % = 269.779 → 269.78 (limit 20 % = 539.55).
    assert (line.amount, line.description) == (D("-269.78"), "未按规定填写服务单")
