"""Demo careers: one promotion completed (an assistant → junior engineer, with the rung's post wage from today)
and an internal competition for a manager-assistant post in the `engineer` login's department in its public notice
(公示): the manager's nominee approved, another eligible applicant not chosen, and the `engineer` login's own
application rejected, so that login can read its evidence and appeal. Candidates are picked from the records (who
meets the rung on the day); everything goes through the careers services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from careers import services as careers
from careers.models import Candidate, PanelScore, PromotionReview, RankChange
from careers.selectors import career_facts, career_policy_on
from engineers.models import Engineer
from incentives.rules.career import promotion_eligibility
from policies.defaults import seed_career_documents
from policies.models import PolicyVersion


def wipe() -> None:
    for model in (RankChange, PanelScore, Candidate, PromotionReview):
        model.objects.all().delete()
        model.history.all().delete()


def _eligible(target: str, today: date, **filters) -> list[Engineer]:
    """Active engineers who meet every requirement of `target` but the panel's score (the demo picks from the
    records, so a demo built on another day still goes through)."""
    policy = career_policy_on(today)
    out = []
    for engineer in Engineer.objects.filter(status="active", **filters).select_related("department", "user"):
        if policy.next_rank(engineer.career_rank) != target:
            continue
        facts = career_facts(engineer, on=today, policy=policy, panel_score=Decimal("100"))
        if promotion_eligibility(facts=facts, target=target, policy=policy).eligible:
            out.append(engineer)
    return out


def build(*, today: date) -> None:
    seed_career_documents(PolicyVersion, timezone.now())  # a flushed test database has lost the migration's row
    hr, gm, manager = (User.objects.get(username=u) for u in ("hr", "gm", "manager"))
    me = User.objects.get(username="engineer").engineer
    clock = timezone.localdate()  # the services check dates against the clock; the demo may be built for another day
    start = max(today, clock)

    # A promotion review that is over: an assistant who passed probation and meets the junior rung.
    done = careers.review_open(user=hr, kind="annual", name=f"{today.year} 年度晋升评审", effective_from=start)
    for engineer in _eligible("junior_engineer", today)[:1]:
        first = careers.candidate_add(
            user=hr, review=done, engineer=engineer, statement="转正后独立负责指定客户,工单与满意度均达标"
        )
        careers.panel_score(user=gm, candidate=first, score=Decimal("84"), comment="能独立工作,乐于协助同事")
        careers.candidate_decide(user=gm, candidate=first, approve=True, note="同意晋升")
    careers.review_publish(user=hr, review=done)
    PromotionReview.objects.filter(pk=done.pk).update(notice_until=clock - timedelta(days=1))  # the notice has run
    careers.review_close(user=hr, review=PromotionReview.objects.get(pk=done.pk))

    # An internal competition in its public notice, in the `engineer` login's department.
    comp = careers.review_open(
        user=hr,
        kind="competition",
        name=f"{me.department.name}经理助理竞聘",
        effective_from=(start.replace(day=1) + timedelta(days=32)).replace(day=1),
        target_rank="manager_assistant",
        seats=1,
        department=me.department,
    )
    nominator = manager if me.department.manager_id == manager.pk else hr
    others = [e for e in _eligible("manager_assistant", today, department=me.department) if e.pk != me.pk]
    chosen = []
    for n, engineer in enumerate(others[:2]):
        if n == 0 or engineer.user is None:
            statement = "业务熟练,持证上岗,带新人耐心"
            chosen.append(careers.candidate_add(user=nominator, review=comp, engineer=engineer, statement=statement))
        else:
            statement = "三年来工单量稳定,希望承担更多管理工作"
            chosen.append(careers.candidate_add(user=engineer.user, review=comp, statement=statement))
    if me.career_rank == "junior_engineer":
        chosen.append(careers.candidate_add(user=me.user, review=comp, statement="希望获得经理助理岗位的锻炼机会"))
    for cand, (by_manager, by_gm) in zip(chosen, (("86", "88"), ("78", "80"), ("75", "72")), strict=False):
        if nominator == manager:
            careers.panel_score(user=manager, candidate=cand, score=Decimal(by_manager))
        careers.panel_score(user=gm, candidate=cand, score=Decimal(by_gm))
    for n, cand in enumerate(chosen):
        cand.refresh_from_db()
        if n == 0 and cand.eligible:
            careers.candidate_decide(user=gm, candidate=cand, approve=True, note="评审组评分第一")
        elif cand.eligible:
            careers.candidate_decide(user=gm, candidate=cand, approve=False, note="名额一个,评分第二,下次优先考虑")
        else:
            note = "、".join(careers.reason_labels(cand)) or "未达经理助理要求"
            careers.candidate_decide(user=gm, candidate=cand, approve=False, note=f"未达经理助理要求:{note}")
    careers.review_publish(user=hr, review=comp)
