"""The payslip page's reads written in SQL answer as the ORM queries they replace, through a month's
publication, questions, a confirmation, a re-close and its publication."""

import pytest
from django.db.models import F
from django.forms.models import model_to_dict

from payroll.appeals import appeal_answer, appeal_ask
from payroll.close import period_close, period_reopen
from payroll.delivery import payslip_confirm, payslips_publish
from payroll.models import Payslip, PayslipAppeal, PayslipPublication, PayslipReceipt
from payroll.payslip_reads import current_close_published, month_appeals, month_receipts

pytestmark = pytest.mark.django_db


def fields(instance) -> dict:
    return {
        **model_to_dict(instance),
        "id": instance.pk,
        **{f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields},
    }


def test_each_read_answers_as_its_orm_query(bonus_people, closed):
    c = bonus_people
    people = (c.li, c.zhao, c.wang)

    def same() -> tuple[bool, int, int]:
        closed.refresh_from_db()
        published = PayslipPublication.objects.filter(period=closed, closed_at=closed.closed_at).exists()
        assert current_close_published(closed) == published
        for engineer in people:
            appeals = list(PayslipAppeal.objects.filter(period=closed, engineer=engineer))
            assert [fields(a) for a in month_appeals(closed.pk, engineer.pk)] == [fields(a) for a in appeals]
            receipts = (
                PayslipReceipt.objects.filter(publication__period=closed.pk, engineer=engineer)
                .annotate(close=F("publication__closed_at"))
                .order_by("pk")
            )
            expected = [(fields(r), r.close == closed.closed_at) for r in receipts]
            found = sorted(month_receipts(closed, engineer.pk), key=lambda r: r.pk)
            assert [(fields(r), r.current) for r in found] == expected
        li = month_receipts(closed, c.li.pk)
        return published, len(month_appeals(closed.pk, c.li.pk)), sum(r.current for r in li)

    assert same() == (False, 0, 0)
    payslips_publish(user=c.hr, period=closed)
    assert same() == (True, 0, 1)
    li = Payslip.objects.get(period=closed, engineer=c.li)
    lines = list(li.lines.order_by("pk"))
    first = appeal_ask(user=c.li_user, line=lines[0], comment="天数是否少算了一天?")
    second = appeal_ask(user=c.li_user, line=lines[-1], comment="扣款是哪一项?")
    appeal_answer(user=c.hr, appeal=first, answer="按工单记录 3 天。")
    assert same()[1] == 2
    # In the model's order (status, then newest first), not the order they were asked in.
    assert [a.pk for a in month_appeals(closed.pk, c.li.pk)] == [first.pk, second.pk]
    assert [a.status for a in month_appeals(closed.pk, c.li.pk)] == sorted(
        a.status for a in month_appeals(closed.pk, c.li.pk)
    )
    PayslipAppeal.objects.filter(period=closed, engineer=c.li).update(status="answered", answer="已核对")
    payslip_confirm(user=c.li_user, payslip=li)
    same()
    # A re-close unpublishes; its publication makes a second receipt, the earlier one kept.
    period_reopen(user=c.gm, period=closed, reason="核对绩效工资基数")
    period_close(user=c.hr, period=closed)
    assert same() == (False, 2, 0)
    payslips_publish(user=c.hr, period=closed)
    assert same() == (True, 2, 1)
    assert len(month_receipts(closed, c.li.pk)) == 2


def test_a_payslip_with_its_people_is_the_orms_select_related(bonus_people, closed, django_assert_num_queries):
    """Every column of the payslip, its engineer, their department and the month, converted as the ORM
    converts them (amounts as Decimal, times aware), with no query left for the relations."""
    from payroll.payslip_reads import payslip_with_people

    orm = Payslip.objects.select_related("engineer__department", "period")
    payslips = list(orm.filter(period=closed))
    assert len(payslips) >= 3
    for expected in payslips:
        with django_assert_num_queries(1):
            read = payslip_with_people(expected.pk)
            related = (read.engineer, read.engineer.department, read.period)
        assert fields(read) == fields(expected)
        assert [fields(r) for r in related] == [
            fields(r) for r in (expected.engineer, expected.engineer.department, expected.period)
        ]
        assert type(read.net_amount) is type(expected.net_amount) and type(read.created_at) is type(expected.created_at)
    assert payslip_with_people(max(p.pk for p in payslips) + 1000) is None
    assert payslip_with_people(2**64) is None  # digits a URL may carry, beyond any id


def test_a_payslip_id_beyond_any_id_is_not_found(client, bonus_people):
    client.force_login(bonus_people.finance)
    assert client.get(f"/payroll/payslips/{2**64}/").status_code == 404
