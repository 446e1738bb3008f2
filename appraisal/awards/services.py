"""Honours and penalties: candidates from the scores, proposal, two-step approval, effect."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Count, FilteredRelation, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.errors import AwardErrorCode
from appraisal.models import PENALTY_KINDS, TEAM_KINDS, Award, AwardKind, AwardStatus, Scorecard
from appraisal.scorecards.services import Month
from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import Crew, CrewMembership, Department, Engineer, TechnicalGrade
from engineers.selectors import assessment_statuses
from incentives.errors import IncentiveError
from incentives.money import round_half_up
from incentives.rules.honours import honour_award
from incentives.rules.payslip import DeductionSpec, deduction_item
from ledger.models import ItemKind
from ledger.services import open_period_for, payable_items_add
from policies.selectors import policy_in_force

# Honours given once per engineer per month (or year): a second live nomination would pay twice.
ONCE_A_MONTH = {AwardKind.EXCELLENT_INDIVIDUAL_MONTH, AwardKind.EXCELLENT_TEAM_MONTH}
ONCE_A_YEAR = {AwardKind.ANNUAL_ADVANCED_INDIVIDUAL}
GRADE_LADDER = ["", TechnicalGrade.JUNIOR, TechnicalGrade.INTERMEDIATE, TechnicalGrade.SENIOR, TechnicalGrade.PRINCIPAL]
CANDIDATES = 5


@dataclass(frozen=True)
class TeamCandidate:
    crew: Crew
    average: Decimal
    members: list[Engineer]


def honour_candidates(
    month: Month, department: Department | None = None
) -> tuple[list[Scorecard], list[TeamCandidate]]:
    """The best-scored engineers and crews of the month (crews: average of members' scores, two or more scored).

    Ranked by the database: a company of 50,000 engineers has 50,000 scorecards a month, and reading them
    all to keep five took the honours page 20 seconds."""
    cards = Scorecard.objects.filter(year=month.year, month=month.month, score__isnull=False)
    if department:
        cards = cards.filter(engineer__department=department)
    ranked = cards.select_related("engineer").order_by("-score", "engineer__employee_no")
    _start, end = month.bounds
    in_crew_at_end = CrewMembership.objects.filter(start_date__lte=end).exclude(end_date__lt=end)
    # The members' scorecards of this month only: joining all of them (a year is twelve a member) and
    # filtering in the sum took most of the page at 50,000 engineers.
    month_card = FilteredRelation(
        "engineer__scorecards",
        condition=Q(engineer__scorecards__year=month.year, engineer__scorecards__month=month.month),
    )
    totals = (
        in_crew_at_end.filter(engineer__in=cards.values("engineer_id"))
        .annotate(month_card=month_card)
        .values("crew_id")
        .annotate(n=Count("engineer", distinct=True), total=Sum("month_card__score"))
        .filter(n__gte=2)
    )
    averages = [(round_half_up(Fraction(row["total"]) / row["n"]), row["crew_id"]) for row in totals]
    crews = {c.pk: c for c in Crew.objects.filter(pk__in=[crew_id for _average, crew_id in averages])}
    best = sorted(averages, key=lambda pair: (-pair[0], crews[pair[1]].code))[:CANDIDATES]
    members: dict[int, list[Engineer]] = defaultdict(list)
    crew_of = dict(in_crew_at_end.filter(crew_id__in=[c for _a, c in best]).values_list("engineer_id", "crew_id"))
    for card in ranked.filter(engineer_id__in=crew_of):
        members[crew_of[card.engineer_id]].append(card.engineer)
    teams = [TeamCandidate(crews[crew_id], average, members[crew_id]) for average, crew_id in best]
    return list(ranked[:CANDIDATES]), teams


def _may_propose(user, department: Department) -> bool:
    return has_role(user, Role.HR_CLERK, Role.SUPERVISOR) or (
        has_role(user, Role.DEPT_MANAGER) and department.manager_id == user.pk
    )


@transaction.atomic
def award_propose(
    *,
    user,
    kind: str,
    department: Department,
    members: list[Engineer],
    month: Month,
    reason: str,
    crew: Crew | None = None,
    deduction_amount: Decimal | None = None,
    deduction_rate: Decimal | None = None,
) -> Award:
    """Nominate an honour or propose a penalty; it waits for the department manager."""
    if not _may_propose(user, department):
        raise PermissionDeniedError(
            AwardErrorCode.PROPOSER_ROLE, _("Your role cannot propose honours or penalties here.")
        )
    if not reason.strip():
        raise DomainError(
            AwardErrorCode.REASON_REQUIRED, _("Say why: the reason is part of the record."), field="reason"
        )
    if not members:
        raise DomainError(AwardErrorCode.NO_MEMBERS, _("Choose who it is for."), field="members")
    if any(m.department_id != department.pk for m in members):
        raise DomainError(
            AwardErrorCode.OTHER_DEPARTMENT,
            _("Everyone must belong to %(dept)s.") % {"dept": department},
            field="members",
        )
    if kind in TEAM_KINDS:
        if crew is None:
            raise DomainError(AwardErrorCode.CREW_REQUIRED, _("A team honour needs the crew."), field="crew")
    elif len(members) != 1:
        raise DomainError(AwardErrorCode.ONE_ENGINEER, _("This kind is for one engineer."), field="members")
    if kind == AwardKind.DEDUCTION:
        if (deduction_amount is None) == (deduction_rate is None):
            raise DomainError(
                AwardErrorCode.AMOUNT_OR_RATE,
                _("A deduction is a fixed amount or a rate of the month's pay, one of them."),
                field="deduction_amount",
            )
        if deduction_rate is not None and not Decimal(0) < deduction_rate <= Decimal(1):
            raise DomainError(
                AwardErrorCode.RATE_RANGE,
                _("A deduction rate must be above 0 % and at most 100 %."),
                field="deduction_rate",
            )
        if deduction_amount is not None and deduction_amount <= 0:
            raise DomainError(
                AwardErrorCode.AMOUNT_POSITIVE,
                _("A deduction amount must be greater than 0."),
                field="deduction_amount",
            )
    if kind not in PENALTY_KINDS:
        policy = policy_in_force(month.bounds[1])
        try:
            policy.honour(kind)
        except IncentiveError as exc:
            raise DomainError(exc.code, _("This honour is not in the policy in force."), field="kind") from exc
        start, end = month.bounds
        statuses = assessment_statuses(
            Engineer.objects.filter(pk__in=[m.pk for m in members]), period_start=start, period_end=end, policy=policy
        )
        outside = [m.name for m in members if not statuses[m.pk].inside]
        if outside:
            raise DomainError(
                AwardErrorCode.OUTSIDE_ASSESSMENT,
                _("Outside assessment this month, so no honour: %(names)s.") % {"names": "、".join(outside)},
                field="members",
            )
    # Lock the members: two nominations racing for the same person queue here, the second sees the first.
    list(Engineer.objects.select_for_update().filter(pk__in=[m.pk for m in members]).order_by("pk"))
    _require_no_live_twin(kind=kind, members=members, month=month)
    award = Award(
        kind=kind,
        department=department,
        crew=crew,
        year=month.year,
        month=month.month,
        reason=reason,
        deduction_amount=deduction_amount,
        deduction_rate=deduction_rate,
        proposed_by=user,
    )
    award._history_user = user
    award.save()
    award.members.set(members)
    return award


def _require_no_live_twin(*, kind: str, members: list[Engineer], month: Month) -> None:
    """An honour of the month (or year) is given to an engineer once: refuse a second live nomination."""
    if kind not in ONCE_A_MONTH | ONCE_A_YEAR:
        return
    twins = Award.objects.filter(kind=kind, year=month.year, members__in=members).exclude(status=AwardStatus.REJECTED)
    if kind in ONCE_A_MONTH:
        twins = twins.filter(month=month.month)
    twin = twins.order_by("pk").first()
    if twin is None:
        return
    names = "、".join(m.name for m in twin.members.filter(pk__in=[m.pk for m in members]).order_by("employee_no"))
    raise ConflictError(
        AwardErrorCode.DUPLICATE,
        _("%(names)s already has this honour for %(when)s (#%(id)s, %(status)s): it is given once.")
        % {
            "names": names,
            "when": str(month) if kind in ONCE_A_MONTH else str(month.year),
            "id": twin.pk,
            "status": twin.get_status_display(),
        },
        field="members",
    )


def refusal(user, award: Award) -> str | None:
    """Why `user` cannot decide the award at its current step (None when they can)."""
    member_users = {m.user_id for m in award.members.all() if m.user_id}
    if award.status == AwardStatus.PROPOSED:
        if not (has_role(user, Role.DEPT_MANAGER) and award.department.manager_id == user.pk):
            return _("Only the manager of %(dept)s decides first.") % {"dept": award.department}
    elif award.status == AwardStatus.MANAGER_APPROVED:
        if not has_role(user, Role.HR_CLERK):
            return _("HR decides after the department manager.")
        if user.pk == award.manager_decided_by_id:
            return _("Four-eyes: the department manager's approval needs someone else in HR.")
    else:
        return _("This has already been decided.")
    if user.pk == award.proposed_by_id:
        return _("Four-eyes: you proposed this, someone else must decide it.")
    if user.pk in member_users:
        return _("Four-eyes: this concerns you, someone else must decide it.")
    return None


@transaction.atomic
def award_decide(*, user, award: Award, approve: bool, note: str = "") -> Award:
    award = Award.objects.select_for_update().get(pk=award.pk)
    why_not = refusal(user, award)
    if why_not:
        raise PermissionDeniedError(AwardErrorCode.DECISION_REFUSED, why_not)
    if not approve and not note.strip():
        raise DomainError(AwardErrorCode.REASON_REQUIRED, _("Say why it is rejected."), field="note")
    if not approve:
        award.status = AwardStatus.REJECTED
    elif award.status == AwardStatus.PROPOSED:
        award.status, award.manager_decided_by = AwardStatus.MANAGER_APPROVED, user
    else:
        award.status, award.hr_decided_by = AwardStatus.APPROVED, user
        _apply(user=user, award=award)
    award.decision_note = "\n".join(filter(None, [award.decision_note, note.strip()]))
    award.decided_at = timezone.now()
    award._history_user = user
    award.save()
    return award


def _apply(*, user, award: Award) -> None:
    """The effect once HR approves: money in the open period, or a grade change."""
    today = timezone.localdate()
    members = list(award.members.order_by("pk"))
    source = f"award:{award.pk}"
    if award.kind == AwardKind.DEMOTION:
        for engineer in members:
            index = GRADE_LADDER.index(engineer.technical_grade)
            engineer.technical_grade = GRADE_LADDER[max(index - 1, 0)]
            engineer._history_user = user
            engineer._change_reason = f"demotion (award {award.pk}): {award.reason}"
            engineer.save(update_fields=["technical_grade"])
        return
    if award.kind == AwardKind.WARNING:
        return
    period = open_period_for(today)
    policy = policy_in_force(today)
    if award.kind == AwardKind.DEDUCTION:
        spec = DeductionSpec(fixed_amount=award.deduction_amount, pay_rate=award.deduction_rate, reason=award.reason)
        payable_items_add(
            user=user,
            period=period,
            kind=ItemKind.DEDUCTION,
            source=source,
            traced_by_engineer=[(members[0].pk, deduction_item(spec=spec, policy=policy))],
            reason=award.reason,
            deduction_rate=spec.pay_rate,
        )
        return
    shares = honour_award(kind=award.kind, recipients=[m.pk for m in members], policy=policy)
    payable_items_add(
        user=user, period=period, kind=ItemKind.HONOUR, source=source, traced_by_engineer=list(shares.items())
    )
