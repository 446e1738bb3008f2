"""Every write of the FS-MS-KF-13 workflows: inspections, self-assessments, requests
and their transitions. Each runs in one transaction and records who did what."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.errors import ConflictError, DomainError, PermissionDeniedError, domain_error_from_engine
from core.roles import Role, has_role
from core.templatetags.money import yuan
from engineers.models import Engineer
from engineers.selectors import absences_by_engineer, assessment_status, month_bounds
from incentives.errors import ErrorCode, IncentiveError
from incentives.policy import Policy
from incentives.rules.crew import CrewResult, crew_incentive
from incentives.rules.individual import Eligibility, cap_headroom, eligibility, individual_incentive, paid_training
from incentives.trace import Traced
from ledger.models import ItemKind, PayPeriod
from ledger.selectors import individual_incentives_in, period_of
from ledger.services import open_period_for, payable_items_add
from policies.selectors import policy_in_force
from workorders.bonus.errors import BonusErrorCode
from workorders.models import (
    DEAD_STATUSES,
    BonusKind,
    BonusRequest,
    CrewSelfAssessment,
    DistributionLine,
    InspectorRole,
    RequestStatus,
    RequestTransition,
    SiteInspection,
    WorkOrder,
)

from . import notify
from .facts import Circumstances, candidate_for, crew_members_of, inspections_of
from .selectors import INBOX_ORDER
from .workflow import ACTIONS, next_status, refusal

ELIGIBILITY_LABELS = {
    "outside_assessment": gettext_lazy("outside assessment this month"),
    "probation_not_passed": gettext_lazy("probation not passed"),
    "not_rated_excellent": gettext_lazy("not rated excellent by a supervisor or above"),
    "no_special_skill_or_service_years": gettext_lazy("no special skill and under the required years of service"),
}
FROZEN = (RequestStatus.SUBMITTED, RequestStatus.REVIEWED, RequestStatus.APPROVED)
DECIDED = (RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN)


def _engine(call, field: str):
    """Run an engine rule; its coded error becomes a domain error on `field`."""
    try:
        return call()
    except IncentiveError as exc:
        raise domain_error_from_engine(exc, field) from exc


def _require_special(work_order: WorkOrder) -> None:
    if not work_order.is_special:
        raise DomainError(
            BonusErrorCode.NOT_SPECIAL,
            _("Work order %(n)s is not a special/key project: incentives are paid only on those.")
            % {"n": work_order.number},
            field="work_order",
        )


# ---- previews: what the page shows while the user types ---------------------------------


@dataclass(frozen=True)
class IndividualPreview:
    eligibility: Eligibility
    reasons: list[str]
    headroom: Decimal
    already: Decimal
    amount: Traced | None
    policy: Policy


def individual_preview(
    *, work_order: WorkOrder, engineer: Engineer, rate: Decimal | None, rated_excellent: bool, on: date
) -> IndividualPreview:
    """Eligibility (with reasons), the amount and the cap headroom left this month."""
    policy = policy_in_force(on)
    elig = eligibility(candidate_for(engineer, on=on, rated_excellent=rated_excellent, policy=policy), policy)
    period = period_of(on.year, on.month)
    already = individual_incentives_in(period, engineer.pk) if period else Decimal("0.00")
    amount = None
    if elig.eligible and rate is not None:
        amount = _engine(
            lambda: individual_incentive(
                project_total=work_order.piece_rate_total_amount,
                rate=rate,
                already_awarded=already,
                eligible=elig,
                policy=policy,
            ),
            "rate",
        )
    return IndividualPreview(
        elig,
        [str(ELIGIBILITY_LABELS[r]) for r in elig.reasons],
        cap_headroom(already_awarded=already, policy=policy),
        already,
        amount,
        policy,
    )


def crew_preview(*, work_order: WorkOrder, ratio: Decimal, on: date) -> CrewResult:
    """Total score, pool and every member's share for a ratio (nothing is saved)."""
    if not hasattr(work_order, "self_assessment"):
        raise DomainError(
            BonusErrorCode.CREW_NO_SELF_ASSESSMENT,
            _("The crew leader has not written the self-assessment yet."),
            field="ratio",
        )
    policy = policy_in_force(on)
    return _engine(
        lambda: crew_incentive(
            inspections=inspections_of(work_order),
            project_total=work_order.piece_rate_total_amount,
            ratio=ratio,
            members=crew_members_of(work_order),
            policy=policy,
        ),
        "ratio",
    )


