"""Quarterly and year-end bonus rounds: proposed from the period's ranking, edited within the policy, submitted,
decided by a general manager with four-eyes, paid as payable items in the next open period.

Who may do what:
- the manager of the department proposes, changes amounts (draft or returned) and submits;
- a general manager approves, returns (with a note: back to the manager) or rejects (with a note: final; a new
  round may then be proposed), never a round they proposed nor one that would pay them.
Locks: the round's row first, then the pay period (the ledger's lock order)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from appraisal.models import Scorecard, ScorecardStatus
from core.errors import ConflictError, DomainError, PermissionDeniedError, domain_error_from_engine
from core.roles import Role, has_role
from engineers.models import Department, Engineer
from engineers.selectors import assessment_statuses, month_bounds
from incentives.bonus_policy import BONUS_DOCUMENT, BonusPolicy
from incentives.errors import ErrorCode, IncentiveError
from incentives.money import round_half_up
from incentives.rules.period_bonus import MonthScore, PeriodBonus, adjusted_amount, period_result
from incentives.trace import Traced
from ledger.models import ItemKind
from ledger.services import next_open_period, payable_items_add
from policies.models import PolicyStatus, PolicyVersion
from policies.selectors import policy_in_force, policy_version_in_force

from .errors import BonusErrorCode
from .models import EDITABLE, LIVE, BonusLine, BonusRound, PeriodKind, RoundStatus


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    quarter: int = 0  # 1–4 for a quarter, 0 for a year

    @property
    def months(self) -> list[int]:
        return [3 * self.quarter - 2, 3 * self.quarter - 1, 3 * self.quarter] if self.quarter else list(range(1, 13))

    @property
    def start(self) -> date:
        return date(self.year, self.months[0], 1)

    @property
    def end(self) -> date:
        return month_bounds(self.year, self.months[-1])[1]

    @classmethod
    def of(cls, kind: str, year: int, quarter: int | None) -> Period:
        if kind == PeriodKind.QUARTER and quarter in (1, 2, 3, 4) and 2000 <= year <= 2100:
            return cls(kind, year, quarter)
        if kind == PeriodKind.YEAR and 2000 <= year <= 2100:
            return cls(kind, year, 0)
        raise DomainError(
            BonusErrorCode.BAD_PERIOD, _("Choose a quarter (1–4) and a year, or a year."), field="quarter"
        )


@dataclass(frozen=True)
class Ranked:
    """One engineer's place in the period's ranking and what the policy makes of it."""

    engineer: Engineer
    scores: list[MonthScore]
    result: PeriodBonus


def bonus_policy(version_label: str) -> BonusPolicy:
    document_no, _sep, version = version_label.partition(" ")
    row = PolicyVersion.objects.get(document_no=document_no, version=version, status=PolicyStatus.APPROVED)
    return BonusPolicy.from_dict(row.parameters)


def period_ranking(*, department: Department, period: Period, policy: BonusPolicy) -> list[Ranked]:
    """Everyone of the department with a submitted scorecard in the period, best mean first (then employee no.).

    Reads only submitted scorecards, as the quarterly and annual summaries do. Inside assessment is judged in the
    period's last month (seed 001: who has left before the assessment date, is on probation … is outside)."""
    cards = (
        Scorecard.objects.filter(
            status=ScorecardStatus.SUBMITTED,
            score__isnull=False,
            engineer__department=department,
            year=period.year,
            month__in=period.months,
        )
        .select_related("engineer")
        .order_by("month")
    )
    by_engineer: dict[int, list[MonthScore]] = defaultdict(list)
    engineers: dict[int, Engineer] = {}
    for card in cards:
        engineers[card.engineer_id] = card.engineer
        by_engineer[card.engineer_id].append(MonthScore(card.month, card.score, card.pk))
    if not engineers:
        return []
    start, end = month_bounds(period.year, period.months[-1])
    statuses = assessment_statuses(
        Engineer.objects.filter(pk__in=engineers), period_start=start, period_end=end, policy=policy_in_force(end)
    )
    ranked = [
        Ranked(
            engineers[pk],
            scores,
            period_result(kind=period.kind, scores=scores, inside_assessment=statuses[pk].inside, policy=policy),
        )
        for pk, scores in by_engineer.items()
    ]
    ranked.sort(key=lambda r: (r.result.mean is None, -(r.result.mean or 0), r.engineer.employee_no))
    return ranked


