"""Scoped reads: the ladder in force, whose candidacies a user sees, the evidence the system gathers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db.models import Count, Q, QuerySet, Sum

from appraisal.models import Scorecard, ScorecardStatus
from core.roles import Role, has_role
from engineers.models import EmploymentType, Engineer, EngineerSkill
from incentives.career_policy import CAREER_DOCUMENT, CareerPolicy
from incentives.money import round_half_up
from incentives.rules.career import CareerFacts
from policies.errors import PolicyError
from policies.selectors import policy_version_in_force
from workorders.models import Participant

from .models import Candidate, PanelScore, PromotionReview, RankChange

# Who reads every candidacy: HR runs the reviews, the general manager decides, supervisors nominate and
# know every engineer's work (as for technical grades).
ALL_CANDIDATES = (Role.HR_CLERK, Role.GENERAL_MANAGER, Role.SUPERVISOR)
PANEL = (Role.GENERAL_MANAGER, Role.DEPT_MANAGER)
NOMINATORS = (Role.HR_CLERK, Role.SUPERVISOR, Role.DEPT_MANAGER, Role.GENERAL_MANAGER)


def career_policy_on(day: date) -> CareerPolicy:
    """The ladder in force on `day` (raises PolicyError when none is)."""
    return CareerPolicy.from_dict(policy_version_in_force(day, document_no=CAREER_DOCUMENT).parameters)


def career_policy_or_none(day: date) -> CareerPolicy | None:
    try:
        return career_policy_on(day)
    except PolicyError:
        return None


def visible_reviews(user) -> QuerySet[PromotionReview]:
    """Every signed-in user sees the reviews (an engineer must find the competition to apply to it)."""
    qs = PromotionReview.objects.select_related("department")
    return qs if user.is_authenticated else qs.none()


def visible_candidates(user) -> QuerySet[Candidate]:
    """HR, general managers and supervisors all; a department manager those of the departments they manage
    (and their own); anyone else only their own. The published notice (every signed-in user reads it) does not
    come through here."""
    qs = Candidate.objects.select_related("review", "engineer__department", "nominated_by", "decided_by")
    if not user.is_authenticated:
        return qs.none()
    if has_role(user, *ALL_CANDIDATES):
        return qs
    if has_role(user, Role.DEPT_MANAGER):
        return qs.filter(Q(engineer__department__manager=user) | Q(engineer__user=user))
    return qs.filter(engineer__user=user)


def sits_on_panel(user, candidate: Candidate) -> bool:
    """A general manager for any candidate, a department manager for those of the departments they manage."""
    if has_role(user, Role.GENERAL_MANAGER):
        return True
    return has_role(user, Role.DEPT_MANAGER) and candidate.engineer.department.manager_id == user.pk


def may_nominate(user, engineer: Engineer) -> bool:
    if has_role(user, Role.HR_CLERK, Role.SUPERVISOR, Role.GENERAL_MANAGER):
        return True
    return has_role(user, Role.DEPT_MANAGER) and engineer.department.manager_id == user.pk


def nominable_engineers(user) -> QuerySet[Engineer]:
    qs = Engineer.objects.filter(status="active").select_related("department")
    if has_role(user, Role.HR_CLERK, Role.SUPERVISOR, Role.GENERAL_MANAGER):
        return qs
    if has_role(user, Role.DEPT_MANAGER):
        return qs.filter(department__manager=user)
    return qs.none()


def visible_rank_changes(user) -> QuerySet[RankChange]:
    """A rank change is an engineer's record: those who read the engineer's candidacies read it."""
    qs = RankChange.objects.select_related("engineer__department", "approved_by")
    if not user.is_authenticated:
        return qs.none()
    if has_role(user, *ALL_CANDIDATES):
        return qs
    if has_role(user, Role.DEPT_MANAGER):
        return qs.filter(Q(engineer__department__manager=user) | Q(engineer__user=user))
    return qs.filter(engineer__user=user)


def _months_back(day: date, months: int) -> date:
    """The first day of the month `months` before `day`'s month."""
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def months_between(start: date, on: date) -> int:
    months = (on.year - start.year) * 12 + on.month - start.month
    return max(months - (1 if on.day < start.day else 0), 0)


def rank_since(engineer: Engineer, on: date) -> date:
    """When the engineer reached their current rank: the latest rank change (one from a later day counts as
    0 months), else the hire date (a rank set before this system kept rank changes counts from the hire date)."""
    change = engineer.rank_changes.order_by("-effective_from").first()
    return change.effective_from if change else engineer.hire_date