# ---- inspections and the self-assessment ----------------------------------------------------


def _crew_request_in_progress(work_order: WorkOrder) -> bool:
    return work_order.bonus_requests.filter(kind=BonusKind.CREW, status__in=FROZEN).exists()


@transaction.atomic
def inspection_record(
    *,
    user,
    work_order: WorkOrder,
    inspector_role: str,
    inspector_name: str,
    inspected_on: date,
    scores: Mapping[str, Decimal],
    notes: str = "",
) -> SiteInspection:
    """The QS officer records their own and the QC inspector's scores; a supervisor their own."""
    allowed = {
        InspectorRole.QS_OFFICER: (Role.QS_OFFICER,),
        InspectorRole.QC_INSPECTOR: (Role.QS_OFFICER, Role.SUPERVISOR),
        InspectorRole.SUPERVISOR: (Role.SUPERVISOR,),
    }[inspector_role]
    if not has_role(user, *allowed):
        raise PermissionDeniedError(
            BonusErrorCode.INSPECTION_ROLE, _("Your role cannot record this inspector's scores.")
        )
    _require_special(work_order)
    if _crew_request_in_progress(work_order):
        raise DomainError(
            BonusErrorCode.INSPECTION_FROZEN, _("A crew request is under way: inspections can no longer change.")
        )
    policy = policy_in_force(inspected_on)
    for category in policy.crew.categories:
        value = scores.get(category)
        if value is None:
            raise DomainError(
                BonusErrorCode.INSPECTION_SCORE_MISSING, _("Enter a score for every category."), field=category
            )
        _engine(
            lambda v=value, c=category: policy.crew.score_range.require(
                v, code=ErrorCode.CREW_SCORE_OUT_OF_RANGE, parameter=c, label=c
            ),
            category,
        )
    inspection, _created = SiteInspection.objects.update_or_create(
        work_order=work_order,
        inspector_role=inspector_role,
        defaults={
            "inspector_name": inspector_name,
            "recorded_by": user,
            "inspected_on": inspected_on,
            "notes": notes,
            **{c: scores[c] for c in policy.crew.categories},
        },
    )
    return inspection


@transaction.atomic
def self_assessment_save(
    *, user, work_order: WorkOrder, quality_assessment: str, plan: Mapping[int, Decimal]
) -> CrewSelfAssessment:
    """The crew leader's quality self-assessment and a percentage per participant (no amounts)."""
    crew = work_order.crew
    if crew is None or crew.leader is None or crew.leader.user_id != user.pk:
        raise PermissionDeniedError(
            BonusErrorCode.SELF_ASSESSMENT_NOT_LEADER,
            _("Only the leader of this work order's crew writes its self-assessment."),
        )
    _require_special(work_order)
    if _crew_request_in_progress(work_order):
        raise DomainError(
            BonusErrorCode.SELF_ASSESSMENT_FROZEN, _("A crew request is under way: the plan can no longer change.")
        )
    if not quality_assessment.strip():
        raise DomainError(
            BonusErrorCode.SELF_ASSESSMENT_EMPTY, _("Write the quality self-assessment."), field="quality_assessment"
        )
    participants = {p.engineer_id: p.engineer for p in work_order.participants.select_related("engineer")}
    unknown = set(plan) - set(participants)
    if unknown:
        raise DomainError(
            BonusErrorCode.SELF_ASSESSMENT_NOT_PARTICIPANT,
            _("Only the work order's participants can be in the plan."),
            field="plan",
        )
    missing = [participants[k].name for k in participants if k not in plan]
    if missing:
        raise DomainError(
            BonusErrorCode.SELF_ASSESSMENT_INCOMPLETE,
            _("Give every participant a percentage (0 if they share nothing): %(names)s.")
            % {"names": "、".join(missing)},
            field="plan",
        )
    # A leader's coefficient may pass 100 % (e.g. 120 %): the split is normalised by Σ(days × %),
    # up to the policy's ceiling.
    ceiling = policy_in_force(work_order.completed_on or timezone.localdate()).crew.max_member_pct
    for engineer_id, pct in plan.items():
        if not (Decimal(0) <= pct <= ceiling):
            raise DomainError(
                BonusErrorCode.SELF_ASSESSMENT_PCT_OUT_OF_RANGE,
                _("%(name)s: a personal percentage must be between 0 and %(max)s, not %(pct)s.")
                % {"name": participants[engineer_id].name, "pct": pct, "max": f"{ceiling:f}"},
                field="plan",
            )
    if not any(pct > 0 and _days(work_order, k) > 0 for k, pct in plan.items()):
        raise DomainError(
            BonusErrorCode.SELF_ASSESSMENT_NOBODY_SHARES,
            _("At least one participant with days worked needs a percentage above 0."),
            field="plan",
        )
    assessment, _created = CrewSelfAssessment.objects.update_or_create(
        work_order=work_order, defaults={"written_by": user, "quality_assessment": quality_assessment}
    )
    assessment.lines.all().delete()
    DistributionLine.objects.bulk_create(
        DistributionLine(self_assessment=assessment, engineer_id=k, pct=v) for k, v in plan.items()
    )
    return assessment


