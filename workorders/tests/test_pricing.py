"""Piece-rate totals use the table in force on the completion date."""

from datetime import date
from decimal import Decimal

import pytest

from core.errors import DomainError
from workorders import services
from workorders.models import PieceRateItem, PieceRateTable

pytestmark = pytest.mark.django_db


def test_rate_change_mid_month_prices_each_order_by_its_completion_date(company, make_work_order):
    lines = (("AZ-101", "2"), ("AZ-105", "15"))
    before = make_work_order(reported=date(2026, 3, 10), resolved=date(2026, 3, 15), lines=lines)
    after = make_work_order(reported=date(2026, 3, 10), resolved=date(2026, 3, 16), lines=lines)
    # 2 × 120.00 + 15 × 6.50 = 337.50 under 2026-A; 2 × 130.00 + 15 × 7.00 = 365.00 under 2026-B.
    assert (before.rate_table.code, before.piece_rate_total_amount) == ("2026-A", Decimal("337.50"))
    assert (after.rate_table.code, after.piece_rate_total_amount) == ("2026-B", Decimal("365.00"))
    assert [ln.unit_rate for ln in after.lines.order_by("item_code")] == [Decimal("130.00"), Decimal("7.00")]


def test_completion_date_is_taken_in_shanghai_time(company, make_work_order):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    # 2026-03-15 17:30 UTC is already 2026-03-16 01:30 in Shanghai: the new rate applies.
    wo = make_work_order(reported=date(2026, 3, 14))
    wo.resolved_at = datetime(2026, 3, 15, 17, 30, tzinfo=ZoneInfo("UTC"))
    services.work_order_save(
        user=company.hr, work_order=wo, lines=[services.LineInput("AZ-101", Decimal("1"))], participants=[]
    )
    assert wo.completed_on == date(2026, 3, 16)
    assert wo.piece_rate_total_amount == Decimal("130.00")


def test_participant_shares_follow_days_and_add_up(company, make_work_order):
    wo = make_work_order(
        reported=date(2026, 4, 1),
        resolved=date(2026, 4, 3),
        lines=(("AZ-101", "1"),),  # 130.00
        people=((company.zhang, "2"), (company.li, "1"), (company.zhao, "0.5")),
    )
    shares = {p.engineer.name: p.share_amount for p in wo.participants.select_related("engineer")}
    # 130 × 2/3.5 = 74.2857, × 1/3.5 = 37.1428, × 0.5/3.5 = 18.5714: floors 74.28 + 37.14 + 18.57 = 129.99;
    # the leftover fen goes to the largest remainder (74.2857 → 74.29).
    assert shares == {"张伟": Decimal("74.29"), "李娜": Decimal("37.14"), "赵敏": Decimal("18.57")}
    assert sum(shares.values()) == wo.piece_rate_total_amount


def test_unknown_item_code_names_the_line_and_saves_nothing(company, make_work_order):
    from workorders.models import WorkOrder

    with pytest.raises(DomainError) as err:
        make_work_order(reported=date(2026, 4, 1), lines=(("AZ-101", "1"), ("NOPE", "1")), number="WO-BAD")
    assert err.value.code == "workorder.unknown_item"
    assert "Line 2" in str(err.value.message) or "第 2 行" in str(err.value.message)
    assert not WorkOrder.objects.filter(number="WO-BAD").exists()


def test_activating_a_retroactive_table_reprices_the_orders_it_covers(company, make_work_order):
    wo = make_work_order(reported=date(2026, 5, 2), resolved=date(2026, 5, 5), lines=(("AZ-101", "1"),))
    assert wo.piece_rate_total_amount == Decimal("130.00")
    table_c = services.rate_table_copy(
        user=company.hr, source=company.table_b, code="2026-C", name="五月调价", effective_from=date(2026, 5, 1)
    )
    PieceRateItem.objects.filter(table=table_c, code="AZ-101").update(unit_rate=Decimal("150.00"))
    services.rate_table_activate(user=company.hr, table=table_c)
    wo.refresh_from_db()
    assert (wo.rate_table.code, wo.piece_rate_total_amount) == ("2026-C", Decimal("150.00"))


def test_a_table_in_force_cannot_be_activated_twice(company):
    with pytest.raises(DomainError) as err:
        services.rate_table_activate(user=company.hr, table=company.table_a)
    assert err.value.code == "rate_table.not_draft"
    assert PieceRateTable.objects.get(pk=company.table_a.pk).status == "active"


def test_every_save_leaves_an_audit_trail_of_lines_and_shares(company, make_work_order):
    from workorders.models import Participant, WorkOrderLine

    wo = make_work_order(reported=date(2026, 4, 1), people=((company.li, "1"),), lines=(("AZ-101", "1"),))
    services.work_order_save(
        user=company.hr,
        work_order=wo,
        lines=[services.LineInput("AZ-101", Decimal("2"))],
        participants=[services.ParticipantInput(company.li, Decimal("1"))],
    )
    line_history = WorkOrderLine.history.filter(work_order_id=wo.pk).order_by("history_id")
    assert [(h.history_type, h.quantity) for h in line_history] == [("+", 1), ("-", 1), ("+", 2)]
    share_history = Participant.history.filter(work_order_id=wo.pk).order_by("history_id")
    assert [(h.history_type, h.share_amount) for h in share_history] == [
        ("+", Decimal("130.00")),
        ("-", Decimal("130.00")),
        ("+", Decimal("260.00")),
    ]
    assert {h.history_user for h in wo.history.all()} == {company.hr}
