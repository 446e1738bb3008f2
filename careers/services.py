"""Promotion reviews and internal competitions: open, apply or nominate (evidence gathered from the records),
panel scores, the general manager's decision, the public notice (公示) with appeals, and the close that writes
each rank change into the engineer's history and starts the rung's post wage from the review's date.

The shape follows the technical grade campaigns (appraisal/grades): HR runs the review, everyone signed in reads
the notice, an engineer appeals their own result, nobody acts on their own candidacy. Four-eyes: the general manager
approves a rank change, never a candidate they nominated, never their own."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import CareerRank, Engineer, EngineerStatus
from incentives.career_policy import CareerPolicy
from incentives.rules.career import promotion_eligibility
from paysetup import services as paysetup
from policies.errors import PolicyError

from .errors import CareerErrorCode as Code
from .models import (
    AppealOutcome,
    Candidate,
    Decision,
    PanelScore,
    PromotionReview,
    RankChange,
    ReviewKind,
    ReviewStatus,
    Route,
)
from .selectors import career_facts, career_policy_on, may_nominate, panel_mean, sits_on_panel

REASON_LABELS = {
    "not_next_rung": gettext_lazy("not the next rung of the ladder"),
    "months_at_rank": gettext_lazy("not long enough at the current rank"),
    "probation": gettext_lazy("probation not passed"),
    "kpi_months": gettext_lazy("not enough submitted KPI months"),
    "kpi_mean": gettext_lazy("KPI mean below the minimum"),
    "technical_grade": gettext_lazy("technical grade too low"),
    "csat": gettext_lazy("customer satisfaction below the minimum"),
    "work_orders": gettext_lazy("not enough completed work orders"),
    "certificates": gettext_lazy("not enough valid certificates"),
    "panel_score": gettext_lazy("panel score missing or below the minimum"),
}


def reason_labels(candidate: Candidate) -> list[str]:
    return [str(REASON_LABELS.get(r, r)) for r in candidate.reasons]


def _policy(on: date) -> CareerPolicy:
    try:
        return career_policy_on(on)
    except PolicyError as exc:
        raise DomainError(
            Code.INVALID, _("No career ladder (KF-CAREER) is in force on %(day)s.") % {"day": on}
        ) from exc


def _save(obj, user, reason: str = ""):
    obj._history_user = user
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj


def _evaluate(candidate: Candidate, on: date) -> None:
    """Gather the evidence again and check it against the rung the candidate is proposed for."""
    policy = _policy(on)
    facts = career_facts(candidate.engineer, on=on, policy=policy, panel_score=candidate.panel_score)
    check = promotion_eligibility(facts=facts, target=candidate.target_rank, policy=policy)
    candidate.eligible, candidate.reasons, candidate.evidence = check.eligible, list(check.reasons), check.evidence
    candidate.evidence_on, candidate.policy_version = on, check.policy_version


@transaction.atomic
def review_open(
    *,
    user,
    kind: str,
    name: str,
    effective_from: date,
    target_rank: str = "",
    seats: int | None = None,
    department=None,
) -> PromotionReview:
    """HR opens a yearly (or ad hoc) promotion review, or an internal competition for `seats` open posts."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(Code.HR_ONLY, _("Only an HR clerk opens a promotion review."))
    if not name.strip():
        raise DomainError(Code.INVALID, _("Give the review a name."), field="name")
    if kind == ReviewKind.COMPETITION:
        if target_rank not in CareerRank.values or target_rank == CareerRank.ASSISTANT:
            raise DomainError(Code.COMPETITION, _("Name the post the competition fills."), field="target_rank")
        if not seats or seats < 1:
            raise DomainError(Code.COMPETITION, _("A competition has at least one open post."), field="seats")
    elif kind == ReviewKind.ANNUAL:
        target_rank, seats, department = "", None, None
    else:
        raise DomainError(Code.INVALID, _("Choose a promotion review or an internal competition."), field="kind")
    if effective_from < timezone.localdate():
        raise DomainError(Code.INVALID, _("Ranks change from today or a later day."), field="effective_from")
    _policy(effective_from)
    review = PromotionReview(
        kind=kind,
        name=name.strip(),
        target_rank=target_rank,
        seats=seats,
        department=department,
        effective_from=effective_from,
        created_by=user,
    )
    review.full_clean()
    return _save(review, user)


