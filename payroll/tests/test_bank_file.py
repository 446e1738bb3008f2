"""The bank payment file (代发) as finance downloads it and the bank reads it: each layout read back to the fen,
refused when someone to be paid has no account, net pay of zero or below left out and listed, HR and finance
only, every download recorded. The month is paid_month.py's: net 5,058.70 + 16,417.50 + 2,217.50 paid, and
王强's −462.50 not."""

import csv
import hashlib
import io
from contextlib import nullcontext
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.utils import timezone
from openpyxl import load_workbook

from core.errors import DomainError
from engineers.models import BankAccount
from ledger.models import PayPeriod
from payroll.bank_file import BankPayments, Payment, bank_file_export, bank_payments, write_bank_file
from payroll.bank_layout import BankLayoutError, bank_layouts, parse_layout
from payroll.models import BankFileDownload
from policies.choices import Bank

from .paid_month import NET, PAID_TOTAL, paid_month

pytestmark = pytest.mark.django_db

CARDS = {"E001": "6222021001123456789", "E002": "6217003320001234567", "E004": "6228480402564890018"}


@pytest.fixture
def period(bonus_people):
    c = bonus_people
    for engineer, bank in ((c.zhang, Bank.ICBC), (c.li, Bank.CCB), (c.zhao, Bank.ABC)):
        BankAccount.objects.create(
            engineer=engineer,
            bank_code=bank,
            account_no=CARDS[engineer.employee_no],
            account_name=engineer.name,
            branch="佛山南海支行",
        )
    return paid_month(c)  # 王强 (E003, net −462.50) has no account, and needs none


def fen(value) -> D:
    return D(str(value)).quantize(D("0.01"))


def download(client, user, period, layout):
    client.force_login(user)
    return client.post(f"/payroll/periods/{period.pk}/bank/", {"layout": layout})


