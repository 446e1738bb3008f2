"""Racing approvals on PostgreSQL never push an engineer past the monthly cap."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.utils import timezone

from ledger.models import PayableItem
from workorders.bonus import services

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_approvals_for_one_engineer_stay_under_the_cap(bonus_people, make_work_order):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are what is tested: run against PostgreSQL (CI does)")
    c = bonus_people
    today = timezone.localdate()
    requests = []
    for _ in range(6):
        wo = make_work_order(
            reported=today, resolved=today, is_special=True, lines=(("AZ-101", "80"),), people=((c.li, "5"),)
        )
        r = services.bonus_request_propose(
            user=c.qs, kind="individual", work_order=wo, engineer=c.li, rate=Decimal("0.04"), rated_excellent=True
        )
        services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
        requests.append(r)  # each would pay 416.00 on its own

    barrier = threading.Barrier(len(requests))
    errors = []

    def approve(request):
        try:
            barrier.wait()
            # Confirmed at ¥0.00: the losers of the race pay nothing, and are approved as such.
            services.bonus_request_transition(user=c.manager, request=request, action="approve", confirm_zero=True)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    amounts = sorted(PayableItem.objects.filter(engineer=c.li).values_list("amount", flat=True))
    assert sum(amounts) == Decimal("500.00")
    assert amounts == [Decimal("0.00")] * 4 + [Decimal("84.00"), Decimal("416.00")]


def test_racing_proposals_for_the_same_work_leave_one_request_and_a_clear_refusal(bonus_people, make_work_order):
    """Two supervisors propose for the same engineer and order at once: the work-order lock queues
    them, so the second is told about the first (409), never an IntegrityError."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are what is tested: run against PostgreSQL (CI does)")
    from core.errors import ConflictError
    from workorders.models import BonusRequest

    c = bonus_people
    today = timezone.localdate()
    wo = make_work_order(reported=today, resolved=today, is_special=True, people=((c.li, "5"),))
    barrier = threading.Barrier(4)
    outcomes = []

    def propose(user):
        try:
            barrier.wait()
            services.bonus_request_propose(
                user=user, kind="individual", work_order=wo, engineer=c.li, rate=Decimal("0.04"), rated_excellent=True
            )
            outcomes.append("ok")
        except Exception as exc:
            outcomes.append(type(exc).__name__ if not isinstance(exc, ConflictError) else "conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=propose, args=(u,)) for u in (c.qs, c.supervisor, c.supervisor2, c.qs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 3 + ["ok"]
    assert BonusRequest.objects.filter(work_order=wo).count() == 1
