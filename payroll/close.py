"""The monthly close: every engineer's payslip from bulk reads, through the engine, all or nothing.

Reads are a fixed number of queries whatever the head count; the writes are two bulk
inserts inside one transaction. A failure rolls everything back and puts the period
back to open; running the close again completes it. Closing a closed period changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import Absence, Engineer, EngineerStatus, Scorecard, ScorecardStatus
from engineers.selectors import month_bounds
from incentives.assessment import EngineerFacts, assess
from incentives.policy import Policy
from incentives.rules.awards import annual_award, completed_years, months_employed, seniority_award
from incentives.rules.payslip import DeductionSpec, month_deductions, month_pay
from incentives.trace import Step, Traced
from workorders.models import Participant

from .bulk import copy_insert
from .items import payable_items_add
from .models import ItemKind, LineKind, PayableItem, PayPeriod, Payslip, PayslipLine, PeriodEvent, PeriodStatus
from .periods import next_open_period
from .policies import policy_in_force

ITEM_LINE = {
    ItemKind.INDIVIDUAL_INCENTIVE: LineKind.INDIVIDUAL_INCENTIVE,
    ItemKind.CREW_INCENTIVE: LineKind.CREW_INCENTIVE,
    ItemKind.PAID_TRAINING: LineKind.PAID_TRAINING,
    ItemKind.HONOUR: LineKind.HONOUR,
    ItemKind.ADJUSTMENT: LineKind.ADJUSTMENT,
}
Progress = Callable[[int, int], None]


@dataclass
class Line:
    """A payslip line ready to store: its trace is already the JSON the payslip keeps."""

    kind: str
    description: str
    amount: Decimal
    rule: str
    trace: dict
    policy_version: str
    source: str = ""


def _line(kind: str, description, traced: Traced, source: str = "") -> Line:
    rule = traced.steps[-1].rule if traced.steps else kind
    return Line(kind, str(description), traced.amount, rule, traced.as_dict(), traced.policy_version, source)


def _period_engineers(start: date, end: date):
    return Engineer.objects.filter(hire_date__lte=end).exclude(status=EngineerStatus.LEFT, leaving_date__lt=start)


def compute_lines(
    period: PayPeriod, policy: Policy, progress: Progress | None = None
) -> dict[int, tuple[Engineer, list[Line]]]:
    """Every engineer's lines for the period (reads only)."""
    start, end = month_bounds(period.year, period.month)
    engineers = list(
        _period_engineers(start, end).select_related("department").order_by("department__code", "employee_no")
    )
    # Assessment from the engineers already loaded and one query of absences (not a second load).
    absences_of: dict[int, list[tuple[date, date]]] = defaultdict(list)
    unexcused: set[int] = set()
    for engineer_id, a_start, a_end, excused in Absence.objects.filter(
        engineer__in=[e.pk for e in engineers], end_date__gte=start - timedelta(days=400)
    ).values_list("engineer_id", "start_date", "end_date", "excused"):
        absences_of[engineer_id].append((a_start, a_end))
        if not excused and a_start <= end and a_end >= start:
            unexcused.add(engineer_id)
    inside = {
        e.pk: assess(
            EngineerFacts(e.employment_type, e.hire_date, e.probation_end, e.leaving_date, tuple(absences_of[e.pk])),
            period_start=start,
            period_end=end,
            policy=policy.assessment,
        ).inside
        for e in engineers
    }

    shares: dict[int, list[tuple]] = defaultdict(list)
    for engineer_id, number, days, amount in (
        Participant.objects.filter(work_order__completed_on__range=(start, end))
        .order_by("work_order__completed_on", "work_order__number")
        .values_list("engineer_id", "work_order__number", "days_worked", "share_amount")
    ):
        shares[engineer_id].append((number, days, amount))
    items: dict[int, list[PayableItem]] = defaultdict(list)
    for item in PayableItem.objects.filter(period=period).order_by("created_at", "id"):
        items[item.engineer_id].append(item)
    cards = {
        c.engineer_id: c
        for c in Scorecard.objects.filter(
            year=period.year, month=period.month, status=ScorecardStatus.SUBMITTED, score__isnull=False
        )
    }
    item_labels = {kind: str(label) for kind, label in ItemKind.choices}  # translated once, not per item
    result: dict[int, tuple[Engineer, list[Line]]] = {}
    for n, engineer in enumerate(engineers, start=1):
        lines: list[Line] = []
        mine = shares.get(engineer.pk, [])
        if mine:
            total = sum((a for _n, _d, a in mine), Decimal("0.00"))
            step = Step(
                rule="piece_rate.month",
                formula_zh="月计件工资 = Σ 各工单个人计件(按完工日计入当月)",
                formula_en="month's piece-rate pay = Σ the engineer's share of each work order completed this month",
                inputs={"orders": [{"work_order": no, "days": d, "share": a} for no, d, a in mine]},
                result=total,
            )
            lines.append(
                _line(
                    LineKind.PIECE_RATE, _("%(n)d work orders") % {"n": len(mine)}, Traced(total, (step,), policy.label)
                )
            )
        if inside[engineer.pk]:
            years = completed_years(since=engineer.hire_date, on=end)
            lines.append(
                _line(
                    LineKind.SENIORITY,
                    _("%(n)d years of service") % {"n": years},
                    seniority_award(
                        service_years=years,
                        unexcused_absence=engineer.pk in unexcused,
                        safety_incident=False,
                        policy=policy,
                    ),
                )
            )
            if period.month == policy.annual.pay_month:
                months = months_employed(
                    hire_date=engineer.hire_date, leaving_date=engineer.leaving_date, year=period.year
                )
                for kind, label in (("safety", _("safety")), ("quality", _("quality"))):
                    traced = annual_award(kind=kind, months=months, disqualified=False, policy=policy)
                    lines.append(
                        _line(
                            LineKind.ANNUAL_AWARDS,
                            _("annual %(kind)s award, %(m)d months") % {"kind": label, "m": months},
                            traced,
                        )
                    )
        card = cards.get(engineer.pk)
        if card is not None and card.performance_pay_amount is not None:
            description = _("score %(score)s, band %(band)s") % {"score": card.score, "band": card.band}
            lines.append(
                Line(
                    LineKind.KPI_PAY,
                    description,
                    card.performance_pay_amount,
                    "kpi.performance_pay",
                    card.trace,
                    card.policy_version or policy.label,
                    f"scorecard:{card.pk}",
                )
            )
        deductions = []
        for item in items.get(engineer.pk, []):
            if item.kind == ItemKind.DEDUCTION:
                deductions.append(item)
                continue
            lines.append(
                Line(
                    ITEM_LINE[item.kind],
                    item_labels[item.kind],
                    item.amount,
                    item.rule,
                    item.trace,
                    item.policy_version,
                    item.source,
                )
            )
        if deductions:
            pay = month_pay([Traced(line.amount) for line in lines])
            specs = [
                DeductionSpec(
                    fixed_amount=-d.amount if d.amount else None,
                    pay_rate=Decimal(d.trace["steps"][0]["inputs"]["pay_rate"]) if not d.amount else None,
                )
                for d in deductions
            ]
            for item, traced in zip(
                deductions, month_deductions(pay=pay, deductions=specs, policy=policy), strict=True
            ):
                reason = item.trace["steps"][0]["inputs"].get("reason", "")
                lines.append(_line(LineKind.DEDUCTION, reason or item_labels[item.kind], traced, item.source))
        result[engineer.pk] = (engineer, lines)
        if progress and n % 250 == 0:
            progress(n, len(engineers))
    if progress:
        progress(len(engineers), len(engineers))
    return result


