"""Payslip lists a page at a time without counting them (keyset paging): newest month first, then by
employee no., the order the payslip list always had.

A company of 50,000 engineers has 600,000 payslips a year: counting them, or sorting them all to skip
to a page, on every page costs a second. A page here starts where the last one ended (the cursor names
its last payslip's period and employee no.) and reads one month at a time along the engineers'
employee-no. index, each month's payslip found by the (period, engineer) unique index: a page is one
query (two where a month ends), whatever the company's size. Few payslips (an engineer's own, a
manager's department, a search for some engineers) are read in one query in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ledger.models import PayPeriod, PeriodStatus

from .models import Payslip

PAGE_SIZE = 50
# A search matching at most this many engineers reads their payslips in one query; more, month by month.
FEW_ENGINEERS = 1000


@dataclass
class PayslipPage:
    payslips: list[Payslip]
    next_cursor: str | None  # None on the last page


def cursor_of(payslip: Payslip) -> str:
    return f"{payslip.period_id}:{payslip.engineer.employee_no}"


def parse_cursor(cursor: str | None) -> tuple[int, str] | None:
    """(period id, employee no.) of the last payslip of the previous page; None (the first page) for
    anything else, so a mangled link shows the first page rather than an error."""
    period, _, employee_no = (cursor or "").partition(":")
    return (int(period), employee_no) if period.isdigit() and employee_no else None


def payslip_page(
    qs: QuerySet[Payslip],
    *,
    after: str | None,
    month_by_month: bool,
    size: int | None = None,
    period_id: int | None = None,
) -> PayslipPage:
    """One page of `qs` (already scoped to what the user may read) after the cursor `after`.

    `month_by_month` for a large set (everyone's payslips): one indexed query per month until the page
    is full; otherwise one query sorted by month and employee no. `period_id` restricts to one month."""
    size = size or PAGE_SIZE
    periods = PayPeriod.objects.filter(status=PeriodStatus.CLOSED).order_by("-year", "-month")
    if period_id is not None:
        periods = periods.filter(pk=period_id)
    order = list(periods.values_list("pk", flat=True))
    start = parse_cursor(after)
    if start is not None and start[0] in order:
        at = order.index(start[0])
        first, later = (start[0], start[1]), order[at + 1 :]
    else:
        first, later = None, order
    if month_by_month:
        rows = _month_by_month(qs, first, later, size + 1)
    else:
        after_q = Q(period_id__in=later)
        if first is not None:
            after_q |= Q(period_id=first[0], engineer__employee_no__gt=first[1])
        rows = list(qs.filter(after_q).order_by("-period__year", "-period__month", "engineer__employee_no")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return PayslipPage(rows, cursor_of(rows[-1]) if more else None)


def _month_by_month(qs, first, later, wanted: int) -> list[Payslip]:
    rows: list[Payslip] = []
    months = ([(first[0], first[1])] if first else []) + [(p, None) for p in later]
    for period, after_no in months:
        month = qs.filter(period_id=period)
        if after_no is not None:
            month = month.filter(engineer__employee_no__gt=after_no)
        rows += month.order_by("engineer__employee_no")[: wanted - len(rows)]
        if len(rows) >= wanted:
            break
    return rows
