"""Payslips, exports and PDFs as users see them: real files read back, real permissions."""

import datetime
import io
import shutil
import subprocess
from decimal import Decimal as D

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from rest_framework.test import APIClient

from payroll.close import adjustment_add, period_close
from payroll.exports import display_width
from payroll.models import Payslip, PayslipAppeal

pytestmark = pytest.mark.django_db


def test_engineer_sees_only_their_own_payslip_by_page_pdf_and_api(client, bonus_people, published):
    c = bonus_people
    mine = Payslip.objects.get(period=published, engineer=c.li)
    theirs = Payslip.objects.get(period=published, engineer=c.zhao)
    client.force_login(c.li_user)
    page = client.get(f"/payroll/payslips/{mine.pk}/")
    assert page.status_code == 200
    # The piece-rate line lists each work order with the days and the share it paid.
    numbers = list(
        mine.engineer.participations.filter(share_amount__in=[D("495.00"), D("260.00")]).values_list(
            "work_order__number", "share_amount"
        )
    )
    assert len(numbers) == 2
    for number, share in numbers:
        assert f"工单 {number}:" in page.content.decode() and f"¥{share}" in page.content.decode()
    for url in (f"/payroll/payslips/{theirs.pk}/", f"/payroll/payslips/{theirs.pk}/pdf/"):
        assert client.get(url).status_code == 404
    listing = client.get("/payroll/payslips/").content.decode()
    assert f"/payroll/payslips/{mine.pk}/" in listing and f"/payroll/payslips/{theirs.pk}/" not in listing
    assert "赵敏" not in listing
    api = APIClient()
    api.force_authenticate(c.li_user)
    assert [p["employee_no"] for p in api.get("/api/payslips/").json()["results"]] == ["E002"]
    assert api.get(f"/api/payslips/{theirs.pk}/").status_code == 404
    assert client.get(f"/payroll/periods/{published.pk}/").status_code == 403


def test_pay_is_seen_by_hr_finance_gm_and_the_department_manager_not_by_qs_or_supervisors(client, bonus_people, closed):
    c = bonus_people
    zhao = Payslip.objects.get(period=closed, engineer=c.zhao)
    api = APIClient()
    for user, sees in (
        (c.hr, True),
        (c.finance, True),
        (c.gm, True),
        (c.manager, True),
        (c.qs, False),
        (c.supervisor, False),
    ):
        client.force_login(user)
        api.force_authenticate(user)
        expected = 200 if sees else 404
        assert client.get(f"/payroll/payslips/{zhao.pk}/").status_code == expected, user
        assert client.get(f"/payroll/payslips/{zhao.pk}/pdf/").status_code == expected, user
        assert api.get(f"/api/payslips/{zhao.pk}/").status_code == expected, user
        assert ("赵敏" in client.get("/payroll/payslips/").content.decode()) is sees, user
    client.force_login(c.qs)
    assert "payroll/payslips/" not in client.get("/").content.decode()  # no menu item for pay they cannot see


def test_payslip_pdf_has_the_chinese_name_and_amounts(client, bonus_people, published, tmp_path):
    c = bonus_people
    payslip = Payslip.objects.get(period=published, engineer=c.li)
    client.force_login(c.li_user)
    response = client.get(f"/payroll/payslips/{payslip.pk}/pdf/")
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "李娜" in text and "¥755.00" in text and f"¥{payslip.gross_amount:,.2f}" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts  # an embedded CJK font, so the Chinese is glyphs, not boxes


