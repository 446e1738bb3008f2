"""Monthly KPI scorecards: prepare a department's month, save scores, recompute, submit.

Every amount and band comes from the engine (incentives.rules.kpi) with the policy
in force on the month's last day. Customer scores are not typed: the customer
source's "customer" dimension is the month's CSAT average from work orders.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.errors import ScorecardErrorCode
from appraisal.models import PeerAssignment, Scorecard, ScorecardStatus, ScoreEntry, ScoreSource
from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import CrewMembership, Department, Engineer, EngineerStatus
from engineers.selectors import assessment_statuses, month_bounds
from incentives.errors import ErrorCode, IncentiveError
from incentives.policy import Policy
from incentives.rules.kpi import performance_pay, scorecard
from ledger.errors import PeriodErrorCode
from ledger.selectors import not_open_period
from ledger.services import closed_period_of
from policies.selectors import policy_in_force

from .fetch import metrics_for

PEERS_PER_ENGINEER = 2


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def bounds(self) -> tuple[date, date]:
        return month_bounds(self.year, self.month)

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @classmethod
    def parse(cls, value: str | None, *, default: date) -> Month:
        """A month from "YYYY-MM" (as a page or a request sends it); `default`'s month when unreadable."""
        try:
            year, month = (int(x) for x in (value or "").split("-"))
            if 2000 <= year <= 2100 and 1 <= month <= 12:
                return cls(year, month)
        except ValueError:
            pass
        return cls(default.year, default.month)


def require_open_period(month: Month, *, lock: bool = True) -> None:
    """A month whose pay period is closing or closed is read-only. A write checks under the period's
    lock (`lock`); a page that only says so reads the period's status, one query instead of three."""
    period = (closed_period_of if lock else not_open_period)(month.year, month.month)
    if period:
        raise DomainError(
            PeriodErrorCode.CLOSED,
            _("Pay period %(period)s is %(status)s: its scores can no longer change.")
            % {"period": str(period), "status": period.get_status_display()},
        )


def department_engineers(department: Department, month: Month):
    """Everyone of the department employed at some point in the month."""
    start, end = month.bounds
    return (
        Engineer.objects.filter(department=department, hire_date__lte=end)
        .exclude(status=EngineerStatus.LEFT, leaving_date__lt=start)
        .order_by("employee_no")
    )


@transaction.atomic
def scorecards_prepare(*, department: Department, month: Month) -> dict[int, Scorecard]:
    """A scorecard per engineer inside assessment (created once), with crew-mate peers assigned.

    A closing or closed month is refused: its scorecards are part of a paid payroll."""
    require_open_period(month)
    start, end = month.bounds
    policy = policy_in_force(end)
    engineers = list(department_engineers(department, month))
    statuses = assessment_statuses(
        Engineer.objects.filter(pk__in=[e.pk for e in engineers]), period_start=start, period_end=end, policy=policy
    )
    inside = [e for e in engineers if statuses[e.pk].inside]
    existing = {
        s.engineer_id: s for s in Scorecard.objects.filter(engineer__in=inside, year=month.year, month=month.month)
    }
    new = [
        Scorecard(engineer=e, year=month.year, month=month.month, policy_version=policy.label)
        for e in inside
        if e.pk not in existing
    ]
    Scorecard.objects.bulk_create(new)
    cards = {
        s.engineer_id: s for s in Scorecard.objects.filter(engineer__in=inside, year=month.year, month=month.month)
    }
    if new:
        fresh = [cards[s.engineer_id] for s in new]
        _assign_peers(fresh, cards, end)
        scorecards_recompute(fresh, month=month, policy=policy)  # only the new ones: the rest are as they were
    return cards


@transaction.atomic
def own_scorecard_open(*, user, month: Month) -> Scorecard:
    """An engineer opens the month before HR has: their department's scorecards are created
    (peers assigned), so they can self-assess. Refused outside assessment."""
    engineer = getattr(user, "engineer", None)
    if engineer is None:
        raise PermissionDeniedError(
            ScorecardErrorCode.NO_ENGINEER, _("Your login is not linked to an engineer record.")
        )
    card = scorecards_prepare(department=engineer.department, month=month).get(engineer.pk)
    if card is None:
        raise DomainError(
            ScorecardErrorCode.OUTSIDE_ASSESSMENT, _("You are outside assessment this month, so there is no scorecard.")
        )
    return card


