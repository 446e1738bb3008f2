"""Browser journey: finance goes from the home page to a closed month's bank payment file, sees who the bank
does not pay, picks the ICBC layout and downloads it; a second download asks first."""

import io
import os
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from engineers.models import BankAccount
from payroll.models import BankFileDownload
from workorders.tests.browser import log_in

from .paid_month import PAID_TOTAL, paid_month

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(page, name):
    """Pictures at laptop and phone width to look at, when INCDESK_SHOTS names a folder."""
    if os.environ.get("INCDESK_SHOTS"):
        for width, height, suffix in ((1366, 900, "laptop"), (390, 844, "phone")):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=os.path.join(os.environ["INCDESK_SHOTS"], f"{name}-{suffix}.png"), full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})


def test_finance_downloads_the_icbc_file_from_the_home_page(
    transactional_db, http_cookies, live_server, page, bonus_people
):
    c = bonus_people
    for n, engineer in enumerate((c.zhang, c.li, c.zhao)):
        BankAccount.objects.create(
            engineer=engineer, bank_code="中国工商银行", account_no=f"622202100112345678{n}", account_name=engineer.name
        )
    period = paid_month(c)
    log_in(page, live_server, "finance")
    shoot(page, "home-finance")
    page.get_by_role("link", name="银行代发文件").first.click()
    expect(page.get_by_role("heading", name=f"银行代发文件 {period}")).to_be_visible()
    expect(page.get_by_test_id("paid-count")).to_have_text("3")
    expect(page.get_by_test_id("paid-total")).to_have_text("¥23,693.70")
    expect(page.get_by_test_id("unpaid")).to_contain_text("王强")
    expect(page.get_by_test_id("unpaid")).to_contain_text("-¥462.50")
    page.get_by_label("中国工商银行 批量代发工资(Excel)").check()
    shoot(page, "bank-file")
    with page.expect_download() as download:
        page.get_by_test_id("download-bank-file").click()
    assert download.value.suggested_filename == f"工商银行代发工资-{period}.xlsx"
    rows = list(load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).worksheets[0].values)
    assert rows[0][1] == 3 and D(str(rows[0][3])).quantize(D("0.01")) == PAID_TOTAL
    assert sum(D(str(r[3])).quantize(D("0.01")) for r in rows[2:]) == PAID_TOTAL
    # Downloaded once: the page lists it, and the next download asks before writing a second file for the bank.
    page.reload()
    expect(page.get_by_test_id("downloads")).to_contain_text("中国工商银行 批量代发工资(Excel)")
    expect(page.get_by_test_id("downloads")).to_contain_text("¥23,693.70")
    asked = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_test_id("download-bank-file").click()
    expect(page.get_by_test_id("downloads")).to_be_visible()
    assert asked and "已下载过" in asked[0]
    assert BankFileDownload.objects.count() == 1  # dismissed: nothing downloaded, nothing recorded
    shoot(page, "bank-file-downloaded")
    page.once("dialog", lambda d: d.accept())
    with page.expect_download() as download:
        page.get_by_test_id("download-bank-file").click()
    assert download.value.suggested_filename.endswith(".xlsx") and BankFileDownload.objects.count() == 2
