"""Writes of attendance: one or many engineers' month, every cell checked first, saved all or nothing.

The grid, the attendance machine's import and the API all save through `attendance_save`, so
they refuse the same things with the same messages: only HR clerks write; a month whose pay
period is closing or closed takes no change; only engineers on the payroll that month (hired
by its end, not left before its start) have a row; days are whole or half and never negative,
and the days worked, on leave and absent add up to no more than the days the engineer was
employed that month; overtime hours are kept to 0.1 h.

Overtime above the Labour Law's 36 hours a month (劳动法第四十一条) is saved with a warning,
not refused: companies do exceed it, and the hours worked must be paid whatever the limit. So is paid
leave beyond the engineer's balance for the year (a higher app's check, through `hooks`): the days were
taken, and the balance may lack the engineer's earlier service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import Department, Engineer
from ledger.errors import PeriodClosedError, PeriodErrorCode
from ledger.services import closed_period_of
from policies.choices import AttendanceKind

from . import hooks
from .errors import AttendanceErrorCode
from .models import AttendanceMonth
from .months import Month, employed_span, span_days

FIELDS: tuple[str, ...] = tuple(AttendanceKind.values)
DAY_FIELDS = FIELDS[:4]
HOUR_FIELDS = FIELDS[4:]
TOTAL = "days_total"  # where the rule on the days' sum is reported: the grid's total column
ROW = ""  # a problem of the whole row (who the engineer is, whether they are on the payroll)
HALF_DAY = Decimal("0.5")
HOUR_STEP = Decimal("0.1")
MAX_HOURS = Decimal(300)  # per kind and month: the model's own limit
# 劳动法第四十一条: overtime "每月不得超过三十六小时". The law's number, not the company's: a warning only.
LEGAL_MONTHLY_OVERTIME_HOURS = Decimal(36)


def label(name: str) -> str:
    """A column's label in the reader's language (AttendanceKind is the one source of them)."""
    if name == TOTAL:
        return _("Days in total")
    return str(AttendanceKind(name).label) if name in FIELDS else name


@dataclass(frozen=True)
class CellError:
    engineer_id: int
    field: str  # a FIELDS name, TOTAL, or ROW
    message: str


@dataclass(frozen=True)
class RowWarning:
    engineer_id: int
    message: str


class AttendanceGridError(DomainError):
    """Some cells cannot be saved: nothing was. `cells` says which, by engineer and column."""

    def __init__(self, cells: list[CellError]):
        super().__init__(AttendanceErrorCode.INVALID_CELLS, _("Some attendance is not valid: nothing was saved."))
        self.cells = cells


@dataclass
class SaveResult:
    saved: list[AttendanceMonth] = field(default_factory=list)
    unchanged: int = 0
    removed: int = 0
    warnings: list[RowWarning] = field(default_factory=list)


def number(value: Decimal) -> str:
    """A number as a person writes it: 31, 20.5, 0 (never 31.0 or 3E+1)."""
    return format(value.normalize(), "f") if value else "0"


def _shown(value, limit: int = 30) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def value_problem(name, value) -> str | None:
    """Why one cell cannot be saved (None when it can), naming the column and the rule."""
    if not isinstance(name, str) or name not in FIELDS:
        return _("Unknown column %(name)s: use one of %(allowed)s.") % {
            "name": repr(_shown(name)),
            "allowed": "、".join(FIELDS),
        }
    what = label(name)
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        return _("%(field)s: %(value)s is not a number.") % {"field": what, "value": _shown(value)}
    shown = number(value) if abs(value) < 10**6 else _shown(value)  # as typed: 20.5, not 20.5000
    if value < 0:
        return _("%(field)s cannot be negative (%(value)s): enter 0 or more.") % {"field": what, "value": shown}
    if name in DAY_FIELDS:
        if value > 31:  # first: a huge number has no remainder the decimal context can compute
            return _("%(field)s: %(value)s days is more than a month has.") % {"field": what, "value": shown}
        if value % HALF_DAY:
            return _("%(field)s: %(value)s is not a whole or half day: use steps of 0.5, like 20.5.") % {
                "field": what,
                "value": shown,
            }
    if name in HOUR_FIELDS:
        if value > MAX_HOURS:
            return _("%(field)s: %(value)s hours is more than the %(max)s a month can hold.") % {
                "field": what,
                "value": shown,
                "max": MAX_HOURS,
            }
        if value % HOUR_STEP:
            return _("%(field)s: %(value)s has more than one decimal place: hours are kept to 0.1.") % {
                "field": what,
                "value": shown,
            }
    return None


def total_days_problem(values: Mapping[str, Decimal], engineer: Engineer, month: Month, span) -> str | None:
    """Days worked, on paid leave, on sick leave and absent add up to at most the days employed."""
    total = sum((values[f] for f in DAY_FIELDS), Decimal(0))
    limit = span_days(span)
    if total <= limit:
        return None
    names = " + ".join(label(f) for f in DAY_FIELDS)
    if limit == month.days:
        return _("%(names)s = %(total)s days, more than the %(limit)d days of %(month)s.") % {
            "names": names,
            "total": number(total),
            "limit": limit,
            "month": month,
        }
    return _(
        "%(names)s = %(total)s days, more than the %(limit)d days %(name)s is employed in %(month)s "
        "(%(first)s to %(last)s)."
    ) % {
        "names": names,
        "total": number(total),
        "limit": limit,
        "name": engineer.name,
        "month": month,
        "first": span[0].isoformat(),
        "last": span[1].isoformat(),
    }


def overtime_warning(values: Mapping[str, Decimal], engineer: Engineer, month: Month) -> str | None:
    total = sum((values[f] for f in HOUR_FIELDS), Decimal(0))
    if total <= LEGAL_MONTHLY_OVERTIME_HOURS:
        return None
    return _(
        "%(name)s: %(hours)s hours of overtime in %(month)s, above the %(limit)s hours a month the Labour Law "
        "(Art. 41) allows. Saved, and paid in full: check it was agreed with the engineer and the union."
    ) % {"name": engineer.name, "hours": number(total), "month": month, "limit": LEGAL_MONTHLY_OVERTIME_HOURS}


def require_open_month(month: Month) -> None:
    """A month whose pay period is closing or closed is read-only (the period row stays locked
    against a close until the caller's transaction ends)."""
    period = closed_period_of(month.year, month.month)
    if period:
        raise PeriodClosedError(
            PeriodErrorCode.CLOSED,
            _("Pay period %(period)s is %(status)s: its attendance can no longer change.")
            % {"period": str(period), "status": period.get_status_display()},
            field="month",
        )


def require_hr_clerk(user) -> None:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(AttendanceErrorCode.ROLE, _("Only an HR clerk enters attendance."))


def _row_errors(
    engineer_id: int,
    engineer: Engineer | None,
    values: Mapping | None,
    stored: AttendanceMonth | None,
    month: Month,
    department: Department | None,
) -> tuple[list[CellError], dict[str, Decimal] | None]:
    """The row's problems, and its values as they will be saved (stored ones where none was sent)."""
    if engineer is None:
        message = _("No engineer has the id %(id)s.") % {"id": engineer_id}
        return [CellError(engineer_id, ROW, message)], None
    if department is not None and engineer.department_id != department.pk:
        message = _("%(name)s is not in %(department)s.") % {"name": engineer, "department": department}
        return [CellError(engineer_id, ROW, message)], None
    span = employed_span(engineer, month)
    if values is None:  # removing the month's row: fine for anyone, on the payroll or not
        return [], None
    errors = []
    if span is None:
        message = _("%(name)s is not on the payroll in %(month)s (hired %(hired)s%(left)s).") % {
            "name": engineer,
            "month": month,
            "hired": engineer.hire_date.isoformat(),
            "left": _(", left %(day)s") % {"day": engineer.leaving_date.isoformat()} if engineer.leaving_date else "",
        }
        errors.append(CellError(engineer_id, ROW, message))
    merged: dict[str, Decimal] = {}
    for name, value in values.items():
        problem = value_problem(name, value)
        if problem:
            errors.append(CellError(engineer_id, name if name in FIELDS else ROW, problem))
        else:
            merged[name] = Decimal(value)
    if errors:
        return errors, None
    for name in FIELDS:
        merged.setdefault(name, getattr(stored, name) if stored else Decimal("0.0"))
    problem = total_days_problem(merged, engineer, month, span)
    if problem:
        return [CellError(engineer_id, TOTAL, problem)], None
    return [], merged


def attendance_save(
    *,
    user,
    month: Month,
    rows: Mapping[int, Mapping[str, Decimal] | None],
    department: Department | None = None,
    reason: str = "",
) -> SaveResult:
    """Save many engineers' month at once: engineer id → {column: value} (columns left out keep
    their stored value, or 0 on a new row), or None to remove the engineer's row for the month.

    Every row is checked before anything is written; one bad cell and nothing is saved (the
    AttendanceGridError lists each, by engineer and column). With `department`, every row must
    be one of its engineers (the grid saves one department). Rows that did not change are left
    as they are (no history); every change writes its history row, by `user`, for `reason`."""
    require_hr_clerk(user)
    with transaction.atomic():
        require_open_month(month)  # locks the period first: the ledger's lock order
        ids = sorted(rows)
        # The engineers' rows serialize two saves of the same people (the unique row per month).
        engineers = {e.pk: e for e in Engineer.objects.select_for_update().filter(pk__in=ids).order_by("pk")}
        stored = {
            a.engineer_id: a
            for a in AttendanceMonth.objects.filter(engineer_id__in=ids, year=month.year, month=month.month)
        }
        errors: list[CellError] = []
        checked: dict[int, dict[str, Decimal] | None] = {}
        for engineer_id in ids:
            row_errors, values = _row_errors(
                engineer_id, engineers.get(engineer_id), rows[engineer_id], stored.get(engineer_id), month, department
            )
            errors += row_errors
            checked[engineer_id] = values
        if errors:
            raise AttendanceGridError(errors)

        result = SaveResult()
        now = timezone.now()
        new, changed = [], []
        for engineer_id in ids:
            values, row = checked[engineer_id], stored.get(engineer_id)
            if values is None:
                if row is not None:
                    row._history_user, row._change_reason = user, reason
                    row.delete()
                    result.removed += 1
                continue
            warning = overtime_warning(values, engineers[engineer_id], month)
            if warning:
                result.warnings.append(RowWarning(engineer_id, warning))
            if row is None:
                new.append(
                    AttendanceMonth(engineer=engineers[engineer_id], year=month.year, month=month.month, **values)
                )
            elif any(getattr(row, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(row, name, value)
                row.updated_at = now
                changed.append(row)
            else:
                result.unchanged += 1
        if new:
            bulk_create_with_history(new, AttendanceMonth, default_user=user, default_change_reason=reason)
        if changed:
            bulk_update_with_history(
                changed, AttendanceMonth, [*FIELDS, "updated_at"], default_user=user, default_change_reason=reason
            )
        result.saved = list(
            AttendanceMonth.objects.filter(
                engineer_id__in=[a.engineer_id for a in new + changed], year=month.year, month=month.month
            ).select_related("engineer__department")
        )
        for engineer_id, warning in sorted(hooks.paid_leave_warnings(result.saved).items()):
            result.warnings.append(RowWarning(engineer_id, warning))
        return result
