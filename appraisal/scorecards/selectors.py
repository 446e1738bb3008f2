"""Reads for the KPI pages and API, scoped per user."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from appraisal.models import Scorecard, ScoreEntry
from core.roles import Role, reads_company_wide, roles_of
from engineers.models import Department
from engineers.selectors import FACT_FIELDS, absences_by_engineer, statuses_of_facts
from policies.selectors import policy_in_force

from .services import Month, department_engineers


def visible_scorecards(user) -> QuerySet[Scorecard]:
    """Company-wide readers all; a department manager their departments; everyone else their own."""
    qs = Scorecard.objects.select_related("engineer__department")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    scope = Q(engineer__user=user)
    if Role.DEPT_MANAGER in roles_of(user):
        scope |= Q(engineer__department__manager=user)
    return qs.filter(scope)


@dataclass
class GridRow:
    engineer_id: int
    employee_no: str
    name: str
    inside: bool
    reasons: list[str]
    cells: dict[str, Decimal | None] = field(default_factory=dict)
    card: Scorecard | None = None


def scorecards_of(department: Department, month: Month) -> dict[int, Scorecard]:
    """The department's scorecards of the month that exist, by engineer id (reading creates none)."""
    return {
        s.engineer_id: s
        for s in Scorecard.objects.filter(
            engineer__in=department_engineers(department, month).order_by(), year=month.year, month=month.month
        ).order_by()  # a dict: the default order joined the engineers and scanned all 50,000 of a large company
    }


def grid_rows(department: Department, month: Month, source: str, cards: dict[int, Scorecard]) -> list[GridRow]:
    """A row per engineer of the department this month; outside ones carry their reasons."""
    start, end = month.bounds
    policy = policy_in_force(end)
    # One read of the engineers for the rows and their statuses: 300 rows as values, no models.
    in_department = department_engineers(department, month)
    engineers = list(in_department.values_list("pk", "employee_no", "name", *FACT_FIELDS))
    statuses = statuses_of_facts(
        [(pk, *facts) for pk, _no, _name, *facts in engineers],
        absences=absences_by_engineer(in_department),  # a subquery: twice as fast as 300 ids in a list
        period_start=start,
        period_end=end,
        policy=policy,
    )
    dims = [d.code for d in policy.kpi.dimensions]
    values: dict[tuple[int, str], Decimal] = {
        (card_id, dim): score
        for card_id, dim, score in ScoreEntry.objects.filter(
            scorecard__in=[card.pk for card in cards.values()], source=source, reviewer__isnull=True
        )
        .order_by()
        .values_list("scorecard_id", "dimension", "score")
    }
    rows = []
    for pk, employee_no, name, *_facts in engineers:
        card = cards.get(pk)
        row = GridRow(pk, employee_no, name, statuses[pk].inside, statuses[pk].reasons, card=card)
        if card:
            row.cells = {d: values.get((card.pk, d)) for d in dims}
        rows.append(row)
    return rows