def _target_for(review: PromotionReview, engineer: Engineer, on: date) -> str:
    if review.kind == ReviewKind.COMPETITION:
        return review.target_rank
    target = _policy(on).next_rank(engineer.career_rank)
    if target is None:
        raise DomainError(Code.TOP_OF_LADDER, _("%(name)s is at the top of the ladder.") % {"name": engineer.name})
    return target


@transaction.atomic
def candidate_add(*, user, review: PromotionReview, statement: str, engineer: Engineer | None = None) -> Candidate:
    """An engineer applies (no `engineer`), or a supervisor, HR or the engineer's department manager nominates
    `engineer`. The evidence is gathered at once: KPI scorecards, technical grade, work orders, certificates."""
    review = PromotionReview.objects.select_for_update().get(pk=review.pk)
    if engineer is None:
        engineer = getattr(user, "engineer", None)
        if engineer is None:
            raise PermissionDeniedError(Code.NO_ENGINEER, _("Your login is not linked to an engineer record."))
        route, nominator = Route.APPLIED, None
    else:
        if engineer.user_id is not None and engineer.user_id == user.pk:
            route, nominator = Route.APPLIED, None
        elif not may_nominate(user, engineer):
            raise PermissionDeniedError(
                Code.NOMINATOR_ONLY,
                _("A supervisor, an HR clerk, a general manager or the engineer's department manager nominates."),
            )
        else:
            route, nominator = Route.NOMINATED, user
    if review.status != ReviewStatus.OPEN:
        raise DomainError(Code.CLOSED, _("This review no longer takes candidates."))
    engineer = Engineer.objects.select_related("department").get(pk=engineer.pk)  # the rank as it is now
    if engineer.status != EngineerStatus.ACTIVE:
        raise DomainError(Code.INVALID, _("%(name)s has left.") % {"name": engineer.name})
    if review.department_id and engineer.department_id != review.department_id:
        raise DomainError(
            Code.OTHER_DEPARTMENT,
            _("This competition is for %(dept)s only.") % {"dept": review.department.name},
        )
    if not statement.strip():
        raise DomainError(Code.STATEMENT, _("Write why (achievements, plans)."), field="statement")
    if Candidate.objects.filter(review=review, engineer=engineer).exists():
        raise DomainError(Code.EXISTS, _("%(name)s is already a candidate.") % {"name": engineer.name})
    today = timezone.localdate()
    target = _target_for(review, engineer, today)
    candidate = Candidate(
        review=review,
        engineer=engineer,
        from_rank=engineer.career_rank,
        target_rank=target,
        route=route,
        nominated_by=nominator,
        statement=statement.strip(),
    )
    _evaluate(candidate, today)
    if "not_next_rung" in candidate.reasons:
        raise DomainError(
            Code.WRONG_RUNG,
            _("The ladder goes one rung at a time: %(name)s is %(rank)s, the post is %(post)s.")
            % {
                "name": engineer.name,
                "rank": engineer.get_career_rank_display(),
                "post": candidate.get_target_rank_display(),
            },
        )
    return _save(candidate, user)


def _locked(candidate: Candidate) -> Candidate:
    return (
        Candidate.objects.select_for_update(of=("self",))
        .select_related("review", "engineer__department")
        .get(pk=candidate.pk)
    )


def _panel_check(user, candidate: Candidate) -> None:
    if not has_role(user, *(Role.GENERAL_MANAGER, Role.DEPT_MANAGER)):
        raise PermissionDeniedError(
            Code.PANEL_ONLY, _("Only the panel scores (general managers, the department's manager).")
        )
    if candidate.engineer.user_id == user.pk:
        raise PermissionDeniedError(Code.OWN, _("Four-eyes: not on your own candidacy."))
    if not sits_on_panel(user, candidate):
        raise PermissionDeniedError(
            Code.OTHER_DEPARTMENT, _("A department manager scores only the engineers of the departments they manage.")
        )


@transaction.atomic
def panel_score(*, user, candidate: Candidate, score: Decimal, comment: str = "") -> Candidate:
    """A panel member scores a candidate 0–100 (again: the later score replaces theirs); the mean is kept."""
    candidate = _locked(candidate)
    _panel_check(user, candidate)
    if candidate.review.status != ReviewStatus.OPEN or candidate.decision != Decision.PENDING:
        raise DomainError(Code.CLOSED, _("The panel scores before the decision."))
    try:
        score = Decimal(str(score))
    except ArithmeticError:
        score = Decimal("NaN")
    if not score.is_finite() or not 0 <= score <= 100 or score != score.quantize(Decimal("0.01")):
        raise DomainError(Code.INVALID, _("A score is from 0 to 100, at most two decimals."), field="score")
    row, _created = PanelScore.objects.get_or_create(
        candidate=candidate, member=user, defaults={"score": score, "comment": comment[:200]}
    )
    row.score, row.comment = score, comment[:200]
    _save(row, user)
    candidate.panel_score = panel_mean(candidate)
    _evaluate(candidate, timezone.localdate())
    return _save(candidate, user)


