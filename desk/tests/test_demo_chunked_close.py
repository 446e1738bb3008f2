"""The demo company closed in chunks (payroll/chunks.py) gives back its single close to the fen."""

import pytest

from desk.demo import build_demo_company
from ledger.models import PayPeriod, PeriodEvent
from payroll.close import period_close
from payroll.models import ChunkStatus, CloseChunk
from payroll.tests.test_chunked_close import close_in_chunks, gm_reopen, snapshot

pytestmark = pytest.mark.django_db


def test_the_demo_closed_in_chunks_equals_its_single_close_to_the_fen(settings):
    build_demo_company()  # on the tests' fixed day, as load_demo builds it on today
    period = PayPeriod.objects.filter(status="closed").order_by("-year", "-month").first()
    hr = period.closed_by
    gm_reopen(period)
    period_close(user=hr, period=period, reason="single")
    single = snapshot(period)
    assert len(single) >= 50 and sum(len(lines) for _s, lines in single.values()) > 500

    gm_reopen(period)
    ticket = close_in_chunks(settings, hr, period, size=7)
    assert period.status == "closed"
    planned = CloseChunk.objects.filter(run=ticket)
    assert planned.count() == -(-len(single) // 7)
    assert set(planned.values_list("status", flat=True)) == {ChunkStatus.DONE}
    assert sum(planned.values_list("payslips", flat=True)) == len(single)
    assert snapshot(period) == single  # every total, line, description and trace, engineer by engineer
    assert list(PeriodEvent.objects.filter(period=period).values_list("action", flat=True))[-2:] == [
        "close_started",
        "close",
    ]