def _days(work_order: WorkOrder, engineer_id: int) -> Decimal:
    return next((p.days_worked for p in work_order.participants.all() if p.engineer_id == engineer_id), Decimal(0))


# ---- requests ------------------------------------------------------------------------------


def _require_no_live_twin(request: BonusRequest) -> None:
    """One live request per work order × kind × engineer (crew: per work order): two approvals
    of the same work would pay it twice. The database holds the same rule as a constraint."""
    twins = BonusRequest.objects.filter(work_order=request.work_order, kind=request.kind).exclude(
        status__in=DEAD_STATUSES
    )
    if request.kind != BonusKind.CREW:
        twins = twins.filter(engineer=request.engineer)
    if request.pk:
        twins = twins.exclude(pk=request.pk)
    twin = twins.order_by("pk").first()
    if twin is None:
        return
    params = {"kind": twin.get_kind_display(), "id": twin.pk, "status": twin.get_status_display()}
    params["n"] = request.work_order.number
    if request.kind == BonusKind.CREW:
        message = _(
            "%(n)s already has a %(kind)s request (#%(id)s, %(status)s): withdraw or reject it before "
            "proposing another."
        )
    else:
        params["name"] = request.engineer.name
        message = _(
            "%(name)s already has a %(kind)s request on %(n)s (#%(id)s, %(status)s): withdraw or reject it "
            "before proposing another."
        )
    raise ConflictError(
        BonusErrorCode.DUPLICATE_REQUEST,
        message % params,
        field="ratio" if request.kind == BonusKind.CREW else "engineer",
    )


def _validate_request_fields(request: BonusRequest, policy: Policy) -> None:
    _require_special(request.work_order)
    if request.kind == BonusKind.CREW:
        if request.ratio is None:
            raise DomainError(BonusErrorCode.CREW_RATIO_MISSING, _("Choose the crew ratio."), field="ratio")
        _engine(
            lambda: policy.crew.ratio_range.require(
                request.ratio, code=ErrorCode.CREW_RATIO_OUT_OF_RANGE, parameter="ratio", label=str(_("crew ratio"))
            ),
            "ratio",
        )
        _require_no_live_twin(request)
        return
    if request.engineer is None:
        raise DomainError(BonusErrorCode.ENGINEER_MISSING, _("Choose the engineer."), field="engineer")
    if not request.work_order.participants.filter(engineer=request.engineer).exists():
        raise DomainError(
            BonusErrorCode.NOT_PARTICIPANT,
            _("%(name)s did not work on %(n)s.") % {"name": request.engineer.name, "n": request.work_order.number},
            field="engineer",
        )
    _require_no_live_twin(request)
    if request.kind == BonusKind.INDIVIDUAL:
        if request.rate is None:
            raise DomainError(BonusErrorCode.INDIVIDUAL_RATE_MISSING, _("Enter the incentive rate."), field="rate")
        _engine(
            lambda: policy.individual.rate_range.require(
                request.rate,
                code=ErrorCode.INDIVIDUAL_RATE_OUT_OF_RANGE,
                parameter="rate",
                label=str(_("incentive rate")),
            ),
            "rate",
        )
    else:
        if request.training_days is None:
            raise DomainError(
                BonusErrorCode.TRAINING_DAYS_MISSING, _("Enter the training days."), field="training_days"
            )
        _engine(lambda: paid_training(days=request.training_days, policy=policy), "training_days")


