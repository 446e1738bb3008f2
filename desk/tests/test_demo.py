"""The demo company: realistic, deterministic, re-runnable, and Chinese on screen."""

import os
import subprocess
import sys
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count, Q, Sum

from careers.models import PromotionReview, RankChange
from desk.demo import DemoRefused, build_demo_company
from engineers.models import Department, Engineer
from engineers.selectors import assessment_statuses, month_bounds
from feedback.models import PolicyReview
from ledger.models import PayPeriod
from payroll.models import Payslip
from policies.selectors import policy_in_force
from workorders.models import Participant, WorkOrder

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 21)


def fingerprint():
    return (
        list(
            Engineer.objects.order_by("employee_no").values_list("employee_no", "name", "hire_date", "employment_type")
        ),
        WorkOrder.objects.aggregate(
            n=Count("id"), total=Sum("piece_rate_total_amount"), special=Count("id", filter=Q(is_special=True))
        ),
        Participant.objects.aggregate(s=Sum("share_amount")),
    )


def test_demo_is_deterministic_and_rerunnable():
    call_command("load_demo", "--today", TODAY.isoformat())
    first = fingerprint()
    call_command("load_demo", "--today", TODAY.isoformat())
    assert fingerprint() == first


def test_demo_company_has_the_shape_the_issue_asks_for(client):
    summary = build_demo_company(today=TODAY)
    assert_the_demo_tells_the_readme_story(client)
    assert (summary.departments, summary.crews, summary.engineers) == (3, 10, 60)
    assert summary.work_orders > 500
    months = {wo.reported_at.astimezone().strftime("%Y-%m") for wo in WorkOrder.objects.all()}
    assert len(months) >= 6
    assert WorkOrder.objects.filter(is_special=True).count() >= 20
    assert WorkOrder.objects.filter(csat_score__isnull=False).exists()
    assert WorkOrder.objects.filter(repeat_of__isnull=False).exists()
    # Rate change inside the window: orders priced under both tables.
    assert set(WorkOrder.objects.values_list("rate_table__code", flat=True).distinct()) == {"计件-A", "计件-B"}
    # Piece-rate shares of every order add up to its total.
    for wo in WorkOrder.objects.annotate(shares=Sum("participants__share_amount"))[:200]:
        assert wo.shares == wo.piece_rate_total_amount, wo.number
    start, end = month_bounds(TODAY.year, TODAY.month)
    statuses = assessment_statuses(
        Engineer.objects.all(), period_start=start, period_end=end, policy=policy_in_force(end)
    )
    reasons = {code for s in statuses.values() for code in s.result.codes}
    assert {"probation", "outsourced", "temporary", "long_absence", "left"} <= reasons
    assert sum(1 for s in statuses.values() if s.inside) >= 50
    # The last three months are closed: the demo engineer has payslips, this month is open.
    periods = dict(PayPeriod.objects.values_list("month", "status"))
    assert (periods[8], periods[9], periods[10], periods.get(11, "open")) == ("closed", "closed", "closed", "open")
    engineer = Engineer.objects.get(user__username="engineer")
    assert Payslip.objects.filter(engineer=engineer).count() == 3
    # Customer requests over the months, in every state, most surveys answered: their work orders carry the CSAT.
    from servicedesk.models import ServiceRequest, SurveyInvitation

    assert summary.service_requests >= 200
    assert {"logged", "assigned", "on_site", "closed", "cancelled"} <= set(
        ServiceRequest.objects.values_list("state", flat=True)
    )
    answered = SurveyInvitation.objects.filter(answered_at__isnull=False).count()
    assert answered > SurveyInvitation.objects.filter(answered_at__isnull=True).count() > 0
    with_order = SurveyInvitation.objects.filter(answered_at__isnull=False, request__work_order__isnull=False)
    assert (
        WorkOrder.objects.filter(service_request__isnull=False, csat_score__isnull=False).count() == with_order.count()
    )
    assert ServiceRequest.objects.filter(repeat_of__isnull=False).exists()
    assert ServiceRequest.objects.filter(complaint_upheld__isnull=False).exists()
    assert [u for u, _p, _r in summary.logins] == [
        "hr",
        "qs",
        "supervisor",
        "leader",
        "manager",
        "gm",
        "finance",
        "engineer",
        "admin",
    ]


