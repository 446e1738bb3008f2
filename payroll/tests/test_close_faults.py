"""The close under faults and races: re-checked under its lock, never reopened by a failing run,
refused early without a reason, and a queue or worker that fails is said, not swallowed."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from ledger.models import PayPeriod, PeriodEvent
from payroll import closing, tasks
from payroll.close import close_claim, period_close
from payroll.models import Payslip, PayslipLine
from workorders.bonus import services as bonus
from workorders.models import WorkOrder


def actions(period):
    return list(PeriodEvent.objects.filter(period=period).values_list("action", flat=True))


def test_a_run_that_fails_after_another_closed_the_month_leaves_it_closed(bonus_people, month, monkeypatch):
    import payroll.close

    c = bonus_people
    first = close_claim(user=c.hr, period=month)
    # A second close started while the first was queued ran first: its ticket is the newer one.
    second = close_claim(user=c.hr, period=month, takeover=True)
    assert period_close(user=c.hr, period=month, run=second.pk).status == "closed"
    lines = sorted(PayslipLine.objects.values_list("payslip__engineer_id", "kind", "amount"))

    def broken(**kwargs):
        raise RuntimeError("the stale run must never get this far")

    monkeypatch.setattr(payroll.close, "_close_inside_transaction", broken)
    # The first run arrives late (a redelivered job): it changes nothing and cannot fail the month.
    assert period_close(user=c.hr, period=month, run=first.pk).status == "closed"
    month.refresh_from_db()
    assert month.status == "closed"
    assert sorted(PayslipLine.objects.values_list("payslip__engineer_id", "kind", "amount")) == lines
    assert actions(month).count("close") == 1 and "open" not in actions(month)


def test_a_failing_close_only_opens_the_month_it_was_closing(bonus_people, month, monkeypatch):
    import payroll.close

    c = bonus_people
    ticket = close_claim(user=c.hr, period=month)
    PayPeriod.objects.filter(pk=month.pk).update(status="closed")  # someone else finished meanwhile

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(payroll.close, "_close_inside_transaction", broken)
    period_close(user=c.hr, period=month, run=ticket.pk)
    assert payroll.close.close_failed(period=month, run=ticket.pk, user=c.hr, reason="late failure") is False
    month.refresh_from_db()
    assert month.status == "closed" and "close_failed" not in actions(month)


def test_a_second_close_while_one_runs_is_refused(bonus_people, month):
    c = bonus_people
    close_claim(user=c.hr, period=month)
    with pytest.raises(Exception) as excinfo:
        close_claim(user=c.hr, period=month)
    assert excinfo.value.code == "period.closing"


def _waiting_request(c):
    """A bonus request submitted and not yet decided."""
    project = WorkOrder.objects.filter(is_special=True).order_by("pk").first()
    r = bonus.bonus_request_propose(
        user=c.qs, kind="individual", work_order=project, engineer=c.zhao, rate=D("0.03"), rated_excellent=True
    )
    return bonus.bonus_request_transition(user=c.supervisor, request=r, action="submit")


def test_closing_before_ready_lists_what_is_missing_and_needs_a_reason(client, bonus_people, month, make_work_order):
    c = bonus_people
    today = timezone.localdate()
    make_work_order(reported=today, resolved=today)  # completed, nobody on it
    _waiting_request(c)
    client.force_login(c.hr)

    page = client.get(f"/payroll/periods/{month.pk}/").content.decode()
    assert "本月尚未结束:截至 2026-11-30。" in page
    assert "1 项奖金申请待审批。" in page
    assert "本月完工的 1 张工单没有参与人员" in page

    response = client.post(f"/payroll/periods/{month.pk}/", {"action": "close"}, follow=True)
    assert "如仍要结算,请填写理由" in response.content.decode()
    month.refresh_from_db()
    assert month.status == "open" and actions(month) == [] and not Payslip.objects.exists()

    client.post(f"/payroll/periods/{month.pk}/", {"action": "close", "reason": "年底提前对账"})
    month.refresh_from_db()
    assert month.status == "closed"
    started = PeriodEvent.objects.get(period=month, action="close_started")
    assert started.reason.startswith("年底提前对账") and "本月尚未结束" in started.reason
    timeline = client.get(f"/payroll/periods/{month.pk}/").content.decode()
    assert "开始结算 · 年底提前对账" in timeline


def test_unsubmitted_scorecards_are_listed_per_department(bonus_people, month):
    from appraisal.models import Scorecard

    Scorecard.objects.filter(engineer=bonus_people.zhao).update(status="draft")
    blockers = closing.close_readiness(month, timezone.localdate().replace(month=12, day=2))
    assert blockers == [f"{bonus_people.zhao.department.name}:1 张考核表未提交,其绩效工资将不计入。"]


def test_a_month_that_is_over_and_ready_closes_without_a_reason(bonus_people, month):
    assert closing.close_readiness(month, timezone.localdate().replace(month=12, day=1)) == []
    assert closing.close_start(user=bonus_people.hr, period=month, today=timezone.localdate().replace(month=12, day=1))
    month.refresh_from_db()
    assert month.status == "closed"


def test_the_payslip_says_why_performance_pay_is_missing(bonus_people, month):
    from appraisal.models import Scorecard

    c = bonus_people
    Scorecard.objects.filter(engineer=c.zhao).update(status="draft")
    period_close(user=c.hr, period=month, reason="test")
    zhao = PayslipLine.objects.get(payslip__engineer=c.zhao, kind="kpi_pay")
    assert (zhao.amount, zhao.description) == (D("0.00"), "本月考核未提交,绩效工资未计入")
    assert zhao.trace["steps"][0]["rule"] == "kpi.performance_pay_missing"
    zhang = PayslipLine.objects.get(payslip__engineer=c.zhang, kind="kpi_pay")
    assert zhang.amount > 0


def test_a_queue_that_refuses_the_job_is_said_and_the_month_stays_open(bonus_people, month, monkeypatch, caplog):
    from celery import current_app as app

    app.conf.task_always_eager = False  # restored by the autouse fixture
    monkeypatch.setattr(closing, "workers_alive", lambda: True)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(tasks.close_period, "apply_async", refuse)
    with pytest.raises(Exception) as excinfo:
        closing.close_start(user=bonus_people.hr, period=month, reason="test")
    assert excinfo.value.code == "period.queue_failed" and "broker down" in excinfo.value.message
    month.refresh_from_db()
    assert month.status == "open" and actions(month) == ["close_started", "close_failed"]
    assert "queueing the close" in caplog.text


def test_with_no_worker_alive_the_close_is_refused_not_queued(client, bonus_people, month, monkeypatch):
    from celery import current_app as app

    app.conf.task_always_eager = False  # restored by the autouse fixture
    monkeypatch.setattr(app.control, "ping", lambda timeout: [])
    client.force_login(bonus_people.hr)
    response = client.post(f"/payroll/periods/{month.pk}/", {"action": "close", "reason": "test"}, follow=True)
    assert "后台任务进程未运行" in response.content.decode()
    month.refresh_from_db()
    assert month.status == "open" and actions(month) == []


def test_a_close_whose_run_died_shows_stopped_and_closing_again_finishes_it(client, bonus_people, month):
    c = bonus_people
    close_claim(user=c.hr, period=month, reason="test")  # claimed, then its process died: no payslips
    client.force_login(c.hr)
    page = client.get(f"/payroll/periods/{month.pk}/").content.decode()
    assert 'data-phase="stopped"' in page and "结算中途停止" in page and "重新结算" in page
    progress = client.get(f"/payroll/periods/{month.pk}/progress/")
    assert progress["HX-Refresh"] == "true"  # nothing to poll: the page shows the retry

    client.post(f"/payroll/periods/{month.pk}/", {"action": "close", "reason": "重试"})
    month.refresh_from_db()
    assert month.status == "closed" and Payslip.objects.filter(period=month).count() == 4
    assert actions(month) == ["close_started", "close_failed", "close_started", "close"]


def test_approvals_are_refused_with_a_message_while_the_month_closes(client, bonus_people, month):
    c = bonus_people
    request = _waiting_request(c)
    close_claim(user=c.hr, period=month, reason="test")
    with pytest.raises(Exception) as excinfo:
        bonus.bonus_request_transition(user=c.manager, request=request, action="approve")
    assert excinfo.value.code == "period.closed"
    request.refresh_from_db()
    assert request.status == "submitted"