@transaction.atomic
def bonus_request_propose(*, user, kind: str, work_order: WorkOrder, **fields) -> BonusRequest:
    """A QS officer or supervisor proposes an individual incentive; a supervisor proposes paid
    training or a crew incentive. The request starts as a draft."""
    proposers = {
        BonusKind.INDIVIDUAL: (Role.QS_OFFICER, Role.SUPERVISOR),
        BonusKind.TRAINING: (Role.SUPERVISOR,),
        BonusKind.CREW: (Role.SUPERVISOR,),
    }
    if not has_role(user, *proposers[kind]):
        raise PermissionDeniedError(BonusErrorCode.PROPOSER_ROLE, _("Your role cannot propose this kind of request."))
    # Lock the work order: two proposals racing for it queue here, so the second sees the first.
    work_order = WorkOrder.objects.select_for_update().get(pk=work_order.pk)
    request = BonusRequest(kind=kind, work_order=work_order, proposed_by=user, **fields)
    _validate_request_fields(request, policy_in_force(timezone.localdate()))
    request._history_user = user
    request.save()
    RequestTransition.objects.create(
        request=request, action="propose", from_status="", to_status=request.status, actor=user
    )
    if not has_role(user, Role.SUPERVISOR):
        notify.needs_action(request)
    return request


@transaction.atomic
def bonus_request_update(*, user, request: BonusRequest, **fields) -> BonusRequest:
    """Change a draft or returned request (its proposer, or a supervisor)."""
    WorkOrder.objects.select_for_update().filter(pk=request.work_order_id).first()  # as in propose
    request = BonusRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in (RequestStatus.DRAFT, RequestStatus.RETURNED):
        raise DomainError(BonusErrorCode.NOT_EDITABLE, _("Only a draft or returned request can be changed."))
    if user.pk != request.proposed_by_id and not has_role(user, Role.SUPERVISOR):
        raise PermissionDeniedError(
            BonusErrorCode.EDIT_ROLE, _("Only the proposer or a supervisor can change this request.")
        )
    for name, value in fields.items():
        setattr(request, name, value)
    _validate_request_fields(request, policy_in_force(timezone.localdate()))
    request._history_user = user
    request.save()
    return request


@transaction.atomic
def bonus_request_transition(
    *, user, request: BonusRequest, action: str, reason: str = "", confirm_zero: bool = False
) -> BonusRequest:
    """Move a request along the state machine; approval turns it into payable items. An approval
    that would pay ¥0.00 is refused unless `confirm_zero` says the approver knows."""
    # Lock only the request row: the engineer join is nullable (crew requests).
    request = (
        BonusRequest.objects.select_for_update(of=("self",))
        .select_related("work_order__department", "engineer")
        .get(pk=request.pk)
    )
    if action in ACTIONS and next_status(request, action) is None and request.status in DECIDED:
        # A double-submitted decision (two clicks, a retried POST): the first one won, say so.
        raise ConflictError(
            BonusErrorCode.ALREADY_DECIDED,
            _("Request #%(id)s is already %(status)s: nothing more happens (and nothing is paid twice).")
            % {"id": request.pk, "status": request.get_status_display()},
        )
    why_not = refusal(user, request, action)
    if why_not:
        raise PermissionDeniedError(BonusErrorCode.TRANSITION_REFUSED, why_not)
    if ACTIONS[action].needs_reason and not reason.strip():
        raise DomainError(
            BonusErrorCode.REASON_REQUIRED, _("Say why: the proposer reads it on the request."), field="reason"
        )
    today = timezone.localdate()
    if action == "submit":
        _validate_request_fields(request, policy_in_force(today))
        if request.kind == BonusKind.CREW:
            crew_preview(work_order=request.work_order, ratio=request.ratio, on=today)  # raises if incomplete
            _require_all_inspections(request.work_order)
        request.applied_by = user
    if action == "approve":
        _approve(user=user, request=request, today=today, confirm_zero=confirm_zero)
    before = request.status
    request.status = next_status(request, action)
    if action in ("approve", "reject", "return"):
        request.decided_at = timezone.now()
    request._history_user = user
    request.save()
    RequestTransition.objects.create(
        request=request, action=action, from_status=before, to_status=request.status, actor=user, reason=reason
    )
    notify.after_transition(request, action)
    return request


