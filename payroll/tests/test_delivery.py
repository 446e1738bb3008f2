"""Payslip delivery after the close: HR publishes, each engineer reads and confirms (or questions a line),
HR counts, reminds and exports the receipts. Real services, real pages, the workbook read back."""

import io
from datetime import timedelta
from decimal import Decimal as D

import pytest
import time_machine
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from core.errors import ConflictError, DomainError, PermissionDeniedError
from payroll.appeals import appeal_answer, appeal_ask
from payroll.close import period_close, period_reopen
from payroll.delivery import (
    Counts,
    Reminded,
    payslip_confirm,
    payslip_read,
    payslips_publish,
    payslips_remind,
    publication_in_force,
    receipt_counts,
)
from payroll.errors import PayrollErrorCode
from payroll.exports import MONEY
from payroll.models import Payslip, PayslipPublication, PayslipReceipt

pytestmark = pytest.mark.django_db


def receipt_of(period, engineer) -> PayslipReceipt:
    """The engineer's receipt of the period's publication in force."""
    period.refresh_from_db()
    return PayslipReceipt.objects.get(publication=publication_in_force(period), engineer=engineer)


def payslip_of(period, engineer) -> Payslip:
    return Payslip.objects.get(period=period, engineer=engineer)


def ask(user, payslip, comment="天数是否少算了一天?"):
    return appeal_ask(user=user, line=payslip.lines.order_by("pk").first(), comment=comment)


def test_an_engineer_sees_their_payslip_only_once_hr_publishes_it(client, bonus_people, closed):
    c = bonus_people
    mine = payslip_of(closed, c.li)
    page, pdf = f"/payroll/payslips/{mine.pk}/", f"/payroll/payslips/{mine.pk}/pdf/"
    api = APIClient()
    api.force_authenticate(c.li_user)
    client.force_login(c.li_user)
    assert client.get(page).status_code == 404 and client.get(pdf).status_code == 404
    assert page not in client.get("/payroll/payslips/").content.decode()
    assert api.get("/api/payslips/").json()["results"] == [] and api.get(f"/api/payslips/{mine.pk}/").status_code == 404
    assert "新工资条待确认" not in client.get("/").content.decode()
    # HR, finance, the general manager and the department's manager read it before it is published.
    for user in (c.hr, c.finance, c.gm, c.manager):
        client.force_login(user)
        assert client.get(page).status_code == 200, user

    publication = payslips_publish(user=c.hr, period=closed)

    client.force_login(c.li_user)
    assert client.get(page).status_code == 200 and client.get(pdf).status_code == 200
    assert [p["employee_no"] for p in api.get("/api/payslips/").json()["results"]] == ["E002"]
    home = client.get("/").content.decode()
    assert f'<a href="{page}">新工资条待确认:{closed}</a>' in home
    # Still only their own: Zhao's payslip is published too, and still not Li's to see.
    assert client.get(f"/payroll/payslips/{payslip_of(closed, c.zhao).pk}/").status_code == 404
    # A receipt per payslip, none read yet; who published it and when is in the history.
    assert publication.receipts.count() == Payslip.objects.filter(period=closed).count() == 4
    assert not publication.receipts.filter(read_at__isnull=False).exists()
    assert publication.published_by == c.hr and publication.history.get().history_user == c.hr


def test_only_hr_publishes_only_a_closed_period_and_each_close_once(bonus_people, month):
    c = bonus_people
    with pytest.raises(DomainError) as refused:
        payslips_publish(user=c.hr, period=month)
    assert refused.value.code == PayrollErrorCode.DELIVERY_NOT_CLOSED
    period_close(user=c.hr, period=month)
    for user in (c.finance, c.gm, c.manager, c.li_user):
        with pytest.raises(PermissionDeniedError):
            payslips_publish(user=user, period=month)
    payslips_publish(user=c.hr, period=month)
    with pytest.raises(ConflictError):
        payslips_publish(user=c.hr, period=month)
    assert PayslipPublication.objects.count() == 1 and PayslipReceipt.objects.count() == 4


