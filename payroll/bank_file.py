"""The bank payment file (代发工资文件) of a closed period: one row per engineer the bank pays their net pay.

Who is paid: every payslip of the period whose net pay is above zero. Net pay of zero or below (a month of
unpaid leave whose contributions are still withheld, penalties as large as the pay) is never sent to the bank,
which refuses zero and negative payments: the page lists those engineers, for finance to settle by hand.

Refused, naming everyone concerned, when anyone to be paid has no bank account (or one without a number or a
holder's name), and when a layout's encoding cannot write a name (GBK lacks a few rare characters): nothing is
downloaded then, and nothing is recorded.

Checked while writing: the amounts written, read back as the bank reads them, add up to the period's net total
of the engineers paid (summed again by the database), and there is one row for each of them.

The account numbers are written in full: the file is for the bank, and only HR and finance download it. Each
download is recorded (BankFileDownload: who, when, which layout, count, total, the file's SHA-256).

Written in the request, as the payroll workbook is (a write-only sheet or a CSV in memory; 5,000 rows take
about a second), not by a background job.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from core.templatetags.money import yuan
from core.xlsx import text_cell
from ledger.models import PayPeriod, PeriodStatus
from policies.choices import Bank

from .bank_layout import BankLayout, Cell, bank_layouts
from .errors import PayrollErrorCode
from .models import BankFileDownload, Payslip

ZERO = Decimal("0.00")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BANK_FILE_ROLES = (Role.HR_CLERK, Role.FINANCE)
NAMES_LISTED = 20  # a refusal names this many and counts the rest


@dataclass(frozen=True)
class Payment:
    employee_no: str
    name: str
    department: str
    net_amount: Decimal
    bank: str = ""
    branch: str = ""
    account_no: str = ""
    account_name: str = ""

    @property
    def has_account(self) -> bool:
        return bool(self.account_no and self.account_name)

    @property
    def who(self) -> str:
        return f"{self.name}({self.employee_no})"


@dataclass(frozen=True)
class BankPayments:
    """A closed period's payslips as the bank sees them."""

    paid: tuple[Payment, ...]  # net pay above zero and an account: the file's rows
    missing: tuple[Payment, ...]  # net pay above zero and no usable account: the file is refused
    unpaid: tuple[Payment, ...]  # net pay zero or below: never in the file

    @property
    def total(self) -> Decimal:
        return sum((p.net_amount for p in self.paid), ZERO)


def can_download_bank_file(user) -> bool:
    return has_role(user, *BANK_FILE_ROLES)


def bank_payments(period: PayPeriod) -> BankPayments:
    """Every payslip of the period with the engineer's account, by employee no.: one query."""
    rows = (
        Payslip.objects.filter(period=period)
        .order_by("engineer__employee_no")
        .values_list(
            "engineer__employee_no",
            "engineer__name",
            "department_name",
            "net_amount",
            "engineer__bank_account__bank_code",
            "engineer__bank_account__branch",
            "engineer__bank_account__account_no",
            "engineer__bank_account__account_name",
        )
    )
    paid, missing, unpaid = [], [], []
    for no, name, department, net, bank, branch, account_no, holder in rows:
        payment = Payment(
            no,
            name,
            department,
            net,
            bank_name(bank, branch),
            branch or "",
            (account_no or "").strip(),
            (holder or "").strip(),
        )
        if net <= 0:
            unpaid.append(payment)
        elif payment.has_account:
            paid.append(payment)
        else:
            missing.append(payment)
    return BankPayments(tuple(paid), tuple(missing), tuple(unpaid))


def bank_name(code: str | None, branch: str | None) -> str:
    """The bank as a Chinese bank clerk reads it (中国工商银行, not ICBC), whatever the user's language; a bank
    not listed (OTHER) is named by its branch, where the account form asks for its name."""
    if not code:
        return ""
    if code == Bank.OTHER:
        return (branch or "").strip()
    with translation.override("zh-hans"):
        return str(Bank(code).label) if code in Bank.values else code


def names_of(payments) -> str:
    """The engineers named in a message: the first NAMES_LISTED, then how many more."""
    names = "、".join(p.who for p in payments[:NAMES_LISTED])
    more = len(payments) - NAMES_LISTED
    return names + (_(" and %(n)s more") % {"n": more} if more > 0 else "")


def _amount(layout: BankLayout, amount: Decimal):
    """The amount as the layout writes it, and what the bank reads from that, in yuan."""
    if layout.unit == "fen":
        value = int((amount * 100).to_integral_exact())  # amounts are whole fen: exact
        read = Decimal(value) / 100
    else:
        value = amount.quantize(Decimal("0.01"))
        read = value
    if layout.as_text:
        value = str(value)
        read = Decimal(value) / 100 if layout.unit == "fen" else Decimal(value)
    return value, read


def _filler(period: PayPeriod, count: int, total) -> dict[str, str]:
    return {
        "period": str(period),
        "year": str(period.year),
        "month": str(period.month),
        "company": settings.COMPANY_NAME,
        "count": str(count),
        "total": str(total),
    }


@dataclass
class _Rows:
    rows: list[list]  # every row of the file, top to bottom
    written_total: Decimal  # the detail rows' amounts as the bank reads them
    written_count: int