@dataclass(frozen=True)
class Decision:
    """One request's outcome in a bulk approval."""

    request: BonusRequest
    approved: bool
    amount: Decimal | None  # what the approval paid
    refusal: str = ""  # why it was not approved


def bonus_requests_approve(*, user, requests: QuerySet[BonusRequest], confirm_zero: Collection[int]) -> list[Decision]:
    """Approve several requests one by one in the inbox's order (oldest first), each in its own
    transaction: a refusal undoes none of the others, and each request's cap counts the ones
    approved before it. A request that would pay ¥0.00 is approved only if its id is in
    `confirm_zero`; every outcome is returned, in the order taken."""
    decisions = []
    for bonus in requests.order_by(*INBOX_ORDER):
        try:
            done = bonus_request_transition(
                user=user, request=bonus, action="approve", confirm_zero=bonus.pk in confirm_zero
            )
        except DomainError as exc:
            decisions.append(Decision(bonus, False, None, str(exc.message)))
        else:
            decisions.append(Decision(done, True, done.amount))
    return decisions


def _require_all_inspections(work_order: WorkOrder) -> None:
    have = set(work_order.inspections.values_list("inspector_role", flat=True))
    missing = [str(label) for value, label in InspectorRole.choices if value not in have]
    if missing:
        raise DomainError(
            BonusErrorCode.CREW_INSPECTIONS_MISSING,
            _("Inspections still missing: %(who)s.") % {"who": "、".join(missing)},
            field="inspections",
        )


def _require_inside_assessment(
    engineers: list[Engineer], on: date, known: dict[int, Circumstances] | None = None
) -> None:
    start, end = month_bounds(on.year, on.month)
    policy = policy_in_force(end)
    known = known or {}
    absences = {e.pk: known[e.pk].absences for e in engineers if e.pk in known}
    if unread := [e.pk for e in engineers if e.pk not in absences]:  # a crew's members in one query
        absences |= absences_by_engineer(unread)
    for engineer in engineers:
        status = assessment_status(
            engineer,
            period_start=start,
            period_end=end,
            assessment_date=end,
            policy=policy,
            absences=absences.get(engineer.pk, ()),
        )
        if not status.inside:
            raise DomainError(
                BonusErrorCode.OUTSIDE_ASSESSMENT,
                _("%(name)s is outside assessment for %(month)s (%(why)s): no incentive can be paid.")
                % {"name": engineer.name, "month": f"{on:%Y-%m}", "why": "、".join(status.reasons)},
                field="engineer",
            )


@dataclass(frozen=True)
class Payout:
    """What approving a request pays, computed exactly as the approval computes it."""

    item_kind: str  # the payable items' kind
    shares: tuple[tuple[int, Traced], ...]  # (engineer id, traced amount): one for an individual request
    amount: Decimal  # the request's amount: the single item, or a crew request's pool
    cap: Decimal | None = None  # individual incentives only: the monthly cap,
    cap_used: Decimal | None = None  # what the engineer already has this month before this request,
    asked: Decimal | None = None  # and the amount before the cap trimmed it

    @property
    def cap_left(self) -> Decimal | None:
        return None if self.cap is None else max(self.cap - self.cap_used, Decimal("0.00"))

    @property
    def trimmed(self) -> bool:
        return self.asked is not None and self.amount < self.asked

    def zero_reason(self) -> str:
        """Why approval would pay nothing ("" when it pays something)."""
        if self.amount > 0:
            return ""
        if self.cap is not None and self.cap_left == 0:
            return _("%(used)s of individual incentives already this month reaches the monthly cap of %(cap)s") % {
                "cap": yuan(self.cap),
                "used": yuan(self.cap_used),
            }
        if self.item_kind == ItemKind.CREW_INCENTIVE:
            return _("the crew pool comes to ¥0.00")
        return _("the work order's piece-rate total comes to ¥0.00")