def _manages(user, department: Department) -> bool:
    return has_role(user, Role.DEPT_MANAGER) and department.manager_id == user.pk


@transaction.atomic
def bonus_round_propose(*, user, department: Department, period: Period) -> BonusRound:
    """The department manager's proposal, one line per ranked engineer at the band's standard amount."""
    if not _manages(user, department):
        raise PermissionDeniedError(
            BonusErrorCode.PROPOSER_ROLE,
            _("Only the manager of %(dept)s proposes its bonuses.") % {"dept": department},
        )
    if period.end >= timezone.localdate():
        raise DomainError(
            BonusErrorCode.PERIOD_NOT_OVER,
            _("The period ends on %(day)s: propose its bonus once it is over.") % {"day": period.end.isoformat()},
            field="quarter",
        )
    drafts = sorted(
        set(
            Scorecard.objects.filter(engineer__department=department, year=period.year, month__in=period.months)
            .exclude(status=ScorecardStatus.SUBMITTED)
            .values_list("month", flat=True)
        )
    )
    if drafts:
        raise DomainError(
            BonusErrorCode.DRAFT_SCORECARDS,
            _("Scorecards of %(months)s are not submitted yet: submit the months first, a draft may still change.")
            % {"months": "、".join(f"{period.year}-{m:02d}" for m in drafts)},
            field="quarter",
        )
    # Lock the department's row: two proposals for the same period queue here, the second sees the first.
    Department.objects.select_for_update().get(pk=department.pk)
    twin = (
        BonusRound.objects.filter(department=department, kind=period.kind, year=period.year, quarter=period.quarter)
        .filter(status__in=LIVE)
        .first()
    )
    if twin:
        raise ConflictError(
            BonusErrorCode.DUPLICATE,
            _("%(period)s already has a bonus round (#%(id)s, %(status)s).")
            % {"period": twin.period_label, "id": twin.pk, "status": twin.get_status_display()},
        )
    version = policy_version_in_force(period.end, document_no=BONUS_DOCUMENT)
    policy = BonusPolicy.from_dict(version.parameters)
    ranking = period_ranking(department=department, period=period, policy=policy)
    if not ranking:
        raise DomainError(
            BonusErrorCode.NOBODY_SCORED,
            _("Nobody in %(dept)s has a submitted scorecard in this period.") % {"dept": department},
            field="quarter",
        )
    bonus_round = BonusRound(
        department=department,
        kind=period.kind,
        year=period.year,
        quarter=period.quarter,
        policy_version=policy.label,
        proposed_by=user,
    )
    bonus_round._history_user = user
    bonus_round.save()
    lines = [
        BonusLine(
            round=bonus_round,
            engineer=r.engineer,
            rank=n,
            months=[{"month": s.month, "score": str(s.score), "scorecard": s.scorecard_id} for s in r.scores],
            mean=r.result.mean,
            band=r.result.band,
            eligible=r.result.eligible,
            reason=r.result.reason,
            standard_amount=r.result.traced.amount,
            amount=r.result.traced.amount,
            trace=r.result.traced.as_dict(),
        )
        for n, r in enumerate(ranking, start=1)
    ]
    for line in lines:
        line._history_user = user
        line.save()
    return bonus_round


def _locked(bonus_round: BonusRound) -> BonusRound:
    return BonusRound.objects.select_for_update(of=("self",)).select_related("department").get(pk=bonus_round.pk)


