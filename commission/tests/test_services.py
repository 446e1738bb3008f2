"""A month settled by hand: pick-up, tiers at their boundaries, the sales extra, four-eyes, the ledger."""

from datetime import date
from decimal import Decimal as D

import pytest
import time_machine
from django.utils import timezone

from commission import services
from commission.errors import PickupGridError
from commission.models import Pickup, Settlement, SettlementStatus
from core.errors import DomainError, PermissionDeniedError
from engineers.models.pay import PayScheme
from ledger.errors import PeriodClosedError
from ledger.models import PayableItem, PayPeriod

from .conftest import OCT, october_rows

pytestmark = pytest.mark.django_db


def settle(c, **override):
    services.pickups_save(user=c.hr, month=OCT, rows=october_rows(c, **override))
    return services.settlement_propose(user=c.hr, month=OCT)


def test_pickup_is_sales_times_discount_per_franchisee_rounded_to_the_fen(cs):
    saved = services.pickups_save(user=cs.hr, month=OCT, rows=october_rows(cs))
    assert (saved.saved, saved.unchanged) == (4, 0)
    amounts = dict(Pickup.objects.filter(month=OCT).values_list("franchisee__code", "pickup_amount"))
    assert amounts == {"F01": D("65000.00"), "F02": D("15000.00"), "F03": D("9999.99"), "F04": D("0.00")}
    again = services.pickups_save(user=cs.hr, month=OCT, rows=october_rows(cs))
    assert (again.saved, again.unchanged) == (0, 4)


def test_settling_puts_each_person_in_a_tier_by_their_franchisees_total(cs):
    settlement = settle(cs)
    lines = {ln.engineer.name: ln for ln in settlement.lines.select_related("engineer")}
    li, zhao, wang = lines["李娜"], lines["赵敏"], lines["王强"]
    # 李娜: 65,000.00 + 15,000.00 = 80,000.00, exactly the third tier's lower bound → 1 % = 800.00, base 3,500
    assert (li.served_volume, li.tier, li.tier_rate, li.tier_base, li.commission_amount) == (
        D("80000.00"),
        3,
        D("0.0100"),
        D("3500.00"),
        D("800.00"),
    )
    # 赵敏: 9,999.99 + 0 is below 1 万: no commission, the first base
    assert (zhao.served_volume, zhao.tier, zhao.tier_base, zhao.commission_amount) == (
        D("9999.99"),
        1,
        D("3200.00"),
        D("0.00"),
    )
    # 王强 (sales): signed F01 + F03 = 74,999.99 × 1 % = 749.9999 → 750.00; no tier
    assert (wang.signed_volume, wang.sales_extra_amount, wang.tier, wang.commission_amount) == (
        D("74999.99"),
        D("750.00"),
        None,
        D("0.00"),
    )
    assert li.commission_trace["policy_version"] == "KF-COMM A/0"
    assert li.commission_trace["steps"][0]["inputs"] == {"F01": "65000.00", "F02": "15000.00"}


def test_one_fen_below_the_bound_stays_in_the_lower_tier(cs):
    # F02 21,428.56 × 0.7 = 14,999.992 → 14,999.99: 李娜 79,999.99 → 0.5 % = 399.99995 → 400.00, base 3,200
    settlement = settle(cs, F02=(D("21428.56"), None))
    li = settlement.lines.get(engineer=cs.li)
    assert (li.served_volume, li.tier, li.commission_amount, li.tier_base) == (
        D("79999.99"),
        2,
        D("400.00"),
        D("3200.00"),
    )


def test_approval_writes_payable_items_and_the_tier_base_into_the_pay_scheme(cs):
    settlement = settle(cs)
    services.settlement_decide(user=cs.finance, settlement=settlement, approve=True)
    items = {
        (i.engineer.name, i.source.split(":")[0]): (i.amount, i.reason, i.period.month)
        for i in PayableItem.objects.select_related("engineer", "period")
    }
    assert items == {
        ("李娜", "commission"): (D("800.00"), "售后客服提成 2026年10月", 10),
        ("王强", "commission_sales"): (D("750.00"), "销售额外提成 2026年10月", 10),
    }
    li_schemes = list(PayScheme.objects.filter(engineer=cs.li).values_list("effective_from", "base_wage"))
    assert li_schemes == [(OCT, D("3500.00")), (date(2020, 1, 1), D("3000.00"))]
    assert PayScheme.objects.filter(engineer=cs.zhao).count() == 1  # already 3,200: nothing to change
    settlement.refresh_from_db()
    assert (settlement.status, settlement.decided_by) == (SettlementStatus.APPROVED, cs.finance)
    with pytest.raises(DomainError) as err:  # approved: the month's pick-up is frozen
        services.pickups_save(user=cs.hr, month=OCT, rows=october_rows(cs, F04=(D("1"), None)))
    assert err.value.code == "commission.month_settled"
    with pytest.raises(DomainError):
        services.settlement_decide(user=cs.gm, settlement=settlement, approve=True)
    assert PayableItem.objects.count() == 2


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("hr", "commission.approver_role"),
        ("manager", "commission.approver_role"),
        ("hr_finance", "commission.own_proposal"),
    ],
)
def test_four_eyes(cs, who, code):
    services.pickups_save(user=cs.hr_finance, month=OCT, rows=october_rows(cs))
    settlement = services.settlement_propose(user=cs.hr_finance, month=OCT)
    with pytest.raises(PermissionDeniedError) as err:
        services.settlement_decide(user=getattr(cs, who), settlement=settlement, approve=True)
    assert err.value.code == code
    assert not PayableItem.objects.exists()


