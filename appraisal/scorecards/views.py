"""KPI pages: the HR clerk's grid, an engineer's own month, a scorecard's detail."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from appraisal.errors import ScorecardErrorCode
from appraisal.estimate import month_estimate, more_orders_from
from appraisal.models import Scorecard, ScoreEntry, ScoreSource
from core.errors import CommonErrorCode, DomainError, PermissionDeniedError
from core.live_pages import kept_live
from core.roles import Role, has_role
from engineers.models import Department
from engineers.selectors import assessment_status, reads_pay_of
from policies.choices import KpiDimension
from policies.selectors import policies_remembered, policy_in_force

from . import services
from .excel import grid_import, grid_workbook
from .grid_html import department_options_html, grid_rows_html
from .selectors import grid_rows, scorecards_of, visible_scorecards
from .services import GridError, Month

GRID_ROLES = (Role.HR_CLERK, Role.SUPERVISOR)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIMENSION_LABELS = dict(KpiDimension.choices)  # lazy: translated where shown


def _month(value: str | None) -> Month:
    return Month.parse(value, default=timezone.localdate())


def _parse_score(raw) -> Decimal | None:
    text = str(raw if raw is not None else "").strip()
    if text == "":
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def _row_result(card: Scorecard) -> dict:
    return {
        "score": None if card.score is None else str(card.score),
        "band": card.band,
        "coefficient": None if card.coefficient is None else str(card.coefficient),
        "pay": None if card.performance_pay_amount is None else f"{card.performance_pay_amount:,.2f}",
        "status": card.status,
        "incomplete": card.incomplete,
    }


def _read_only_reason(month: Month, submitted: bool) -> str:
    """Why the month's grid takes no more scores ("" while it does): its pay period is closing or closed, or
    the month was submitted. The page then renders values, not inputs, and says this."""
    try:
        services.require_open_period(month, lock=False)
    except DomainError as exc:
        return str(exc.message)
    if submitted:
        return _("This month's scorecards were submitted: they can no longer change.")
    return ""


def _department(data) -> Department | None:
    """The department asked for, else the first one."""
    departments = Department.objects.all()
    return departments.filter(pk=data.get("department") or 0).first() or departments.first()


class GridView(LoginRequiredMixin, View):
    """One department and month: a row per engineer, a column per dimension."""

    def _choices(self, request, data) -> tuple[Month, str, list[str]]:
        """The month, source and sources the user may pick (no query: the roles are the request's)."""
        if not has_role(request.user, *GRID_ROLES):
            raise PermissionDenied
        sources = (
            [ScoreSource.SUPERVISOR]
            if not has_role(request.user, Role.HR_CLERK)
            else [ScoreSource.SUPERVISOR, ScoreSource.SELF, ScoreSource.PEER]
        )
        source = data.get("source") if data.get("source") in sources else ScoreSource.SUPERVISOR
        return _month(data.get("month")), source, sources

    def _setup(self, request, data):
        month, source, sources = self._choices(request, data)
        return Department.objects.all(), _department(data), month, source, sources

    def _render(self, request, departments, department, month, source, sources, cell_errors=None, posted=None):
        """The grid with what was posted and its errors: this request's own, never kept."""
        computed = self._computed(departments, department, month, source, cell_errors, posted)
        return self._page(request, computed, month, source, sources)

    def _page(self, request, computed: dict, month, source, sources):
        return render(
            request,
            "kpi/grid.html",
            {
                **computed,
                "month": month,
                "source": source,
                "sources": [(s, ScoreSource(s).label) for s in sources],
            },
        )

    def _computed(self, departments, department, month, source, cell_errors=None, posted=None) -> dict:
        """The page's part read from the database, as plain values (core/live_pages.py keeps it)."""
        cards = scorecards_of(department, month) if department else {}
        policy = policy_in_force(month.bounds[1])
        dims = [(d.code, str(DIMENSION_LABELS.get(d.code, d.code)), d.weight) for d in policy.kpi.dimensions]
        rows = grid_rows(department, month, source, cards) if department else []
        submitted = any(c.status == "submitted" for c in cards.values())
        if posted:
            for row in rows:
                row.cells.update({k: v for (e, k), v in posted.items() if e == row.engineer_id})
        read_only = _read_only_reason(month, submitted)
        return {
            "department": {"pk": department.pk} if department else None,
            "department_options": department_options_html(departments.values_list("pk", "name"), department),
            "dims": dims,
            "has_rows": bool(rows),
            "rows_html": grid_rows_html(rows, dims, cell_errors or {}, bool(read_only)),
            "policy_label": policy.label,
            "submitted": submitted,
            "read_only": str(read_only),
            "without_card": sum(1 for row in rows if row.inside and row.card is None),
        }

    def get(self, request):
        month, source, sources = self._choices(request, request.GET)

        def computed() -> dict:
            with policies_remembered():  # the grid and its rows read the month's policy once
                return self._computed(Department.objects.all(), _department(request.GET), month, source)

        asked = ("kpi-grid", request.GET.get("department") or "", str(month), source)
        return self._page(request, kept_live(request.user, asked, computed), month, source, sources)

    def post(self, request):
        """Without JavaScript the whole grid posts here; with it, cells autosave through GridSaveView."""
        departments, department, month, source, sources = self._setup(request, request.POST)
        posted, rows, bad = {}, {}, {}
        for key, raw in request.POST.items():
            if not key.startswith("s-"):
                continue
            _s, engineer_id, dim = (*key.split("-", 2), "", "")[:3]
            if not engineer_id.isdigit() or not dim:  # not a cell of this grid: nothing to read
                continue
            try:
                value = _parse_score(raw)
            except ValueError:
                bad[(int(engineer_id), dim)] = _("Not a number.")
                continue
            posted[(int(engineer_id), dim)] = value
            rows.setdefault(int(engineer_id), {})[dim] = value
        if not bad:
            try:
                services.grid_save(user=request.user, department=department, month=month, source=source, rows=rows)
            except GridError as exc:
                bad = {(c.engineer_id, c.dimension): c.message for c in exc.cells}
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                messages.error(request, exc.message)
                return redirect(f"{request.path}?department={department.pk}&month={month}&source={source}")
            else:
                messages.success(request, _("Scores saved."))
                return redirect(f"{request.path}?department={department.pk}&month={month}&source={source}")
        messages.error(request, _("Some scores are not valid: nothing was saved."))
        errors = {f"{e}-{d}": m for (e, d), m in bad.items()}
        return self._render(request, departments, department, month, source, sources, errors, posted)


class GridExportView(GridView):
    def get(self, request):
        _deps, department, month, source, _sources = self._setup(request, request.GET)
        policy = policy_in_force(month.bounds[1])
        dims = [(d.code, str(DIMENSION_LABELS.get(d.code, d.code))) for d in policy.kpi.dimensions]
        response = HttpResponse(content_type=XLSX)
        response["Content-Disposition"] = content_disposition_header(True, f"KPI-{department.code}-{month}.xlsx")
        grid_workbook(department=department, month=month, source=source, dims=dims).save(response)
        return response


class GridImportView(GridView):
    def post(self, request):
        _deps, department, month, source, _sources = self._setup(request, request.POST)
        policy = policy_in_force(month.bounds[1])
        dims = [(d.code, str(DIMENSION_LABELS.get(d.code, d.code))) for d in policy.kpi.dimensions]
        upload = request.FILES.get("file")
        errors = (
            [_("Choose a file.")]
            if upload is None
            else grid_import(
                user=request.user, file=upload, department=department, month=month, source=source, dims=dims
            )
        )
        if errors:
            messages.error(request, _("Nothing was imported:") + " " + "; ".join(errors))
        else:
            messages.success(request, _("Scores imported."))
        return redirect(f"/kpi/grid/?department={department.pk}&month={month}&source={source}")


class GridPrepareView(LoginRequiredMixin, View):
    """Create the month's missing scorecards (and peer assignments) so the grid shows work-order metrics.

    Saving a score creates them too; reading the grid never does."""

    def post(self, request):
        if not has_role(request.user, *GRID_ROLES):
            raise PermissionDenied
        department = get_object_or_404(Department, pk=request.POST.get("department") or 0)
        month = _month(request.POST.get("month"))
        try:
            cards = services.scorecards_prepare(department=department, month=month)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)d scorecards ready.") % {"n": len(cards)})
        query = urlencode({"department": department.pk, "month": str(month), "source": request.POST.get("source", "")})
        return redirect(f"{reverse('kpi:grid')}?{query}")