def _assign_peers(new_cards: list[Scorecard], cards: dict[int, Scorecard], on: date) -> None:
    """Each engineer is reviewed by the next crew mates (by employee no.) who are also assessed."""
    crews: dict[int, list[int]] = defaultdict(list)
    crew_of: dict[int, int] = {}
    for crew_id, engineer_id in (
        CrewMembership.objects.filter(engineer_id__in=cards, start_date__lte=on)
        .exclude(end_date__lt=on)
        .order_by("crew_id", "engineer__employee_no")
        .values_list("crew_id", "engineer_id")
    ):
        crews[crew_id].append(engineer_id)
        crew_of[engineer_id] = crew_id
    assignments = []
    for card in new_cards:
        mates = crews.get(crew_of.get(card.engineer_id), [])
        if card.engineer_id not in mates:
            continue
        i = mates.index(card.engineer_id)
        reviewers = [mates[(i + k) % len(mates)] for k in range(1, len(mates))][:PEERS_PER_ENGINEER]
        assignments += [PeerAssignment(scorecard=card, reviewer_id=r) for r in reviewers]
    PeerAssignment.objects.bulk_create(assignments, ignore_conflicts=True)


def scores_of(card: Scorecard, entries: Iterable[ScoreEntry]) -> dict[str, dict[str, Decimal | Fraction]]:
    """source → dimension → score; several peers are averaged per dimension, exactly (the engine
    rounds the month's score once)."""
    grouped: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for e in entries:
        grouped[(e.source, e.dimension)].append(e.score)
    scores: dict[str, dict[str, Decimal | Fraction]] = defaultdict(dict)
    for (source, dimension), values in grouped.items():
        scores[source][dimension] = Fraction(sum(values, Decimal(0))) / len(values)
    if card.metrics.get("csat_count"):  # exact mean of the month's CSAT scores
        scores[ScoreSource.CUSTOMER]["customer"] = Fraction(card.metrics["csat_sum"], card.metrics["csat_count"])
    elif card.metrics.get("csat_average") is not None:  # metrics stored before the exact sum was kept
        scores[ScoreSource.CUSTOMER]["customer"] = Decimal(card.metrics["csat_average"])
    return scores


def scorecards_recompute(cards: list[Scorecard], *, month: Month, policy: Policy | None = None) -> None:
    """Metrics from work orders and the score, band and performance pay from the engine."""
    if not cards:
        return
    policy = policy or policy_in_force(month.bounds[1])
    engineers = {e.pk: e for e in Engineer.objects.filter(pk__in=[c.engineer_id for c in cards])}
    metrics = metrics_for(list(engineers.values()), period=month.bounds, on_time_hours=policy.kpi.on_time_hours)
    entries: dict[int, list[ScoreEntry]] = defaultdict(list)
    for entry in ScoreEntry.objects.filter(scorecard__in=cards):
        entries[entry.scorecard_id].append(entry)
    for card in cards:
        card.metrics = metrics[card.engineer_id].as_dict()
        card.policy_version = policy.label
        scores = scores_of(card, entries[card.pk])
        given = {e.dimension for e in entries[card.pk] if e.source == ScoreSource.SUPERVISOR}
        # The month is assessed once the supervisor has scored every dimension (what submitting requires);
        # self, peer and customer scores are optional and re-weighted away when absent.
        card.missing = [d.code for d in policy.kpi.dimensions if d.code not in given]
        result = None
        if not card.missing:
            try:
                result = scorecard(scores=scores, policy=policy)
            except IncentiveError as exc:
                if exc.code != ErrorCode.KPI_NO_SCORES:  # anything else is a real fault: let it surface
                    raise
        if result is None:
            card.score, card.band, card.coefficient, card.performance_pay_amount, card.trace = None, "", None, None, {}
            continue
        pay = performance_pay(
            result=result, base=engineers[card.engineer_id].performance_pay_base_amount, policy=policy
        )
        card.score, card.band, card.coefficient = result.score, result.band.code, result.band.coefficient
        card.performance_pay_amount, card.trace = pay.amount, pay.as_dict()
    Scorecard.objects.bulk_update(
        cards,
        [
            "metrics",
            "policy_version",
            "score",
            "band",
            "coefficient",
            "performance_pay_amount",
            "trace",
            "missing",
            "updated_at",
        ],
    )


