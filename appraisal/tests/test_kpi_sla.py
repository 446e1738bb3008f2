"""A customer request's SLA breach counts in the engineer's KPI: its work order is on time only when
resolved by the request's resolution deadline (seed 004: breaches feed the efficiency metrics)."""

from datetime import date, timedelta

import pytest
import time_machine

from appraisal.scorecards.fetch import metrics_for
from servicedesk import services

pytestmark = pytest.mark.django_db
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))


def resolve(desk, sr, at):
    with time_machine.travel(at, tick=False):
        services.request_assign(user=desk.supervisor, request=sr, engineer=desk.li)
        for action in ("accept", "depart", "arrive", "resolve"):
            sr = services.request_transition(user=desk.li_user, request=sr, action=action)
    return sr


def test_a_breach_lowers_the_on_time_rate_and_is_counted(desk, log):
    first, second = log(phone="13800000001"), log(phone="13800000002")
    met = resolve(desk, first, first.resolution_due - timedelta(hours=1))
    late = resolve(desk, second, second.resolution_due + timedelta(hours=1))  # an hour past, well within 48 h
    assert met.resolved_at <= met.resolution_due < late.resolution_due < late.resolved_at
    m = metrics_for([desk.li], period=NOVEMBER, on_time_hours=480)[desk.li.pk]
    assert (m.orders, m.sla_breaches, str(m.on_time_rate)) == (2, 1, "50.00")
