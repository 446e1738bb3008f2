"""Starting a close and watching it: readiness, the queued run's ticket, a dead run found and retried.

The close itself (payroll.close) is a pure database job; this module is what HR's button and
the page around it need: what is not ready yet, who decided to close anyway and why, whether a
worker will pick the job up, and whether the run that was queued is still alive.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from celery import current_app
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from appraisal.models import Scorecard, ScorecardStatus
from core.errors import DomainError
from engineers.models import PayScheme
from engineers.selectors import month_bounds
from ledger.errors import PeriodErrorCode
from ledger.models import PayPeriod, PeriodAction, PeriodEvent, PeriodStatus
from policies.selectors import pay_rules_in_force
from workorders.models import BonusRequest, RequestStatus, WorkOrder

from . import tasks
from .chunks import run_progress
from .close import close_claim, close_failed, current_run, on_payroll
from .models import ChunkStatus, CloseChunk

logger = logging.getLogger(__name__)
WAITING_REQUESTS = (RequestStatus.SUBMITTED, RequestStatus.REVIEWED)
STARTING_GRACE_SECONDS = 30  # a run that started this recently may not hold the period's lock yet
QUEUED_GRACE_SECONDS = 20  # queued longer than this with no worker answering: say so


def close_readiness(period: PayPeriod, today: date) -> list[str]:
    """What is not ready for the month's close, one sentence each; empty when it can close."""
    start, end = month_bounds(period.year, period.month)
    blockers = []
    if today <= end:
        blockers.append(_("The month is not over: it ends on %(end)s.") % {"end": f"{end:%Y-%m-%d}"})
    drafts = (
        Scorecard.objects.filter(year=period.year, month=period.month, status=ScorecardStatus.DRAFT)
        .values("engineer__department__name")
        .annotate(n=Count("id"))
        .order_by("engineer__department__name")
    )
    for row in drafts:
        blockers.append(
            ngettext(
                "%(department)s: %(n)d KPI scorecard is not submitted; its performance pay will be missing.",
                "%(department)s: %(n)d KPI scorecards are not submitted; their performance pay will be missing.",
                row["n"],
            )
            % {"department": row["engineer__department__name"], "n": row["n"]}
        )
    waiting = BonusRequest.objects.filter(status__in=WAITING_REQUESTS).count()
    if waiting:
        blockers.append(
            ngettext(
                "%(n)d bonus request is waiting for a decision.",
                "%(n)d bonus requests are waiting for a decision.",
                waiting,
            )
            % {"n": waiting}
        )
    bare = WorkOrder.objects.filter(completed_on__range=(start, end), participants__isnull=True).count()
    if bare:
        blockers.append(
            ngettext(
                "%(n)d work order completed this month has no participants: nobody is paid for it.",
                "%(n)d work orders completed this month have no participants: nobody is paid for them.",
                bare,
            )
            % {"n": bare}
        )
    blockers.extend(_pay_gaps(period, start, end))
    return blockers


