import json
from decimal import Decimal as D

import pytest

from incentives.errors import IncentiveError
from incentives.rules.payslip import (
    PIECE_RATE_MONTH_COLUMNS,
    DeductionSpec,
    adjustment,
    deduction_item,
    gross_total,
    month_deductions,
    month_pay,
    piece_rate_month,
)
from incentives.trace import Traced


def test_deductions_share_one_monthly_limit(policy):
    lines = [Traced(D("4000.00")), Traced(D("1000.00"))]
    pay = month_pay(lines)
    assert pay == D("5000.00")
    cut = month_deductions(
        pay=pay, deductions=[DeductionSpec(pay_rate=D("0.15")), DeductionSpec(fixed_amount=D("400"))], policy=policy
    )
    # 15 % = 750.00; the limit is 20 % = 1,000.00, so the fixed 400.00 is trimmed to 250.00
    assert [t.amount for t in cut] == [D("-750.00"), D("-250.00")]
    assert gross_total([*lines, *cut]) == D("4000.00")


@pytest.mark.parametrize(
    ("pay", "limit"),
    [
        ("5000.03", "1000.00"),  # 1,000.006 → down to 1,000.00 (half up gave 1,000.01: over 20 %)
        ("4999.99", "999.99"),  # 999.998 → 999.99 (half up gave 1,000.00)
        ("5000.00", "1000.00"),
    ],
)
def test_the_20_percent_limit_is_rounded_down(policy, pay, limit):
    (cut,) = month_deductions(pay=D(pay), deductions=[DeductionSpec(fixed_amount=D("5000"))], policy=policy)
    assert cut.amount == -D(limit)
    assert -cut.amount <= D(pay) * D("0.20")


def test_a_deduction_with_no_room_left_is_zero_not_minus_zero(policy):
    first, second = month_deductions(
        pay=D("100.00"),
        deductions=[DeductionSpec(fixed_amount=D("20.00")), DeductionSpec(fixed_amount=D("5.00"))],
        policy=policy,
    )
    assert (str(first.amount), str(second.amount)) == ("-20.00", "0.00")


def test_the_reason_travels_in_the_typed_spec_and_shows_in_the_trace(policy):
    (cut,) = month_deductions(
        pay=D("3000.00"), deductions=[DeductionSpec(pay_rate=D("0.05"), reason="迟到三次")], policy=policy
    )
    assert cut.amount == D("-150.00")
    assert cut.as_dict()["steps"][0]["inputs"]["reason"] == "迟到三次"


@pytest.mark.parametrize(
    ("kwargs", "code", "parameter"),
    [
        ({}, "penalty.amount_or_rate", "fixed_amount"),
        ({"fixed_amount": D("1"), "pay_rate": D("0.1")}, "penalty.amount_or_rate", "fixed_amount"),
        ({"fixed_amount": D("0")}, "penalty.amount_not_positive", "fixed_amount"),
        ({"fixed_amount": D("1.005")}, "penalty.amount_not_positive", "fixed_amount"),
        ({"pay_rate": D("0")}, "penalty.rate_out_of_range", "pay_rate"),
        ({"pay_rate": 0.1}, "money.float_refused", "pay_rate"),
        ({"fixed_amount": 100.0}, "money.float_refused", "fixed_amount"),
    ],
)
def test_a_deduction_spec_is_refused_unless_it_is_one_positive_amount_or_rate(kwargs, code, parameter):
    with pytest.raises(IncentiveError) as err:
        DeductionSpec(**kwargs)
    assert (err.value.code, err.value.params["parameter"], err.value.params["rule"]) == (
        code,
        parameter,
        "penalty.deduction",
    )


def test_deduction_item_before_the_close(policy):
    fixed = deduction_item(spec=DeductionSpec(fixed_amount=D("200.00"), reason="违规操作"), policy=policy)
    assert fixed.amount == D("-200.00")
    step = fixed.as_dict()["steps"][0]
    assert (step["rule"], step["inputs"]["reason"], step["inputs"]["pay_rate"]) == (
        "penalty.deduction",
        "违规操作",
        None,
    )
    rated = deduction_item(spec=DeductionSpec(pay_rate=D("0.10"), reason="x"), policy=policy)
    assert str(rated.amount) == "0.00"
    assert "computed at the close" in rated.steps[0].note
    assert rated.policy_version == policy.label


def test_piece_rate_month_line_lists_compact_rows_and_sums_the_shares(policy):
    traced = piece_rate_month(
        orders=[("WO-2026-0001", D("2.5"), D("495.00")), ("WO-2026-0007", D("1"), D("260.00"))], policy=policy
    )
    assert traced.amount == D("755.00")
    data = json.loads(traced.as_json())
    (step,) = data["steps"]
    assert step["rule"] == "piece_rate.month"
    assert step["inputs"] == {
        "columns": list(PIECE_RATE_MONTH_COLUMNS),
        "orders": [["WO-2026-0001", "2.5", "495.00"], ["WO-2026-0007", "1", "260.00"]],
    }
    assert (step["result"], data["policy_version"]) == ("755.00", policy.label)


def test_piece_rate_month_refuses_a_share_that_is_not_money(policy):
    for share, code in ((D("1.005"), "piece_rate.share_not_in_fen"), (1.5, "money.float_refused")):
        with pytest.raises(IncentiveError) as err:
            piece_rate_month(orders=[("WO-1", D("1"), share)], policy=policy)
        assert (err.value.code, err.value.params["rule"]) == (code, "piece_rate.month")


def test_adjustment_line(policy):
    traced = adjustment(amount=D("-35.50"), reason="十月计件少算一单", entered_by="hr1", policy=policy)
    assert traced.amount == D("-35.50")
    step = traced.as_dict()["steps"][0]
    assert (step["rule"], step["inputs"]) == ("adjustment", {"reason": "十月计件少算一单", "entered_by": "hr1"})
    for amount, reason, code in (
        (D("0"), "x", "adjustment.invalid_amount"),
        (D("1.001"), "x", "adjustment.invalid_amount"),
        (1.5, "x", "money.float_refused"),
        (D("1"), " ", "adjustment.reason_required"),
    ):
        with pytest.raises(IncentiveError) as err:
            adjustment(amount=amount, reason=reason, entered_by="hr1", policy=policy)
        assert (err.value.code, err.value.params["rule"]) == (code, "adjustment")
