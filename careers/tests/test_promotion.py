"""Promotion reviews and competitions through the services: evidence, panel, four-eyes, notice, appeal, close."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from careers import services
from careers.models import Candidate, RankChange, ReviewStatus
from conftest import make_user
from core.errors import DomainError, PermissionDeniedError
from engineers.models import Engineer, PayScheme

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(career):
    return services.review_open(
        user=career.hr, kind="annual", name="2026 年度晋升评审", effective_from=date(2026, 12, 1)
    )


def _past_notice(review):
    review.refresh_from_db()
    review.notice_until = date(2026, 11, 17)
    review.save()


def test_evidence_is_gathered_from_scorecards_work_orders_and_rank(career, review):
    c = services.candidate_add(user=career.li_user, review=review, statement="独立完成 12 单,客户满意")
    assert c.route == "applied" and c.from_rank == "assistant" and c.target_rank == "junior_engineer"
    assert c.evidence["kpi_months"] == [3, 3]
    assert c.evidence["kpi_mean"] == ["80.00", "75"]  # (80 + 70 + 90) / 3; the draft and April do not count
    assert c.evidence["csat_average"] == ["89.58", "80"]  # (11 × 90 + 85) / 12 = 89.583…
    assert c.evidence["work_orders"] == [12, 10]
    assert c.evidence["months_at_rank"] == [82, 3]  # 2020-01-01 → 2026-11-18
    assert c.reasons == ["panel_score"] and not c.eligible  # everything but the panel


def test_full_review_changes_the_rank_and_the_post_wage_from_the_date(career, review):
    c = services.candidate_add(user=career.li_user, review=review, statement="申请晋升初级工程员")
    services.panel_score(user=career.manager, candidate=c, score=Decimal("70"))
    c = services.panel_score(user=career.gm, candidate=c, score=Decimal("75"))
    assert c.panel_score == Decimal("72.50") and c.eligible
    services.candidate_decide(user=career.gm, candidate=c, approve=True)
    review = services.review_publish(user=career.hr, review=review)
    assert review.status == ReviewStatus.NOTICE and review.notice_until == date(2026, 11, 25)  # 7 appeal days
    with pytest.raises(DomainError):  # not before the appeal window ends
        services.review_close(user=career.hr, review=review)
    _past_notice(review)
    assert services.review_close(user=career.hr, review=review) == 1
    li = Engineer.objects.get(pk=career.li.pk)
    assert li.career_rank == "junior_engineer"
    last = li.history.first()
    assert last.career_rank == "junior_engineer" and last.history_user == career.hr
    assert "2026 年度晋升评审" in last.history_change_reason
    scheme = PayScheme.objects.get(engineer=li, effective_from=date(2026, 12, 1))
    assert (scheme.base_wage, scheme.post_wage) == (Decimal("3000.00"), Decimal("600.00"))
    change = RankChange.objects.get(engineer=li)
    assert (change.from_rank, change.to_rank, change.pay_scheme, change.approved_by) == (
        "assistant",
        "junior_engineer",
        scheme,
        career.gm,
    )
    # Months at the new rank count from the change: a new review sees 0 months (the rung above needs 12).
    nxt = services.review_open(user=career.hr, kind="annual", name="2027", effective_from=date(2026, 12, 1))
    c2 = services.candidate_add(user=career.li_user, review=nxt, statement="再申请")
    assert c2.target_rank == "manager_assistant" and c2.evidence["months_at_rank"] == [0, 12]


def test_four_eyes_the_gm_never_approves_their_own_nomination(career, review):
    c = services.candidate_add(user=career.gm, review=review, statement="推荐李娜", engineer=career.li)
    assert c.route == "nominated" and c.nominated_by == career.gm
    services.panel_score(user=career.manager, candidate=c, score=Decimal("80"))
    with pytest.raises(PermissionDeniedError) as exc:
        services.candidate_decide(user=career.gm, candidate=c, approve=True)
    assert exc.value.code == "career.own_nomination"
    gm2 = make_user("gm2", "general_manager")
    assert services.candidate_decide(user=gm2, candidate=c, approve=True).decision == "approved"


def test_only_a_gm_decides_and_not_eligible_is_refused(career, review):
    c = services.candidate_add(user=career.li_user, review=review, statement="申请")
    for user in (career.hr, career.manager, career.supervisor, career.li_user):
        with pytest.raises(PermissionDeniedError):
            services.candidate_decide(user=user, candidate=c, approve=True)
    with pytest.raises(DomainError) as exc:  # no panel score yet
        services.candidate_decide(user=career.gm, candidate=c, approve=True)
    assert exc.value.code == "career.not_eligible"
    with pytest.raises(DomainError):  # a rejection says why
        services.candidate_decide(user=career.gm, candidate=c, approve=False)
    assert services.candidate_decide(user=career.gm, candidate=c, approve=False, note="再积累").decision == "rejected"


def test_panel_scope_a_manager_scores_only_their_departments(career):
    comp = services.review_open(
        user=career.hr,
        kind="competition",
        name="经理助理竞聘",
        effective_from=date(2026, 12, 1),
        target_rank="junior_engineer",
        seats=1,
    )
    c = services.candidate_add(user=career.hr, review=comp, statement="推荐", engineer=career.wang)  # D02
    with pytest.raises(PermissionDeniedError) as exc:
        services.panel_score(user=career.manager, candidate=c, score=Decimal("90"))
    assert exc.value.code == "career.other_department"
    with pytest.raises(PermissionDeniedError):
        services.panel_score(user=career.supervisor, candidate=c, score=Decimal("90"))
    with pytest.raises(DomainError):
        services.panel_score(user=career.gm, candidate=c, score=Decimal("100.5"))


def test_competition_fills_only_its_open_posts(career, make_work_order):
    comp = services.review_open(
        user=career.hr,
        kind="competition",
        name="初级工程员竞聘",
        effective_from=date(2026, 12, 1),
        target_rank="junior_engineer",
        seats=1,
    )
    from appraisal.models import Scorecard

    for month in (5, 6, 7):
        Scorecard.objects.create(engineer=career.zhao, year=2026, month=month, score=Decimal("95"), status="submitted")
    for _n in range(10):
        make_work_order(
            reported=date(2026, 10, 1), resolved=date(2026, 10, 2), people=((career.zhao, "1"),), csat_score=95
        )
    li = services.candidate_add(user=career.li_user, review=comp, statement="竞聘")
    zhao = services.candidate_add(user=career.manager, review=comp, statement="推荐赵敏", engineer=career.zhao)
    for c, score in ((li, "70"), (zhao, "90")):
        services.panel_score(user=career.gm, candidate=c, score=Decimal(score))
    services.candidate_decide(user=career.gm, candidate=zhao, approve=True)
    with pytest.raises(DomainError) as exc:
        services.candidate_decide(user=career.gm, candidate=li, approve=True)
    assert exc.value.code == "career.seats_full"
    from careers.selectors import ranked

    assert [c.engineer.name for c in ranked(comp.candidates.all())] == ["赵敏", "李娜"]


def test_competition_is_one_rung_at_a_time(career):
    comp = services.review_open(
        user=career.hr,
        kind="competition",
        name="部门经理竞聘",
        effective_from=date(2026, 12, 1),
        target_rank="department_manager",
        seats=1,
    )
    with pytest.raises(DomainError) as exc:
        services.candidate_add(user=career.li_user, review=comp, statement="竞聘")
    assert exc.value.code == "career.wrong_rung"
    assert not Candidate.objects.exists()


def test_appeal_upheld_approves_a_rejected_candidate(career, review):
    c = services.candidate_add(user=career.li_user, review=review, statement="申请")
    services.panel_score(user=career.gm, candidate=c, score=Decimal("65"))
    services.candidate_decide(user=career.gm, candidate=c, approve=False, note="名额有限")
    services.review_publish(user=career.hr, review=review)
    with pytest.raises(PermissionDeniedError):
        services.appeal_file(user=career.wang_user, candidate=c, text="不服")
    services.appeal_file(user=career.li_user, candidate=c, text="各项指标均达标")
    _past_notice(review)
    with pytest.raises(DomainError) as exc:
        services.review_close(user=career.hr, review=review)
    assert exc.value.code == "career.appeals_pending"
    c = services.appeal_decide(user=career.gm, candidate=c, uphold=True, note="达标,予以晋升")
    assert (c.decision, c.appeal_outcome) == ("approved", "upheld")
    assert services.review_close(user=career.hr, review=review) == 1


def test_appeal_window_closes(career, review):
    c = services.candidate_add(user=career.li_user, review=review, statement="申请")
    services.candidate_decide(user=career.gm, candidate=c, approve=False, note="不足")
    services.review_publish(user=career.hr, review=review)
    _past_notice(review)
    with pytest.raises(DomainError) as exc:
        services.appeal_file(user=career.li_user, candidate=c, text="迟到的申诉")
    assert exc.value.code == "career.appeal_window"


def test_no_post_wage_change_when_the_engineer_has_no_scheme(career, review):
    PayScheme.objects.filter(engineer=career.li).delete()
    c = services.candidate_add(user=career.li_user, review=review, statement="申请")
    services.panel_score(user=career.gm, candidate=c, score=Decimal("80"))
    services.candidate_decide(user=career.gm, candidate=c, approve=True)
    services.review_publish(user=career.hr, review=review)
    _past_notice(review)
    services.review_close(user=career.hr, review=review)
    change = RankChange.objects.get()
    assert change.pay_scheme is None and not PayScheme.objects.filter(engineer=career.li).exists()


def test_publish_waits_for_every_decision_and_only_hr_opens(career, review):
    services.candidate_add(user=career.li_user, review=review, statement="申请")
    with pytest.raises(DomainError) as exc:
        services.review_publish(user=career.hr, review=review)
    assert exc.value.code == "career.undecided"
    with pytest.raises(PermissionDeniedError):
        services.review_open(user=career.gm, kind="annual", name="x", effective_from=date(2026, 12, 1))
    with pytest.raises(DomainError):
        services.review_open(user=career.hr, kind="annual", name="x", effective_from=date(2026, 11, 18) - timedelta(1))


def test_a_promotion_never_lowers_the_post_wage(career, review):
    PayScheme.objects.filter(engineer=career.li).update(post_wage=Decimal("800.00"))  # above the rung's 600.00
    c = services.candidate_add(user=career.li_user, review=review, statement="申请晋升初级工程员")
    services.panel_score(user=career.manager, candidate=c, score=Decimal("70"))
    c = services.panel_score(user=career.gm, candidate=c, score=Decimal("75"))
    services.candidate_decide(user=career.gm, candidate=c, approve=True)
    review = services.review_publish(user=career.hr, review=review)
    _past_notice(review)
    assert services.review_close(user=career.hr, review=review) == 1
    assert Engineer.objects.get(pk=career.li.pk).career_rank == "junior_engineer"
    assert list(PayScheme.objects.filter(engineer=career.li).values_list("post_wage", flat=True)) == [Decimal("800.00")]
    assert RankChange.objects.get(engineer=career.li).pay_scheme is None
