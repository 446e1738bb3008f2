"""Attendance pages: HR's keyboard grid per department and month, the attendance machine's import,
and an engineer's own months. Every write goes through services.attendance_save."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from core.permissions import RoleRequiredMixin
from core.roles import Role, has_role
from ledger.selectors import not_open_period

from .imports import HEADERS, attendance_import, template_workbook
from .months import Month
from .selectors import full_attendance, grid_departments, grid_rows, visible_attendance
from .services import (
    DAY_FIELDS,
    FIELDS,
    HOUR_FIELDS,
    ROW,
    TOTAL,
    AttendanceGridError,
    CellError,
    attendance_save,
    label,
    number,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month(value: str | None) -> Month:
    return Month.parse(value, default=timezone.localdate())


def shown(value) -> str:
    """A stored number as typed: 21, 20.5, 0."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def _parse(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


@login_required
def attendance_home(request):
    """HR and the grid's readers land on the grid; engineers on their own months."""
    if grid_departments(request.user).exists() or has_role(request.user, Role.HR_CLERK):
        return redirect("attendance:grid")
    return redirect("attendance:my")


@dataclass
class Cell:
    name: str
    label: str
    text: str
    error: str = ""
    hours: bool = False


@dataclass
class ShownRow:
    engineer: object
    cells: list[Cell]
    total: str
    employed_days: int
    working_days: int
    first_day: str = ""
    last_day: str = ""
    total_error: str = ""
    row_errors: list[str] = field(default_factory=list)
    over_overtime: bool = False
    prefilled: bool = False
    saved: bool = False