def test_payroll_workbook_totals_equal_the_payslips_and_libreoffice_prints_it_whole(
    client, bonus_people, month, tmp_path
):
    c = bonus_people
    c.zhang.name = "买买提·阿不都热合曼"  # a long name must not be cut off
    c.zhang.save()
    # A back-pay large enough that a subtotal outgrows a default column (LibreOffice printed "###").
    adjustment_add(user=c.hr, engineer=c.zhang, amount=D("98765.43"), reason="补发上年度欠薪")
    period_close(user=c.hr, period=month)
    closed = month
    closed.refresh_from_db()
    client.force_login(c.finance)
    response = client.get(f"/payroll/periods/{closed.pk}/payroll.xlsx")
    path = tmp_path / "payroll.xlsx"
    path.write_bytes(response.content)
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("部门", "工号", "姓名") and rows[0][-1] == "人工成本合计" and "计件工资" in rows[0]
    gross = rows[0].index("应发合计")
    people = [r for r in rows[1:] if r[1]]
    total_row = rows[-1]
    assert total_row[0] == "总计"
    payslip_sum = sum(p.gross_amount for p in Payslip.objects.filter(period=closed))
    assert D(str(total_row[gross])).quantize(D("0.01")) == payslip_sum
    assert sum(D(str(r[gross])).quantize(D("0.01")) for r in people) == payslip_sum
    assert any(str(r[0]).endswith("小计") for r in rows)
    # Money as Chinese payroll prints it: yuan sign, thousands separators, two decimals.
    for row in (2, len(rows)):
        assert ws.cell(row, len(rows[0])).number_format == '"¥"#,##0.00;-"¥"#,##0.00'
    # The header row and the name columns stay in view while scrolling.
    assert ws.freeze_panes == "D2"
    # Every column is at least as wide as its widest value (a CJK character takes two).
    for column, values in enumerate(zip(*rows, strict=True), start=1):
        letter = get_column_letter(column)
        widest = max(
            display_width(f"¥{v:,.2f}" if isinstance(v, (int, float)) else str(v))
            for v in values[1:-1]  # the label of a subtotal or the total may run into the empty cells beside it
            if v is not None and not (column == 1 and str(v).endswith("小计"))
        )
        assert ws.column_dimensions[letter].width >= widest + 1, (letter, widest)
    facts = wb.worksheets[1]
    assert facts["B5"].value == "FS-MS-KF-13 A/2"
    # The close time as the app shows it (Asia/Shanghai), not UTC.
    shown = timezone.localtime(closed.closed_at).strftime("%Y-%m-%d %H:%M")
    assert facts["A3"].value == "结算时间" and facts["B3"].value == shown
    assert shown != closed.closed_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M")
    assert facts.column_dimensions["A"].width >= display_width("结算时间")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (libreoffice-calc-nogui) is needed; .ci/test installs it"
    result = subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0 and (tmp_path / "payroll.pdf").exists(), result.stderr
    printed = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "payroll.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    # What LibreOffice prints: no amount too wide for its column ("###"), the whole name, the yuan total.
    assert "###" not in printed
    assert c.zhang.name in printed and f"¥{payslip_sum:,.2f}" in printed


def test_an_open_period_cannot_be_exported(client, bonus_people, month):
    client.force_login(bonus_people.finance)
    response = client.get(f"/payroll/periods/{month.pk}/payroll.xlsx", follow=True)
    assert "只有已结算" in response.content.decode() or "Only a closed period" in response.content.decode()


def test_an_engineer_questions_a_line_and_hr_answers(
    client, bonus_people, published, mailoutbox, django_capture_on_commit_callbacks
):
    c = bonus_people
    c.li_user.email = "li@example.cn"
    c.li_user.save()
    payslip = Payslip.objects.get(period=published, engineer=c.li)
    line = payslip.lines.get(kind="crew_incentive")
    client.force_login(c.li_user)
    client.post(f"/payroll/payslips/{payslip.pk}/", {"op": "appeal", "line": line.pk, "comment": "天数是否少算了一天?"})
    appeal = PayslipAppeal.objects.get()
    assert (appeal.line_kind, appeal.line_amount, appeal.status) == ("crew_incentive", D("67.68"), "open")
    client.force_login(c.hr)
    assert "天数是否少算了一天" in client.get("/payroll/appeals/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/payroll/appeals/", {"appeal": appeal.pk, "answer": "按工单记录 3 天,无误。"})
    # The engineer hears of the answer, with a way back to the payslip.
    (mail,) = mailoutbox
    assert mail.to == ["li@example.cn"] and "人事已答复" in mail.subject
    assert "按工单记录 3 天" in mail.body and f"/payroll/payslips/{payslip.pk}/" in mail.body
    client.force_login(c.li_user)
    assert "按工单记录 3 天" in client.get(f"/payroll/payslips/{payslip.pk}/").content.decode()
    client.force_login(c.zhao.user or c.wang_user)
    assert (
        client.post(f"/payroll/payslips/{payslip.pk}/", {"op": "appeal", "line": line.pk, "comment": "x"}).status_code
        == 404
    )


