"""Scoped reads of payroll: whose payslips a user may see, periods with their totals."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q, QuerySet, Sum

from core.roles import Role, has_role, reads_company_wide
from ledger.models import PayPeriod

from .models import Payslip


def visible_payslips(user) -> QuerySet[Payslip]:
    """Company-wide readers all; a department manager their departments; an engineer only their own."""
    qs = Payslip.objects.select_related("engineer", "period")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    scope = Q(engineer__user=user)
    if has_role(user, Role.DEPT_MANAGER):
        scope |= Q(engineer__department__manager=user)
    return qs.filter(scope)


def periods_with_totals() -> QuerySet[PayPeriod]:
    # Meta.ordering does not apply to a GROUP BY query: newest month first, said again here.
    return PayPeriod.objects.annotate(n=Count("payslips"), total=Sum("payslips__gross_amount")).order_by(
        "-year", "-month"
    )


def months_without_period(today: date, periods) -> list[str]:
    """This month and last month, as YYYY-MM, when no period exists for them yet."""
    last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    have = {(p.year, p.month) for p in periods}
    return [f"{y}-{m:02d}" for y, m in ((today.year, today.month), last) if (y, m) not in have]