def test_nobody_approves_a_settlement_that_pays_them(cs):
    from core.roles import Role

    cs.wang_user.groups.add(cs.finance.groups.get(name=Role.FINANCE))
    settlement = settle(cs)
    with pytest.raises(PermissionDeniedError) as err:
        services.settlement_decide(user=cs.wang_user, settlement=settlement, approve=True)
    assert err.value.code == "commission.pays_approver"


def test_returned_settlement_pays_nothing_and_can_be_settled_again(cs):
    settlement = settle(cs)
    with pytest.raises(DomainError):
        services.settlement_decide(user=cs.gm, settlement=settlement, approve=False, note="  ")
    services.settlement_decide(user=cs.gm, settlement=settlement, approve=False, note="F02 销售额有误")
    assert not PayableItem.objects.exists()
    again = settle(cs, F02=(D("21428.56"), None))
    assert again.pk == settlement.pk and again.status == SettlementStatus.PROPOSED
    assert again.lines.get(engineer=cs.li).commission_amount == D("400.00")


def test_changing_pickup_sends_a_waiting_settlement_back_to_hr(cs):
    settlement = settle(cs)
    services.pickups_save(user=cs.hr, month=OCT, rows={cs.f["F04"].pk: (D("10"), None)})
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.RETURNED
    with pytest.raises(DomainError) as err:
        services.settlement_decide(user=cs.finance, settlement=settlement, approve=True)
    assert err.value.code == "commission.not_waiting"


def test_a_closed_month_refuses_pickup_settling_and_approval(cs):
    settlement = settle(cs)
    PayPeriod.objects.update_or_create(year=2026, month=10, defaults={"status": "closed"})
    with pytest.raises(PeriodClosedError):
        services.pickups_save(user=cs.hr, month=OCT, rows=october_rows(cs))
    with pytest.raises(PeriodClosedError):
        services.settlement_propose(user=cs.hr, month=OCT)
    with pytest.raises(PeriodClosedError):
        services.settlement_decide(user=cs.finance, settlement=settlement, approve=True)
    assert not PayableItem.objects.exists()


def test_settling_needs_every_held_franchisees_pickup(cs):
    rows = october_rows(cs)
    del rows[cs.f["F04"].pk]
    services.pickups_save(user=cs.hr, month=OCT, rows=rows)
    with pytest.raises(DomainError) as err:
        services.settlement_propose(user=cs.hr, month=OCT)
    assert err.value.code == "commission.missing_pickups" and "F04" in err.value.message
    assert not Settlement.objects.exists()


def test_a_bad_cell_saves_nothing_and_names_each_cell(cs):
    rows = october_rows(cs, F02=(D("-5"), None), F03=(D("100"), D("1.2")))
    with pytest.raises(PickupGridError) as err:
        services.pickups_save(user=cs.hr, month=OCT, rows=rows)
    assert sorted((fid, field) for fid, field, _m in err.value.cells) == sorted(
        [(cs.f["F02"].pk, "sales_amount"), (cs.f["F03"].pk, "discount_rate")]
    )
    assert not Pickup.objects.exists()


def test_only_hr_enters_pickup(cs):
    with pytest.raises(PermissionDeniedError):
        services.pickups_save(user=cs.finance, month=OCT, rows=october_rows(cs))


