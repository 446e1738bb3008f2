"""Reads of engineers and crews, scoped to what the user may see."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.roles import Role, reads_all_pay, reads_company_wide, roles_of
from incentives.assessment import AssessmentResult, EngineerFacts, assess
from incentives.policy import Policy

from .models import Absence, Crew, Department, Engineer

EXCLUSION_LABELS = {
    "outsourced": _("Outsourced staff"),
    "probation": _("On probation"),
    "temporary": _("Temporary hire"),
    "long_absence": _("Absent 30 or more consecutive days"),
    "left": _("Left before the assessment date"),
    "not_yet_hired": _("Not yet hired in this period"),
}


def visible_engineers(user) -> QuerySet[Engineer]:
    """Company-wide readers see all; a department manager their departments; a crew
    leader their crews' members; everyone else only their own record."""
    qs = Engineer.objects.select_related("department")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    codes = roles_of(user)
    scope = Q(user=user)
    if Role.DEPT_MANAGER in codes:
        scope |= Q(department__manager=user)
    if Role.CREW_LEADER in codes:
        scope |= Q(memberships__crew__leader__user=user, memberships__end_date__isnull=True)
    return qs.filter(scope).distinct()


def pay_scope(user, path: str = "") -> Q | None:
    """Whose pay (payslips, payable items, incentive amounts, cap headroom, eligibility reasons)
    the user may read, as a filter on the engineer reached by `path` ("" for Engineer itself,
    "engineer__" for a payslip or payable item): the engineer themself and the manager of the
    engineer's department; None means everyone's (HR, finance, general managers).
    Two copies of this rule must change with it: reads_pay_of below and payroll.kept_pages._scope."""
    if reads_all_pay(user):
        return None
    engineers = Q(user=user)
    if Role.DEPT_MANAGER in roles_of(user):
        # The departments' ids read first (a manager has one or two): an OR with a subquery, or across
        # the joined department, is one PostgreSQL cannot estimate, and it read every payslip of the year.
        engineers |= Q(department_id__in=list(Department.objects.filter(manager=user).values_list("pk", flat=True)))
    # An IN over the engineers' ids, each side of the OR on an engineer column with its own index.
    return Q(**{f"{path}in" if path else "pk__in": Engineer.objects.filter(engineers).values("pk")})


def reads_pay_of(user, engineer: Engineer) -> bool:
    """The same rule as pay_scope, for one engineer already loaded."""
    if not user.is_authenticated:
        return False
    if reads_all_pay(user) or (engineer.user_id is not None and engineer.user_id == user.pk):
        return True
    return Role.DEPT_MANAGER in roles_of(user) and engineer.department.manager_id == user.pk


def visible_crews(user) -> QuerySet[Crew]:
    qs = Crew.objects.select_related("department", "leader")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    codes = roles_of(user)
    scope = Q(memberships__engineer__user=user)
    if Role.DEPT_MANAGER in codes:
        scope |= Q(department__manager=user)
    if Role.CREW_LEADER in codes:
        scope |= Q(leader__user=user)
    return qs.filter(scope).distinct()


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def absences_by_engineer(engineers) -> dict[int, tuple[tuple[date, date], ...]]:
    """Each engineer's absences as (start, end), in one query read as plain values; `engineers` is a
    queryset or a list of ids. An engineer without absences has no key."""
    found: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for engineer_id, start, end in (
        Absence.objects.filter(engineer__in=engineers)
        .order_by("engineer_id", "start_date", "pk")
        .values_list("engineer_id", "start_date", "end_date")
    ):
        found[engineer_id].append((start, end))
    return {pk: tuple(runs) for pk, runs in found.items()}


def facts_of(engineer: Engineer, *, absences: tuple[tuple[date, date], ...] | None = None) -> EngineerFacts:
    """The engine's view of an engineer; `absences` when already read (absences_by_engineer), else
    the engineer's (prefetched ones when present)."""
    if absences is None:
        absences = tuple((a.start_date, a.end_date) for a in engineer.absences.all())
    return EngineerFacts(
        employment_type=engineer.employment_type,
        hire_date=engineer.hire_date,
        probation_end=engineer.probation_end,
        leaving_date=engineer.leaving_date,
        absences=absences,
    )


@dataclass(frozen=True)
class AssessmentStatus:
    result: AssessmentResult

    @property
    def inside(self) -> bool:
        return self.result.inside

    @property
    def reasons(self) -> list[str]:
        return [str(EXCLUSION_LABELS[e.code]) for e in self.result.exclusions]


def assessment_status(
    engineer: Engineer,
    *,
    period_start: date,
    period_end: date,
    policy: Policy,
    assessment_date: date | None = None,
    absences: tuple[tuple[date, date], ...] | None = None,
) -> AssessmentStatus:
    """Is this engineer inside assessment for the period under `policy` (the version in force), and if
    not, why. `absences` as facts_of takes them."""
    return AssessmentStatus(
        assess(
            facts_of(engineer, absences=absences),
            period_start=period_start,
            period_end=period_end,
            assessment_date=assessment_date,
            policy=policy,
        )
    )


# What the engine reads of an engineer to assess them, after the id: as statuses_of_facts takes its rows.
FACT_FIELDS = ("employment_type", "hire_date", "probation_end", "leaving_date")


def assessment_statuses(
    engineers: QuerySet[Engineer], *, period_start: date, period_end: date, policy: Policy
) -> dict[int, AssessmentStatus]:
    """The same for many engineers in two queries, read as plain values (a 300-engineer department's
    grid built 300 engineers and their absence managers for five dates each)."""
    return statuses_of_facts(
        engineers.values_list("pk", *FACT_FIELDS),
        absences=absences_by_engineer(engineers),
        period_start=period_start,
        period_end=period_end,
        policy=policy,
    )


def statuses_of_facts(
    rows: Iterable[tuple], *, absences: dict, period_start: date, period_end: date, policy: Policy
) -> dict[int, AssessmentStatus]:
    """Statuses from rows already read: (pk, *FACT_FIELDS) each, `absences` as absences_by_engineer gives."""
    return {
        pk: AssessmentStatus(
            assess(
                EngineerFacts(
                    employment_type=employment_type,
                    hire_date=hire_date,
                    probation_end=probation_end,
                    leaving_date=leaving_date,
                    absences=absences.get(pk, ()),
                ),
                period_start=period_start,
                period_end=period_end,
                policy=policy,
            )
        )
        for pk, employment_type, hire_date, probation_end, leaving_date in rows
    }
