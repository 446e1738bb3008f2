"""The approver's inbox shows what each approval would pay and the engineer's monthly cap; bulk
approval takes the requests oldest first, reports each with its amount, and approves one that
would pay ¥0.00 only when that is confirmed. Rates are shown exactly."""

from decimal import Decimal

import lxml.html
import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ledger.models import PayableItem
from workorders.bonus import services
from workorders.bonus import views as bonus_views
from workorders.bonus.inbox_html import _amount, _cap
from workorders.bonus.quotes import Quote
from workorders.models import BonusRequest
from workorders.tests.test_bonus_workflow import crew_ready

pytestmark = pytest.mark.django_db
D = Decimal


def individual(c, wo, engineer, rate):
    r = services.bonus_request_propose(
        user=c.qs, kind="individual", work_order=wo, engineer=engineer, rate=D(rate), rated_excellent=True
    )
    return services.bonus_request_transition(user=c.supervisor, request=r, action="submit")


@pytest.fixture
def cap_story(bonus_people, special_order, make_work_order):
    """李娜 already has 120.00 of individual incentives this month (4,000.00 × 3 %). Waiting for the
    manager, oldest first: `big` 10,400.00 × 4 % = 416.00 (380.00 left under the 500.00 cap),
    `small` 530.00 × 4 % = 21.20 (nothing left once `big` is approved), 赵敏's two days of paid
    training (120.00, not under the cap) and a crew request at 12.5 % (pool 87.5 ÷ 100 × 530.00 ×
    12.5 % = 57.97)."""
    c = bonus_people
    today = timezone.localdate()

    def order(lines):
        return make_work_order(reported=today, resolved=today, is_special=True, lines=lines, people=((c.li, "5"),))

    earlier = individual(c, order((("AZ-101", "27"), ("AZ-105", "70"))), c.li, "0.03")
    services.bonus_request_transition(user=c.manager, request=earlier, action="approve")
    c.big = individual(c, order((("AZ-101", "80"),)), c.li, "0.04")
    c.small = individual(c, special_order, c.li, "0.04")
    training = services.bonus_request_propose(
        user=c.supervisor, kind="training", work_order=special_order, engineer=c.zhao, training_days=D("2")
    )
    c.training = services.bonus_request_transition(user=c.supervisor, request=training, action="submit")
    crew_ready(c, special_order)
    crew = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=special_order, ratio=D("0.125"))
    c.crew_request = services.bonus_request_transition(user=c.supervisor, request=crew, action="submit")
    assert PayableItem.objects.get().amount == D("120.00")
    return c


def inbox_rows(html: str) -> list[tuple[int, dict[str, str]]]:
    """The inbox table as the manager reads it: (request id, {column: text}) in the order listed."""
    rows = []
    for tr in lxml.html.fromstring(html).xpath('//tr[starts-with(@data-testid, "inbox-row-")]'):
        cells = {td.get("data-testid"): " ".join(td.text_content().split()) for td in tr.xpath("./td[@data-testid]")}
        rows.append((int(tr.get("data-testid").rsplit("-", 1)[1]), cells))
    return rows


def bulk_report(html: str) -> list[str]:
    doc = lxml.html.fromstring(html)
    return [" ".join(li.text_content().split()) for li in doc.xpath('//*[@data-testid="bulk-result"]')]


def test_the_inbox_shows_what_each_approval_would_pay_and_the_cap_used_and_left(client, cap_story):
    c = cap_story
    client.force_login(c.manager)
    rows = inbox_rows(client.get("/bonus/inbox/").content.decode())
    assert [pk for pk, _cells in rows] == [c.big.pk, c.small.pk, c.training.pk, c.crew_request.pk]  # oldest first
    big, small, training, crew = (cells for _pk, cells in rows)
    assert big["amount"] == "¥380.00 从 ¥416.00 按上限削减"
    assert big["cap"] == small["cap"] == "已用 ¥120.00 · 剩余 ¥380.00"
    assert small["amount"].startswith(f"¥21.20 排在上面的 #{c.big.pk} 之后:¥0.00")
    assert "仍按 ¥0.00 批准(本月已发个人激励 ¥500.00,已达月度上限 ¥500.00)" in small["amount"]
    assert (training["amount"], training["cap"]) == ("¥120.00", "不计入上限")
    assert (crew["amount"], crew["cap"]) == ("¥57.97 集体激励总金额", "—")