def test_the_first_opening_is_recorded_once_and_only_for_the_engineer_paid(client, bonus_people, published):
    c = bonus_people
    mine = payslip_of(published, c.li)
    read_url = f"/payroll/payslips/{mine.pk}/read/"
    client.force_login(c.li_user)
    page = client.get(f"/payroll/payslips/{mine.pk}/").content.decode()
    # Opening the page is a GET, which writes nothing: the bar sends the read as an htmx POST on load.
    assert f'hx-post="{read_url}" hx-trigger="load"' in page
    assert receipt_of(published, c.li).read_at is None
    bar = client.post(read_url).content.decode()
    first = receipt_of(published, c.li).read_at
    assert first is not None and abs(timezone.now() - first) < timedelta(minutes=1)
    assert f'首次打开 <span data-testid="read-at">{timezone.localtime(first):%Y-%m-%d %H:%M}</span>' in bar
    assert "hx-post" not in bar  # read once: the bar it returns sends nothing more
    with time_machine.travel(timezone.now() + timedelta(hours=3), tick=False):
        assert "hx-post" not in client.get(f"/payroll/payslips/{mine.pk}/").content.decode()
        client.post(read_url)
    assert receipt_of(published, c.li).read_at == first
    # Nobody else's opening counts: HR reads pay but is refused, another engineer does not find it.
    client.force_login(c.hr)
    assert 'data-testid="delivery-bar"' not in client.get(f"/payroll/payslips/{mine.pk}/").content.decode()
    assert client.post(read_url).status_code == 403
    client.force_login(c.leader_user)
    assert client.post(read_url).status_code == 404
    with pytest.raises(PermissionDeniedError):
        payslip_read(user=c.hr, payslip=mine)
    assert receipt_of(published, c.li).history.count() == 2  # published, then read once


def test_an_engineer_confirms_their_own_payslip_but_not_while_their_question_waits(client, bonus_people, published):
    c = bonus_people
    mine = payslip_of(published, c.li)
    question = ask(c.li_user, mine)
    client.force_login(c.li_user)
    answer = client.post(f"/payroll/payslips/{mine.pk}/confirm/", follow=True).content.decode()
    assert "您关于这张工资条的疑问正等待人事答复" in answer and 'data-testid="confirm-payslip"' not in answer
    assert receipt_of(published, c.li).confirmed_at is None
    appeal_answer(user=c.hr, appeal=question, answer="按工单记录 3 天。")
    page = client.post(f"/payroll/payslips/{mine.pk}/confirm/", follow=True).content.decode()
    receipt = receipt_of(published, c.li)
    assert receipt.confirmed_at is not None and receipt.read_at == receipt.confirmed_at  # confirming reads it
    assert "您已确认这张工资条" in page and 'data-testid="confirm-payslip"' not in page
    client.post(f"/payroll/payslips/{mine.pk}/confirm/")  # again: nothing changes
    assert receipt_of(published, c.li).confirmed_at == receipt.confirmed_at
    assert "新工资条待确认" not in client.get("/").content.decode()
    # Only the engineer paid confirms: HR reads the payslip but is refused, another engineer finds nothing.
    zhao = payslip_of(published, c.zhao)
    client.force_login(c.hr)
    assert client.post(f"/payroll/payslips/{zhao.pk}/confirm/").status_code == 403
    client.force_login(c.leader_user)
    assert client.post(f"/payroll/payslips/{mine.pk}/confirm/").status_code == 404
    with pytest.raises(PermissionDeniedError):
        payslip_confirm(user=c.leader_user, payslip=mine)
    assert receipt_of(published, c.zhao).confirmed_at is None
    counts = receipt_counts(publication_in_force(published), c.hr)
    assert counts == Counts(published=4, read=1, confirmed=1, questioned=1)


