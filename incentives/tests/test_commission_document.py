"""KF-COMM (seed 001, 售后客服、销售岗位业绩激励方案): the document, the served total's tier and the sales extra."""

from decimal import Decimal as D

import pytest

from incentives.commission_policy import CommissionDocument
from incentives.errors import IncentiveError
from incentives.rules.commission import pickup_amount, sales_extra, served_commission

DOC = CommissionDocument.load_default()


@pytest.mark.parametrize(
    ("pickups", "commission", "base", "lower"),
    [
        # 4,000 + 5,999.99 = 9,999.99: below 1 万, no commission, the first base
        ({"F1": D("4000.00"), "F2": D("5999.99")}, "0.00", "3200.00", "0"),
        # exactly 10,000: 0.5 % = 50.00
        ({"F1": D("6000.00"), "F2": D("4000.00")}, "50.00", "3200.00", "10000"),
        # 79,999.99 × 0.5 % = 399.99995 → 400.00 (half up)
        ({"F1": D("79999.99")}, "400.00", "3200.00", "10000"),
        # 80,000 is already the second tier: 1 % of the whole = 800.00, base 3,500
        ({"F1": D("50000.00"), "F2": D("30000.00")}, "800.00", "3500.00", "80000"),
        # 149,999.99 × 1 % = 1,499.9999 → 1,500.00
        ({"F1": D("149999.99")}, "1500.00", "3500.00", "80000"),
        # 150,000 → 2 % = 3,000.00, base 3,800
        ({"F1": D("100000.00"), "F2": D("50000.00")}, "3000.00", "3800.00", "150000"),
        # 123,456.78 × 1 % = 1,234.5678 → 1,234.57
        ({"F1": D("23456.78"), "F2": D("100000.00")}, "1234.57", "3500.00", "80000"),
        # nobody served: 0.00 on the first base
        ({}, "0.00", "3200.00", "0"),
    ],
)
def test_the_served_total_picks_one_tier_for_the_whole_volume(pickups, commission, base, lower):
    result = served_commission(pickups=pickups, policy=DOC)
    assert (result.commission.amount, result.base, result.tier.lower) == (D(commission), D(base), D(lower))
    assert result.commission.policy_version == "KF-COMM A/0"
    first, tier = result.commission.steps
    assert first.result == sum(pickups.values(), D(0)) and tier.rule == "commission.tiered"


def test_sales_extra_is_one_percent_of_signed_pickup():
    # (35,000.55 + 12,345.00) × 1 % = 473.4555 → 473.46
    traced = sales_extra(pickups={"F1": D("35000.55"), "F2": D("12345.00")}, rate=DOC.sales_extra_rate, label=DOC.label)
    assert traced.amount == D("473.46")
    assert traced.steps[0].result == D("47345.55") and traced.policy_version == "KF-COMM A/0"


@pytest.mark.parametrize(
    ("sales", "discount", "pickup"),
    [("100000", "0.65", "65000.00"), ("12345.67", "0.7", "8641.97"), ("0.01", "0.5", "0.01"), ("1000", "1", "1000.00")],
)
def test_pickup_is_sales_times_discount_rounded_half_up(sales, discount, pickup):
    # 12,345.67 × 0.7 = 8,641.969 → 8,641.97; 0.01 × 0.5 = 0.005 → 0.01
    assert pickup_amount(sales=D(sales), discount=D(discount)) == D(pickup)


@pytest.mark.parametrize(("sales", "discount"), [("-1", "0.5"), ("100", "1.01"), ("100", "-0.1")])
def test_pickup_refuses_negative_sales_and_a_discount_outside_0_1(sales, discount):
    with pytest.raises(IncentiveError):
        pickup_amount(sales=D(sales), discount=D(discount))


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["tiers"].__setitem__(0, {"lower": "5", "rate": "0", "base": "3200"}), "tiers[0].lower"),
        (lambda d: d["tiers"][2].__setitem__("lower", "10000"), "tiers[2].lower"),
        (lambda d: d["tiers"][1].__setitem__("rate", "1.5"), "tiers[1].rate"),
        (lambda d: d["tiers"][1].__setitem__("base", "-1"), "tiers[1].base"),
        (lambda d: d.__setitem__("sales_extra_rate", 0.01), "sales_extra_rate"),
        (lambda d: d.__setitem__("tiers", []), "tiers"),
    ],
)
def test_a_broken_document_names_the_bad_path(change, path):
    data = DOC.to_dict()
    change(data)
    with pytest.raises(IncentiveError) as err:
        CommissionDocument.from_dict(data)
    assert err.value.params["parameter"] == path


def test_the_document_round_trips():
    assert CommissionDocument.from_dict(DOC.to_dict()) == DOC