def _rows(layout: BankLayout, payments: BankPayments, period: PayPeriod) -> _Rows:
    count = len(payments.paid)
    total_value, _read = _amount(layout, payments.total)
    names = _filler(period, count, total_value)
    summary_values = {"count": count, "total": total_value}

    def cells(row: tuple[Cell, ...]) -> list:
        return [summary_values[c.value] if c.value else c.fill(names) for c in row]

    rows = [cells(row) for row in layout.title_rows]
    if layout.summary_position == "top":
        rows.append(cells(layout.summary))
    if layout.header:
        rows.append([c.header for c in layout.columns])
    memo = Cell(text=layout.memo).fill(names)
    written_total, written_count = ZERO, 0
    for seq, p in enumerate(payments.paid, start=1):
        value, read = _amount(layout, p.net_amount)
        fields = {
            "seq": seq,
            "employee_no": p.employee_no,
            "name": p.name,
            "department": p.department,
            "account_no": p.account_no,
            "account_name": p.account_name,
            "bank": p.bank,
            "branch": p.branch,
            "amount": value,
            "memo": memo,
        }
        rows.append([fields[c.cell.value] if c.cell.value else c.cell.fill(names) for c in layout.columns])
        written_total += read
        written_count += 1
    if layout.summary_position == "bottom":
        rows.append(cells(layout.summary))
    return _Rows(rows, written_total, written_count)


def _xlsx(layout: BankLayout, rows: list[list]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(layout.sheet)
    amount = WriteOnlyCell(ws)
    amount.number_format = layout.number_format
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, Decimal):
                cell = WriteOnlyCell(ws, value=value)
                cell._style = amount._style  # one shared style, as the payroll workbook's money cells
            else:
                cell = text_cell(ws, value)  # account numbers and names stay text, never numbers or formulas
            out.append(cell)
        ws.append(out)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _csv(layout: BankLayout, rows: list[list], payments: BankPayments) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=layout.delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    try:
        return text.getvalue().encode(layout.encoding)
    except UnicodeEncodeError:
        unwritable = [
            p for p in payments.paid if not _encodes(" ".join((p.name, p.account_name, p.bank)), layout.encoding)
        ]
        raise DomainError(
            PayrollErrorCode.BANK_FILE_ENCODING,
            _(
                "The %(layout)s file is written in %(encoding)s, which cannot write the name of %(names)s. "
                "Pick an Excel layout, or ask the bank how it writes these names; nothing was downloaded."
            )
            % {"layout": layout.name, "encoding": layout.encoding.upper(), "names": names_of(unwritable) or "—"},
        ) from None


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def write_bank_file(layout: BankLayout, payments: BankPayments, period: PayPeriod, *, expected: dict) -> bytes:
    """The file's bytes; refused unless its rows add up to `expected` ({"n": count, "total": net total})."""
    built = _rows(layout, payments, period)
    if built.written_count != expected["n"] or built.written_total != (expected["total"] or ZERO):
        raise DomainError(
            PayrollErrorCode.BANK_FILE_TOTAL,
            _(
                "The file would pay %(count)s engineers %(written)s, but the period's net pay above zero is "
                "%(expected)s for %(expected_count)s; nothing was downloaded."
            )
            % {
                "count": built.written_count,
                "written": yuan(built.written_total),
                "expected": yuan(expected["total"] or ZERO),
                "expected_count": expected["n"],
            },
        )
    if layout.file_type == "csv":
        return _csv(layout, built.rows, payments)
    return _xlsx(layout, built.rows)


@dataclass(frozen=True)
class BankFile:
    content: bytes
    filename: str
    content_type: str
    download: BankFileDownload


def bank_file_export(*, user, period: PayPeriod, layout_code: str) -> BankFile:
    """Write the period's bank payment file in the chosen layout and record who downloaded it.

    HR and finance only; closed periods only (locked while the file is written, so a reopen waits); refused
    when anyone to be paid lacks an account, when nobody is to be paid, or when the total does not add up."""
    if not can_download_bank_file(user):
        raise PermissionDeniedError(
            PayrollErrorCode.BANK_FILE_ROLE, _("Only HR and finance download the bank payment file.")
        )
    layout = bank_layouts().get(layout_code)
    if layout is None:
        raise DomainError(PayrollErrorCode.BANK_FILE_LAYOUT, _("Pick one of the bank layouts."), field="layout")
    with transaction.atomic():
        period = PayPeriod.objects.select_for_update().get(pk=period.pk)
        if period.status != PeriodStatus.CLOSED:
            raise DomainError(
                PayrollErrorCode.BANK_FILE_NOT_CLOSED, _("Only a closed period's net pay can be sent to the bank.")
            )
        payments = bank_payments(period)
        if payments.missing:
            raise DomainError(
                PayrollErrorCode.BANK_FILE_ACCOUNT_MISSING,
                _(
                    "No bank account for %(names)s. Enter their accounts (number and holder's name), "
                    "then download again; nothing was downloaded."
                )
                % {"names": names_of(payments.missing)},
            )
        if not payments.paid:
            raise DomainError(
                PayrollErrorCode.BANK_FILE_NOTHING_TO_PAY, _("Nobody has net pay above zero in this period.")
            )
        expected = Payslip.objects.filter(period=period, net_amount__gt=0).aggregate(
            n=Count("id"), total=Sum("net_amount")
        )
        content = write_bank_file(layout, payments, period, expected=expected)
        download = BankFileDownload.objects.create(
            period=period,
            period_closed_at=period.closed_at,
            layout=layout.code,
            layout_name=layout.name,
            downloaded_by=user,
            payments=len(payments.paid),
            total_amount=payments.total,
            sha256=hashlib.sha256(content).hexdigest(),
        )
    filename = Cell(text=layout.filename).fill(_filler(period, len(payments.paid), payments.total))
    content_type = XLSX if layout.file_type == "xlsx" else f"text/csv; charset={layout.encoding}"
    return BankFile(content, f"{filename}.{layout.file_type}", content_type, download)