def bonus_request_payout(
    *,
    request: BonusRequest,
    on: date,
    period: PayPeriod | None,
    engineer: Engineer | None = None,
    cap_used_before: Decimal = Decimal("0.00"),
    awarded: dict[int, Decimal] | None = None,
    known: dict[int, Circumstances] | None = None,
) -> Payout:
    """What approving `request` on `on` pays, through the engine with the policy in force that day;
    raises the domain error approval would raise (not special, outside assessment, not eligible).
    Reads only: the approval calls it under its locks, the inbox and the request page to show the
    approver the amount before deciding. `cap_used_before` adds individual incentives that will be
    approved first (a bulk approval of several requests for one engineer, in its order). `awarded`, when
    given, is what each engineer already has in individual incentives in `period` (the inbox reads it
    once for all its requests); without it, it is read here. `known` likewise holds engineers'
    circumstances (absences, skills, crews led) read once (facts.circumstances_of)."""
    _require_special(request.work_order)
    policy = policy_in_force(on)
    if request.kind == BonusKind.CREW:
        result = crew_preview(work_order=request.work_order, ratio=request.ratio, on=on)
        members = Engineer.objects.filter(pk__in=[k for k, t in result.shares.items() if t.amount > 0])
        _require_inside_assessment(list(members), on)
        return Payout(ItemKind.CREW_INCENTIVE, tuple(result.shares.items()), result.pool.amount)
    engineer = engineer or request.engineer
    _require_inside_assessment([engineer], on, known)
    if request.kind == BonusKind.TRAINING:
        traced = _engine(lambda: paid_training(days=request.training_days, policy=policy), "training_days")
        return Payout(ItemKind.PAID_TRAINING, ((engineer.pk, traced),), traced.amount)
    candidate = candidate_for(
        engineer, on=on, rated_excellent=request.rated_excellent, policy=policy, known=(known or {}).get(engineer.pk)
    )
    elig = eligibility(candidate, policy)
    if not elig.eligible:
        raise DomainError(
            BonusErrorCode.INDIVIDUAL_NOT_ELIGIBLE,
            _("%(name)s is not eligible: %(why)s.")
            % {"name": engineer.name, "why": "、".join(str(ELIGIBILITY_LABELS[r]) for r in elig.reasons)},
            field="engineer",
        )
    if awarded is not None:  # the period's individual incentives by engineer, read once for many requests
        in_period = awarded.get(engineer.pk, Decimal("0.00"))
    else:
        in_period = individual_incentives_in(period, engineer.pk) if period else Decimal("0.00")
    already = in_period + cap_used_before
    traced = _engine(
        lambda: individual_incentive(
            project_total=request.work_order.piece_rate_total_amount,
            rate=request.rate,
            already_awarded=already,
            eligible=elig,
            policy=policy,
        ),
        "rate",
    )
    return Payout(
        ItemKind.INDIVIDUAL_INCENTIVE,
        ((engineer.pk, traced),),
        traced.amount,
        cap=policy.individual.monthly_cap,
        cap_used=already,
        asked=traced.steps[0].result,  # shown to the approver only ("trimmed from …")
    )


def _approve(*, user, request: BonusRequest, today: date, confirm_zero: bool) -> None:
    """Compute with the policy in force today and add the payable items to today's open period.
    An approval that would pay ¥0.00 (the cap used up, say) happens only when confirmed as such."""
    period = open_period_for(today)  # refuses a closing or closed month
    engineer = None
    if request.kind != BonusKind.CREW:
        # Lock the engineer: concurrent approvals for the same person queue here, so each sees
        # the items the previous one committed and the monthly cap holds.
        engineer = Engineer.objects.select_for_update().get(pk=request.engineer_id)
    payout = bonus_request_payout(request=request, on=today, period=period, engineer=engineer)
    if payout.amount == 0 and not confirm_zero:
        raise DomainError(
            BonusErrorCode.ZERO_AMOUNT_UNCONFIRMED,
            _("Approving #%(id)s would pay ¥0.00: %(why)s. Confirm that you approve it at ¥0.00, or return it.")
            % {"id": request.pk, "why": payout.zero_reason()},
            field="confirm_zero",
        )
    payable_items_add(
        user=user,
        period=period,
        kind=payout.item_kind,
        source=f"bonus_request:{request.pk}",
        traced_by_engineer=payout.shares,
    )
    request.amount = payout.amount
