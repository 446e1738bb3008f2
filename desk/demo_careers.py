"""Demo careers: one promotion completed (田桂, assistant → junior engineer, with the rung's post wage from today)
and an internal competition for a manager-assistant post in 安装部 in its public notice (公示): the manager's
nominee approved, another eligible applicant not chosen, and the `engineer` login's own application rejected,
so that login can read its evidence and appeal. Everything goes through the careers services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from careers import services as careers
from careers.models import Candidate, PanelScore, PromotionReview, RankChange
from engineers.models import Engineer
from policies.defaults import seed_career_documents
from policies.models import PolicyVersion


def wipe() -> None:
    for model in (RankChange, PanelScore, Candidate, PromotionReview):
        model.objects.all().delete()
        model.history.all().delete()


def _by_no(no: str) -> Engineer:
    return Engineer.objects.get(employee_no=no)


def build(*, today: date) -> None:
    seed_career_documents(PolicyVersion, timezone.now())  # a flushed test database has lost the migration's row
    hr, gm, manager = (User.objects.get(username=u) for u in ("hr", "gm", "manager"))

    # A promotion review that is over: 田桂 passed probation, holds a junior grade and KPI 83.05.
    done = careers.review_open(user=hr, kind="annual", name=f"{today.year} 年度晋升评审", effective_from=today)
    tian = careers.candidate_add(
        user=hr, review=done, engineer=_by_no("E1039"), statement="转正后独立负责指定客户,工单与满意度均达标"
    )
    careers.panel_score(user=gm, candidate=tian, score=Decimal("84"), comment="能独立工作,乐于协助同事")
    careers.candidate_decide(user=gm, candidate=tian, approve=True, note="同意晋升")
    careers.review_publish(user=hr, review=done)
    PromotionReview.objects.filter(pk=done.pk).update(notice_until=today - timedelta(days=1))  # the notice has run
    careers.review_close(user=hr, review=PromotionReview.objects.get(pk=done.pk))

    # An internal competition in its public notice.
    comp = careers.review_open(
        user=hr,
        kind="competition",
        name="安装部经理助理竞聘",
        effective_from=(today.replace(day=1) + timedelta(days=32)).replace(day=1),
        target_rank="manager_assistant",
        seats=1,
        department=_by_no("E1013").department,
    )
    yu = careers.candidate_add(
        user=manager, review=comp, engineer=_by_no("E1013"), statement="业务熟练,持电工证,带新人耐心"
    )
    wang = careers.candidate_add(
        user=_by_no("E1028").user, review=comp, statement="三年来工单量稳定,希望承担更多管理工作"
    )
    xiao = careers.candidate_add(
        user=User.objects.get(username="engineer"), review=comp, statement="希望获得经理助理岗位的锻炼机会"
    )
    for cand, by_manager, by_gm in ((yu, "86", "88"), (wang, "78", "80"), (xiao, "75", "72")):
        careers.panel_score(user=manager, candidate=cand, score=Decimal(by_manager))
        careers.panel_score(user=gm, candidate=cand, score=Decimal(by_gm))
    careers.candidate_decide(user=gm, candidate=yu, approve=True, note="评审组评分第一")
    careers.candidate_decide(user=gm, candidate=wang, approve=False, note="名额一个,评分第二,下次优先考虑")
    careers.candidate_decide(user=gm, candidate=xiao, approve=False, note="KPI 平均分和技术等级未达经理助理要求")
    careers.review_publish(user=hr, review=comp)
