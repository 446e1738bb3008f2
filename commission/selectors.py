"""Scoped reads of the commission. Pay (settlement lines) is read by the person, HR, finance, general managers
and the manager of the person's department (engineers.selectors.pay_scope). A franchisee and its pick-up are
read by pay readers of a staff member assigned to it: its volumes are what their commission is made of.
An object outside the scope is a 404, never a 403."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from core.roles import reads_all_pay
from engineers.models import Engineer
from engineers.selectors import pay_scope
from incentives.commission_policy import COMMISSION_DOCUMENT, CommissionDocument
from policies.selectors import policy_version_in_force

from .models import Assignment, AssignmentRole, Franchisee, Pickup, Settlement, SettlementLine, StaffPost
from .months import last_day, next_month


def commission_document(month: date) -> CommissionDocument:
    """KF-COMM in force on the month's last day."""
    return CommissionDocument.from_dict(
        policy_version_in_force(last_day(month), document_no=COMMISSION_DOCUMENT).parameters
    )


def in_month(month: date) -> Q:
    """Assignments in force in `month` (they start on a month's first day and end before one)."""
    return Q(start__lte=month) & (Q(end__isnull=True) | Q(end__gt=month))


def visible_franchisees(user) -> QuerySet[Franchisee]:
    qs = Franchisee.objects.all()
    if not user.is_authenticated:
        return qs.none()
    scope = pay_scope(user, "assignments__engineer__")
    if scope is None:
        return qs
    return qs.filter(pk__in=Franchisee.objects.filter(scope).values("pk"))


def franchisee_for(user, pk) -> Franchisee:
    found = visible_franchisees(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def visible_settlements(user) -> QuerySet[Settlement]:
    qs = Settlement.objects.select_related("proposed_by", "decided_by")
    if not user.is_authenticated:
        return qs.none()
    scope = pay_scope(user, "engineer__")
    if scope is None:
        return qs
    return qs.filter(pk__in=SettlementLine.objects.filter(scope).values("settlement_id"))


def settlement_for(user, pk) -> Settlement:
    found = visible_settlements(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def settlement_lines(user, settlement: Settlement) -> QuerySet[SettlementLine]:
    qs = settlement.lines.select_related("engineer__department")
    scope = pay_scope(user, "engineer__")
    return qs if scope is None else qs.filter(scope)


def commission_staff(month: date) -> QuerySet[Engineer]:
    """Engineers with a commission post who are employed in the month (not left before it starts)."""
    return (
        Engineer.objects.filter(commission_post__isnull=False)
        .filter(Q(leaving_date__isnull=True) | Q(leaving_date__gte=month))
        .filter(hire_date__lt=next_month(month))
        .select_related("department", "commission_post")
        .order_by("employee_no")
    )


@dataclass
class GridRow:
    franchisee: Franchisee
    served_by: Engineer | None
    signed_by: Engineer | None
    pickup: Pickup | None

    @property
    def discount(self) -> Decimal:
        return self.pickup.discount_rate if self.pickup else self.franchisee.discount_rate


def grid_rows(month: date, franchisees: QuerySet[Franchisee]) -> list[GridRow]:
    """A row per active franchisee (and any inactive one with a pick-up that month), with who serves and who
    signed it that month. Three queries."""
    pickups = {p.franchisee_id: p for p in Pickup.objects.filter(month=month)}
    holders: dict[tuple[int, str], Engineer] = {}
    for a in Assignment.objects.filter(in_month(month)).select_related("engineer"):
        holders[(a.franchisee_id, a.role)] = a.engineer
    rows = []
    for f in franchisees.filter(Q(active=True) | Q(pk__in=list(pickups))).order_by("code"):
        rows.append(
            GridRow(
                f,
                holders.get((f.pk, AssignmentRole.SERVES)),
                holders.get((f.pk, AssignmentRole.SIGNED)),
                pickups.get(f.pk),
            )
        )
    return rows


def posts() -> QuerySet[StaffPost]:
    return StaffPost.objects.select_related("engineer__department").order_by("engineer__employee_no")


def waiting_settlements(user) -> int:
    """Settlements waiting for this user's approval (finance or a general manager, not the proposer)."""
    from core.roles import Role, has_role

    if not has_role(user, Role.FINANCE, Role.GENERAL_MANAGER):
        return 0
    return Settlement.objects.filter(status="proposed").exclude(proposed_by=user).count()


def reads_all(user) -> bool:
    return reads_all_pay(user)