def _require_closer(user) -> None:
    if user is not None and not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError("period.close_role", _("Only an HR clerk closes a pay period."))


def period_close(*, user, period: PayPeriod, progress: Progress | None = None) -> PayPeriod:
    """Close the month. Closed already → nothing changes. Any failure → the period is open and unchanged."""
    _require_closer(user)
    with transaction.atomic():
        period = PayPeriod.objects.select_for_update().get(pk=period.pk)
        if period.status == PeriodStatus.CLOSED:
            return period
        period.status = PeriodStatus.CLOSING
        period.save(update_fields=["status"])
    try:
        with transaction.atomic():
            period = PayPeriod.objects.select_for_update().get(pk=period.pk)
            _close_inside_transaction(user=user, period=period, progress=progress)
    except Exception as exc:
        PayPeriod.objects.filter(pk=period.pk).update(status=PeriodStatus.OPEN)
        PeriodEvent.objects.create(period=period, action="close_failed", actor=user, reason=str(exc)[:500])
        raise
    period.refresh_from_db()
    return period


def _close_inside_transaction(*, user, period: PayPeriod, progress: Progress | None) -> None:
    policy = policy_in_force(month_bounds(period.year, period.month)[1])
    computed = compute_lines(period, policy, progress)
    Payslip.objects.filter(period=period).delete()  # a stale half-close never survives
    payslips = [
        Payslip(
            period=period,
            engineer=engineer,
            department_name=engineer.department.name,
            policy_version=policy.label,
            gross_amount=sum((line.amount for line in lines), Decimal("0.00")),
        )
        for engineer, lines in computed.values()
    ]
    Payslip.objects.bulk_create(payslips, batch_size=1000)
    by_engineer = {p.engineer_id: p.pk for p in payslips}
    copy_insert(
        PayslipLine,
        ["payslip", "kind", "description", "amount", "rule", "trace", "policy_version", "source"],
        (
            (
                by_engineer[engineer.pk],
                line.kind,
                line.description[:200],
                line.amount,
                line.rule,
                line.trace,
                line.policy_version or policy.label,
                line.source,
            )
            for engineer, lines in computed.values()
            for line in lines
        ),
    )
    period.status, period.closed_at, period.closed_by = PeriodStatus.CLOSED, timezone.now(), user
    period.save(update_fields=["status", "closed_at", "closed_by"])
    PeriodEvent.objects.create(period=period, action="close", actor=user)


