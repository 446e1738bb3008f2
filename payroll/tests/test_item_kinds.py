"""Money the workflows above the ledger approve reaches the closed payslip as a line of its own kind."""

from decimal import Decimal as D

import pytest

from ledger.models import PayPeriod
from payroll.close import period_close
from payroll.models import LineKind, PayslipLine
from periodbonus.services import Period, bonus_round_decide, bonus_round_propose, bonus_round_submit
from periodbonus.tests.conftest import q3  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db


def test_the_approved_bonus_is_a_line_of_its_own_on_the_closed_payslip(q3):  # noqa: F811
    r = bonus_round_propose(user=q3.manager, department=q3.d1, period=Period("quarter", 2026, 3))
    bonus_round_submit(user=q3.manager, bonus_round=r)
    bonus_round_decide(user=q3.gm, bonus_round=r, action="approve")
    period_close(user=q3.hr, period=PayPeriod.objects.get(year=2026, month=11), reason="test")
    line = PayslipLine.objects.get(payslip__engineer=q3.li, source=f"period_bonus:{r.pk}")
    assert (line.kind, line.amount, line.description) == (LineKind.QUARTERLY_BONUS, D("1500.00"), "2026年第3季度奖金")
    assert line.get_kind_display() == "季度奖金"  # its own heading on the payslip, not "honours"