def test_the_generic_file_lists_each_payee_with_account_bank_and_net_pay(client, bonus_people, period):
    response = download(client, bonus_people.finance, period, "generic")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(response.content))["代发明细"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "广东五星太阳能 XX 公司 2026-10 工资代发明细"
    assert rows[1] == ("序号", "工号", "姓名", "部门", "开户银行", "开户网点", "账号", "户名", "金额(元)", "备注")
    details = rows[2:-1]
    assert [r[:4] for r in details] == [
        (1, "E001", "张伟", "安装部"),
        (2, "E002", "李娜", "安装部"),
        (3, "E004", "赵敏", "安装部"),
    ]
    # The card number in full and as text: a 19-digit number would lose its last digits as a number.
    assert [(r[4], r[6], r[7]) for r in details] == [
        ("中国工商银行", CARDS["E001"], "张伟"),  # the bank by its Chinese name, not its code
        ("中国建设银行", CARDS["E002"], "李娜"),
        ("中国农业银行", CARDS["E004"], "赵敏"),
    ]
    assert [fen(r[8]) for r in details] == [NET["E001"], NET["E002"], NET["E004"]]
    assert {r[9] for r in details} == {"2026年10月工资"}
    # The total to the fen, and the count: the summary row says what the rows add up to.
    assert sum(fen(r[8]) for r in details) == PAID_TOTAL == D("23693.70")
    assert rows[-1][:3] == ("合计", "笔数", 3) and fen(rows[-1][4]) == PAID_TOTAL
    assert ws.cell(3, 7).data_type == "s" and ws.cell(3, 9).number_format == "#,##0.00"


def test_a_bank_not_listed_is_named_by_its_branch_and_english_users_still_get_chinese_names(
    client, bonus_people, period
):
    BankAccount.objects.filter(engineer=bonus_people.li).update(bank_code=Bank.OTHER, branch="佛山农商银行桂城支行")
    client.force_login(bonus_people.finance)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language chosen in the page
    response = client.post(f"/payroll/periods/{period.pk}/bank/", {"layout": "generic"})
    assert response["Content-Language"] == "en"
    rows = list(load_workbook(io.BytesIO(response.content))["代发明细"].iter_rows(values_only=True))[2:-1]
    assert [r[4] for r in rows] == ["中国工商银行", "佛山农商银行桂城支行", "中国农业银行"]


def test_the_icbc_file_has_its_columns_and_the_count_and_total_on_top(client, bonus_people, period):
    response = download(client, bonus_people.hr, period, "icbc")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content))["代发工资"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("总笔数", 3, "总金额") and fen(rows[0][3]) == PAID_TOTAL
    assert rows[1] == ("序号", "卡号", "姓名", "金额", "币种", "用途", "备注")
    details = rows[2:]
    assert [(r[0], r[1], r[2], fen(r[3])) for r in details] == [
        (n, CARDS[no], name, NET[no])
        for n, (no, name) in enumerate((("E001", "张伟"), ("E002", "李娜"), ("E004", "赵敏")), start=1)
    ]
    assert {(r[4], r[5]) for r in details} == {("人民币", "工资")}
    assert sum(fen(r[3]) for r in details) == PAID_TOTAL and len(details) == 3


def test_the_ccb_file_is_a_gbk_csv_with_yuan_to_two_decimals(client, bonus_people, period):
    response = download(client, bonus_people.finance, period, "ccb")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=gbk"
    assert ".csv" in response["Content-Disposition"]
    with pytest.raises(UnicodeDecodeError):
        response.content.decode("utf-8")  # really GBK, as the bank's import reads it
    rows = list(csv.reader(io.StringIO(response.content.decode("gbk"))))
    assert rows[0] == ["总笔数", "3", "总金额", "23693.70"]
    assert rows[1] == ["序号", "账号", "户名", "金额", "开户行", "摘要"]
    assert rows[2:] == [
        ["1", CARDS["E001"], "张伟", "5058.70", "中国工商银行", "代发2026年10月工资"],
        ["2", CARDS["E002"], "李娜", "16417.50", "中国建设银行", "代发2026年10月工资"],
        ["3", CARDS["E004"], "赵敏", "2217.50", "中国农业银行", "代发2026年10月工资"],
    ]
    assert sum(D(r[3]) for r in rows[2:]) == PAID_TOTAL
    assert response.content.endswith(b"\r\n")


def test_net_pay_of_zero_or_below_is_left_out_of_the_file_and_listed_on_the_page(client, bonus_people, period):
    payments = bank_payments(period)
    assert [p.employee_no for p in payments.unpaid] == ["E003"] and payments.unpaid[0].net_amount == D("-462.50")
    client.force_login(bonus_people.finance)
    page = client.get(f"/payroll/periods/{period.pk}/bank/").content.decode()
    unpaid = page.split('data-testid="unpaid"')[1].split("</table>")[0]
    assert "王强" in unpaid and "-¥462.50" in unpaid and "张伟" not in unpaid
    assert 'data-testid="paid-count">3<' in page and 'data-testid="paid-total">¥23,693.70<' in page
    # The page never shows an account number: they are in the file only.
    assert not any(card in page for card in CARDS.values())
    rows = list(csv.reader(io.StringIO(download(client, bonus_people.finance, period, "ccb").content.decode("gbk"))))
    assert "王强" not in {r[2] for r in rows[2:]}


def test_refused_naming_everyone_to_be_paid_without_an_account(client, bonus_people, period):
    c = bonus_people
    BankAccount.objects.filter(engineer=c.li).delete()
    BankAccount.objects.filter(engineer=c.zhao).update(account_no="  ")
    response = download(client, c.finance, period, "icbc")
    assert response.status_code == 302 and response.url == f"/payroll/periods/{period.pk}/bank/?layout=icbc"
    page = client.get(response.url).content.decode()
    assert "李娜(E002)、赵敏(E004) 没有银行账户" in page and "本次未下载任何文件" in page
    missing = page.split('data-testid="missing-accounts"')[1].split("</div>")[1]
    assert "李娜" in missing and "赵敏" in missing and "王强" not in missing  # he is not paid, so needs no account
    assert 'data-testid="download-bank-file" disabled' in page
    assert not BankFileDownload.objects.exists()
    with pytest.raises(DomainError) as refused:
        bank_file_export(user=c.finance, period=period, layout_code="generic")
    assert refused.value.code == "bank_file.account_missing"


def test_a_name_the_csv_encoding_cannot_write_is_refused_by_name(client, bonus_people, period):
    # U+20BB7 (a rare "ji", written escaped: the PDFs' font subset need not have it) is not in GBK.
    BankAccount.objects.filter(engineer=bonus_people.zhao).update(account_name="赵\U00020bb7")
    response = download(client, bonus_people.finance, period, "ccb")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "GBK 编码,无法写入 赵敏(E004) 的姓名" in page
    assert not BankFileDownload.objects.exists()
    assert download(client, bonus_people.finance, period, "icbc").status_code == 200  # Excel writes any name


@pytest.mark.parametrize(
    ("role", "sees"),
    [("finance", True), ("hr", True), ("gm", False), ("manager", False), ("qs", False), ("li_user", False)],
)
def test_only_hr_and_finance_reach_the_bank_file(client, bonus_people, period, role, sees):
    user = getattr(bonus_people, role)
    client.force_login(user)
    url = f"/payroll/periods/{period.pk}/bank/"
    assert client.get(url).status_code == (200 if sees else 403)
    assert client.post(url, {"layout": "generic"}).status_code == (200 if sees else 403)
    assert BankFileDownload.objects.filter(downloaded_by=user).exists() is sees
    period_page = client.get(f"/payroll/periods/{period.pk}/")
    if period_page.status_code == 200:
        assert (f'href="{url}"' in period_page.content.decode()) is sees
    with nullcontext() if sees else pytest.raises(DomainError):
        bank_file_export(user=user, period=period, layout_code="generic")


def test_an_open_period_has_no_bank_file_and_strangers_are_sent_to_log_in(client, bonus_people, period):
    url = f"/payroll/periods/{period.pk}/bank/"
    assert client.get(url).url.startswith("/accounts/login/")
    assert client.post(url, {"layout": "generic"}).url.startswith("/accounts/login/")
    PayPeriod.objects.filter(pk=period.pk).update(status="open", closed_at=None)
    client.force_login(bonus_people.finance)
    assert client.get(url).status_code == 404
    assert client.post(url, {"layout": "generic"}).status_code == 404
    assert client.get("/payroll/periods/999999/bank/").status_code == 404
    period.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        bank_file_export(user=bonus_people.finance, period=period, layout_code="generic")
    assert refused.value.code == "bank_file.not_closed"
    assert not BankFileDownload.objects.exists()


def test_each_download_is_recorded_and_a_later_close_marks_earlier_files(client, bonus_people, period):
    c = bonus_people
    response = download(client, c.finance, period, "icbc")
    download_row = BankFileDownload.objects.get()
    assert (download_row.period, download_row.downloaded_by, download_row.layout) == (period, c.finance, "icbc")
    assert (download_row.payments, download_row.total_amount) == (3, PAID_TOTAL)
    assert download_row.period_closed_at == period.closed_at
    assert download_row.sha256 == hashlib.sha256(response.content).hexdigest()
    assert download_row.layout_name == "中国工商银行 批量代发工资(Excel)"
    page = client.get(f"/payroll/periods/{period.pk}/bank/").content.decode()
    downloads = page.split('data-testid="downloads"')[1].split("</ul>")[0]
    assert "finance" in downloads and "3 笔" in downloads and "¥23,693.70" in downloads
    assert download_row.sha256 in downloads and "此前的结算" not in downloads
    assert "data-confirm=" in page.split('data-testid="download-bank-file"')[1].split(">")[0]  # asks before a second
    assert 'value="icbc" checked' in page  # the company's bank is picked again next time
    # The period is reopened and closed again: the earlier file is not this close's pay.
    PayPeriod.objects.filter(pk=period.pk).update(closed_at=timezone.now() + timedelta(minutes=5))
    client.force_login(c.hr)
    download(client, c.hr, period, "ccb")
    page = client.get(f"/payroll/periods/{period.pk}/bank/").content.decode()
    downloads = page.split('data-testid="downloads"')[1].split("</ul>")[0]
    assert downloads.count("此前的结算") == 1 and BankFileDownload.objects.count() == 2
    assert downloads.index("建设银行") < downloads.index("工商银行")  # newest first


def test_the_file_is_refused_when_its_rows_do_not_add_up_to_the_period_net_total():
    layout = bank_layouts()["generic"]
    payments = BankPayments(
        paid=(Payment("E001", "张伟", "安装部", D("100.10"), "ICBC", "", "6222", "张伟"),), missing=(), unpaid=()
    )
    period = PayPeriod(year=2026, month=10)
    assert write_bank_file(layout, payments, period, expected={"n": 1, "total": D("100.10")})
    for expected in ({"n": 1, "total": D("100.11")}, {"n": 2, "total": D("100.10")}):
        with pytest.raises(DomainError) as refused:
            write_bank_file(layout, payments, period, expected=expected)
        assert refused.value.code == "bank_file.total"


def test_a_layout_in_fen_writes_whole_fen_that_add_up():
    layout = parse_layout(
        {
            "name": {"zh-hans": "按分", "en": "In fen"},
            "file": {"type": "csv", "encoding": "utf-8", "delimiter": "|"},
            "filename": "fen-{period}",
            "amount": {"unit": "fen"},
            "header": False,
            "columns": [
                {"header": "账号", "value": "account_no"},
                {"header": "户名", "value": "account_name"},
                {"header": "金额", "value": "amount"},
            ],
            "summary": {"position": "bottom", "cells": [{"value": "count"}, {"value": "total"}]},
        },
        code="fen",
        where="fen.json",
    )
    people = (("E1", "甲", "0.01"), ("E2", "乙", "12345.67"))
    paid = tuple(Payment(no, name, "", D(net), "", "", f"62{n}", name) for n, (no, name, net) in enumerate(people))
    content = write_bank_file(
        layout, BankPayments(paid, (), ()), PayPeriod(year=2026, month=10), expected={"n": 2, "total": D("12345.68")}
    )
    assert content.decode("utf-8").splitlines() == ["620|甲|1", "621|乙|1234567", "2|1234568"]


def test_every_shipped_layout_loads_and_a_broken_one_says_what_is_wrong():
    layouts = bank_layouts()
    assert next(iter(layouts)) == "generic" and {"icbc", "ccb"} <= set(layouts)
    for layout in layouts.values():
        assert layout.names["zh-hans"] and layout.names["en"]
    good = {
        "name": {"zh-hans": "甲", "en": "A"},
        "file": {"type": "xlsx", "sheet": "Sheet1"},
        "filename": "x",
        "amount": {"unit": "yuan"},
        "columns": [
            {"header": "账号", "value": "account_no"},
            {"header": "户名", "value": "account_name"},
            {"header": "金额", "value": "amount"},
        ],
    }
    assert parse_layout(good, code="a", where="a.json").number_format == "0.00"
    for change, message in (
        ({"columns": good["columns"][1:]}, "'account_no' exactly once"),
        ({"columns": [*good["columns"], {"header": "身份证", "value": "id_card"}]}, "value 'id_card' is not one of"),
        ({"filename": "{bank}-x"}, "unknown placeholder {bank}"),
        ({"amount": {"unit": "jiao"}}, "amount unit 'jiao'"),
        ({"file": {"type": "csv", "encoding": "gbk2"}}, "unknown encoding 'gbk2'"),
        ({"file": {"type": "xlsx", "sheet": "工资/代发"}}, "not allowed in Excel"),
        ({"summary": {"position": "middle", "cells": []}}, "'top' or 'bottom'"),
        ({"name": {"zh-hans": "甲"}}, "'name' needs 'zh-hans' and 'en'"),
    ):
        with pytest.raises(BankLayoutError, match=r"a\.json") as broken:
            parse_layout({**good, **change}, code="a", where="a.json")
        assert message in str(broken.value), change