SCORE_PLACES = 2  # ScoreEntry.score has two decimal places: a third would be rounded away silently


def require_known_source(source, policy: Policy) -> None:
    """The source must be one the month's policy weighs (who may type which is the role's matter)."""
    known = [s.code for s in policy.kpi.sources]
    if not isinstance(source, str) or source not in known:
        raise DomainError(
            ScorecardErrorCode.UNKNOWN_SOURCE,
            _("Unknown score source %(source)s: use one of %(allowed)s (policy %(policy)s).")
            % {"source": _shown(source), "allowed": "、".join(known), "policy": policy.label},
            field="source",
        )


def _shown(text, limit: int = 30) -> str:
    """User input quoted in a message, cut so a long key cannot flood the page."""
    text = str(text)
    return repr(text if len(text) <= limit else text[:limit] + "…")


def score_problem(policy: Policy, dimension, value) -> str | None:
    """Why one cell cannot be saved under the month's policy (None when it can; None as value clears it).

    The dimension must be one the policy weighs; the score a finite decimal with at most two
    places inside the policy's score range."""
    dims = [d.code for d in policy.kpi.dimensions]
    if not isinstance(dimension, str) or dimension not in dims:
        return _("Unknown dimension %(dim)s: use one of %(dims)s (policy %(policy)s).") % {
            "dim": _shown(dimension),
            "dims": "、".join(dims),
            "policy": policy.label,
        }
    if value is None:
        return None
    low, high = policy.kpi.score_range.low, policy.kpi.score_range.high
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)  # whole numbers are exact; floats never are and stay refused
    if not isinstance(value, Decimal) or not value.is_finite():
        return _("%(v)s is not a number: use %(lo)s–%(hi)s.") % {"v": _shown(value), "lo": low, "hi": high}
    if value not in policy.kpi.score_range:
        return _("%(v)s is not a score: use %(lo)s–%(hi)s.") % {"v": value, "lo": low, "hi": high}
    if value != value.quantize(Decimal(1).scaleb(-SCORE_PLACES)):
        return _("%(v)s has more than two decimal places.") % {"v": value}
    return None


def _may_enter(user, source: str) -> bool:
    if source == ScoreSource.CUSTOMER:
        return False  # from work-order evaluations, never typed
    if has_role(user, Role.HR_CLERK):
        return True  # HR transcribes paper forms for any typed source
    return source == ScoreSource.SUPERVISOR and has_role(user, Role.SUPERVISOR)


@dataclass(frozen=True)
class CellError:
    engineer_id: int
    dimension: str
    message: str


@transaction.atomic
def grid_save(
    *, user, department: Department, month: Month, source: str, rows: Mapping[int, Mapping[str, Decimal | None]]
) -> dict[int, Scorecard]:
    """Save one source's scores for many engineers: every cell is checked first, and one bad
    cell saves nothing (the error lists each bad cell)."""
    policy = policy_in_force(month.bounds[1])
    require_known_source(source, policy)
    if not _may_enter(user, source):
        raise PermissionDeniedError(ScorecardErrorCode.SOURCE_ROLE, _("Your role cannot enter these scores."))
    require_open_period(month)
    cards = scorecards_prepare(department=department, month=month)
    errors: list[CellError] = []
    for engineer_id, values in rows.items():
        card = cards.get(engineer_id)
        if card is None:
            errors.append(CellError(engineer_id, "", _("This engineer is outside assessment this month.")))
            continue
        if card.status == ScorecardStatus.SUBMITTED:
            errors.append(CellError(engineer_id, "", _("This scorecard was submitted and can no longer change.")))
        for dim, value in values.items():
            problem = score_problem(policy, dim, value)
            if problem:
                errors.append(CellError(engineer_id, str(dim)[:30], problem))
    if errors:
        raise GridError(errors)
    touched = []
    for engineer_id, values in rows.items():
        card = cards[engineer_id]
        for dim, value in values.items():
            lookup = {"scorecard": card, "source": source, "dimension": dim, "reviewer": None}
            if value is None:
                ScoreEntry.objects.filter(**lookup).delete()
            else:
                ScoreEntry.objects.update_or_create(**lookup, defaults={"score": value, "entered_by": user})
        touched.append(card)
    scorecards_recompute(touched, month=month, policy=policy)
    return cards