def test_the_inbox_pages_and_a_later_page_still_counts_the_cap_used_by_an_earlier_one(client, cap_story, monkeypatch):
    c = cap_story
    monkeypatch.setattr(bonus_views, "INBOX_PAGE_SIZE", 1)
    client.force_login(c.manager)
    pages = [client.get(f"/bonus/inbox/?page={n}").content.decode() for n in (1, 2, 3, 4)]
    assert [[pk for pk, _cells in inbox_rows(page)] for page in pages] == [
        [c.big.pk],
        [c.small.pk],
        [c.training.pk],
        [c.crew_request.pk],
    ]
    doc = lxml.html.fromstring(pages[1])
    assert doc.xpath('string(//*[@data-testid="inbox-count"])') == "4"  # all that waits, not this page's
    assert (
        " ".join(doc.xpath("string(//nav[ul[contains(@class, 'pagination')]]/span)").split()) == "共 4 条 · 第 2 / 4 页"
    )
    assert doc.xpath("//nav[ul[contains(@class, 'pagination')]]//a/@href") == [
        "?page=1",
        "?page=1",
        "?page=3",
        "?page=4",
    ]
    # `small` is alone on page 2, but `big` (page 1) comes first under 李娜's cap: it pays nothing after it.
    small = dict(inbox_rows(pages[1]))[c.small.pk]
    assert small["amount"].startswith(f"¥21.20 排在上面的 #{c.big.pk} 之后:¥0.00")
    # The API's inbox is a page at a time too.
    api = APIClient()
    api.force_login(c.manager)
    first = api.get("/api/bonus-requests/inbox/").json()
    assert first["count"] == 4 and [r["id"] for r in first["results"]] == [
        c.big.pk,
        c.small.pk,
        c.training.pk,
        c.crew_request.pk,
    ]


def test_bulk_approval_goes_oldest_first_reports_each_amount_and_refuses_an_unconfirmed_zero(client, cap_story):
    c = cap_story
    client.force_login(c.manager)
    # Ticked newest first: the order of the form's fields does not decide who uses the cap first.
    page = client.post("/bonus/inbox/approve/", {"ids": [c.small.pk, c.big.pk]}, follow=True).content.decode()
    assert bulk_report(page) == [
        f"#{c.big.pk} 个人激励 · {c.big.work_order.number} · 李娜 — 已批准,支付 ¥380.00",
        f"#{c.small.pk} 个人激励 · {c.small.work_order.number} · 李娜 — 未批准:批准 #{c.small.pk} 将支付 ¥0.00:"
        "本月已发个人激励 ¥500.00,已达月度上限 ¥500.00。请确认按 ¥0.00 批准,或退回。",
    ]
    assert "已批准所选 2 项申请中的 1 项,按列表顺序逐项处理。" in page
    statuses = dict(BonusRequest.objects.values_list("pk", "status"))
    assert (statuses[c.big.pk], statuses[c.small.pk]) == ("approved", "submitted")
    assert sorted(PayableItem.objects.filter(engineer=c.li).values_list("amount", flat=True)) == [
        D("120.00"),
        D("380.00"),
    ]
    # The second step: the inbox now says it pays ¥0.00 and offers the confirmation.
    small = dict(inbox_rows(page))[c.small.pk]
    assert small["amount"].startswith("¥0.00") and "仍按 ¥0.00 批准" in small["amount"]
    assert small["cap"] == "已用 ¥500.00 · 剩余 ¥0.00"
    page = client.post(
        "/bonus/inbox/approve/", {"ids": [c.small.pk], "confirm_zero": [c.small.pk]}, follow=True
    ).content.decode()
    assert bulk_report(page) == [f"#{c.small.pk} 个人激励 · {c.small.work_order.number} · 李娜 — 已批准,支付 ¥0.00"]
    assert BonusRequest.objects.get(pk=c.small.pk).amount == D("0.00")