def _pay_gaps(period: PayPeriod, start: date, end: date) -> list[str]:
    """Who the close would pay without the facts it needs: a pay scheme and no attendance (their wage is
    paid as if nobody was absent, with no allowance or overtime); a city without contribution rules."""
    paid = on_payroll(start, end)
    with_scheme = paid.filter(pay_schemes__effective_from__lte=end).distinct()
    missing = (
        with_scheme.exclude(attendance__year=period.year, attendance__month=period.month)
        .values("department__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("department__name")
    )
    gaps = [
        ngettext(
            "%(department)s: %(n)d engineer has no attendance this month; base and post wage would be paid in "
            "full, with no meal allowance or overtime.",
            "%(department)s: %(n)d engineers have no attendance this month; base and post wage would be paid in "
            "full, with no meal allowance or overtime.",
            row["n"],
        )
        % {"department": row["department__name"], "n": row["n"]}
        for row in missing
    ]
    cities = set(
        PayScheme.objects.filter(effective_from__lte=end, engineer__in=paid)
        .exclude(contribution_city="")
        .values_list("contribution_city", flat=True)
    )
    unknown = sorted(cities - set(pay_rules_in_force(end).cities))
    if unknown:
        gaps.append(
            _("No social insurance rules are in force for %(cities)s: the close cannot compute their contributions.")
            % {"cities": "、".join(unknown)}
        )
    return gaps


@dataclass(frozen=True)
class CloseState:
    """What the period page shows about the close: one of the phases below, with its figures."""

    phase: str  # open | failed | queued | no_worker | running | stopped | closed
    done: int = 0
    total: int = 0
    error: str = ""
    blockers: list[str] = field(default_factory=list)
    chunks_done: int = 0  # a chunked close (payroll/chunks.py): how many of its parts have committed
    chunks_total: int = 0

    @property
    def polling(self) -> bool:
        return self.phase in ("queued", "running")

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0


def close_state(period: PayPeriod, today: date) -> CloseState:
    """Where the month's close stands, read without changing anything."""
    if period.status == PeriodStatus.CLOSED:
        return CloseState("closed")
    progress = tasks.progress_of(period.pk)
    if period.status == PeriodStatus.OPEN:
        last = period.events.order_by("-pk").first()
        blockers = close_readiness(period, today)
        if last is not None and last.action == PeriodAction.CLOSE_FAILED:
            return CloseState("failed", error=last.reason, blockers=blockers)
        return CloseState("open", blockers=blockers)
    run = current_run(period)
    if run is not None and CloseChunk.objects.filter(run_id=run).exists():
        return _chunked_state(period, run)
    done, total = progress.get("done", 0), progress.get("total", 0)
    return CloseState(_closing_phase(period, progress), done, total)


def _chunked_state(period: PayPeriod, run: int) -> CloseState:
    """A chunked close, read from its chunks' rows: running while a worker holds a chunk or chunks wait
    for live workers; stopped when a started chunk is held by nobody (its worker died: Redis hands it
    to another worker after the visibility timeout, or HR closes again now)."""
    done, total, chunks_done, chunks_total = run_progress(run)
    phase = "running"
    if current_app.conf.task_always_eager:
        phase = "stopped" if chunks_done < chunks_total else "running"  # in-process runs die with their process
    elif chunks_done < chunks_total:
        started = list(
            CloseChunk.objects.filter(run_id=run, status=ChunkStatus.RUNNING).values_list("pk", "started_at")
        )
        grace = timezone.now() - timedelta(seconds=STARTING_GRACE_SECONDS)
        if any(_chunk_held(pk) for pk, _at in started):
            phase = "running"
        elif started and all(at is not None and at < grace for _pk, at in started):
            phase = "stopped"
        elif not workers_alive():
            phase = "no_worker"
    return CloseState(phase, done, total, chunks_done=chunks_done, chunks_total=chunks_total)


def _chunk_held(chunk_id: int) -> bool:
    """True while a worker's transaction holds the chunk's row (PostgreSQL; elsewhere assume it does)."""
    return connection.vendor != "postgresql" or _row_held(CloseChunk.objects.filter(pk=chunk_id))


def _closing_phase(period: PayPeriod, progress: dict) -> str:
    if _close_transaction_running(period):
        return "running"
    if PayPeriod.objects.filter(pk=period.pk).values_list("status", flat=True).first() != PeriodStatus.CLOSING:
        return "running"  # it ended between the page's read and now: the next poll shows how
    if current_app.conf.task_always_eager:
        return "stopped"  # in-process runs die with their process
    ticket = period.events.filter(action=PeriodAction.CLOSE_STARTED).order_by("-pk").first()
    if progress.get("run") != getattr(ticket, "pk", None):
        young = ticket is not None and (timezone.now() - ticket.at).total_seconds() < QUEUED_GRACE_SECONDS
        return "queued" if young else "stopped"  # being queued right now, or nobody runs it
    age = time.time() - progress.get("at", 0)
    state = current_app.AsyncResult(progress.get("task_id", "")).state
    if state == "PENDING":  # still in the queue
        return "queued" if age < QUEUED_GRACE_SECONDS or workers_alive() else "no_worker"
    if state in ("STARTED", "RETRY") and age < STARTING_GRACE_SECONDS:
        return "running"
    return "stopped"  # started long ago and holds no lock: its worker died


def _close_transaction_running(period: PayPeriod) -> bool:
    """True while a close holds the period's row lock (PostgreSQL): the database's word, not a guess."""
    return connection.vendor == "postgresql" and _row_held(PayPeriod.objects.filter(pk=period.pk))


def _row_held(rows) -> bool:
    """Does another transaction hold these rows' lock? (Asked without waiting.)"""
    try:
        with transaction.atomic():
            list(rows.select_for_update(nowait=True, of=("self",)).values_list("pk"))
    except DatabaseError:
        return True
    return False


def workers_alive() -> bool:
    """Does any Celery worker answer? (Always yes in the embedded default: tasks run in-process.)"""
    if current_app.conf.task_always_eager:
        return True
    try:
        return bool(current_app.control.ping(timeout=1.0))
    except Exception:  # a broker that does not answer is no worker either
        logger.exception("pinging the Celery workers failed")
        return False


def close_start(*, user, period: PayPeriod, reason: str = "", today: date | None = None) -> PeriodEvent | None:
    """HR closes the month: refused while not ready unless a reason is given; queued for a worker.

    A month whose queued close has died is taken over (the dead run is recorded as failed).
    Returns the run's ticket; None when the month was closed already."""
    today = today or timezone.localdate()
    period.refresh_from_db()
    if period.status == PeriodStatus.CLOSED:
        return None
    takeover = period.status == PeriodStatus.CLOSING
    if takeover and close_state(period, today).phase not in ("stopped", "no_worker"):
        raise DomainError(PeriodErrorCode.CLOSING, _("This period is being closed already."))
    blockers = close_readiness(period, today)
    reason = reason.strip()
    if blockers and not reason:
        raise DomainError(
            PeriodErrorCode.CLOSE_NOT_READY,
            _("Not ready to close: %(what)s Give a reason to close anyway.") % {"what": " ".join(blockers)},
            field="reason",
        )
    if not workers_alive():
        raise DomainError(
            PeriodErrorCode.NO_WORKER,
            _("No background worker is running, so the close would wait in the queue. Start a worker and try again."),
        )
    recorded = reason + (" — " + " ".join(blockers) if blockers else "")
    ticket = close_claim(user=user, period=period, reason=recorded, takeover=takeover)
    if ticket is None:
        return None
    _enqueue(period, ticket, user)
    return ticket


def _enqueue(period: PayPeriod, ticket: PeriodEvent, user) -> None:
    task_id = f"close-{period.pk}-{ticket.pk}"
    tasks.progress_set(period.pk, state="queued", run=ticket.pk, task_id=task_id)
    try:
        tasks.close_period.apply_async((period.pk, getattr(user, "pk", None), ticket.pk), task_id=task_id)
    except DomainError:
        raise  # the embedded default ran the close here and it refused (recorded as close-failed)
    except Exception as exc:
        if current_app.conf.task_always_eager:
            raise  # the close ran in-process and failed: already recorded, the caller shows it
        logger.exception("queueing the close of %s failed", period)
        close_failed(
            period=period, run=ticket.pk, user=user, reason=_("Could not queue the close: %(error)s") % {"error": exc}
        )
        raise DomainError(
            PeriodErrorCode.QUEUE_FAILED,
            _("The close could not be queued (%(error)s); the period is open and unchanged.") % {"error": exc},
        ) from exc
