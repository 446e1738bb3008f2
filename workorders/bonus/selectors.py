"""Which requests a user may see, and which wait for them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.roles import Role, has_role, reads_company_wide, roles_of
from workorders.models import BonusKind, BonusRequest, RequestStatus, WorkOrder


def visible_requests(user) -> QuerySet[BonusRequest]:
    """Company-wide readers see all; a department manager their departments; a crew leader
    their crew's; an engineer only approved requests that pay them."""
    qs = BonusRequest.objects.select_related("work_order__department", "work_order__crew", "engineer", "proposed_by")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    codes = roles_of(user)
    scope = Q(status=RequestStatus.APPROVED) & (
        Q(engineer__user=user) | Q(kind=BonusKind.CREW, work_order__self_assessment__lines__engineer__user=user)
    )
    if Role.DEPT_MANAGER in codes:
        scope |= Q(work_order__department__manager=user)
    if Role.CREW_LEADER in codes:
        scope |= Q(work_order__crew__leader__user=user)
    return qs.filter(pk__in=BonusRequest.objects.filter(scope).values("pk"))


def inbox(user) -> QuerySet[BonusRequest]:
    """Requests waiting for this user's decision or application."""
    waiting = Q(pk__in=[])
    if has_role(user, Role.SUPERVISOR):
        waiting |= Q(status__in=[RequestStatus.DRAFT, RequestStatus.RETURNED])
    if has_role(user, Role.DEPT_MANAGER):
        waiting |= Q(status=RequestStatus.SUBMITTED, work_order__department__manager=user)
    if has_role(user, Role.GENERAL_MANAGER):
        waiting |= Q(status=RequestStatus.REVIEWED)
    own = Q(proposed_by=user) | Q(applied_by=user)
    deciding = Q(status__in=[RequestStatus.SUBMITTED, RequestStatus.REVIEWED])
    # Four-eyes: never list what the user could not decide anyway.
    return visible_requests(user).filter(waiting).exclude(deciding & own).order_by("created_at")


def crew_work_needing(user) -> QuerySet[WorkOrder]:
    """Special work orders of the user's crews still without a self-assessment (crew leader),
    or without the user's inspection (QS officer, supervisor)."""
    qs = WorkOrder.objects.filter(is_special=True, resolved_at__isnull=False)
    if has_role(user, Role.CREW_LEADER) and not reads_company_wide(user):
        return qs.filter(crew__leader__user=user, self_assessment__isnull=True)
    if has_role(user, Role.QS_OFFICER):
        return qs.exclude(inspections__inspector_role="qs_officer")
    if has_role(user, Role.SUPERVISOR):
        return qs.exclude(inspections__inspector_role="supervisor")
    return qs.none()