def test_a_confirmation_for_one_request_does_not_confirm_another(client, cap_story):
    c = cap_story
    client.force_login(c.manager)
    client.post("/bonus/inbox/approve/", {"ids": [c.big.pk]})
    # The zero confirmation is per request: ticking it for the training does not cover `small`.
    page = client.post(
        "/bonus/inbox/approve/", {"ids": [c.small.pk, c.training.pk], "confirm_zero": [c.training.pk]}, follow=True
    ).content.decode()
    report = bulk_report(page)
    assert report[0].endswith(
        f"未批准:批准 #{c.small.pk} 将支付 ¥0.00:本月已发个人激励 ¥500.00,已达月度上限 ¥500.00。"
        "请确认按 ¥0.00 批准,或退回。"
    )
    assert report[1].endswith("赵敏 — 已批准,支付 ¥120.00")
    assert BonusRequest.objects.get(pk=c.small.pk).status == "submitted"


def test_the_request_page_refuses_a_zero_approval_until_it_is_confirmed(client, cap_story):
    c = cap_story
    client.force_login(c.manager)
    client.post("/bonus/inbox/approve/", {"ids": [c.big.pk]})
    page = client.get(f"/bonus/{c.small.pk}/").content.decode()
    quote = " ".join(lxml.html.fromstring(page).xpath('//*[@data-testid="quote"]')[0].text_content().split())
    assert quote.startswith("批准将支付 ¥0.00 · 本月个人激励上限:已用 ¥500.00 · 剩余 ¥0.00")
    assert 'name="confirm_zero"' in page
    page = client.post(f"/bonus/{c.small.pk}/transition/", {"action": "approve"}, follow=True).content.decode()
    assert f"批准 #{c.small.pk} 将支付 ¥0.00" in page
    assert BonusRequest.objects.get(pk=c.small.pk).status == "submitted"
    assert PayableItem.objects.filter(source=f"bonus_request:{c.small.pk}").count() == 0
    page = client.post(
        f"/bonus/{c.small.pk}/transition/", {"action": "approve", "confirm_zero": "1"}, follow=True
    ).content.decode()
    assert "已批准:支付 ¥0.00。" in page
    assert BonusRequest.objects.get(pk=c.small.pk).status == "approved"


def test_the_api_refuses_a_zero_approval_without_confirm_zero(cap_story):
    c = cap_story
    services.bonus_request_transition(user=c.manager, request=c.big, action="approve")
    api = APIClient()
    api.force_authenticate(c.manager)
    url = f"/api/bonus-requests/{c.small.pk}/transition/"
    refused = api.post(url, {"action": "approve"}, format="json")
    assert refused.status_code == 400
    assert (refused.json()["code"], list(refused.json()["fields"])) == (
        "bonus.zero_amount_unconfirmed",
        ["confirm_zero"],
    )
    assert BonusRequest.objects.get(pk=c.small.pk).status == "submitted"
    done = api.post(url, {"action": "approve", "confirm_zero": True}, format="json")
    assert (done.status_code, done.json()["status"], done.json()["amount"]) == (200, "approved", "0.00")


def test_the_crew_request_page_shows_its_decider_the_pool(client, cap_story):
    c = cap_story
    client.force_login(c.manager)
    doc = lxml.html.fromstring(client.get(f"/bonus/{c.crew_request.pk}/").content.decode())
    assert [p.text_content() for p in doc.xpath('//*[@data-testid="pool"]')] == ["¥57.97"]
    assert (
        " ".join(doc.xpath('//*[@data-testid="quote"]')[0].text_content().split())
        == "批准将支付 ¥57.97 (集体激励总金额)"
    )


