"""Scoped reads of payroll: whose payslips a user may see, periods with their totals."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from core.roles import reads_all_pay
from engineers.models import Engineer
from engineers.selectors import pay_scope, reads_pay_of
from ledger.models import PayPeriod, PeriodStatus

from .models import Payslip, PayslipPublication
from .paging import FEW_ENGINEERS, PayslipPage, payslip_page
from .payslip_reads import current_close_published


def visible_payslips(user) -> QuerySet[Payslip]:
    """HR, finance and general managers all; a department manager their departments' engineers;
    an engineer only their own, once HR has published the period's current close
    (payroll/delivery.py). QS officers and supervisors read work, not pay: none. Nobody sees a month
    while it closes: a chunked close writes it part by part (payroll/chunks.py)."""
    qs = Payslip.objects.select_related("engineer", "period").exclude(period__status=PeriodStatus.CLOSING)
    if not user.is_authenticated:
        return qs.none()
    scope = pay_scope(user, "engineer__")
    return qs if scope is None else qs.filter(scope & (~Q(engineer__user=user) | published()))


def reads_payslip(user, payslip: Payslip) -> bool:
    """visible_payslips' rule for one payslip already loaded with its period and its engineer's
    department, without building the scoped query (~2 ms of a payslip page): the same answer for
    every reader and payslip (payroll/tests/test_kept_pages.py compares them)."""
    if payslip.period.status == PeriodStatus.CLOSING or not reads_pay_of(user, payslip.engineer):
        return False
    if reads_all_pay(user) or payslip.engineer.user_id != user.pk:
        return True
    period = payslip.period  # one's own payslip: once its month's current close is published
    return period.status == PeriodStatus.CLOSED and current_close_published(period)


def payslip_list(
    user, *, after: str | None = None, period_id: int | None = None, q: str = "", engineer_id: int | None = None
) -> PayslipPage:
    """A page of the closed months' payslips the user may read (payroll/paging.py), newest month first
    then by employee no.: of one month (`period_id`), of one engineer, or of the engineers whose name
    or employee no. contains `q`."""
    qs = visible_payslips(user).filter(period__status=PeriodStatus.CLOSED)
    month_by_month = reads_all_pay(user)  # everyone's payslips; the others read a few thousand at most
    if engineer_id is not None:
        qs, month_by_month = qs.filter(engineer_id=engineer_id), False
    if q:
        matches = Engineer.objects.filter(Q(name__icontains=q) | Q(employee_no__icontains=q))
        ids = list(matches.values_list("pk", flat=True)[: FEW_ENGINEERS + 1])
        if len(ids) <= FEW_ENGINEERS:
            qs, month_by_month = qs.filter(engineer_id__in=ids), False
        else:
            qs = qs.filter(Q(engineer__name__icontains=q) | Q(engineer__employee_no__icontains=q))
    return payslip_page(qs, after=after, month_by_month=month_by_month, period_id=period_id)


def published() -> Q:
    """A payslip whose period's current close HR has published (a reopen or a re-close unpublishes)."""
    publication = PayslipPublication.objects.filter(period=OuterRef("period"), closed_at=OuterRef("period__closed_at"))
    return Q(Exists(publication), period__status=PeriodStatus.CLOSED)


def periods_with_totals() -> QuerySet[PayPeriod]:
    # Meta.ordering does not apply to a GROUP BY query: newest month first, said again here.
    return PayPeriod.objects.annotate(
        n=Count("payslips"), total=Sum("payslips__gross_amount"), net=Sum("payslips__net_amount")
    ).order_by("-year", "-month")


def months_without_period(today: date, periods) -> list[str]:
    """This month and last month, as YYYY-MM, when no period exists for them yet."""
    last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    have = {(p.year, p.month) for p in periods}
    return [f"{y}-{m:02d}" for y, m in ((today.year, today.month), last) if (y, m) not in have]


def period_departments(period: PayPeriod) -> list[str]:
    """The departments on the period's payslips, by name: the n-th is printed as department-n."""
    return sorted(set(Payslip.objects.filter(period=period).values_list("department_name", flat=True)))