class GridError(DomainError):
    def __init__(self, cells: list[CellError]):
        super().__init__(ScorecardErrorCode.INVALID_CELLS, _("Some scores are not valid: nothing was saved."))
        self.cells = cells


@transaction.atomic
def grid_submit(*, user, department: Department, month: Month) -> int:
    """HR submits the department's month once every assessed engineer has full supervisor scores."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(
            ScorecardErrorCode.SUBMIT_ROLE, _("Only an HR clerk submits the month's scorecards.")
        )
    require_open_period(month)
    cards = scorecards_prepare(department=department, month=month)
    dims = [d.code for d in policy_in_force(month.bounds[1]).kpi.dimensions]
    have = defaultdict(set)
    for card_id, dim in ScoreEntry.objects.filter(
        scorecard__in=cards.values(), source=ScoreSource.SUPERVISOR
    ).values_list("scorecard_id", "dimension"):
        have[card_id].add(dim)
    incomplete = [c.engineer.name for c in cards.values() if set(dims) - have[c.pk]]
    if incomplete:
        raise DomainError(
            ScorecardErrorCode.INCOMPLETE,
            _("Supervisor scores are missing for: %(names)s.") % {"names": "、".join(sorted(incomplete))},
        )
    now = timezone.now()
    open_cards = [c for c in cards.values() if c.status == ScorecardStatus.DRAFT]
    scorecards_recompute(open_cards, month=month)
    for card in open_cards:
        card.status, card.submitted_by, card.submitted_at = ScorecardStatus.SUBMITTED, user, now
    Scorecard.objects.bulk_update(open_cards, ["status", "submitted_by", "submitted_at"])
    return len(open_cards)


@transaction.atomic
def own_scores_save(*, user, card: Scorecard, source: str, values: Mapping[str, Decimal]) -> Scorecard:
    """An engineer's self-assessment, or a peer review they were assigned."""
    engineer = getattr(user, "engineer", None)
    if engineer is None:
        raise PermissionDeniedError(
            ScorecardErrorCode.NO_ENGINEER, _("Your login is not linked to an engineer record.")
        )
    if source == ScoreSource.SELF and card.engineer_id != engineer.pk:
        raise PermissionDeniedError(ScorecardErrorCode.NOT_YOURS, _("You can only fill in your own self-assessment."))
    if source == ScoreSource.PEER and not card.peer_assignments.filter(reviewer=engineer).exists():
        raise PermissionDeniedError(ScorecardErrorCode.NOT_ASSIGNED, _("You were not asked to review this colleague."))
    if source not in (ScoreSource.SELF, ScoreSource.PEER):
        raise PermissionDeniedError(ScorecardErrorCode.SOURCE_ROLE, _("Your role cannot enter these scores."))
    month = Month(card.year, card.month)
    require_open_period(month)
    if card.status == ScorecardStatus.SUBMITTED:
        raise DomainError(ScorecardErrorCode.SUBMITTED, _("This scorecard was submitted and can no longer change."))
    policy = policy_in_force(month.bounds[1])
    require_known_source(source, policy)
    problems = {
        str(dim)[:30]: problem for dim, value in values.items() if (problem := score_problem(policy, dim, value))
    }
    if problems:
        first, message = next(iter(problems.items()))
        raise DomainError(
            ScorecardErrorCode.SCORE_OUT_OF_RANGE,
            f"{first}: {message}",
            fields={dim: [message] for dim, message in problems.items()},
        )
    reviewer = engineer if source == ScoreSource.PEER else None
    for dim, value in values.items():
        ScoreEntry.objects.update_or_create(
            scorecard=card,
            source=source,
            dimension=dim,
            reviewer=reviewer,
            defaults={"score": value, "entered_by": user},
        )
    scorecards_recompute([card], month=month, policy=policy)
    return card