class GridSaveView(LoginRequiredMixin, View):
    """JSON autosave of changed rows: all cells valid or nothing saved."""

    def post(self, request):
        if not has_role(request.user, *GRID_ROLES):
            return JsonResponse(
                {"code": CommonErrorCode.FORBIDDEN, "message": _("Your role cannot enter these scores.")}, status=403
            )
        try:
            body = json.loads(request.body)
            department = get_object_or_404(Department, pk=int(body["department"]))
            month, source = _month(body.get("month")), body.get("source", ScoreSource.SUPERVISOR)
            rows, bad = {}, []
            body_rows = body.get("rows", {})
            if not isinstance(body_rows, dict) or not all(isinstance(c, dict) for c in body_rows.values()):
                return JsonResponse(
                    {
                        "code": CommonErrorCode.BAD_REQUEST,
                        "message": _('"rows" must map engineer ids to {dimension: score} objects: nothing was saved.'),
                        "cells": [],
                    },
                    status=400,
                )
            for engineer_id, cells in body_rows.items():
                for dim, raw in cells.items():
                    try:
                        rows.setdefault(int(engineer_id), {})[dim] = _parse_score(raw)
                    except ValueError:
                        bad.append({"engineer": int(engineer_id), "dimension": dim, "message": _("Not a number.")})
        except (ValueError, KeyError, TypeError, json.JSONDecodeError):
            return JsonResponse(
                {"code": CommonErrorCode.BAD_REQUEST, "message": _("The request could not be read.")}, status=400
            )
        if bad:
            return JsonResponse(
                {
                    "code": ScorecardErrorCode.INVALID_CELLS,
                    "message": _("Some scores are not valid: nothing was saved."),
                    "cells": bad,
                },
                status=400,
            )
        try:
            cards = services.grid_save(user=request.user, department=department, month=month, source=source, rows=rows)
        except GridError as exc:
            cells = [{"engineer": c.engineer_id, "dimension": c.dimension, "message": c.message} for c in exc.cells]
            return JsonResponse({"code": exc.code, "message": str(exc.message), "cells": cells}, status=400)
        except PermissionDeniedError as exc:
            return JsonResponse({"code": exc.code, "message": str(exc.message)}, status=403)
        except DomainError as exc:
            return JsonResponse({"code": exc.code, "message": str(exc.message), "cells": []}, status=400)
        cards = {c.engineer_id: c for c in Scorecard.objects.filter(pk__in=[cards[e].pk for e in rows if e in cards])}
        return JsonResponse({"ok": True, "rows": {str(e): _row_result(c) for e, c in cards.items()}})


