"""The demo's quarterly bonuses: the last quarter whose three months are submitted (the demo scores five past
months, so there always is one), through the same services the pages use.

- 安装部 D01: proposed by `manager` from the ranking, one amount raised with a note, approved by `gm`: the
  engineers' payable items are in the open pay period (this month) and on `engineer`'s own bonus page;
- 维修部 D02: proposed by its manager (a login without a usable password, as the service desk's engineers have)
  and waiting for `gm` on the bonus page.
Deterministic: the amounts follow from the demo's scores.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import Group, User

from core.roles import Role
from engineers.models import Department
from periodbonus.models import BonusLine, BonusRound
from periodbonus.services import (
    Period,
    amount_range,
    bonus_amounts_set,
    bonus_policy,
    bonus_round_decide,
    bonus_round_propose,
    bonus_round_submit,
)

D02_MANAGER = "demo-m-d02"


def wipe() -> None:
    BonusLine.objects.all().delete()
    BonusRound.objects.all().delete()
    BonusLine.history.all().delete()
    BonusRound.history.all().delete()
    User.objects.filter(username=D02_MANAGER).delete()


def last_complete_quarter(today: date) -> Period:
    quarter = (today.month - 1) // 3
    return Period("quarter", today.year, quarter) if quarter else Period("quarter", today.year - 1, 4)


def build(*, today: date) -> None:
    period = last_complete_quarter(today)
    manager, gm = User.objects.get(username="manager"), User.objects.get(username="gm")
    d01, d02 = Department.objects.get(code="D01"), Department.objects.get(code="D02")
    approved = bonus_round_propose(user=manager, department=d01, period=period)
    policy = bonus_policy(approved.policy_version)
    raised = next((ln for ln in approved.lines.order_by("rank") if ln.band == "B" and ln.eligible), None)
    if raised is not None:  # the best-ranked B: raised to the top of the policy's range, with why
        high = amount_range(raised, approved, policy)[1]
        bonus_amounts_set(
            user=manager, bonus_round=approved, changes=[(raised.engineer_id, high, "带两名新人独立上岗")]
        )
    bonus_round_submit(user=manager, bonus_round=approved)
    bonus_round_decide(user=gm, bonus_round=approved, action="approve", note="同意")
    d02_manager = User.objects.create_user(username=D02_MANAGER, password=None, first_name="陈国栋")
    d02_manager.groups.add(Group.objects.get_or_create(name=Role.DEPT_MANAGER)[0])
    d02.manager = d02_manager
    d02.save(update_fields=["manager"])
    waiting = bonus_round_propose(user=d02_manager, department=d02, period=period)
    bonus_round_submit(user=d02_manager, bonus_round=waiting)