@transaction.atomic
def period_reopen(*, user, period: PayPeriod, reason: str) -> PayPeriod:
    """A general manager reopens a closed month, with the reason recorded."""
    if not has_role(user, Role.GENERAL_MANAGER):
        raise PermissionDeniedError("period.reopen_role", _("Only a general manager reopens a pay period."))
    if not reason.strip():
        raise DomainError("period.reason_required", _("Say why the period is reopened."), field="reason")
    period = PayPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.CLOSED:
        raise DomainError("period.not_closed", _("Only a closed period can be reopened."))
    period.status, period.closed_at, period.closed_by = PeriodStatus.OPEN, None, None
    period.save(update_fields=["status", "closed_at", "closed_by"])
    PeriodEvent.objects.create(period=period, action="reopen", actor=user, reason=reason)
    return period


@transaction.atomic
def adjustment_add(*, user, engineer: Engineer, amount: Decimal, reason: str) -> PayableItem:
    """A correction after a close: an adjustment line in the current open period, never an edit."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError("period.adjust_role", _("Only an HR clerk records an adjustment."))
    if not reason.strip():
        raise DomainError("adjustment.reason", _("Say what the adjustment corrects."), field="reason")
    if amount == 0:
        raise DomainError("adjustment.zero", _("An adjustment cannot be zero."), field="amount")
    today = timezone.localdate()
    period = next_open_period(today)
    policy = policy_in_force(today)
    step = Step(
        rule="adjustment",
        formula_zh="调整 = 人事录入的更正金额",
        formula_en="adjustment = correction entered by HR",
        inputs={"reason": reason, "entered_by": user.username},
        result=amount,
    )
    source = f"adjustment:{timezone.now():%Y%m%d%H%M%S%f}"
    return payable_items_add(
        user=user,
        period=period,
        kind=ItemKind.ADJUSTMENT,
        source=source,
        traced_by_engineer=[(engineer.pk, Traced(amount, (step,), policy.label))],
    )[0]