def test_hr_closes_from_the_page_and_the_progress_says_closed(
    client, bonus_people, month, django_capture_on_commit_callbacks
):
    client.force_login(bonus_people.hr)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/payroll/periods/{month.pk}/", {"action": "close", "reason": "提前结算:年底对账"})
    response = client.get(f"/payroll/periods/{month.pk}/")
    month.refresh_from_db()
    assert month.status == "closed"
    assert 'data-testid="close-progress"' in response.content.decode()
    progress = client.get(f"/payroll/periods/{month.pk}/progress/")
    assert progress["HX-Refresh"] == "true"


def test_the_periods_list_creates_no_period_and_hr_opens_a_month_with_a_post(client, company):
    from ledger.models import PayPeriod

    client.force_login(company.hr)
    page = client.get("/payroll/periods/").content.decode()
    assert PayPeriod.objects.count() == 0 and "2026-11" in page and "2026-10" in page
    response = client.post("/payroll/periods/", {"month": "2026-10"})
    period = PayPeriod.objects.get()
    assert (period.year, period.month) == (2026, 10) and response.url == f"/payroll/periods/{period.pk}/"
    client.post("/payroll/periods/", {"month": "2099-12"})  # not a month the page offers
    client.force_login(company.finance)
    assert client.post("/payroll/periods/", {"month": "2026-11"}).status_code == 403
    assert PayPeriod.objects.count() == 1


