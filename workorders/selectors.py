"""Reads of work orders and piece-rate tables, scoped to what the user may see."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from core.roles import Role, reads_company_wide, roles_of

from .models import Participant, PieceRateTable, PieceRateTableStatus, WorkOrder


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


def participant_names(orders) -> dict[int, list[str]]:
    """Each order's participants' names, by employee no. (the list's column): one query of two columns
    instead of prefetching participants and their engineers as models."""
    names: dict[int, list[str]] = {wo.pk: [] for wo in orders}
    rows = (
        Participant.objects.filter(work_order_id__in=list(names))
        .order_by("work_order_id", "engineer__employee_no")
        .values_list("work_order_id", "engineer__name")
    )
    for order_id, name in rows:
        names[order_id].append(name)
    return names
