"""Browser journeys: HR closes the month and publishes the payslips, an engineer reads and downloads theirs,
finance the workbook."""

import io
import re
import subprocess
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from payroll.models import Payslip
from workorders.tests.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_close_read_the_payslip_and_export(
    transactional_db, http_cookies, live_server, page, bonus_people, month, tmp_path
):
    # HR closes the period from the page and the progress bar reports it closed.
    log_in(page, live_server, "hr")
    page.goto(f"{live_server.url}/payroll/periods/{month.pk}/")
    # The month is not over yet (the tests' today is the 18th): the page says so and asks why.
    expect(page.get_by_test_id("close-blockers")).to_contain_text("本月尚未结束")
    page.get_by_label("现在结算的理由").fill("提前结算:年底对账")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="结算本期间").click()
    expect(page.get_by_test_id("period-status")).to_have_text("已结算", timeout=20000)
    expect(page.get_by_test_id("close-progress")).to_contain_text("已结算")
    expect(page.get_by_test_id("grand-total")).to_have_text(
        f"¥{sum(p.gross_amount for p in Payslip.objects.filter(period=month)):,.2f}"
    )
    # Engineers see their payslips once HR publishes them.
    page.once("dialog", lambda d: d.accept())
    page.get_by_test_id("publish-button").click()
    expect(page.get_by_test_id("delivery-status")).to_contain_text("发布")
    log_out(page)

    # The engineer opens their payslip, expands the crew line, downloads the PDF.
    log_in(page, live_server, "li")
    page.get_by_role("link", name="我的工资条").click()
    page.get_by_role("link", name=str(month)).click()
    lines = page.get_by_test_id("payslip-lines")
    crew = lines.locator(".payslip-line", has_text="集体激励")
    crew.locator("summary").first.click()
    expect(crew).to_contain_text("工单 WO-T-0001")  # what the line is for, not its kind twice
    expect(crew).to_contain_text(
        "您的份额 = 总额 216.56 元 × (您的 3 天 × 100%)÷ 全组(天数 × 百分比)合计 9.6 = 67.68 元"
    )
    expect(crew).to_contain_text("¥67.68")
    # Asking HR is one action behind its own button, not a box open under every line.
    expect(crew.get_by_label("您的问题")).to_be_hidden()
    crew.get_by_text("对此项提问").click()
    expect(crew.get_by_label("您的问题")).to_be_visible()
    expect(page.get_by_test_id("gross-total")).to_have_text("¥2,238.68" if month.month != 12 else "¥4,238.68")
    with page.expect_download() as download:
        page.get_by_test_id("payslip-pdf").click()
    pdf = tmp_path / "payslip.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "李娜" in text and "¥67.68" in text
    log_out(page)

    # Finance downloads the workbook; its grand total equals the payslips.
    log_in(page, live_server, "finance")
    page.get_by_role("link", name="工资期间").click()
    page.get_by_role("link", name=str(month)).click()
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert re.search(r"\.xlsx$", download.value.suggested_filename)
    wb = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    total, gross = rows[-1], rows[0].index("应发合计")
    assert total[0] == "总计"
    assert D(str(total[gross])).quantize(D("0.01")) == sum(p.gross_amount for p in Payslip.objects.filter(period=month))