def _gm_check(user, candidate: Candidate) -> None:
    if not has_role(user, Role.GENERAL_MANAGER):
        raise PermissionDeniedError(Code.GM_ONLY, _("Only a general manager approves a rank change."))
    if candidate.engineer.user_id == user.pk:
        raise PermissionDeniedError(Code.OWN, _("Four-eyes: not on your own candidacy."))
    if candidate.nominated_by_id == user.pk:
        raise PermissionDeniedError(
            Code.OWN_NOMINATION, _("Four-eyes: another general manager decides on a candidate you nominated.")
        )


def _seats_left(candidate: Candidate) -> None:
    review = candidate.review
    if review.kind != ReviewKind.COMPETITION:
        return
    taken = review.candidates.filter(decision=Decision.APPROVED).exclude(pk=candidate.pk).count()
    if taken >= review.seats:
        raise DomainError(
            Code.SEATS_FULL,
            _("All %(n)d open posts are taken: reject another candidate first.") % {"n": review.seats},
        )


def _refuse_not_eligible(candidate: Candidate, message: str) -> None:
    if not candidate.eligible:
        raise DomainError(Code.NOT_ELIGIBLE, message % {"why": "、".join(reason_labels(candidate))})


@transaction.atomic
def candidate_decide(*, user, candidate: Candidate, approve: bool, note: str = "") -> Candidate:
    """The general manager approves (the evidence is gathered again and must meet the rung) or rejects."""
    PromotionReview.objects.select_for_update().get(pk=candidate.review_id)  # seats: one decision at a time
    candidate = _locked(candidate)
    _gm_check(user, candidate)
    if candidate.review.status != ReviewStatus.OPEN:
        raise DomainError(Code.CLOSED, _("Decisions are made before the public notice."))
    if approve:
        _evaluate(candidate, timezone.localdate())
        _refuse_not_eligible(candidate, _("Not eligible, so it cannot be approved: %(why)s."))
        _seats_left(candidate)
    elif not note.strip():
        raise DomainError(Code.REASON_REQUIRED, _("Say why it is rejected."), field="note")
    candidate.decision = Decision.APPROVED if approve else Decision.REJECTED
    candidate.decision_note, candidate.decided_by = note.strip(), user
    return _save(candidate, user)


@transaction.atomic
def review_publish(*, user, review: PromotionReview) -> PromotionReview:
    """The public notice (公示): results listed to everyone, appeals open for the ladder's appeal days."""
    review = PromotionReview.objects.select_for_update().get(pk=review.pk)
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(Code.HR_ONLY, _("Only an HR clerk publishes the notice."))
    if review.status != ReviewStatus.OPEN:
        raise DomainError(Code.CLOSED, _("The notice is already published."))
    undecided = review.candidates.filter(decision=Decision.PENDING).count()
    if undecided:
        raise DomainError(Code.UNDECIDED, _("%(n)d candidates still wait for a decision.") % {"n": undecided})
    today = timezone.localdate()
    review.status, review.notice_until = ReviewStatus.NOTICE, today + timedelta(days=_policy(today).appeal_days)
    return _save(review, user)


@transaction.atomic
def appeal_file(*, user, candidate: Candidate, text: str) -> Candidate:
    candidate = _locked(candidate)
    if candidate.engineer.user_id != user.pk:
        raise PermissionDeniedError(Code.NOT_YOURS, _("You can only appeal your own result."))
    review = candidate.review
    if review.status != ReviewStatus.NOTICE or timezone.localdate() > review.notice_until:
        raise DomainError(Code.APPEAL_WINDOW, _("The appeal window is closed."))
    if candidate.appeal_outcome:
        raise DomainError(Code.APPEAL_WINDOW, _("You have already appealed."))
    if not text.strip():
        raise DomainError(Code.APPEAL_TEXT, _("Say what you appeal against."), field="appeal")
    candidate.appeal, candidate.appeal_outcome = text.strip(), AppealOutcome.PENDING
    return _save(candidate, user)