def test_a_request_approval_would_refuse_is_said_so_and_not_offered_for_bulk(client, cap_story):
    c = cap_story
    BonusRequest.objects.filter(pk=c.small.pk).update(rated_excellent=False)
    c.li.hire_date = timezone.localdate().replace(year=timezone.localdate().year - 1)  # 1 year, no special skill
    c.li.save()
    client.force_login(c.manager)
    page = client.get("/bonus/inbox/").content.decode()
    small = dict(inbox_rows(page))[c.small.pk]
    assert small["amount"] == "批准将被拒绝:李娜 不符合条件:未被工程主管以上评为优秀、无特殊技能且工龄不足。"
    assert f'name="ids" value="{c.small.pk}"' not in page
    assert f'name="ids" value="{c.big.pk}"' not in page  # the same engineer: not eligible either


def test_rates_are_shown_exactly_not_rounded_to_whole_percents(client, bonus_people, special_order, make_work_order):
    c = bonus_people
    today = timezone.localdate()
    other = make_work_order(reported=today, resolved=today, is_special=True, people=((c.zhao, "1"),))
    low = individual(c, special_order, c.li, "0.035")
    high = individual(c, other, c.zhao, "0.045")
    crew_ready(c, special_order)
    crew = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=special_order, ratio=D("0.125"))
    client.force_login(c.manager)

    def fact(pk, label):
        doc = lxml.html.fromstring(client.get(f"/bonus/{pk}/").content.decode())
        return " ".join(
            doc.xpath(f'//dt[normalize-space()="{label}"]/following-sibling::dd[1]')[0].text_content().split()
        )

    assert (fact(low.pk, "激励比例"), fact(high.pk, "激励比例")) == ("3.5%", "4.5%")
    assert fact(crew.pk, "集体激励比例").startswith("12.5% ·")
    crew_page = lxml.html.fromstring(client.get(f"/bonus/workorder/{special_order.pk}/crew/").content.decode())
    assert f"#{crew.pk} · 12.5% ·" in " ".join(crew_page.text_content().split())
    client.force_login(c.qs)  # the proposer edits it
    edit = lxml.html.fromstring(client.get(f"/bonus/{low.pk}/edit/").content.decode())
    assert edit.xpath('//input[@name="rate"]/@value') == ["3.5"]  # not "3.5000"


def test_the_inbox_rows_escape_names_and_link_each_request_and_order(client, cap_story):
    c = cap_story
    c.li.name = "<b>李娜</b>"
    c.li.save()
    c.qs.first_name = "<i>质检</i>"
    c.qs.save()
    client.force_login(c.manager)
    html = client.get("/bonus/inbox/").content.decode()
    assert "<b>李娜</b>" not in html and "<i>" not in html
    row = lxml.html.fromstring(html).xpath(f'//tr[@data-testid="inbox-row-{c.big.pk}"]')[0]
    cells = [" ".join(td.text_content().split()) for td in row.xpath("./td")]
    assert cells[1:6] == [str(c.big.pk), "个人激励", c.big.work_order.number, "<b>李娜</b>", "已申报"]
    assert cells[6] == "<i>质检</i> 2026-11-18"  # the proposer (escaped, read as typed) and the day
    assert row.xpath("./td/a/@href") == [f"/bonus/{c.big.pk}/", f"/workorders/{c.big.work_order.pk}/"]
    assert row.xpath('./td/input[@name="ids"]/@value') == [str(c.big.pk)]


def test_a_quote_with_nothing_to_show_leaves_the_amount_cell_empty():
    request = BonusRequest(kind="individual", status="submitted")
    nothing = Quote(request, None, "")
    assert _amount(request, nothing, selectable=True) == "" and _cap(request, nothing) == "—"
    assert _amount(request, None, selectable=False) == "—"


def test_the_special_projects_waiting_for_an_inspection_or_self_assessment_are_listed_to_whom_they_wait_for(
    client, bonus_people, special_order
):
    c = bonus_people
    link = f'href="/bonus/workorder/{special_order.pk}/crew/"'
    for user, listed in ((c.qs, True), (c.supervisor, True), (c.leader_user, True), (c.manager, False)):
        client.force_login(user)
        assert (link in client.get("/bonus/inbox/").content.decode()) is listed, user.username
