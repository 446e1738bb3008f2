"""HR's work-order list writes its rows in Python (workorders/list_html.py): what a user reads in each
layout, every value escaped, in Chinese and English."""

from datetime import date

import lxml.html
import pytest

from workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(company, make_work_order):
    c = company
    done = make_work_order(
        number="WO-R-1",
        reported=date(2026, 11, 3),
        resolved=date(2026, 11, 4),
        people=((c.li, "1"), (c.zhang, "2")),
        is_special=True,
    )
    WorkOrder.objects.filter(pk=done.pk).update(customer_name="<script>alert(1)</script>", site_address="A & B 路")
    done.refresh_from_db()
    return {"done": done, "open": make_work_order(number="WO-R-2", reported=date(2026, 11, 5), crew=None)}


def _layouts(client):
    html = lxml.html.fromstring(client.get("/workorders/").content)
    rows = {
        tr.xpath("td[1]/a")[0].text: [" ".join(td.text_content().split()) for td in tr.xpath("td")]
        for tr in html.xpath('//*[@data-testid="workorder-table"]//tbody/tr')
    }
    cards = {
        li.xpath(".//a")[0].text: " | ".join(" ".join(div.text_content().split()) for div in li.xpath("div"))
        for li in html.xpath('//*[@data-testid="workorder-cards"]/li')
    }
    return rows, cards


def test_each_order_reads_the_same_in_the_table_and_on_the_card(client, company, orders):
    client.force_login(company.hr)
    response = client.get("/workorders/")
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    rows, cards = _layouts(client)
    done, still_open = orders["done"], orders["open"]
    total = f"¥{done.piece_rate_total_amount:,.2f}"
    # Participants by employee no. (张伟 E001 before 李娜 E002), whatever order they were entered in.
    assert rows["WO-R-1"] == [
        "WO-R-1 特殊",
        "安装",
        "<script>alert(1)</script>",
        "A & B 路",
        str(company.crew),
        "2026-11-04",
        "张伟、李娜",
        total,
    ]
    assert rows["WO-R-2"][4:7] == ["—", "未完工", "—"]
    card = f"WO-R-1{total} | <script>alert(1)</script> · 安装 特殊 | 完工日期 2026-11-04 · {company.crew}"
    assert cards["WO-R-1"] == card
    assert cards["WO-R-2"].endswith("| 未完工") and still_open.crew is None
    detail = lxml.html.fromstring(response.content).xpath('//a[text()="WO-R-1"]/@href')
    assert detail == [f"/workorders/{done.pk}/"] * 2


def test_the_rows_speak_english_when_the_user_does(client, company, orders, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(company.hr)
    rows, cards = _layouts(client)
    assert rows["WO-R-1"][0] == "WO-R-1 special" and rows["WO-R-2"][5] == "open"
    assert "completed on 2026-11-04" in cards["WO-R-1"]


def test_the_participants_column_is_what_the_orm_reads(company, orders, make_work_order):
    from workorders.models import Participant
    from workorders.selectors import participant_names

    c = company
    third = make_work_order(number="WO-R-3", reported=date(2026, 11, 6), people=((c.zhao, "1"), (c.li, "1")))
    listed = [orders["done"], orders["open"], third]
    expected = {
        wo.pk: list(
            Participant.objects.filter(work_order=wo)
            .order_by("engineer__employee_no")
            .values_list("engineer__name", flat=True)
        )
        for wo in listed
    }
    assert participant_names(listed) == expected
    assert expected[orders["open"].pk] == [] and len(expected[third.pk]) == 2
    assert participant_names([]) == {}
