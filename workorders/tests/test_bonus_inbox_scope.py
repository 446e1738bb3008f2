"""The inbox lists, for each user, exactly the requests they may read that wait for their decision
(workorders/bonus/selectors.inbox). It is written without the visibility subquery, on the grounds that
each role's clause lies inside what that role reads; this holds it to the definition with the subquery,
for every role, over every kind, status, department, proposer and applicant."""

import itertools
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Q

from conftest import make_user
from core.roles import Role, has_role
from workorders.bonus.selectors import INBOX_ORDER, inbox, visible_requests
from workorders.models import BonusKind, BonusRequest, RequestStatus, WorkOrder
from workorders.tests.test_bonus_permissions import USERS

pytestmark = pytest.mark.django_db


def by_definition(user) -> list[int]:
    """What the inbox lists, as first written: the waiting requests among those the user reads."""
    waiting = Q(pk__in=[])
    if has_role(user, Role.SUPERVISOR):
        waiting |= Q(status__in=[RequestStatus.DRAFT, RequestStatus.RETURNED])
    if has_role(user, Role.DEPT_MANAGER):
        waiting |= Q(status=RequestStatus.SUBMITTED, work_order__department__manager=user)
    if has_role(user, Role.GENERAL_MANAGER):
        waiting |= Q(status=RequestStatus.REVIEWED)
    own = Q(proposed_by=user) | Q(applied_by=user)
    deciding = Q(status__in=[RequestStatus.SUBMITTED, RequestStatus.REVIEWED])
    listed = visible_requests(user).filter(waiting).exclude(deciding & own).order_by(*INBOX_ORDER)
    return list(listed.values_list("pk", flat=True))


def test_each_users_inbox_is_the_waiting_requests_they_read(bonus_people, make_work_order):
    c = bonus_people
    c.manager_supervisor = make_user("manager_supervisor", "dept_manager", "supervisor")
    c.root = make_user("root")
    c.root.is_superuser = True  # every role, company-wide
    c.root.save()
    c.leader_user.groups.add(*c.manager.groups.all())  # a crew leader who also manages a department
    people = [c.qs, c.supervisor, c.manager, c.gm, c.manager_supervisor]
    applicants = [None, c.manager, c.other_manager, c.gm]
    combos = list(itertools.product((c.d1, c.d2), RequestStatus.values, people, applicants))
    template = make_work_order(reported=date(2026, 3, 2), is_special=True, crew=None)
    fields = {f.attname: getattr(template, f.attname) for f in WorkOrder._meta.concrete_fields if not f.primary_key}
    # An order per combination: one live request per order, kind and engineer.
    orders = WorkOrder.objects.bulk_create(
        WorkOrder(**{**fields, "number": f"WO-S-{i:04d}", "department_id": combo[0].pk})
        for i, combo in enumerate(combos)
    )
    BonusRequest.objects.bulk_create(
        BonusRequest(
            kind=kind,
            work_order=order,
            status=status,
            proposed_by=proposer,
            applied_by=applicant,
            engineer=None if kind == BonusKind.CREW else c.li,
            rate=Decimal("0.03") if kind == BonusKind.INDIVIDUAL else None,
            training_days=Decimal("1") if kind == BonusKind.TRAINING else None,
        )
        for order, (_department, status, proposer, applicant) in zip(orders, combos, strict=True)
        for kind in BonusKind.values
    )
    listed = 0
    for key in [*USERS, "manager_supervisor", "root"]:
        user = getattr(c, key)
        expected = by_definition(user)
        assert list(inbox(user).values_list("pk", flat=True)) == expected, key
        listed += len(expected)
    assert listed > 100  # the comparison is over many requests, not two empty lists