def panel_mean(candidate: Candidate):
    """The exact mean of the panel's scores, rounded once half-up to 0.01; None before anyone scored."""
    stats = PanelScore.objects.filter(candidate=candidate).aggregate(total=Sum("score"), n=Count("id"))
    return round_half_up(Fraction(stats["total"]) / stats["n"]) if stats["n"] else None


@dataclass(frozen=True)
class Window:
    first: date  # first day of the oldest month counted
    last: date  # the day the evidence is gathered


def evidence_window(on: date, policy: CareerPolicy) -> Window:
    """The last `window_months` whole months before `on`'s month for the KPI; the work orders from the same
    first day up to `on`."""
    return Window(_months_back(on, policy.window_months), on)


def career_facts(engineer: Engineer, *, on: date, policy: CareerPolicy, panel_score=None) -> CareerFacts:
    """What the records say about an engineer on `on`, in a few queries: KPI, work orders, certificates."""
    window = evidence_window(on, policy)
    first_index = window.first.year * 12 + window.first.month
    last_index = on.year * 12 + on.month  # exclusive: the month in progress has no submitted card yet
    cards = [
        c.score
        for c in Scorecard.objects.filter(
            engineer=engineer, status=ScorecardStatus.SUBMITTED, score__isnull=False, year__gte=window.first.year
        ).only("year", "month", "score")
        if first_index <= c.year * 12 + c.month < last_index
    ]
    kpi_mean = round_half_up(sum(Fraction(s) for s in cards) / len(cards)) if cards else None
    stats = Participant.objects.filter(
        engineer=engineer, work_order__completed_on__gte=window.first, work_order__completed_on__lte=on
    ).aggregate(
        orders=Count("work_order", distinct=True),
        csat_sum=Sum("work_order__csat_score"),
        csat_n=Count("work_order__csat_score"),
    )
    csat = round_half_up(Fraction(stats["csat_sum"], stats["csat_n"])) if stats["csat_n"] else None
    certificates = EngineerSkill.objects.filter(engineer=engineer, issued_on__lte=on).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gte=on)
    )
    probation_passed = engineer.employment_type != EmploymentType.PROBATION and (
        engineer.probation_end is None or engineer.probation_end < on
    )
    return CareerFacts(
        rank=engineer.career_rank,
        months_at_rank=months_between(rank_since(engineer, on), on),
        probation_passed=probation_passed,
        kpi_months=len(cards),
        kpi_mean=kpi_mean,
        technical_grade=engineer.technical_grade,
        csat_average=csat,
        work_orders=stats["orders"],
        certificates=certificates.count(),
        panel_score=panel_score,
    )


def ranked(candidates) -> list[Candidate]:
    """A competition's order: panel score, then KPI mean (both highest first), then employee no."""

    def key(c: Candidate):
        kpi = (c.evidence.get("kpi_mean") or [None])[0]
        return (
            -(c.panel_score if c.panel_score is not None else -1),
            -(Fraction(kpi) if kpi is not None else -1),
            c.engineer.employee_no,
        )

    return sorted(candidates, key=key)


@dataclass(frozen=True)
class EvidenceRow:
    label: object
    actual: object
    required: object
    met: bool


def evidence_rows(candidate: Candidate) -> list[EvidenceRow]:
    """The evidence as a page shows it: each requirement in words, the engineer's figure, the rung's minimum."""
    from django.utils.translation import gettext_lazy as _

    from engineers.models import CareerRank, TechnicalGrade

    ev, reasons = candidate.evidence or {}, set(candidate.reasons or ())
    grades = dict(TechnicalGrade.choices)
    ranks = dict(CareerRank.choices)
    yes, no = _("yes"), _("no")
    spec = (
        ("rank", _("Current rank"), "not_next_rung", lambda v: ranks.get(v, v)),
        ("months_at_rank", _("Months at the current rank"), "months_at_rank", None),
        ("probation_passed", _("Probation passed"), "probation", lambda v: yes if v else no),
        ("kpi_months", _("Submitted KPI months in the window"), "kpi_months", None),
        ("kpi_mean", _("KPI mean in the window"), "kpi_mean", None),
        ("technical_grade", _("Technical grade"), "technical_grade", lambda v: grades.get(v, v) or "—"),
        ("csat_average", _("CSAT average in the window"), "csat", None),
        ("work_orders", _("Completed work orders in the window"), "work_orders", None),
        ("certificates", _("Valid certificates"), "certificates", None),
        ("panel_score", _("Panel score (mean)"), "panel_score", None),
    )
    rows = []
    for key, label, reason, shown in spec:
        if key not in ev:
            continue
        actual, required = ev[key]
        if shown is not None:
            actual, required = shown(actual), shown(required)
        rows.append(EvidenceRow(label, "—" if actual is None else actual, required, reason not in reasons))
    return rows
