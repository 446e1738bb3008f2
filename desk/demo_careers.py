"""Demo careers: one promotion completed (an assistant → junior engineer, with the rung's post wage from today)
and an internal competition for a manager-assistant post in the `engineer` login's department in its public notice
(公示): the manager's nominee approved, another eligible applicant not chosen, and the `engineer` login's own
application rejected, so that login can read its evidence and appeal. Everything goes through the careers services.

The story holds on whatever day the demo is built: its people (the cast) are chosen before any history is written,
from what does not depend on the day (rank, employment, tenure, technical grade, certificates), and the demo then
writes their history as strong performers (a KPI talent floor, satisfied customers: see `desk/demo.py`), so they
meet the rung's KPI mean and CSAT on any day; and an assistant's post wage is below the junior rung's
(`desk/demo_pay.py`), so the completed promotion starts a new post wage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone

from careers import services as careers
from careers.models import Candidate, PanelScore, PromotionReview, RankChange
from careers.selectors import career_facts, career_policy_on
from engineers.models import CareerRank, EmploymentType, Engineer, EngineerSkill, EngineerStatus
from incentives.career_policy import GRADES, RANKS
from incentives.rules.career import promotion_eligibility
from policies.defaults import seed_career_documents
from policies.models import PolicyVersion

MARGIN = timedelta(days=14)  # the demo may be built for a day a little off the clock (the tests: three days)


@dataclass(frozen=True)
class Cast:
    """Who the careers story is about, best first: assistants for the completed promotion, and the `engineer`
    login's department colleagues for the competition (the nominee, then the other applicant)."""

    assistants: tuple[Engineer, ...]
    contenders: tuple[Engineer, ...]

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(e.pk for e in (*self.assistants, *self.contenders))


def wipe() -> None:
    for model in (RankChange, PanelScore, Candidate, PromotionReview):
        model.objects.all().delete()
        model.history.all().delete()


def _meet_on_any_day(target: str, today: date, **filters) -> list[Engineer]:
    """Active regular engineers one rung below `target` who meet its requirements that do not depend on the day
    the demo is built for: months at the rank (from the hire date, with a margin), technical grade, certificates
    valid well past the day. The KPI mean, CSAT and work orders are the history's to meet."""
    policy = career_policy_on(today)
    rung = policy.rung(target)
    below = RANKS[RANKS.index(target) - 1]
    hired_by = today - timedelta(days=31 * rung.min_months_at_rank) - MARGIN
    out = []
    for engineer in (
        Engineer.objects.filter(
            status=EngineerStatus.ACTIVE,
            employment_type=EmploymentType.REGULAR,
            career_rank=below,
            hire_date__lte=hired_by,
            **filters,
        )
        .select_related("department", "user")
        .order_by("employee_no")
    ):
        if GRADES.index(engineer.technical_grade) < GRADES.index(rung.min_technical_grade):
            continue
        valid = EngineerSkill.objects.filter(
            engineer=engineer, issued_on__lte=today - MARGIN, expires_on__gte=today + MARGIN
        ).count()
        if valid >= rung.min_certificates:
            out.append(engineer)
    return out


def cast(*, today: date) -> Cast:
    """The careers story's people, chosen before the history is written (after the logins exist)."""
    seed_career_documents(PolicyVersion, timezone.now())  # a flushed test database has lost the migration's row
    me = Engineer.objects.get(user__username="engineer")
    assistants = _meet_on_any_day(CareerRank.JUNIOR_ENGINEER, today)
    contenders = [
        e for e in _meet_on_any_day(CareerRank.MANAGER_ASSISTANT, today, department=me.department) if e.pk != me.pk
    ]
    return Cast(tuple(assistants[:2]), tuple(contenders[:3]))  # a spare each, should one lack work orders


def _eligible(people, target: str, on: date) -> list[Engineer]:
    """Those of `people` who meet every requirement of `target` on `on` but the panel's score."""
    policy = career_policy_on(on)
    out = []
    for engineer in people:
        engineer.refresh_from_db()
        facts = career_facts(engineer, on=on, policy=policy, panel_score=Decimal("100"))
        if promotion_eligibility(facts=facts, target=target, policy=policy).eligible:
            out.append(engineer)
    return out


def build(*, today: date, cast: Cast) -> None:
    seed_career_documents(PolicyVersion, timezone.now())
    hr, gm, manager = (User.objects.get(username=u) for u in ("hr", "gm", "manager"))
    me = User.objects.get(username="engineer").engineer
    clock = timezone.localdate()  # the services check dates against the clock; the demo may be built for another day
    start = max(today, clock)

    # A promotion review that is over: an assistant who passed probation and meets the junior rung.
    done = careers.review_open(user=hr, kind="annual", name=f"{today.year} 年度晋升评审", effective_from=start)
    for engineer in _eligible(cast.assistants, CareerRank.JUNIOR_ENGINEER, clock)[:1]:
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
    chosen = []
    for n, engineer in enumerate(_eligible(cast.contenders, CareerRank.MANAGER_ASSISTANT, clock)[:2]):
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