def test_demo_refuses_to_wipe_a_real_company():
    Department.objects.create(code="REAL", name="真实部门")
    with pytest.raises(DemoRefused):
        build_demo_company(today=TODAY)
    assert Department.objects.filter(code="REAL").exists()


def test_demo_pages_show_chinese_to_each_role(client):
    build_demo_company(today=TODAY)
    from django.contrib.auth.models import User

    for username, expected in (("hr", "待完善的数据"), ("engineer", "我的本月"), ("manager", "本月考核范围")):
        client.force_login(User.objects.get(username=username))
        assert expected in client.get("/").content.decode(), username
    client.force_login(User.objects.get(username="engineer"))
    me = User.objects.get(username="engineer").engineer
    listing = client.get("/workorders/").content.decode()
    mine = Participant.objects.filter(engineer=me).count()
    assert "工单号" in listing and mine > 0
    other = Engineer.objects.exclude(pk=me.pk).exclude(memberships__crew__memberships__engineer=me).first()
    assert client.get(f"/engineers/{other.pk}/").status_code == 404
    assert Decimal(0) < Participant.objects.filter(engineer=me).aggregate(s=Sum("share_amount"))["s"]


def test_building_the_demo_sends_no_mail(mailoutbox, django_capture_on_commit_callbacks):
    """`rundemo` prints mail to the console: a mail from the demo's history would bury the logins it prints."""
    with django_capture_on_commit_callbacks(execute=True):
        build_demo_company(today=TODAY)
    assert [m.subject for m in mailoutbox] == []


def assert_the_demo_tells_the_readme_story(client):
    """README "Career ladder": a competition in its notice (the manager's nominee chosen, another eligible applicant
    not, the `engineer` login not chosen) and a completed promotion with the new post wage; the policy review shows
    what each rule cost in its year."""
    me = Engineer.objects.get(user__username="engineer")
    competition = PromotionReview.objects.get(kind="competition")
    assert competition.status == "notice" and competition.department == me.department and competition.seats == 1
    winner, runner_up, mine = competition.candidates.select_related("engineer", "nominated_by").order_by("-panel_score")
    assert (winner.engineer.name, winner.decision, winner.eligible) == ("许峰健", "approved", True)
    assert winner.route == "nominated" and winner.nominated_by.username == "manager"
    assert (runner_up.engineer.name, runner_up.decision, runner_up.eligible) == ("韩强浩", "rejected", True)
    assert (mine.engineer, mine.decision, mine.eligible) == (me, "rejected", False)
    change = RankChange.objects.select_related("engineer", "pay_scheme").get()
    assert (change.engineer.name, change.from_rank, change.to_rank) == ("余洋", "assistant", "junior_engineer")
    before = change.engineer.pay_schemes.filter(effective_from__lt=change.effective_from).latest("effective_from")
    assert before.post_wage < change.pay_scheme.post_wage == Decimal("600.00")

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(User.objects.get(username="engineer"))
    notice = client.get(f"/careers/reviews/{competition.pk}/notice/").content.decode()
    assert "许峰健" in notice and "Nobody was promoted" not in notice

    review = PolicyReview.objects.get()
    assert review.status == "closed" and review.costs
    assert PayPeriod.objects.filter(year=review.year, status="closed").exists()
    client.force_login(User.objects.get(username="gm"))
    page = client.get(f"/feedback/reviews/{review.pk}/").content.decode()
    assert "No closed payslip lines." not in page and "No month of this year is closed." not in page


def test_demo_tells_the_same_careers_story_on_another_day(client):
    """Built in January on a clock in January: other work orders, scores and closed months (last year's), the same
    people promoted and chosen (their history is written to fit the story, whatever the day)."""
    day = date(2027, 1, 5)
    with time_machine.travel(datetime.combine(day, time(10, 0), tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        build_demo_company(today=day)
        assert_the_demo_tells_the_readme_story(client)
        assert PolicyReview.objects.get().year == 2026


def test_demo_names_do_not_depend_on_the_process_string_hashing():
    """Each employee no. has the same name in every process (a set's order follows PYTHONHASHSEED)."""
    code = (
        "import django, random; django.setup(); from desk.demo import _names; "
        "print(','.join(_names(random.Random(2009), 60)))"
    )
    root = Path(__file__).resolve().parents[2]
    names = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "config.settings"}
        run = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        names.add(run.stdout.strip())
    assert len(names) == 1