def test_a_department_name_never_becomes_a_path_and_the_period_page_prints_it(
    client, bonus_people, month, settings, tmp_path
):
    from payroll.pdf import department_pdfs

    c = bonus_people
    settings.MEDIA_ROOT = str(tmp_path / "media")
    c.d1.name = "../../../../tmp/安装部/x"
    c.d1.save()
    period_close(user=c.hr, period=month)
    paths = department_pdfs(month)
    assert paths and all(p.resolve().is_relative_to((tmp_path / "media").resolve()) for p in paths)
    assert not (tmp_path / "安装部").exists() and not any("安装部" in str(p) for p in paths)
    client.force_login(c.hr)
    page = client.get(f"/payroll/periods/{month.pk}/")
    assert page.status_code == 200 and f"/payroll/periods/{month.pk}/pdf/1/" in page.content.decode()
    response = client.get(f"/payroll/periods/{month.pk}/pdf/1/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(f"/payroll/periods/{month.pk}/pdf/9/").status_code == 404


def test_names_that_look_like_formulas_are_written_as_text_in_every_workbook(client, bonus_people, month):
    c = bonus_people
    c.d1.name = "@SUM(1+1)"
    c.d1.save()
    c.zhang.name = '=HYPERLINK("http://evil.example","点我")'
    c.zhang.save()
    period_close(user=c.hr, period=month)
    client.force_login(c.finance)
    payroll = load_workbook(io.BytesIO(client.get(f"/payroll/periods/{month.pk}/payroll.xlsx").content))
    client.force_login(c.hr)
    kpi = load_workbook(
        io.BytesIO(
            client.get(f"/kpi/grid/export.xlsx?department={c.d1.pk}&month={month.year}-{month.month:02d}").content
        )
    )
    for wb in (payroll, kpi):
        cells = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
        assert c.zhang.name in [cell.value for cell in cells]


def test_the_payslip_explains_itself_in_sentences_and_links_its_policy(client, bonus_people, published):
    c = bonus_people
    mine = Payslip.objects.get(period=published, engineer=c.li)
    client.force_login(c.li_user)
    page = client.get(f"/payroll/payslips/{mine.pk}/").content.decode()
    explanations = page.split('data-testid="line-explanation"')[1:]
    assert explanations, "every line opens into its explanation"
    # Sentences with named, formatted values, in one language; no raw inputs, no formula twice.
    assert "工龄 3 年 × 50.00 元/年 = 150.00 元(上限 300.00 元);本月无无故缺勤、无安全事故。" in page
    assert "个人激励 = 工程计件工资总额 1,650.00 元 × 4% = 66.00 元。" in page
    for raw in ("service_years", "unexcused_absence", "scores = {", "per_year", "re-weighted", "formula"):
        assert raw not in page
    # Each line is labelled once, and asking about it is one action (a closed disclosure).
    assert '个人激励 <span class="text-secondary small">个人激励' not in page
    assert '个人激励 <span class="text-secondary small">工单 WO-T-0001</span>' in page  # what it is for
    assert page.count('<details class="mt-2 question">') == len(explanations)
    # The engineer may open the policy version the pay was computed under.
    version = page.split('data-testid="payslip-policy">')[0].rsplit('href="', 1)[1].split('"', 1)[0]
    assert client.get(version).status_code == 200
    assert client.get(version + "pdf/").status_code == 200


def test_an_engineer_reads_approved_policy_versions_but_not_drafts(client, bonus_people):
    from policies.models import PolicyVersion

    approved = PolicyVersion.objects.filter(status="approved").first()
    draft = PolicyVersion.objects.create(
        document_no=approved.document_no, version="DRAFT-X", parameters=approved.parameters, status="draft",
        effective_from=approved.effective_from.replace(year=approved.effective_from.year + 1),
    )  # fmt: skip
    client.force_login(bonus_people.li_user)
    assert client.get(f"/payroll/policies/{approved.pk}/").status_code == 200
    assert client.get(f"/payroll/policies/{draft.pk}/").status_code == 404
    assert client.get(f"/payroll/policies/{draft.pk}/pdf/").status_code == 404


def test_an_adjustment_sent_twice_is_paid_once(client, bonus_people, closed):
    from ledger.models import PayableItem

    c = bonus_people
    payslip = Payslip.objects.get(period=closed, engineer=c.li)
    client.force_login(c.hr)
    page = client.get(f"/payroll/payslips/{payslip.pk}/").content.decode()
    token = page.split('name="token" value="')[1].split('"')[0]
    form = {"op": "adjust", "amount": "-20.00", "reason": "多计上门费", "token": token}
    client.post(f"/payroll/payslips/{payslip.pk}/", form)
    again = client.post(f"/payroll/payslips/{payslip.pk}/", form, follow=True).content.decode()
    assert PayableItem.objects.filter(kind="adjustment", engineer=c.li).count() == 1
    assert "这笔调整已记录,不会重复记录" in again
    # A new form (a new token) records a second, deliberate correction.
    token2 = client.get(f"/payroll/payslips/{payslip.pk}/").content.decode().split('name="token" value="')[1][:32]
    client.post(f"/payroll/payslips/{payslip.pk}/", {**form, "token": token2})
    assert PayableItem.objects.filter(kind="adjustment", engineer=c.li).count() == 2


def test_a_department_pdf_not_printed_yet_waits_then_downloads(client, bonus_people, closed, monkeypatch, settings):
    from payroll import tasks
    from payroll.pdf import department_pdf_path

    client.force_login(bonus_people.hr)
    path = department_pdf_path(closed, 1)
    path.unlink(missing_ok=True)
    queued = []
    monkeypatch.setattr(tasks.render_period_pdfs, "delay", lambda pk: queued.append(pk))  # a worker elsewhere
    waiting = client.get(f"/payroll/periods/{closed.pk}/pdf/1/").content.decode()
    assert queued == [closed.pk] and 'data-testid="pdf-wait"' in waiting and "下载会自动开始" in waiting
    status = client.get(f"/payroll/periods/{closed.pk}/pdf/1/status/")
    assert status.status_code == 200 and "HX-Redirect" not in status
    tasks.render_period_pdfs(closed.pk)  # the worker prints the period
    status = client.get(f"/payroll/periods/{closed.pk}/pdf/1/status/")
    assert status["HX-Redirect"] == f"/payroll/periods/{closed.pk}/pdf/1/"
    download = client.get(status["HX-Redirect"])
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content)[:4] == b"%PDF"


def test_printed_departments_are_discarded_when_the_month_reopens_and_a_failed_print_says_so(
    client, bonus_people, closed, monkeypatch, django_capture_on_commit_callbacks
):
    from payroll import tasks
    from payroll.close import period_reopen
    from payroll.pdf import department_pdf_path

    tasks.render_period_pdfs(closed.pk)
    assert department_pdf_path(closed, 1).is_file()
    with django_capture_on_commit_callbacks(execute=True):
        period_reopen(user=bonus_people.gm, period=closed, reason="补录考勤")
    assert not department_pdf_path(closed, 1).exists()  # never the old amounts after a re-close

    with django_capture_on_commit_callbacks(execute=True):
        period_close(user=bonus_people.hr, period=closed, reason="test")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("payroll.pdf.payslips_pdf", broken)
    with pytest.raises(OSError):
        tasks.render_period_pdfs(closed.pk)
    client.force_login(bonus_people.hr)
    status = client.get(f"/payroll/periods/{closed.pk}/pdf/1/status/").content.decode()
    assert "打印失败" in status and "disk full" in status