def test_assignments_follow_the_post_and_keep_their_history(cs):
    from commission.models import Assignment

    nov, dec = date(2026, 11, 1), date(2026, 12, 1)
    with pytest.raises(DomainError) as err:  # 王强 is in sales: he signs, he does not serve
        services.assignment_set(user=cs.hr, franchisee=cs.f["F01"], role="serves", engineer=cs.wang, start=nov)
    assert err.value.code == "commission.post_mismatch"
    with pytest.raises(DomainError) as err:
        services.assignment_set(
            user=cs.hr, franchisee=cs.f["F01"], role="serves", engineer=cs.zhao, start=date(2026, 11, 2)
        )
    assert err.value.code == "commission.not_first_of_month"
    services.assignment_set(user=cs.hr, franchisee=cs.f["F01"], role="serves", engineer=cs.zhao, start=nov)
    rows = list(
        Assignment.objects.filter(franchisee=cs.f["F01"], role="serves").values_list("engineer__name", "start", "end")
    )
    assert rows == [("赵敏", nov, None), ("李娜", OCT, nov)]
    with pytest.raises(DomainError) as err:  # history grows forward
        services.assignment_set(user=cs.hr, franchisee=cs.f["F01"], role="serves", engineer=cs.li, start=OCT)
    assert err.value.code == "commission.assignment_before_latest"
    services.assignment_set(user=cs.hr, franchisee=cs.f["F01"], role="serves", engineer=None, start=dec)
    assert Assignment.objects.get(franchisee=cs.f["F01"], role="serves", start=nov).end == dec
    with pytest.raises(DomainError) as err:  # 李娜 still serves F02: her post stays
        services.post_set(user=cs.hr, engineer=cs.li, post="sales")
    assert err.value.code == "commission.post_in_use"


def test_an_approved_month_keeps_who_served_it(cs):
    settlement = settle(cs)
    services.settlement_decide(user=cs.finance, settlement=settlement, approve=True)
    with pytest.raises(DomainError) as err:
        services.assignment_set(user=cs.hr, franchisee=cs.f["F01"], role="serves", engineer=cs.zhao, start=OCT)
    assert err.value.code == "commission.month_settled"


def test_the_version_in_force_on_the_months_last_day_is_used(cs):
    from policies.models import PolicyVersion

    base = PolicyVersion.objects.get(document_no="KF-COMM", version="A/0")
    params = {**base.parameters, "version": "A/1", "sales_extra_rate": "0.015"}
    params["tiers"] = [*params["tiers"][:2], {"lower": "75000", "rate": "0.012", "base": "3600.00"}, params["tiers"][3]]
    PolicyVersion.objects.create(
        document_no="KF-COMM",
        version="A/1",
        title=base.title,
        effective_from=date(2026, 10, 31),  # the month's last day: in force for October
        status="approved",
        approved_at=timezone.now(),
        parameters=params,
    )
    settlement = settle(cs)
    lines = {ln.engineer.name: ln for ln in settlement.lines.all()}
    # 李娜 80,000.00 ≥ 75,000: 1.2 % = 960.00, base 3,600; 王强 74,999.99 × 1.5 % = 1,124.99985 → 1,125.00
    assert settlement.policy_version == "KF-COMM A/1"
    assert (lines["李娜"].commission_amount, lines["李娜"].tier_base) == (D("960.00"), D("3600.00"))
    assert lines["王强"].sales_extra_amount == D("1125.00")


NOV = date(2026, 11, 1)


@pytest.mark.parametrize("frozen_today", [date(2026, 11, 18), date(2026, 11, 30)])
def test_a_month_not_over_is_not_settled_even_with_every_pickup_in(cs, frozen_today):
    """The tier is read on the whole month's pick-up: November settles from 1 December, not on its last day."""
    services.pickups_save(user=cs.hr, month=NOV, rows=october_rows(cs))
    with pytest.raises(DomainError) as err:
        services.settlement_propose(user=cs.hr, month=NOV)
    assert err.value.code == "commission.month_not_over"
    assert "2026-11" in err.value.message and "2026-12-01" in err.value.message
    assert not Settlement.objects.exists() and not PayableItem.objects.exists()


def test_a_settlement_proposed_before_its_month_was_over_is_not_approved_until_it_is(cs, frozen_today):
    """One proposed before the rule existed (made here by proposing on 1 December, then back to the 18th):
    approving it pays nothing while the month runs; returning it still works."""
    services.pickups_save(user=cs.hr, month=NOV, rows=october_rows(cs))
    with time_machine.travel(date(2026, 12, 1), tick=False):
        settlement = services.settlement_propose(user=cs.hr, month=NOV)
    with pytest.raises(DomainError) as err:
        services.settlement_decide(user=cs.finance, settlement=settlement, approve=True)
    assert err.value.code == "commission.month_not_over"
    settlement.refresh_from_db()
    assert settlement.status == SettlementStatus.PROPOSED and not PayableItem.objects.exists()
    returned = services.settlement_decide(user=cs.finance, settlement=settlement, approve=False, note="月底再结")
    assert returned.status == SettlementStatus.RETURNED


@pytest.mark.parametrize("frozen_today", [date(2026, 12, 1)])
def test_a_month_is_settled_from_the_day_after_its_last(cs, frozen_today):
    services.pickups_save(user=cs.hr, month=NOV, rows=october_rows(cs))
    assert services.settlement_propose(user=cs.hr, month=NOV).status == SettlementStatus.PROPOSED
