"""A month's period is read with SQL written once (ledger/selectors.period_of); it is the row the ORM
reads, with its columns converted as the ORM converts them, and not_open_period says the same as before."""

from datetime import UTC, datetime, timedelta

import pytest

from conftest import make_user
from ledger.models import PayPeriod, PeriodStatus
from ledger.selectors import not_open_period, period_of

pytestmark = pytest.mark.django_db


def test_each_months_period_is_the_row_the_orm_reads():
    clerk = make_user("closer", "hr_clerk")
    closed_at = datetime(2026, 10, 31, 16, 5, 7, 123000, tzinfo=UTC)
    for month, status in ((9, PeriodStatus.CLOSED), (10, PeriodStatus.CLOSING), (11, PeriodStatus.OPEN)):
        PayPeriod.objects.create(
            year=2026,
            month=month,
            status=status,
            closed_at=closed_at + timedelta(days=month) if status != PeriodStatus.OPEN else None,
            closed_by=clerk if status != PeriodStatus.OPEN else None,
        )
    PayPeriod.objects.create(year=2025, month=11)  # the same month a year before: not it
    for month in (9, 10, 11, 12):
        orm = PayPeriod.objects.filter(year=2026, month=month).first()
        read = period_of(2026, month)
        if orm is None:
            assert read is None and not_open_period(2026, month) is None
            continue
        fields = [f.attname for f in PayPeriod._meta.concrete_fields]
        assert [getattr(read, f) for f in fields] == [getattr(orm, f) for f in fields]
        expected = PayPeriod.objects.filter(year=2026, month=month).exclude(status=PeriodStatus.OPEN).first()
        assert not_open_period(2026, month) == expected
    assert period_of(2026, 9).closed_at == closed_at + timedelta(days=9)  # an aware datetime, to the microsecond
    assert not_open_period(2026, 10).status == PeriodStatus.CLOSING and not_open_period(2026, 11) is None