class GridSubmitView(LoginRequiredMixin, View):
    def post(self, request):
        department = get_object_or_404(Department, pk=request.POST.get("department") or 0)
        month = _month(request.POST.get("month"))
        try:
            n = services.grid_submit(user=request.user, department=department, month=month)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)d scorecards submitted for %(month)s.") % {"n": n, "month": month})
        return redirect(f"/kpi/grid/?department={department.pk}&month={month}")


class MyMonthView(LoginRequiredMixin, View):
    """An engineer's own scorecard this month: self-assessment, peer reviews to give, result."""

    def get(self, request):
        return render(request, "kpi/my_month.html", self._context(request))

    def post(self, request):
        if request.POST.get("op") == "open":
            today = timezone.localdate()
            try:
                services.own_scorecard_open(user=request.user, month=Month(today.year, today.month))
            except PermissionDeniedError as exc:
                raise PermissionDenied(exc.message) from exc
            except DomainError as exc:
                messages.error(request, exc.message)
            return redirect("kpi:my")
        card = get_object_or_404(Scorecard, pk=request.POST.get("scorecard") or 0)
        source = request.POST.get("source", "")
        dims = [d.code for d in policy_in_force(Month(card.year, card.month).bounds[1]).kpi.dimensions]
        try:
            values = {d: _parse_score(request.POST.get(d)) for d in dims}
            if any(v is None for v in values.values()):
                raise ValueError("missing")
            services.own_scores_save(user=request.user, card=card, source=source, values=values)
        except ValueError:
            messages.error(request, _("Give every dimension a score from 0 to 100."))
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Scores saved."))
        return redirect("kpi:my")

    def _context(self, request):
        engineer = getattr(request.user, "engineer", None)
        today = timezone.localdate()
        month = Month(today.year, today.month)
        policy = policy_in_force(month.bounds[1])
        dims = [(d.code, DIMENSION_LABELS.get(d.code, d.code)) for d in policy.kpi.dimensions]
        if engineer is None:
            return {"engineer": None, "dims": dims}
        estimate = month_estimate(engineer, today, more_orders_from(request.GET.get("more")))
        card = Scorecard.objects.filter(engineer=engineer, year=month.year, month=month.month).first()
        start, end = month.bounds
        inside = (
            card is not None or assessment_status(engineer, period_start=start, period_end=end, policy=policy).inside
        )
        to_review = Scorecard.objects.filter(
            peer_assignments__reviewer=engineer, year=month.year, month=month.month
        ).select_related("engineer")
        mine = {}
        if card:
            mine = {e.dimension: e.score for e in card.entries.filter(source=ScoreSource.SELF)}
        given = {(e.scorecard_id, e.dimension): e.score for e in _peer_entries(engineer, to_review)}
        return {
            "engineer": engineer,
            "card": card,
            "inside": inside,
            "month": month,
            "dims": dims,
            "mine": mine,
            "reviews": [(c, {d: given.get((c.pk, d)) for d, _l in dims}) for c in to_review],
            "history": visible_scorecards(request.user).filter(engineer=engineer)[:12],
            "estimate": estimate,
        }


def _peer_entries(engineer, cards):
    return ScoreEntry.objects.filter(scorecard__in=cards, source=ScoreSource.PEER, reviewer=engineer)


class ScorecardDetailView(LoginRequiredMixin, View):
    def get(self, request, pk):
        card = get_object_or_404(visible_scorecards(request.user), pk=pk)
        entries = card.entries.select_related("reviewer").order_by("source", "dimension")
        return render(
            request,
            "kpi/scorecard.html",
            {
                "card": card,
                "entries": entries,
                "labels": DIMENSION_LABELS,
                # Performance pay is pay: scores for every reader, the money for pay readers.
                "hide_pay": not reads_pay_of(request.user, card.engineer),
            },
        )
