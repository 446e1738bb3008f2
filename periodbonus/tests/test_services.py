"""Proposal from the ranking, amounts within the policy, four-eyes, payment in the next open period."""

from decimal import Decimal as D

import pytest

from core.errors import ConflictError, DomainError, PermissionDeniedError
from ledger.models import ItemKind, PayableItem, PayPeriod
from periodbonus.models import RoundStatus
from periodbonus.services import (
    Period,
    bonus_amounts_set,
    bonus_round_decide,
    bonus_round_propose,
    bonus_round_submit,
)

from .conftest import card

pytestmark = pytest.mark.django_db
Q3 = Period("quarter", 2026, 3)


def lines(bonus_round):
    return [
        (ln.rank, ln.engineer.name, ln.mean, ln.band, ln.standard_amount, ln.amount, ln.reason)
        for ln in bonus_round.lines.select_related("engineer").order_by("rank")
    ]


def test_the_proposal_ranks_the_quarter_and_applies_the_bands(q3):
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    assert r.status == RoundStatus.DRAFT and r.policy_version == "KF-BONUS A/0"
    assert lines(r) == [
        (1, "孙丽", D("96.00"), "A", D("1500.00"), D("1500.00"), ""),
        (2, "李娜", D("91.67"), "A", D("1500.00"), D("1500.00"), ""),  # (92 + 88 + 95) ÷ 3
        (3, "张伟", D("81.00"), "B", D("800.00"), D("800.00"), ""),  # (85 + 80 + 78) ÷ 3
        (4, "赵敏", D("67.50"), "C", D("0.00"), D("0.00"), "band_pays_nothing"),  # (70 + 65) ÷ 2
    ]


def test_who_may_propose_and_when(q3):
    with pytest.raises(PermissionDeniedError):
        bonus_round_propose(user=q3.other_manager, department=q3.d1, period=Q3)
    with pytest.raises(PermissionDeniedError):
        bonus_round_propose(user=q3.hr, department=q3.d1, period=Q3)
    with pytest.raises(DomainError) as not_over:
        bonus_round_propose(user=q3.manager, department=q3.d1, period=Period("quarter", 2026, 4))
    assert not_over.value.code == "period_bonus.period_not_over"
    card(q3.zhao, 9, "50", status="draft")
    with pytest.raises(DomainError) as drafts:
        bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    assert drafts.value.code == "period_bonus.draft_scorecards" and "2026-09" in drafts.value.message
    with pytest.raises(DomainError) as nobody:
        bonus_round_propose(user=q3.manager, department=q3.d1, period=Period("quarter", 2026, 1))
    assert nobody.value.code == "period_bonus.nobody_scored"


def test_one_live_round_per_period_a_rejected_one_frees_it(q3):
    first = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    with pytest.raises(ConflictError):
        bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    bonus_round_submit(user=q3.manager, bonus_round=first)
    bonus_round_decide(user=q3.gm, bonus_round=first, action="reject", note="排名有误")
    again = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    assert again.pk != first.pk


def test_amounts_move_within_the_policy_with_a_note_all_or_nothing(q3):
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    with pytest.raises(DomainError) as high:  # B 800.00 × 120 % = 960.00 at most
        bonus_amounts_set(
            user=q3.manager, bonus_round=r, changes=[(q3.li.pk, D("1200"), "x"), (q3.zhang.pk, D("960.01"), "带新人")]
        )
    assert (
        high.value.code == "period_bonus.amount" and "640.00" in high.value.message and "960.00" in high.value.message
    )
    assert r.lines.get(engineer=q3.li).amount == D("1500.00")  # nothing changed
    with pytest.raises(DomainError) as silent:
        bonus_amounts_set(user=q3.manager, bonus_round=r, changes=[(q3.zhang.pk, D("900"), "")])
    assert silent.value.code == "period_bonus.note_required"
    with pytest.raises(DomainError):  # band C pays nothing in a quarter: 0.00 is the only amount
        bonus_amounts_set(user=q3.manager, bonus_round=r, changes=[(q3.zhao.pk, D("100"), "辛苦")])
    with pytest.raises(PermissionDeniedError):
        bonus_amounts_set(user=q3.gm, bonus_round=r, changes=[(q3.zhang.pk, D("900"), "x")])
    bonus_amounts_set(user=q3.manager, bonus_round=r, changes=[(q3.zhang.pk, D("900"), "带新人")])
    zhang = r.lines.get(engineer=q3.zhang)
    assert (zhang.amount, zhang.note, zhang.trace["steps"][-1]["inputs"]["high"]) == (D("900.00"), "带新人", "960.00")
    bonus_round_submit(user=q3.manager, bonus_round=r)
    with pytest.raises(ConflictError):
        bonus_amounts_set(user=q3.manager, bonus_round=r, changes=[(q3.zhang.pk, D("800"), "")])


