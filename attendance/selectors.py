"""Reads of attendance, scoped per user like pay: HR, finance and general managers read everyone's,
a department manager their departments', an engineer their own (engineers.selectors.pay_scope)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, QuerySet

from core.roles import Role, reads_all_pay, roles_of
from engineers.models import Department, Engineer
from engineers.selectors import pay_scope

from .models import AttendanceMonth
from .months import Month, employed_span, span_days, weekdays_in
from .services import DAY_FIELDS, FIELDS, HOUR_FIELDS, LEGAL_MONTHLY_OVERTIME_HOURS


def visible_attendance(user) -> QuerySet[AttendanceMonth]:
    qs = AttendanceMonth.objects.select_related("engineer__department")
    if not user.is_authenticated:
        return qs.none()
    scope = pay_scope(user, "engineer__")
    return qs if scope is None else qs.filter(scope)


def grid_departments(user) -> QuerySet[Department]:
    """The departments whose grid the user may open: all for pay readers, their own for a manager."""
    if reads_all_pay(user):
        return Department.objects.all()
    if Role.DEPT_MANAGER in roles_of(user):
        return Department.objects.filter(manager=user)
    return Department.objects.none()


def payroll_engineers(month: Month, department: Department | None = None) -> QuerySet[Engineer]:
    """Everyone on the payroll in the month: hired by its end, not left before its start."""
    start, end = month.bounds
    qs = Engineer.objects.filter(hire_date__lte=end).exclude(leaving_date__lt=start)
    if department is not None:
        qs = qs.filter(department=department)
    return qs.order_by("employee_no")


@dataclass
class GridRow:
    engineer: Engineer
    record: AttendanceMonth | None
    employed_days: int
    working_days: int
    first_day: str = ""  # set when hired or leaving within the month
    last_day: str = ""
    cells: dict[str, Decimal | str | None] = field(default_factory=dict)

    @property
    def days_total(self) -> Decimal | None:
        values = [self.cells.get(f) for f in DAY_FIELDS]
        try:
            return sum((Decimal(v) for v in values if v not in (None, "")), Decimal(0))
        except ArithmeticError:
            return None

    @property
    def overtime_total(self) -> Decimal:
        if self.record is None:
            return Decimal(0)
        return sum((getattr(self.record, f) for f in HOUR_FIELDS), Decimal(0))

    @property
    def over_legal_overtime(self) -> bool:
        return self.overtime_total > LEGAL_MONTHLY_OVERTIME_HOURS


def grid_rows(department: Department, month: Month) -> list[GridRow]:
    """A row per engineer of the department on the payroll this month, with the stored values."""
    engineers = list(payroll_engineers(month, department))
    records = {
        a.engineer_id: a
        for a in AttendanceMonth.objects.filter(engineer__in=engineers, year=month.year, month=month.month)
    }
    start, end = month.bounds
    rows = []
    for e in engineers:
        span = employed_span(e, month)
        record = records.get(e.pk)
        row = GridRow(e, record, span_days(span), weekdays_in(span))
        if span and span[0] != start:
            row.first_day = span[0].isoformat()
        if span and span[1] != end:
            row.last_day = span[1].isoformat()
        row.cells = {f: getattr(record, f) if record else None for f in FIELDS}
        rows.append(row)
    return rows


def full_attendance(row: GridRow) -> dict[str, Decimal]:
    """The prefill for a row with nothing entered: every weekday employed worked, nothing else."""
    return {f: Decimal(row.working_days) if f == "days_worked" else Decimal(0) for f in FIELDS}


def missing_attendance(month: Month) -> int:
    """How many engineers on the payroll this month have no attendance row yet (HR's home)."""
    entered = AttendanceMonth.objects.filter(engineer=OuterRef("pk"), year=month.year, month=month.month)
    return payroll_engineers(month).exclude(Exists(entered)).count()
