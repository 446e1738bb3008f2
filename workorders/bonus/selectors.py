"""Which requests a user may see, and which wait for them."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q, QuerySet

from core.roles import Role, has_role, reads_all_pay, reads_company_wide, roles_of
from engineers.selectors import pay_scope, reads_pay_of
from ledger.models import PayableItem
from workorders.models import BonusKind, BonusRequest, RequestStatus, WorkOrder

# FS-MS-KF-13 has the QS officer and the supervisor propose an incentive with the amount, the cap
# headroom and every crew share in view: on bonus requests (not on payslips) they read amounts.
BONUS_PROPOSERS = (Role.QS_OFFICER, Role.SUPERVISOR)
# The inbox lists, and bulk approval approves, oldest first: the order a manager reads is the
# order the monthly cap is used up in.
INBOX_ORDER = ("created_at", "pk")


def _requests_read() -> QuerySet[BonusRequest]:
    return BonusRequest.objects.select_related("work_order__department", "work_order__crew", "engineer", "proposed_by")


def visible_requests(user) -> QuerySet[BonusRequest]:
    """Company-wide readers see all; a department manager their departments; a crew leader
    their crew's; an engineer only approved requests that pay them."""
    qs = _requests_read()
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
        # The leader writes the crew's plan, so sees the crew requests; a member's individual
        # incentive or paid training is that member's pay, not the crew's.
        scope |= Q(work_order__crew__leader__user=user, kind=BonusKind.CREW)
    return qs.filter(pk__in=BonusRequest.objects.filter(scope).values("pk"))


def reads_work_order_amounts(user, work_order: WorkOrder) -> bool:
    """Whether the user reads every amount of the bonus requests on this work order (pool, every
    crew share, every payable item): pay readers, the proposers, and the manager of the work
    order's department (who decides them). Engineers and crew leaders read only their own."""
    if not user.is_authenticated:
        return False
    if reads_all_pay(user) or has_role(user, *BONUS_PROPOSERS):
        return True
    return has_role(user, Role.DEPT_MANAGER) and work_order.department.manager_id == user.pk


def reads_request_amounts(user, bonus: BonusRequest) -> bool:
    """Whether the user reads the request's amounts (what it pays or would pay, the engineer's cap
    used and left): a crew request's pool only those who read every share, an individual incentive
    or paid training also the engineer it pays and whoever reads that engineer's pay."""
    if reads_work_order_amounts(user, bonus.work_order):
        return True
    return bonus.kind != BonusKind.CREW and bonus.engineer is not None and reads_pay_of(user, bonus.engineer)


def visible_amount(user, bonus: BonusRequest) -> Decimal | None:
    """The request's amount if the user may read it (see reads_request_amounts)."""
    return bonus.amount if reads_request_amounts(user, bonus) else None


def visible_payable_items(user, bonus: BonusRequest) -> QuerySet[PayableItem]:
    """The payable items an approved request made, narrowed to the engineers whose pay the user reads."""
    qs = PayableItem.objects.filter(source=f"bonus_request:{bonus.pk}").select_related("engineer", "period")
    if reads_work_order_amounts(user, bonus.work_order):
        return qs
    scope = pay_scope(user, "engineer__")
    return qs if scope is None else qs.filter(scope)


def shown_share_engineers(user, work_order: WorkOrder, engineers) -> set[int] | None:
    """Of the given engineers, the ids whose crew share the user may read; None means all."""
    if reads_work_order_amounts(user, work_order):
        return None
    return {e.pk for e in engineers if reads_pay_of(user, e)}


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
    # Each clause lies inside what its role reads (visible_requests): supervisors and general managers
    # read every request, a manager's clause is their own departments. So no visibility subquery, whose
    # joins took PostgreSQL longer to plan than the page's other reads together (a test holds the two equal).
    # Four-eyes: never list what the user could not decide anyway.
    return _requests_read().filter(waiting).exclude(deciding & own).order_by(*INBOX_ORDER)


def listed_before_on_the_cap(user, page: list[BonusRequest]) -> list[BonusRequest]:
    """The submitted individual incentives of the page's engineers that the inbox lists on the pages
    before it, in its order: approved in that order, they use the engineers' monthly cap first."""
    engineers = {r.engineer_id for r in page if r.kind == BonusKind.INDIVIDUAL and r.status == RequestStatus.SUBMITTED}
    if not engineers:
        return []
    first = page[0]
    before = Q(created_at__lt=first.created_at) | Q(created_at=first.created_at, pk__lt=first.pk)
    return list(
        inbox(user).filter(before, engineer_id__in=engineers, kind=BonusKind.INDIVIDUAL, status=RequestStatus.SUBMITTED)
    )


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