def _standard(line: BonusLine, bonus_round: BonusRound, policy: BonusPolicy) -> Traced:
    scores = [MonthScore(m["month"], Decimal(m["score"]), m["scorecard"]) for m in line.months]
    return period_result(
        kind=bonus_round.kind, scores=scores, inside_assessment=line.reason != "outside_assessment", policy=policy
    ).traced


@transaction.atomic
def bonus_amounts_set(*, user, bonus_round: BonusRound, changes: list[tuple[int, Decimal, str]]) -> BonusRound:
    """Change amounts (engineer id, amount, note) within the policy's rates; a changed amount needs a note.

    All or nothing: one amount out of range and none is changed, the error names the engineer."""
    bonus_round = _locked(bonus_round)
    if not _manages(user, bonus_round.department):
        raise PermissionDeniedError(
            BonusErrorCode.EDITOR_ROLE,
            _("Only the manager of %(dept)s changes these amounts.") % {"dept": bonus_round.department},
        )
    if bonus_round.status not in EDITABLE:
        raise ConflictError(
            BonusErrorCode.NOT_EDITABLE,
            _("This round is %(status)s: its amounts can no longer change.")
            % {"status": bonus_round.get_status_display()},
        )
    policy = bonus_policy(bonus_round.policy_version)
    lines = {line.engineer_id: line for line in bonus_round.lines.select_related("engineer")}
    for engineer_id, amount, note in changes:
        line = lines.get(engineer_id)
        if line is None:
            raise DomainError(BonusErrorCode.AMOUNT, _("This engineer is not in the round."), field="lines")
        standard = _standard(line, bonus_round, policy)
        try:
            traced = adjusted_amount(standard=standard, kind=bonus_round.kind, amount=amount, note=note, policy=policy)
        except IncentiveError as exc:
            field = f"amount_{engineer_id}"
            if exc.code == ErrorCode.PERIOD_BONUS_NOTE_REQUIRED:
                raise DomainError(
                    BonusErrorCode.NOTE_REQUIRED,
                    _("%(name)s: a changed amount needs a note saying why.") % {"name": line.engineer.name},
                    field=f"note_{engineer_id}",
                ) from exc
            if exc.code == ErrorCode.PERIOD_BONUS_AMOUNT_OUT_OF_RANGE:
                raise DomainError(
                    BonusErrorCode.AMOUNT,
                    _("%(name)s: the amount must be from ¥%(low)s to ¥%(high)s (the policy's %(version)s).")
                    % {
                        "name": line.engineer.name,
                        "low": exc.params["low"],
                        "high": exc.params["high"],
                        "version": policy.label,
                    },
                    field=field,
                ) from exc
            raise domain_error_from_engine(exc, field) from exc
        if line.amount == traced.amount and line.note == note.strip():
            continue
        line.amount, line.note, line.trace = traced.amount, note.strip()[:200], traced.as_dict()
        line._history_user = user
        line.save(update_fields=["amount", "note", "trace"])
    return bonus_round


def amount_range(line: BonusLine, bonus_round: BonusRound, policy: BonusPolicy) -> tuple[Decimal, Decimal]:
    """The lowest and highest amount the manager may give this line (0.00–0.00 when it earns nothing)."""
    standard = _standard(line, bonus_round, policy).amount
    return (
        round_half_up(Fraction(standard) * Fraction(policy.lowest_rate)),
        round_half_up(Fraction(standard) * Fraction(policy.highest_rate)),
    )


@transaction.atomic
def bonus_round_submit(*, user, bonus_round: BonusRound) -> BonusRound:
    bonus_round = _locked(bonus_round)
    if not _manages(user, bonus_round.department):
        raise PermissionDeniedError(
            BonusErrorCode.EDITOR_ROLE,
            _("Only the manager of %(dept)s submits its bonuses.") % {"dept": bonus_round.department},
        )
    if bonus_round.status not in EDITABLE:
        raise ConflictError(
            BonusErrorCode.NOT_EDITABLE,
            _("This round is %(status)s: it cannot be submitted.") % {"status": bonus_round.get_status_display()},
        )
    bonus_round.status, bonus_round.submitted_at = RoundStatus.SUBMITTED, timezone.now()
    bonus_round._history_user = user
    bonus_round.save(update_fields=["status", "submitted_at"])
    return bonus_round


