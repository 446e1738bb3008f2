"""Reads of welfare and honours, scoped like pay (engineers.selectors.pay_scope): HR, finance and general
managers read everyone's; a department manager their departments' and their own; an engineer their own.
An object outside the scope is a 404."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from appraisal.models import Award, AwardStatus
from appraisal.models.awards import PENALTY_KINDS
from core.roles import Role, reads_all_pay, roles_of
from engineers.models import Department, Engineer
from engineers.selectors import pay_scope

from .models import Grant, GrantBatch, GrantKind


def visible_grants(user) -> QuerySet[Grant]:
    qs = Grant.objects.select_related("engineer__department", "issued_by", "award", "batch")
    if not user.is_authenticated:
        return qs.none()
    scope = pay_scope(user, "engineer__")
    return qs if scope is None else qs.filter(scope)


def visible_batches(user) -> QuerySet[GrantBatch]:
    qs = GrantBatch.objects.select_related("department", "issued_by")
    if not user.is_authenticated:
        return qs.none()
    if reads_all_pay(user):
        return qs
    if Role.DEPT_MANAGER in roles_of(user):
        return qs.filter(department__manager=user)
    return qs.none()


def leave_engineers(user) -> QuerySet[Engineer]:
    """Whose leave balance the user may read (the same scope)."""
    qs = Engineer.objects.select_related("department").order_by("department__code", "employee_no")
    if not user.is_authenticated:
        return qs.none()
    scope = pay_scope(user)
    return qs if scope is None else qs.filter(scope)


def employed_in(engineers: QuerySet[Engineer], year: int) -> QuerySet[Engineer]:
    """Those employed here at some time in `year` (hired by its end, not left before its start)."""
    return engineers.filter(hire_date__lte=date(year, 12, 31)).exclude(leaving_date__lt=date(year, 1, 1))


def issuable_departments(user) -> QuerySet[Department]:
    return Department.objects.order_by("code") if reads_all_pay(user) else Department.objects.none()


def honours_without_certificates() -> QuerySet[Award]:
    """Approved honours (not penalties) with a member who has no certificate yet: HR's to print."""
    certified = Grant.objects.filter(kind=GrantKind.CERTIFICATE, award__isnull=False).values("award_id")
    return (
        Award.objects.filter(status=AwardStatus.APPROVED)
        .exclude(kind__in=PENALTY_KINDS)
        .exclude(pk__in=certified)
        .select_related("department")
        .prefetch_related("members")
        .order_by("-year", "-month", "-id")
    )