@transaction.atomic
def appeal_decide(*, user, candidate: Candidate, uphold: bool, note: str) -> Candidate:
    """The general manager answers an appeal; upheld, a rejected candidate is approved if the evidence (gathered
    again) meets the rung and a post is left."""
    PromotionReview.objects.select_for_update().get(pk=candidate.review_id)
    candidate = _locked(candidate)
    _gm_check(user, candidate)
    if candidate.appeal_outcome != AppealOutcome.PENDING:
        raise DomainError(Code.NO_APPEAL, _("There is no pending appeal."))
    if not note.strip():
        raise DomainError(Code.REASON_REQUIRED, _("Say why."), field="note")
    if uphold:
        _evaluate(candidate, timezone.localdate())
        _refuse_not_eligible(candidate, _("Not eligible, so the appeal cannot be upheld: %(why)s."))
        _seats_left(candidate)
        candidate.decision, candidate.decided_by = Decision.APPROVED, user
    candidate.appeal_outcome = AppealOutcome.UPHELD if uphold else AppealOutcome.DISMISSED
    candidate.appeal_note = note.strip()
    return _save(candidate, user)


def _pay_change(*, user, engineer: Engineer, rung_wage: Decimal | None, day: date, note: str):
    """The rung's post wage from `day` on, as a new pay scheme copied from the one in force (the close of that
    month pays it); nothing when the rung names no post wage, the engineer has no scheme, or already earns at
    least that: the rung's wage is the new rank's floor, and a promotion never lowers anyone's pay."""
    if rung_wage is None:
        return None
    current = engineer.pay_schemes.filter(effective_from__lte=day).order_by("-effective_from").first()
    if current is None or current.post_wage >= rung_wage:
        return None
    data = paysetup.SchemeInput(
        effective_from=day,
        base_wage=current.base_wage,
        post_wage=rung_wage,
        probation_rate=current.probation_rate,
        piece_rate_mode=current.piece_rate_mode,
        contribution_city=current.contribution_city,
        contribution_base=current.contribution_base,
        note=note[:200],
    )
    return paysetup.pay_scheme_create(user=user, engineer=engineer, data=data).obj


@transaction.atomic
def review_close(*, user, review: PromotionReview) -> int:
    """After the appeal window: each approved candidate's rank changes from the review's date (the engineer's
    history records it) and, where the rung pays a post wage, a pay scheme with it starts that day. All or none."""
    review = PromotionReview.objects.select_for_update().get(pk=review.pk)
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(Code.HR_ONLY, _("Only an HR clerk closes the review."))
    if review.status != ReviewStatus.NOTICE or timezone.localdate() <= review.notice_until:
        raise DomainError(Code.TOO_EARLY, _("The review closes after the appeal window."))
    if review.candidates.filter(appeal_outcome=AppealOutcome.PENDING).exists():
        raise DomainError(Code.APPEALS_PENDING, _("Decide the pending appeals first."))
    policy = _policy(review.effective_from)
    changed = 0
    approved = review.candidates.filter(decision=Decision.APPROVED).select_related("engineer").order_by("pk")
    for candidate in approved:
        engineer = Engineer.objects.select_for_update().get(pk=candidate.engineer_id)
        if engineer.user_id is not None and engineer.user_id == user.pk:
            raise PermissionDeniedError(Code.OWN, _("Your own promotion is recorded by another HR clerk."))
        reason = f"{review.name}: {engineer.get_career_rank_display()} → {candidate.get_target_rank_display()}"
        scheme = _pay_change(
            user=user,
            engineer=engineer,
            rung_wage=policy.rung(candidate.target_rank).post_wage,
            day=review.effective_from,
            note=reason,
        )
        change = RankChange(
            engineer=engineer,
            from_rank=engineer.career_rank,
            to_rank=candidate.target_rank,
            effective_from=review.effective_from,
            candidate=candidate,
            pay_scheme=scheme,
            approved_by=candidate.decided_by,
            recorded_by=user,
            note=reason[:200],
        )
        _save(change, user)
        engineer.career_rank = candidate.target_rank
        engineer._history_user, engineer._change_reason = user, reason
        engineer.save(update_fields=["career_rank"])
        changed += 1
    review.status = ReviewStatus.CLOSED
    _save(review, user)
    return changed
