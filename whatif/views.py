"""What-if pages: a version's simulations (run one, approve from here), a simulation's results, its
progress and its workbook. HR and general managers run them; finance reads them too; others 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from core.errors import DomainError, PermissionDeniedError
from ledger.models import PayPeriod, PeriodStatus
from policies.models import PolicyVersion
from policies.services import approve_refusal

from .exports import simulation_workbook
from .models import Simulation, SimulationStatus
from .presenting import simulation_page
from .services import (
    default_periods,
    draft_approve,
    latest_simulation,
    may_read,
    may_run,
    simulation_start,
)
from .tasks import run_simulation

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN = 10


def _reader(request) -> None:
    if not may_read(request.user):
        raise PermissionDenied


class VersionView(LoginRequiredMixin, View):
    """A version's what-if page: run one on chosen closed months, the latest results, and for a general
    manager who may approve it, the approval (which records the simulation on the page)."""

    def get(self, request, pk):
        _reader(request)
        version = get_object_or_404(PolicyVersion, pk=pk)
        latest = latest_simulation(version)
        closed = PayPeriod.objects.filter(status=PeriodStatus.CLOSED).order_by("-year", "-month")
        return render(
            request,
            "whatif/version.html",
            {
                "v": version,
                "closed": closed,
                "chosen": {p.pk for p in default_periods()},
                "may_run": may_run(request.user),
                "may_approve": approve_refusal(request.user, version) is None,
                "latest": latest,
                "page": simulation_page(latest) if latest and latest.status == SimulationStatus.DONE else None,
                "earlier": Simulation.objects.filter(version=version).exclude(pk=getattr(latest, "pk", None))[:SHOWN],
            },
        )

    def post(self, request, pk):
        _reader(request)
        version = get_object_or_404(PolicyVersion, pk=pk)
        if request.POST.get("action") == "approve":
            return self._approve(request, version)
        ids = [int(x) for x in request.POST.getlist("periods") if x.isdigit()]
        periods = list(PayPeriod.objects.filter(pk__in=ids))
        try:
            simulation = simulation_start(user=request.user, version=version, periods=periods)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("whatif:version", pk=pk)
        transaction.on_commit(lambda: _queue(simulation.pk))
        return redirect("whatif:simulation", pk=simulation.pk)

    def _approve(self, request, version):
        seen = request.POST.get("simulation", "")
        simulation = Simulation.objects.filter(pk=int(seen), version=version).first() if seen.isdigit() else None
        try:
            draft_approve(user=request.user, version=version, simulation=simulation)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("whatif:version", pk=version.pk)
        messages.success(request, _("Approved: the version takes effect on its date."))
        return redirect("policies:policy", pk=version.pk)


def _queue(simulation_id: int) -> None:
    """Hand the run to a worker (in-process in the embedded default); a failed run says so on its page."""
    try:
        run_simulation.delay(simulation_id)
    except Exception:  # eager mode raises the run's own error; the simulation row already says it failed
        if not Simulation.objects.filter(pk=simulation_id, status=SimulationStatus.FAILED).exists():
            raise


class SimulationView(LoginRequiredMixin, View):
    def get(self, request, pk):
        _reader(request)
        simulation = get_object_or_404(Simulation.objects.select_related("version", "requested_by"), pk=pk)
        page = simulation_page(simulation) if simulation.status == SimulationStatus.DONE else None
        periods = simulation.periods.order_by("year", "month")
        context = {"s": simulation, "v": simulation.version, "page": page, "periods": periods}
        return render(request, "whatif/simulation.html", context)


class ProgressView(LoginRequiredMixin, View):
    """htmx: the progress bar, polled while the simulation runs; the page reloads when it ends."""

    def get(self, request, pk):
        _reader(request)
        simulation = get_object_or_404(Simulation, pk=pk)
        response = render(request, "whatif/_progress.html", {"s": simulation})
        if simulation.status in (SimulationStatus.DONE, SimulationStatus.FAILED):
            response["HX-Refresh"] = "true"
        return response


class ExportView(LoginRequiredMixin, View):
    def get(self, request, pk):
        _reader(request)
        simulation = get_object_or_404(
            Simulation.objects.select_related("version"), pk=pk, status=SimulationStatus.DONE
        )
        response = HttpResponse(simulation_workbook(simulation), content_type=XLSX)
        name = f"what-if-{simulation.version.document_no}-{simulation.version.version}-{simulation.pk}.xlsx"
        response["Content-Disposition"] = content_disposition_header(True, name.replace("/", "_"))
        return response
