from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.honours import honour_award
from incentives.rules.penalties import penalty


def test_per_person_honours_pay_each_recipient(policy):
    awards = honour_award(kind="target_achieved", recipients=[7, 3], policy=policy)
    assert {k: t.amount for k, t in awards.items()} == {7: D("1000.00"), 3: D("1000.00")}


def test_team_honour_is_split_evenly_without_losing_a_fen(policy):
    awards = honour_award(kind="excellent_team_month", recipients=[30, 10, 20], policy=policy)
    # 2,000.00 ÷ 3 = 666.666…: two members get 666.67 (lowest keys first on a tie), one 666.66.
    assert {k: t.amount for k, t in awards.items()} == {10: D("666.67"), 20: D("666.67"), 30: D("666.66")}


def test_honour_refuses_duplicates_and_empty_lists(policy):
    for recipients, code in (([], "honour.no_recipients"), ([1, 1], "honour.duplicate_recipient")):
        with pytest.raises(IncentiveError) as err:
            honour_award(kind="innovation", recipients=recipients, policy=policy)
        assert err.value.code == code


@pytest.mark.parametrize(
    ("kwargs", "amount"),
    [
        ({"fixed_amount": D("200")}, "-200.00"),
        ({"pay_rate": D("0.10")}, "-500.00"),
        ({"fixed_amount": D("1500")}, "-1000.00"),  # 20 % of 5,000.00
        ({"fixed_amount": D("500"), "already_deducted": D("800")}, "-200.00"),
        ({"fixed_amount": D("500"), "already_deducted": D("1000")}, "0.00"),
    ],
)
def test_deductions_are_negative_and_limited_to_a_share_of_the_month(policy, kwargs, amount):
    traced = penalty(kind="deduction", month_pay=D("5000.00"), policy=policy, **kwargs)
    assert traced.amount == D(amount)


def test_warning_demotion_and_dismissal_carry_no_money(policy):
    for kind in ("warning", "demotion", "dismissal"):
        assert penalty(kind=kind, month_pay=D("5000"), policy=policy).amount == D("0.00")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "fine"}, "penalty.unknown_kind"),
        ({"kind": "deduction"}, "penalty.amount_or_rate"),
        ({"kind": "deduction", "fixed_amount": D("1"), "pay_rate": D("0.1")}, "penalty.amount_or_rate"),
        ({"kind": "deduction", "pay_rate": D("1.5")}, "penalty.rate_out_of_range"),
        ({"kind": "deduction", "fixed_amount": D("-5")}, "penalty.amount_not_positive"),
    ],
)
def test_bad_penalties_are_refused(policy, kwargs, code):
    with pytest.raises(IncentiveError) as err:
        penalty(month_pay=D("5000"), policy=policy, **kwargs)
    assert err.value.code == code