def test_hr_reminds_those_not_confirmed_by_mail_and_on_their_home_never_twice_a_day(
    client, bonus_people, published, mailoutbox, django_capture_on_commit_callbacks
):
    c = bonus_people
    for user, address in ((c.leader_user, "zhang@example.cn"), (c.wang_user, "wang@example.cn")):
        user.email = address
        user.save(update_fields=["email"])
    payslip_confirm(user=c.li_user, payslip=payslip_of(published, c.li))  # confirmed: not reminded
    ask(c.wang_user, payslip_of(published, c.wang))  # waits for HR's answer: not reminded
    with django_capture_on_commit_callbacks(execute=True):
        assert payslips_remind(user=c.hr, period=published) == Reminded(sent=2, recently=0)
    reminded = PayslipReceipt.objects.filter(reminded_at__isnull=False)
    assert sorted(r.engineer.name for r in reminded) == ["张伟", "赵敏"]  # 赵敏 has no login: the notice waits
    assert [m.to for m in mailoutbox] == [["zhang@example.cn"]]
    zhang = payslip_of(published, c.zhang)
    assert mailoutbox[0].subject == f"[激励台] 提醒:请确认您 {published} 的工资条"
    assert f"/payroll/payslips/{zhang.pk}/" in mailoutbox[0].body
    client.force_login(c.leader_user)
    home = client.get("/").content.decode()
    assert f'<a href="/payroll/payslips/{zhang.pk}/">新工资条待确认:{published}</a>' in home
    assert f"人事已于 {timezone.localdate():%Y-%m-%d} 提醒您" in home
    # The same day again, by the service or the page: nobody is reminded twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert payslips_remind(user=c.hr, period=published) == Reminded(sent=0, recently=2)
    client.force_login(c.hr)
    page = client.post(f"/payroll/periods/{published.pk}/delivery/", {"action": "remind"}, follow=True)
    assert "2 名工程师在一天内已提醒过,暂不再提醒。" in page.content.decode()
    assert len(mailoutbox) == 1
    # A day later they may be reminded again; HR can pick whom.
    with time_machine.travel(timezone.now() + timedelta(hours=25), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert payslips_remind(user=c.hr, period=published, engineer_ids=[c.zhang.pk]) == Reminded(1, 0)
    assert len(mailoutbox) == 2
    for user in (c.finance, c.gm, c.manager, c.li_user):
        with pytest.raises(PermissionDeniedError):
            payslips_remind(user=user, period=published)


def test_a_reopen_unpublishes_and_the_reclose_needs_a_new_publish_and_new_confirmations(
    client, bonus_people, published
):
    c = bonus_people
    old = payslip_of(published, c.li)
    first = payslip_confirm(user=c.li_user, payslip=old)
    period_reopen(user=c.gm, period=published, reason="补录考勤")
    client.force_login(c.li_user)
    assert client.get(f"/payroll/payslips/{old.pk}/").status_code == 404
    assert "新工资条待确认" not in client.get("/").content.decode()
    client.force_login(c.hr)
    period_page = client.get(f"/payroll/periods/{published.pk}/").content.decode()
    assert "已重新打开:工程师不再能看到这些工资条" in period_page

    period_close(user=c.hr, period=published)
    published.refresh_from_db()
    new = payslip_of(published, c.li)  # the close wrote the payslips again
    assert publication_in_force(published) is None
    client.force_login(c.li_user)
    assert client.get(f"/payroll/payslips/{new.pk}/").status_code == 404
    client.force_login(c.hr)
    period_page = client.get(f"/payroll/periods/{published.pk}/").content.decode()
    assert 'data-testid="publish-again"' in period_page and "每位工程师须重新确认" in period_page
    assert 'data-testid="publish-button"' in period_page

    second = payslips_publish(user=c.hr, period=published)
    assert second.pk != first.publication_id
    first.refresh_from_db()
    assert first.confirmed_at is not None  # kept, on the earlier publication
    assert receipt_of(published, c.li).confirmed_at is None and receipt_of(published, c.li).read_at is None
    assert receipt_counts(second, c.hr).confirmed == 0
    client.force_login(c.li_user)
    page = client.get(f"/payroll/payslips/{new.pk}/").content.decode()
    assert 'data-testid="confirm-again"' in page and 'data-testid="confirm-payslip"' in page
    payslip_confirm(user=c.li_user, payslip=new)
    assert receipt_counts(second, c.hr).confirmed == 1


def test_hr_publishes_from_the_period_page_and_others_cannot(client, bonus_people, closed):
    c = bonus_people
    client.force_login(c.hr)
    assert "待发布的已结算期间" in client.get("/").content.decode()
    for user in (c.finance, c.gm):
        client.force_login(user)
        page = client.get(f"/payroll/periods/{closed.pk}/").content.decode()
        assert "未发布:人事发布之前,工程师看不到自己的工资条。" in page and 'data-testid="publish-button"' not in page
        assert client.post(f"/payroll/periods/{closed.pk}/delivery/", {"action": "publish"}).status_code == 403
    client.force_login(c.li_user)
    assert client.post(f"/payroll/periods/{closed.pk}/delivery/", {"action": "publish"}).status_code == 403
    assert not PayslipPublication.objects.exists()
    client.force_login(c.hr)
    assert 'data-testid="publish-button"' in client.get(f"/payroll/periods/{closed.pk}/").content.decode()
    response = client.post(f"/payroll/periods/{closed.pk}/delivery/", {"action": "publish", "next": "period"})
    assert response.url == f"/payroll/periods/{closed.pk}/"
    page = client.get(response.url).content.decode()
    publication = PayslipPublication.objects.get()
    assert f"由 hr 于 {timezone.localtime(publication.published_at):%Y-%m-%d %H:%M} 发布。" in page
    assert 'data-testid="count-published">4</a>' in page and 'data-testid="publish-button"' not in page
    home = client.get("/").content.decode()
    assert '<a href="/payroll/periods/" class="text-decoration-none">0</a>' in home.split("待发布的已结算期间")[1]


def test_the_receipts_page_counts_and_lists_per_role_and_filters_by_state(client, bonus_people, published):
    c = bonus_people
    payslip_confirm(user=c.li_user, payslip=payslip_of(published, c.li))
    ask(c.wang_user, payslip_of(published, c.wang))
    url = f"/payroll/periods/{published.pk}/delivery/"

    def names(page):
        return [row.split("</a>")[0].rsplit(">", 1)[1] for row in page.split('data-testid="receipt-row"')[1:]]

    for user, expected in (
        (c.hr, ["张伟", "李娜", "赵敏", "王强"]),  # by department (安装部, 维修部), then employee no.
        (c.finance, ["张伟", "李娜", "赵敏", "王强"]),
        (c.gm, ["张伟", "李娜", "赵敏", "王强"]),
        (c.manager, ["张伟", "李娜", "赵敏"]),
        (c.other_manager, ["王强"]),
    ):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert names(page) == expected, user
        assert (f'data-testid="count-published">{len(expected)}</a>' in page) is True, user
        assert ('data-testid="remind-all"' in page) is (user == c.hr), user
        assert ('data-testid="receipts-xlsx"' in page) is (user == c.hr), user
    client.force_login(c.hr)
    page = client.get(url).content.decode()
    for name, count in (("read", 1), ("confirmed", 1), ("questioned", 1)):
        assert f'data-testid="count-{name}">{count}</a>' in page
    assert names(client.get(url, {"state": "confirmed"}).content.decode()) == ["李娜"]
    assert names(client.get(url, {"state": "unread"}).content.decode()) == ["张伟", "赵敏", "王强"]
    assert names(client.get(url, {"state": "questioned"}).content.decode()) == ["王强"]
    assert names(client.get(url, {"state": "unconfirmed", "q": "赵"}).content.decode()) == ["赵敏"]
    assert "没有符合筛选条件的人" in client.get(url, {"q": "无此人"}).content.decode()
    for user in (c.li_user, c.leader_user, c.qs, c.supervisor):
        client.force_login(user)
        assert client.get(url).status_code == 403, user
        assert client.post(url, {"action": "remind"}).status_code == 403, user
    assert not PayslipReceipt.objects.filter(reminded_at__isnull=False).exists()


def test_the_receipts_workbook_reads_back_what_each_engineer_did(client, bonus_people, published):
    c = bonus_people
    payslip_read(user=c.li_user, payslip=payslip_of(published, c.li))
    with time_machine.travel(timezone.now() + timedelta(hours=2), tick=False):
        payslip_confirm(user=c.li_user, payslip=payslip_of(published, c.li))
    ask(c.wang_user, payslip_of(published, c.wang))
    payslips_remind(user=c.hr, period=published, engineer_ids=[c.zhao.pk])
    client.force_login(c.hr)
    response = client.get(f"/payroll/periods/{published.pk}/receipts.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("工号", "姓名", "部门", "实发工资", "阅读时间", "确认时间", "有疑问", "提醒时间")
    by_no = {row[0]: row for row in rows[1:]}
    assert sorted(by_no) == ["E001", "E002", "E003", "E004"]

    def local(moment):
        return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)

    li, zhao = receipt_of(published, c.li), receipt_of(published, c.zhao)
    assert by_no["E002"] == (
        "E002",
        "李娜",
        "安装部",
        by_no["E002"][3],
        local(li.read_at),
        local(li.confirmed_at),
        "否",
        None,
    )
    assert local(li.confirmed_at) - local(li.read_at) >= timedelta(hours=1, minutes=59)
    assert D(str(by_no["E002"][3])).quantize(D("0.01")) == payslip_of(published, c.li).net_amount
    assert by_no["E003"][2] == "维修部" and by_no["E003"][6] == "是" and by_no["E003"][4] is None
    assert by_no["E004"][7] == local(zhao.reminded_at) and by_no["E004"][5] is None
    assert ws.cell(2, 4).number_format == MONEY
    facts = dict(load_workbook(io.BytesIO(response.content)).worksheets[1].iter_rows(values_only=True))
    assert facts["发布人"] == "hr" and facts["工资条"] == 4
    for user in (c.finance, c.gm, c.manager, c.li_user):
        client.force_login(user)
        assert client.get(f"/payroll/periods/{published.pk}/receipts.xlsx").status_code == 403, user


def test_a_department_manager_sees_their_engineers_receipts_on_the_home(client, bonus_people, published):
    c = bonus_people
    payslip_confirm(user=c.li_user, payslip=payslip_of(published, c.li))
    client.force_login(c.manager)
    home = client.get("/").content.decode()
    panel = home.split(f"工资条 {published}")[1]
    url = f"/payroll/periods/{published.pk}/delivery/"
    assert f'<a href="{url}" class="text-decoration-none">3</a>' in panel
    assert f'<a href="{url}?state=confirmed" class="text-decoration-none">1</a>' in panel


def test_hr_reminds_only_the_engineers_ticked_on_the_receipts_page(client, bonus_people, published):
    c = bonus_people
    url = f"/payroll/periods/{published.pk}/delivery/"
    client.force_login(c.hr)
    nothing = client.post(url, {"action": "remind_selected"}, follow=True).content.decode()
    assert "请先勾选要提醒的工程师。" in nothing  # nobody ticked: nobody reminded, not everyone
    assert not PayslipReceipt.objects.filter(reminded_at__isnull=False).exists()
    page = client.post(url, {"action": "remind_selected", "engineer": [c.zhao.pk]}, follow=True).content.decode()
    assert "已提醒 1 名工程师。" in page
    assert [r.engineer.name for r in PayslipReceipt.objects.filter(reminded_at__isnull=False)] == ["赵敏"]


def test_publishing_mails_each_engineer_with_an_address_unless_mail_is_muted(
    bonus_people, closed, mailoutbox, django_capture_on_commit_callbacks
):
    from core.mail import mail_muted

    c = bonus_people
    c.li_user.email = "li@example.cn"
    c.li_user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True), mail_muted():  # as the demo company is built
        payslips_publish(user=c.hr, period=closed)
    assert mailoutbox == []
    period_reopen(user=c.gm, period=closed, reason="补录考勤")
    period_close(user=c.hr, period=closed)
    closed.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        payslips_publish(user=c.hr, period=closed)
    assert [m.to for m in mailoutbox] == [["li@example.cn"]]
    assert f"/payroll/payslips/{payslip_of(closed, c.li).pk}/" in mailoutbox[0].body