def decision_refusal(user, bonus_round: BonusRound) -> str | None:
    """Why `user` cannot decide the round now (None when they can)."""
    if bonus_round.status != RoundStatus.SUBMITTED:
        return _("Only a submitted round is decided; this one is %(status)s.") % {
            "status": bonus_round.get_status_display()
        }
    if not has_role(user, Role.GENERAL_MANAGER):
        return _("A general manager decides quarterly and year-end bonuses.")
    if user.pk == bonus_round.proposed_by_id:
        return _("Four-eyes: you proposed this round, another general manager must decide it.")
    if bonus_round.lines.filter(engineer__user=user, amount__gt=0).exists():
        return _("Four-eyes: this round pays you, another general manager must decide it.")
    return None


ACTIONS = ("approve", "return", "reject")


@transaction.atomic
def bonus_round_decide(*, user, bonus_round: BonusRound, action: str, note: str = "") -> BonusRound:
    """Approve (pay every line above 0.00 in the next open period), return to the manager, or reject."""
    if action not in ACTIONS:
        raise DomainError(BonusErrorCode.UNKNOWN_ACTION, _("Approve, return or reject."), field="action")
    bonus_round = _locked(bonus_round)
    why_not = decision_refusal(user, bonus_round)
    if why_not:
        raise PermissionDeniedError(BonusErrorCode.DECISION_REFUSED, why_not)
    if action != "approve" and not note.strip():
        raise DomainError(BonusErrorCode.NOTE_REQUIRED, _("Say why, for the department manager."), field="note")
    if action == "approve":
        bonus_round.paid_period = _pay(user=user, bonus_round=bonus_round)
        bonus_round.status = RoundStatus.APPROVED
    else:
        bonus_round.status = RoundStatus.RETURNED if action == "return" else RoundStatus.REJECTED
    bonus_round.decided_by, bonus_round.decided_at = user, timezone.now()
    bonus_round.decision_note = "\n".join(filter(None, [bonus_round.decision_note, note.strip()]))
    bonus_round._history_user = user
    bonus_round.save()
    return bonus_round


def item_reason(bonus_round: BonusRound) -> str:
    """What the payslip line says, in the company's language (it is printed on every payslip)."""
    with translation.override(settings.LANGUAGE_CODE):
        if bonus_round.kind == PeriodKind.QUARTER:
            return _("Quarterly bonus %(year)s Q%(quarter)s") % {
                "year": bonus_round.year,
                "quarter": bonus_round.quarter,
            }
        return _("Year-end bonus %(year)s") % {"year": bonus_round.year}


def _pay(*, user, bonus_round: BonusRound):
    """Every line above 0.00 as a payable item (its trace: the months, the mean, the band, the rule, the version)."""
    period = next_open_period(timezone.localdate())
    paid = [
        (line.engineer_id, _traced(line)) for line in bonus_round.lines.filter(amount__gt=0).order_by("engineer_id")
    ]
    if paid:
        payable_items_add(
            user=user,
            period=period,
            kind=ItemKind.YEAR_END_BONUS if bonus_round.kind == PeriodKind.YEAR else ItemKind.QUARTERLY_BONUS,
            source=bonus_round.source,
            traced_by_engineer=paid,
            reason=item_reason(bonus_round),
        )
    return period


def _traced(line: BonusLine) -> Traced:
    from incentives.trace import Step

    steps = tuple(
        Step(s["rule"], s["formula_zh"], s["formula_en"], s["inputs"], Decimal(s["result"]), s.get("note", ""))
        for s in line.trace["steps"]
    )
    return Traced(line.amount, steps, line.trace["policy_version"])
