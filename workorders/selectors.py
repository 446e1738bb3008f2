"""Reads of work orders and piece-rate tables, scoped to what the user may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from core.roles import Role, reads_company_wide, roles_of

from .models import PieceRateTable, PieceRateTableStatus, WorkOrder


def visible_work_orders(user) -> QuerySet[WorkOrder]:
    """Company-wide readers see all; a department manager their departments; a crew
    leader their crews' orders; an engineer only the orders they took part in."""
    qs = WorkOrder.objects.select_related("department", "crew")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    codes = roles_of(user)
    scope = Q(participants__engineer__user=user)
    if Role.DEPT_MANAGER in codes:
        scope |= Q(department__manager=user)
    if Role.CREW_LEADER in codes:
        scope |= Q(crew__leader__user=user)
    return qs.filter(pk__in=WorkOrder.objects.filter(scope).values("pk"))


def rate_table_in_force(on: date) -> PieceRateTable | None:
    """The active table with the latest start on or before `on`."""
    return (
        PieceRateTable.objects.filter(status=PieceRateTableStatus.ACTIVE, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
