"""The engineer's estimate of the rest of the month: more orders at this month's average share, a band
one step higher. Pure rules, no database; amounts worked out by hand."""

from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.estimate import band_above, performance_pay_estimate, piece_rate_estimate


def test_more_orders_at_this_months_average_share(policy):
    # 3 orders brought 1,000.00: 333.333… each; 5 more → 1,000 + 5 × 1,000/3 = 2,666.666… → 2,666.67
    traced = piece_rate_estimate(earned=D("1000.00"), orders=3, more_orders=5, policy=policy)
    assert traced.amount == D("2666.67")
    assert traced.steps[0].inputs["average"] == D("333.33")  # shown rounded; the product used the exact share
    assert traced.policy_version == "FS-MS-KF-13 A/2"


def test_no_order_yet_means_no_average_and_says_so(policy):
    traced = piece_rate_estimate(earned=D("0.00"), orders=0, more_orders=5, policy=policy)
    assert traced.amount == D("0.00") and "尚无完工工单" in traced.steps[0].note


@pytest.mark.parametrize("more", [-1, 201, 2.5, "5"])
def test_a_number_of_orders_out_of_range_is_refused(policy, more):
    with pytest.raises(IncentiveError) as refused:
        piece_rate_estimate(earned=D("100.00"), orders=1, more_orders=more, policy=policy)
    assert refused.value.code == "estimate.more_orders"


def test_one_band_higher_and_the_top_band_has_none_above(policy):
    assert band_above("B", policy).code == "A" and band_above("D", policy).code == "C"
    assert band_above("A", policy) is None and band_above("Z", policy) is None


def test_performance_pay_at_a_band(policy):
    assert performance_pay_estimate(base=D("1200.00"), band="A", policy=policy).amount == D("1440.00")  # × 1.2
    assert performance_pay_estimate(base=D("1200.00"), band="C", policy=policy).amount == D("960.00")  # × 0.8
    with pytest.raises(IncentiveError) as refused:
        performance_pay_estimate(base=D("1200.00"), band="Z", policy=policy)
    assert refused.value.code == "estimate.unknown_band"
