"""Scoped reads of the feedback and the policy reviews.

Who reads what: every signed-in user reads the supervision group and their own suggestions; the supervision group,
HR, general managers and finance read every suggestion and every policy review (the review's costs are company
totals per rule, nobody's pay). An object outside the reader's scope is a 404. No read here ever names the author
of an anonymous suggestion: pages and the API show `author_shown`, which is None for those.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from core.roles import Role, has_role
from ledger.models import PayPeriod, PeriodStatus
from payroll.models import LineKind, PayslipLine, Section, section_of
from policies import kinds
from policies.selectors import versions_in_force

from .models import Feedback, FeedbackStatus, PolicyReview, SupervisionMember

# Rules a suggestion may name: the payslip's lines that a policy decides (tax and contributions are the law's).
RULE_CHOICES = [(k.value, k.label) for k in LineKind if k not in (LineKind.EMPLOYER_CONTRIBUTION,)]


def group_members() -> QuerySet[SupervisionMember]:
    """The supervision group today: open seats, oldest first."""
    return SupervisionMember.objects.filter(ended_at__isnull=True).select_related("user", "added_by")


def group_history() -> QuerySet[SupervisionMember]:
    return SupervisionMember.objects.filter(ended_at__isnull=False).select_related("user", "added_by", "ended_by")


def is_group_member(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_supervises", None)
    if cached is None:
        cached = SupervisionMember.objects.filter(user=user, ended_at__isnull=True).exists()
        user._supervises = cached
    return cached


def manages_group(user) -> bool:
    """HR or a general manager chooses the supervision group's members."""
    return has_role(user, Role.HR_CLERK, Role.GENERAL_MANAGER)


def reads_all_feedback(user) -> bool:
    return is_group_member(user) or has_role(user, Role.HR_CLERK, Role.GENERAL_MANAGER, Role.FINANCE)


def visible_feedback(user) -> QuerySet[Feedback]:
    """Every suggestion for the group, HR, general managers and finance; one's own for everyone else."""
    qs = Feedback.objects.select_related("author", "answered_by")
    if reads_all_feedback(user):
        return qs
    return qs.filter(author=user)


def my_feedback(user) -> QuerySet[Feedback]:
    return Feedback.objects.filter(author=user).select_related("answered_by")


def unread_answers(user) -> QuerySet[Feedback]:
    """The author's suggestions the group answered since the author last opened them: for their home."""
    return my_feedback(user).exclude(status=FeedbackStatus.OPEN).filter(author_read_at__isnull=True)


def open_for_group(user) -> int | None:
    """How many suggestions wait for the group's answer, for a member's home (None: not a member)."""
    if not is_group_member(user):
        return None
    return Feedback.objects.filter(status=FeedbackStatus.OPEN).count()


def visible_reviews(user) -> QuerySet[PolicyReview]:
    qs = PolicyReview.objects.select_related("draft", "started_by", "closed_by")
    return qs if reads_all_feedback(user) else qs.none()


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The year in Asia/Shanghai as aware datetimes [start, end)."""
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min))
    return start, timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))


def feedback_of_year(year: int) -> QuerySet[Feedback]:
    start, end = year_bounds(year)
    return Feedback.objects.filter(created_at__gte=start, created_at__lt=end).select_related("author", "answered_by")


def document_choices(on: date) -> list[tuple[str, str]]:
    """The documents in force, FS-MS-KF-13 first: what a suggestion may be about."""
    in_force = versions_in_force(on)
    ordered = sorted(in_force, key=kinds.document_order)
    return [(no, f"{no} {kinds.document_words(no, in_force[no].parameters)}") for no in ordered]


def rule_words(rule: str) -> str:
    return str(dict(RULE_CHOICES).get(rule, rule))


@dataclass(frozen=True)
class RuleCost:
    kind: str
    rule: str
    section: str
    total: Decimal
    lines: int
    engineers: int

    @property
    def kind_words(self) -> str:
        return str(LineKind(self.kind).label) if self.kind in LineKind.values else self.kind

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "section": self.section,
            "total": str(self.total),
            "lines": self.lines,
            "engineers": self.engineers,
        }

    @classmethod
    def from_json(cls, data: dict) -> RuleCost:
        return cls(
            data["kind"], data["rule"], data["section"], Decimal(data["total"]), data["lines"], data["engineers"]
        )


KIND_ORDER = {k.value: i for i, k in enumerate(LineKind)}


def rule_costs(year: int) -> list[RuleCost]:
    """What each rule paid (or withheld) in the year's closed months: the closed payslips' lines summed by line kind
    and rule code, in one aggregate query, in the payslip's order of kinds."""
    rows = (
        PayslipLine.objects.filter(payslip__period__year=year, payslip__period__status=PeriodStatus.CLOSED)
        .values("kind", "rule")
        .annotate(total=Sum("amount"), lines=Count("id"), engineers=Count("payslip__engineer", distinct=True))
        .order_by()
    )
    costs = [
        RuleCost(r["kind"], r["rule"], section_of(r["kind"]), r["total"], r["lines"], r["engineers"]) for r in rows
    ]
    return sorted(costs, key=lambda c: (KIND_ORDER.get(c.kind, 99), c.rule))


def review_costs(review: PolicyReview) -> list[RuleCost]:
    """A closed review's costs as they were when it was concluded; an open one's as the closed months say today."""
    if review.costs or review.closed_at:
        return [RuleCost.from_json(c) for c in review.costs]
    return rule_costs(review.year)


def closed_months(year: int) -> list[int]:
    return list(
        PayPeriod.objects.filter(year=year, status=PeriodStatus.CLOSED)
        .order_by("month")
        .values_list("month", flat=True)
    )


def feedback_counts(qs: QuerySet[Feedback]) -> dict:
    """Counts by category and by status, one query."""
    return qs.aggregate(
        total=Count("id"),
        suggestions=Count("id", filter=Q(category="suggestion")),
        complaints=Count("id", filter=Q(category="complaint")),
        open=Count("id", filter=Q(status=FeedbackStatus.OPEN)),
        answered=Count("id", filter=Q(status=FeedbackStatus.ANSWERED)),
        adopted=Count("id", filter=Q(status=FeedbackStatus.ADOPTED)),
        declined=Count("id", filter=Q(status=FeedbackStatus.DECLINED)),
    )


def section_totals(costs: list[RuleCost]) -> list[tuple[str, Decimal]]:
    """The costs' totals per payslip section (gross pay, contributions, tax, after tax, employer cost), in order."""
    totals: dict[str, Decimal] = {}
    for c in costs:
        totals[c.section] = totals.get(c.section, Decimal("0.00")) + c.total
    return [(str(s.label), totals[s.value]) for s in Section if s.value in totals]
