"""The demo company's welfare and honours: last month's excellent individual (the demo engineer) with their
certificate to print, the Mid-Autumn gift given to 安装部 in one step, 维修部's health check, a trophy, and
earlier service recorded for two engineers (so the leave balances show 5 and 10 days)."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import User

from appraisal.awards import services as awards
from appraisal.scorecards.services import Month
from engineers.models import Department, Engineer
from welfare import services
from welfare.models import Grant, GrantBatch, GrantKind, WorkStart

MODELS = (Grant, GrantBatch, WorkStart)


def wipe() -> None:
    for model in MODELS:  # before the honours and engineers they point at
        model.objects.all().delete()
        model.history.all().delete()


def build(*, today: date, hr_user) -> None:
    engineer = Engineer.objects.select_related("department").get(user__username="engineer")
    d01, d02 = Department.objects.get(code="D01"), Department.objects.get(code="D02")
    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    honour = awards.award_propose(
        user=User.objects.get(username="supervisor"),
        kind="excellent_individual_month",
        department=engineer.department,
        members=[engineer],
        month=Month(last.year, last.month),
        reason="客户满意度全部门第一,全月零返修",
    )
    awards.award_decide(user=User.objects.get(username="manager"), award=honour, approve=True, note="同意")
    awards.award_decide(user=hr_user, award=honour, approve=True, note="同意")
    services.certificates_issue(user=hr_user, award=honour, given_on=today - timedelta(days=1))
    mid_autumn = date(today.year, 9, 25) if today >= date(today.year, 9, 25) else date(today.year - 1, 10, 6)
    services.batch_issue(
        user=hr_user,
        department=d01,
        kind=GrantKind.HOLIDAY_GIFT,
        given_on=mid_autumn,
        reason=f"{mid_autumn.year} 年中秋节礼品(月饼礼盒)",
        value_amount="200.00",
    )
    services.batch_issue(
        user=hr_user,
        department=d02,
        kind=GrantKind.HEALTH_CHECK,
        given_on=today - timedelta(days=20),
        reason=f"{today.year} 年度员工健康体检",
        value_amount="380.00",
    )
    services.grant_record(
        user=hr_user,
        engineer=engineer,
        kind=GrantKind.TROPHY,
        given_on=today - timedelta(days=40),
        reason="安装技能比武一等奖",
    )
    services.work_start_set(
        user=hr_user, engineer=engineer, started_on=min(date(2012, 7, 1), engineer.hire_date), note="前单位社保缴费记录"
    )
    leader = Engineer.objects.filter(user__username="leader").first()
    if leader:
        services.work_start_set(
            user=hr_user, engineer=leader, started_on=min(date(2004, 3, 1), leader.hire_date), note="劳动合同"
        )
