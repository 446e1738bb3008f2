"""Start and run a what-if, and approve a draft from its what-if page.

Who: HR clerks and general managers run simulations; they, and finance, read them (the results name
engineers and their pay, so department managers, who read only their own departments' pay, do not).
"""

from __future__ import annotations

import heapq
import json
from itertools import count

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from incentives.trace import Traced
from ledger.models import PayPeriod, PeriodStatus
from payroll.bulk import copy_insert
from policies import kinds
from policies.models import PolicyStatus, PolicyVersion
from policies.services import policy_approve

from .errors import WhatifErrorCode
from .models import DraftApproval, Simulation, SimulationRow, SimulationStatus
from .replay import ZERO, EngineerMonth, replay_month
from .results import Summary, fen

RUNNERS = (Role.HR_CLERK, Role.GENERAL_MANAGER)
READERS = (Role.HR_CLERK, Role.GENERAL_MANAGER, Role.FINANCE)
MAX_MONTHS = 12
DEFAULT_MONTHS = 3
TOP_CHANGES = 20


def may_run(user) -> bool:
    return has_role(user, *RUNNERS)


def may_read(user) -> bool:
    return has_role(user, *READERS)


def default_periods() -> list[PayPeriod]:
    """The last three closed months, oldest first."""
    closed = PayPeriod.objects.filter(status=PeriodStatus.CLOSED).order_by("-year", "-month")[:DEFAULT_MONTHS]
    return sorted(closed, key=lambda p: (p.year, p.month))


def _check_version(version: PolicyVersion) -> None:
    if version.document_no != kinds.INCENTIVE_DOCUMENT:
        raise DomainError(
            WhatifErrorCode.DOCUMENT,
            _("Only versions of %(doc)s can be replayed on closed months.") % {"doc": kinds.INCENTIVE_DOCUMENT},
            field="version",
        )
    if version.status in (PolicyStatus.WITHDRAWN, PolicyStatus.RETIRED):
        raise DomainError(
            WhatifErrorCode.WITHDRAWN, _("A withdrawn or retired version is not replayed."), field="version"
        )


@transaction.atomic
def simulation_start(*, user, version: PolicyVersion, periods: list[PayPeriod]) -> Simulation:
    """Record a what-if of `version` on `periods` (closed months, 1 to 12); the job runs it."""
    if not may_run(user):
        raise PermissionDeniedError(WhatifErrorCode.ROLE, _("Only HR clerks and general managers run a what-if."))
    _check_version(version)
    if not periods:
        raise DomainError(WhatifErrorCode.NO_MONTHS, _("Choose at least one closed month."), field="periods")
    if len(periods) > MAX_MONTHS:
        raise DomainError(
            WhatifErrorCode.TOO_MANY_MONTHS,
            _("Choose at most %(n)d months.") % {"n": MAX_MONTHS},
            field="periods",
        )
    open_ones = [str(p) for p in periods if p.status != PeriodStatus.CLOSED]
    if open_ones:
        raise DomainError(
            WhatifErrorCode.NOT_CLOSED,
            _("Only closed months can be replayed: %(months)s is not closed.") % {"months": "、".join(open_ones)},
            field="periods",
        )
    simulation = Simulation.objects.create(version=version, requested_by=user)
    simulation.periods.set(periods)
    return simulation