class GridView(LoginRequiredMixin, View):
    """One department and month: a row per engineer on the payroll, a column per kind of attendance."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.departments = grid_departments(request.user)
        if not self.departments.exists() and not has_role(request.user, Role.HR_CLERK):
            if getattr(request.user, "engineer", None) is not None:
                return redirect("attendance:my")
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _setup(self, data):
        raw = data.get("department")
        if raw:
            try:
                department = self.departments.get(pk=int(raw))
            except (ValueError, TypeError, OverflowError):
                department = self.departments.first()
            except self.departments.model.DoesNotExist:
                raise Http404 from None  # another department's grid: as if it did not exist
        else:
            department = self.departments.first()
        return department, _month(data.get("month"))

    def _url(self, department, month) -> str:
        query = {"month": str(month)}
        if department is not None:
            query["department"] = department.pk
        return f"{reverse('attendance:grid')}?{urlencode(query)}"

    def _read_only(self, request, month: Month) -> str:
        period = not_open_period(month.year, month.month)
        if period:
            return _("Pay period %(period)s is %(status)s: its attendance can no longer change.") % {
                "period": str(period),
                "status": period.get_status_display(),
            }
        if not has_role(request.user, Role.HR_CLERK):
            return _("You can read this grid; HR clerks enter attendance.")
        return ""

    def _render(self, request, department, month, *, posted=None, errors=None, prefill=False, status=200):
        read_only = self._read_only(request, month)
        rows = grid_rows(department, month) if department else []
        errors = errors or []
        shown_rows = []
        for row in rows:
            eid = row.engineer.pk
            texts = {f: shown(row.cells[f]) for f in FIELDS}
            prefilled = False
            if posted is not None and eid in posted:
                texts = posted[eid]
            elif prefill and not read_only and row.record is None:
                texts = {f: shown(v) for f, v in full_attendance(row).items()}
                prefilled = True
            mine = [e for e in errors if e.engineer_id == eid]
            by_field = {e.field: e.message for e in mine}
            cells = [Cell(f, label(f), texts.get(f, ""), by_field.get(f, ""), f in HOUR_FIELDS) for f in FIELDS]
            try:
                total = shown(sum((_parse(texts[f]) for f in DAY_FIELDS if texts.get(f, "").strip()), Decimal(0)))
            except ValueError:
                total = ""
            shown_rows.append(
                ShownRow(
                    engineer=row.engineer,
                    cells=cells,
                    total=total,
                    employed_days=row.employed_days,
                    working_days=row.working_days,
                    first_day=row.first_day,
                    last_day=row.last_day,
                    total_error=by_field.get(TOTAL, ""),
                    row_errors=[e.message for e in mine if e.field == ROW],
                    over_overtime=row.over_legal_overtime,
                    prefilled=prefilled,
                    saved=row.record is not None,
                )
            )
        foreign = [e.message for e in errors if e.engineer_id not in {r.engineer.pk for r in rows}]
        return render(
            request,
            "attendance/grid.html",
            {
                "departments": self.departments,
                "department": department,
                "month": month,
                "fields": [(f, label(f), f in HOUR_FIELDS) for f in FIELDS],
                "rows": shown_rows,
                "read_only": read_only,
                "prefill": prefill and not read_only,
                "missing": sum(1 for r in shown_rows if not r.saved),
                "foreign_errors": foreign,
                "has_errors": bool(errors),
            },
            status=status,
        )

    def get(self, request):
        department, month = self._setup(request.GET)
        return self._render(request, department, month, prefill=request.GET.get("prefill") == "1")

    def post(self, request):
        """The whole grid posts here: rows left blank that have nothing saved stay as they are,
        a saved row blanked out is removed, a blank cell in a filled row is 0."""
        if not has_role(request.user, Role.HR_CLERK):
            raise PermissionDenied
        department, month = self._setup(request.POST)
        if department is None:
            raise Http404
        posted: dict[int, dict[str, str]] = {}
        for key, raw in request.POST.items():
            parts = key.split("-", 2)
            if len(parts) != 3 or parts[0] != "a" or parts[2] not in FIELDS or not parts[1].isdigit():
                continue
            posted.setdefault(int(parts[1]), {})[parts[2]] = str(raw)[:30]
        saved_ids = set(
            visible_attendance(request.user)
            .filter(engineer__department=department, year=month.year, month=month.month)
            .values_list("engineer_id", flat=True)
        )
        rows: dict[int, dict[str, Decimal] | None] = {}
        bad = []
        for eid, texts in posted.items():
            if all(not t.strip() for t in texts.values()):
                if eid in saved_ids:
                    rows[eid] = None
                continue
            values = {}
            for name, text in texts.items():
                try:
                    values[name] = _parse(text) if text.strip() else Decimal(0)
                except ValueError:
                    bad.append(
                        CellError(
                            eid,
                            name,
                            _("%(field)s: %(value)s is not a number.") % {"field": label(name), "value": text},
                        )
                    )
            rows[eid] = values
        if bad:
            messages.error(request, _("Some attendance is not valid: nothing was saved."))
            return self._render(request, department, month, posted=posted, errors=bad)
        try:
            result = attendance_save(
                user=request.user, month=month, rows=rows, department=department, reason="考勤表格"
            )
        except AttendanceGridError as exc:
            messages.error(request, exc.message)
            return self._render(request, department, month, posted=posted, errors=exc.cells)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(self._url(department, month))
        messages.success(
            request,
            _(
                "Attendance of %(department)s for %(month)s saved: %(saved)d changed, %(unchanged)d unchanged, "
                "%(removed)d removed."
            )
            % {
                "department": department,
                "month": month,
                "saved": len(result.saved),
                "unchanged": result.unchanged,
                "removed": result.removed,
            },
        )
        for warning in result.warnings:
            messages.warning(request, warning.message)
        return redirect(self._url(department, month))


class ImportView(RoleRequiredMixin, View):
    allowed_roles = (Role.HR_CLERK,)
    template_name = "attendance/import.html"

    def get(self, request):
        return render(request, self.template_name, {"month": _month(request.GET.get("month")), "headers": HEADERS})

    def post(self, request):
        month = _month(request.POST.get("month"))
        upload = request.FILES.get("file")
        context = {"month": month, "headers": HEADERS}
        if upload is None:
            context["choose"] = _("Choose the attendance machine's .xlsx export.")
            return render(request, self.template_name, context, status=400)
        result = attendance_import(user=request.user, file=upload, month=month)
        if not result.ok:
            context["result"] = result
            return render(request, self.template_name, context, status=400)
        messages.success(
            request,
            _("Attendance for %(month)s imported: %(saved)d rows changed, %(unchanged)d unchanged.")
            % {"month": month, "saved": result.saved, "unchanged": result.unchanged},
        )
        for warning in result.warnings:
            messages.warning(request, warning)
        if result.not_in_file:
            messages.info(
                request,
                _("Not in the file, so nothing entered for them: %(names)s.")
                % {"names": "、".join(result.not_in_file)},
            )
        return redirect(f"{reverse('attendance:grid')}?{urlencode({'month': str(month)})}")


class ImportTemplateView(RoleRequiredMixin, View):
    allowed_roles = (Role.HR_CLERK,)

    def get(self, request):
        month = _month(request.GET.get("month"))
        response = HttpResponse(content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, f"考勤导入模板-{month}.xlsx")
        template_workbook(month).save(response)
        return response


class MyAttendanceView(LoginRequiredMixin, View):
    """An engineer's own months, newest first (what base and post wage, meals and overtime are paid by)."""

    def get(self, request):
        engineer = getattr(request.user, "engineer", None)
        records = visible_attendance(request.user).filter(engineer=engineer)[:24] if engineer else []
        return render(
            request,
            "attendance/my.html",
            {
                "engineer": engineer,
                "fields": [(f, label(f)) for f in FIELDS],
                "rows": [(r, [shown(getattr(r, f)) for f in FIELDS]) for r in records],
            },
        )