def test_four_eyes_never_own_proposal_never_paying_yourself(q3):
    d1 = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    with pytest.raises(PermissionDeniedError):  # not submitted yet
        bonus_round_decide(user=q3.gm, bonus_round=d1, action="approve")
    bonus_round_submit(user=q3.manager, bonus_round=d1)
    with pytest.raises(PermissionDeniedError) as pays_me:  # gm2 is 孙丽, paid 1,500.00 by it
        bonus_round_decide(user=q3.gm2, bonus_round=d1, action="approve")
    assert "发给您" in pays_me.value.message
    with pytest.raises(PermissionDeniedError):
        bonus_round_decide(user=q3.manager, bonus_round=d1, action="approve")
    d2 = bonus_round_propose(user=q3.other_manager, department=q3.d2, period=Q3)
    bonus_round_submit(user=q3.other_manager, bonus_round=d2)
    with pytest.raises(PermissionDeniedError) as own:  # a manager who is also a general manager
        bonus_round_decide(user=q3.other_manager, bonus_round=d2, action="approve")
    assert "由您提出" in own.value.message
    with pytest.raises(DomainError):  # a return needs a note
        bonus_round_decide(user=q3.gm, bonus_round=d2, action="return")


def test_approval_pays_each_line_above_zero_with_its_trace(q3):
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    bonus_amounts_set(user=q3.manager, bonus_round=r, changes=[(q3.zhang.pk, D("900"), "带新人")])
    bonus_round_submit(user=q3.manager, bonus_round=r)
    bonus_round_decide(user=q3.gm, bonus_round=r, action="return", note="张伟的理由写详细些")
    r.refresh_from_db()
    assert r.status == RoundStatus.RETURNED
    bonus_amounts_set(user=q3.manager, bonus_round=r, changes=[(q3.zhang.pk, D("900"), "带新人两名,均已独立上岗")])
    bonus_round_submit(user=q3.manager, bonus_round=r)
    bonus_round_decide(user=q3.gm, bonus_round=r, action="approve")
    r.refresh_from_db()
    assert r.status == RoundStatus.APPROVED and str(r.paid_period) == str(PayPeriod.objects.get(year=2026, month=11))
    items = {i.engineer.name: i for i in PayableItem.objects.filter(source=f"period_bonus:{r.pk}")}
    assert {n: i.amount for n, i in items.items()} == {"孙丽": D("1500.00"), "李娜": D("1500.00"), "张伟": D("900.00")}
    li = items["李娜"]
    assert (li.kind, li.policy_version, li.reason) == (ItemKind.QUARTERLY_BONUS, "KF-BONUS A/0", "2026年第3季度奖金")
    mean = li.trace["steps"][0]
    assert mean["inputs"]["months"] == {"7": "92.00", "8": "88.00", "9": "95.00"} and mean["result"] == "91.67"
    assert len(mean["inputs"]["scorecards"]) == 3
    assert li.trace["steps"][1]["inputs"]["band"] == "A"
    assert items["张伟"].trace["steps"][-1]["note"] == "带新人两名,均已独立上岗"
    with pytest.raises(PermissionDeniedError):  # decided once
        bonus_round_decide(user=q3.gm, bonus_round=r, action="approve")


def test_a_closed_month_sends_the_bonus_to_the_next_open_one(q3):
    PayPeriod.objects.create(year=2026, month=11, status="closed")
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    bonus_round_submit(user=q3.manager, bonus_round=r)
    bonus_round_decide(user=q3.gm, bonus_round=r, action="approve")
    assert {(i.period.year, i.period.month) for i in PayableItem.objects.filter(source=r.source)} == {(2026, 12)}


def test_outside_assessment_keeps_the_result_but_earns_nothing(q3):
    from datetime import date

    q3.zhang.status, q3.zhang.leaving_date = "left", date(2026, 9, 10)
    q3.zhang.save()
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    zhang = r.lines.get(engineer=q3.zhang)
    assert (zhang.mean, zhang.band, zhang.amount, zhang.reason) == (D("81.00"), "B", D("0.00"), "outside_assessment")


def test_year_end_bonus_reads_the_year(q3):
    for month in range(1, 7):
        card(q3.li, month, "80")
    # 李娜: 6 × 80 + 92 + 88 + 95 = 755 over 9 months = 83.888… → 83.89 B → 3,000.00; the others have too few months
    from datetime import date

    import time_machine

    with time_machine.travel(date(2027, 1, 5)):
        r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Period("year", 2026))
    li = r.lines.get(engineer=q3.li)
    assert (li.mean, li.band, li.amount) == (D("83.89"), "B", D("3000.00"))
    assert r.lines.get(engineer=q3.zhang).reason == "too_few_months"


def test_the_payslip_explains_each_step_in_words(q3):
    from django.utils import translation

    from policies.explain import explain_step

    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Q3)
    bonus_amounts_set(user=q3.manager, bonus_round=r, changes=[(q3.zhang.pk, D("900"), "带新人")])
    steps = r.lines.get(engineer=q3.zhang).trace["steps"]
    with translation.override("zh-hans"):
        words = [explain_step(s) for s in steps]
    assert words[0] == "已提交各月平均分(7月 85.00、8月 80.00、9月 78.00):81.00 分。"
    assert words[1] == "等级 B(平均分 80 分及以上):标准金额 800.00 元。"
    assert words[2] == "部门经理在 640.00 元 至 960.00 元 之间调整为 900.00 元。"
    with translation.override("en"):
        assert explain_step(steps[0]) == "Mean of the submitted months (M7 85.00, M8 80.00, M9 78.00): 81.00 points."