def simulation_run(simulation: Simulation) -> Simulation:
    """Replay each month under the version and keep the comparison. Writes only the simulation."""
    Simulation.objects.filter(pk=simulation.pk).update(status=SimulationStatus.RUNNING, done=0, error="")
    SimulationRow.objects.filter(simulation=simulation).delete()  # a retried job starts again
    policy = kinds.parse(simulation.version.document_no, simulation.version.parameters)
    periods = sorted(simulation.periods.all(), key=lambda p: (p.year, p.month))
    heads = {p.pk: p.payslips.count() for p in periods}
    total, done = sum(heads.values()), 0
    Simulation.objects.filter(pk=simulation.pk).update(total=total)
    summary = Summary(periods)
    gainers: list = []
    losers: list = []
    tie = count()
    rows = []
    try:
        for period in periods:
            base = done

            def progress(n, _of, base=base):
                Simulation.objects.filter(pk=simulation.pk).update(done=min(base + n, total))

            for month in replay_month(period, policy, progress):
                summary.add(month)
                rows.append(_row(simulation, month))
                _keep_top(gainers, losers, month, next(tie))
                month.new_lines = []  # only the largest changes keep theirs
                done += 1
        copy_insert(SimulationRow, ROW_FIELDS, rows)
        result = summary.as_json(gainers=largest_first(gainers), losers=largest_first(losers))
    except Exception as exc:  # the page says it failed and why; the job's log has the traceback
        Simulation.objects.filter(pk=simulation.pk).update(
            status=SimulationStatus.FAILED, error=str(exc)[:1000], finished_at=timezone.now()
        )
        raise
    Simulation.objects.filter(pk=simulation.pk).update(
        status=SimulationStatus.DONE, done=total, result=result, finished_at=timezone.now()
    )
    simulation.refresh_from_db()
    return simulation


ROW_FIELDS = [
    "simulation",
    "period",
    "engineer",
    "department_name",
    "old_gross",
    "new_gross",
    "old_net",
    "new_net",
    "old_band",
    "new_band",
    "old_inside",
    "new_inside",
]


def _row(simulation: Simulation, m: EngineerMonth) -> tuple:
    return (
        simulation.pk,
        m.period_id,
        m.engineer_id,
        m.department,
        m.old_gross,
        m.new_gross,
        m.old_net,
        m.new_net,
        m.old_band,
        m.new_band,
        m.old_inside,
        m.new_inside,
    )


def _keep_top(gainers: list, losers: list, month: EngineerMonth, tie: int) -> None:
    """The TOP_CHANGES largest rises and falls seen so far (min-heaps of the kept ones), lines serialised."""
    change = month.change
    if change == ZERO:
        return
    kept, size = (gainers, change) if change > ZERO else (losers, -change)
    if len(kept) < TOP_CHANGES:
        heapq.heappush(kept, (size, -tie, _shown(month)))  # serialised only once it is kept
    elif size > kept[0][0]:
        heapq.heapreplace(kept, (size, -tie, _shown(month)))


def largest_first(kept: list) -> list[dict]:
    """The kept changes, largest first (a rise or a fall alike: kept by size), the earlier seen first on a tie."""
    return [shown for _size, _tie, shown in sorted(kept, key=lambda k: (-k[0], -k[1]))]


def _shown(m: EngineerMonth) -> dict:
    return {
        "engineer": m.engineer_id,
        "period": m.period_id,
        "department": m.department,
        "old_gross": fen(m.old_gross),
        "new_gross": fen(m.new_gross),
        "old_net": fen(m.old_net),
        "new_net": fen(m.new_net),
        "change": fen(m.change),
        "new_lines": [
            {
                "kind": line.kind,
                "description": line.description,
                "amount": fen(line.amount),
                "trace": line.trace.as_dict() if isinstance(line.trace, Traced) else json.loads(line.trace),
            }
            for line in m.new_lines
        ],
    }


def latest_simulation(version: PolicyVersion) -> Simulation | None:
    return Simulation.objects.filter(version=version).order_by("-requested_at", "-id").first()


@transaction.atomic
def draft_approve(*, user, version: PolicyVersion, simulation: Simulation | None) -> PolicyVersion:
    """A general manager approves the draft from its what-if page; which simulation they saw is kept."""
    if simulation is not None and simulation.version_id != version.pk:
        raise DomainError(
            WhatifErrorCode.SIMULATION_OF_ANOTHER, _("That simulation is of another version."), field="simulation"
        )
    version = policy_approve(user=user, version=version)  # four-eyes and the state are the policy's to check
    approval = DraftApproval(version=version, simulation=simulation, approved_by=user)
    approval._history_user = user
    approval.save()
    return version
