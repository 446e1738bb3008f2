"""The monthly close: every engineer's payslip from bulk reads, through the engine, all or nothing.

Reads are a fixed number of queries whatever the head count; the writes are two bulk
inserts inside one transaction. A failure rolls everything back and puts the period
back to open; running the close again completes it. Closing a closed period changes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.models import Award, AwardKind, Scorecard, ScorecardStatus
from core.errors import DomainError, PermissionDeniedError, domain_error_from_engine
from core.roles import Role, has_role
from engineers.models import Absence, Engineer, EngineerStatus, Incident, IncidentKind
from engineers.selectors import month_bounds
from incentives.assessment import EngineerFacts, assess
from incentives.errors import IncentiveError
from incentives.policy import Policy
from incentives.rules.awards import annual_award, completed_years, months_employed, seniority_award
from incentives.rules.full_pay import Withholding
from incentives.rules.income_tax import net_pay
from incentives.rules.kpi import performance_pay_missing
from incentives.rules.payslip import DeductionSpec, adjustment, month_deductions, month_pay, piece_rate_month
from incentives.trace import Traced
from ledger.errors import PeriodErrorCode
from ledger.models import ItemKind, PayableItem, PayPeriod, PeriodAction, PeriodEvent, PeriodStatus
from ledger.services import next_open_period, payable_items_add
from payroll.errors import PayrollErrorCode
from policies.selectors import policy_in_force
from workorders.models import BonusRequest, Participant

from .bulk import JSONText, copy_insert, reserve_ids
from .full_pay import LineMaker, PaySetup, Totals, month_withholding, on_probation, pay_setup, whole_month
from .models import LineKind, Payslip, PayslipLine
from .pdf import discard_department_pdfs
from .spans import Span, within

ZERO = Decimal("0.00")
ITEM_LINE = {
    ItemKind.INDIVIDUAL_INCENTIVE: LineKind.INDIVIDUAL_INCENTIVE,
    ItemKind.CREW_INCENTIVE: LineKind.CREW_INCENTIVE,
    ItemKind.PAID_TRAINING: LineKind.PAID_TRAINING,
    ItemKind.HONOUR: LineKind.HONOUR,
    ItemKind.QUARTERLY_BONUS: LineKind.QUARTERLY_BONUS,
    ItemKind.YEAR_END_BONUS: LineKind.YEAR_END_BONUS,
    ItemKind.STUDY_REWARD: LineKind.STUDY_REWARD,
    ItemKind.COMMISSION: LineKind.COMMISSION,
    ItemKind.ADJUSTMENT: LineKind.ADJUSTMENT,
}
Progress = Callable[[int, int], None]
# Payslip columns in the order of `Totals`' fields.
TOTAL_COLUMNS = [
    "gross_amount",
    "contributions_amount",
    "tax_amount",
    "bonus_tax_amount",
    "after_tax_amount",
    "net_amount",
    "employer_cost_amount",
    "wage_income",
    "additional_deductions_amount",
    "taxable_income_ytd",
    "bonus_taxed_separately",
]


class Person(NamedTuple):
    """What the close needs of an engineer: read as plain values, no model instances."""

    pk: int
    department_name: str
    employment_type: str
    hire_date: date
    probation_end: date | None
    leaving_date: date | None


@dataclass(frozen=True)  # one award line may be shared by many engineers' payslips
class Line:
    """A payslip line ready to store; its trace is JSON text, serialised once (engine) or never (copied)."""

    kind: str
    description: str
    amount: Decimal
    rule: str
    trace: JSONText
    policy_version: str
    source: str = ""


def _line(kind: str, description, traced: Traced, source: str = "") -> Line:
    rule = traced.steps[-1].rule if traced.steps else kind
    return Line(kind, str(description), traced.amount, rule, JSONText(traced.as_json()), traced.policy_version, source)


def on_payroll(start: date, end: date):
    """Engineers hired by the month's end and not gone before it began."""
    return Engineer.objects.filter(hire_date__lte=end).exclude(status=EngineerStatus.LEFT, leaving_date__lt=start)


def people_on_payroll(start: date, end: date, span: Span | None = None) -> list[Person]:
    """Everyone on the month's payroll, by department and number."""
    return [
        Person(*row)
        for row in within(on_payroll(start, end), span, "pk")
        .order_by("department__code", "employee_no")
        .values_list("pk", "department__name", "employment_type", "hire_date", "probation_end", "leaving_date")
    ]


def inside_assessment(
    people: list[Person], start: date, end: date, policy: Policy, span: Span | None = None
) -> tuple[set[int], set[int]]:
    """(inside assessment, with an unexcused absence this month) from one query of absences."""
    absences_of: dict[int, list[tuple[date, date]]] = defaultdict(list)
    unexcused: set[int] = set()
    # Every engineer's recent absences (a long run may start a year back); those of engineers
    # not on this payroll are simply never looked up: cheaper than an IN list of the whole head count.
    for engineer_id, a_start, a_end, excused in within(
        Absence.objects.filter(end_date__gte=start - timedelta(days=400)), span
    ).values_list("engineer_id", "start_date", "end_date", "excused"):
        absences_of[engineer_id].append((a_start, a_end))
        if not excused and a_start <= end and a_end >= start:
            unexcused.add(engineer_id)
    inside = {
        e.pk
        for e in people
        if assess(
            EngineerFacts(e.employment_type, e.hire_date, e.probation_end, e.leaving_date, tuple(absences_of[e.pk])),
            period_start=start,
            period_end=end,
            policy=policy.assessment,
        ).inside
    }
    return inside, unexcused


Order = tuple[str, Decimal, Decimal]  # (work order number, days worked, share)


def _shares(start: date, end: date, span: Span | None = None) -> dict[int, list[Order]]:
    """Each engineer's work-order shares of the month, in completion order."""
    orders: dict[int, list[Order]] = defaultdict(list)
    for engineer_id, number, days, amount in (
        within(Participant.objects.filter(work_order__completed_on__range=(start, end)), span)
        .order_by("work_order__completed_on", "work_order_id")  # integers sort faster than numbers' text
        .values_list("engineer_id", "work_order__number", "days_worked", "share_amount")
    ):
        orders[engineer_id].append((number, days, amount))
    return orders


def _piece_rate_line(orders: list[Order], policy: Policy, label: str, make_line=_line) -> Line:
    """The month's piece-rate line: the engine sums the shares and writes the trace."""
    return make_line(LineKind.PIECE_RATE, label % {"n": len(orders)}, piece_rate_month(orders=orders, policy=policy))


class Incidents(NamedTuple):
    safety_this_month: set[int]
    safety_this_year: set[int]
    quality_this_year: set[int]


def _incidents(start: date, end: date, span: Span | None = None) -> Incidents:
    """Who forfeits this month's seniority award and this year's annual awards (one query)."""
    found = Incidents(set(), set(), set())
    for engineer_id, kind, day in within(Incident.objects.filter(occurred_on__year=end.year), span).values_list(
        "engineer_id", "kind", "occurred_on"
    ):
        if kind == IncidentKind.SAFETY:
            found.safety_this_year.add(engineer_id)
            if start <= day <= end:
                found.safety_this_month.add(engineer_id)
        else:
            found.quality_this_year.add(engineer_id)
    return found


def _trace_text():
    """Traces are copied from items and scorecards to lines unchanged: read them as JSON text, never parsed."""
    return Cast("trace", TextField())


def _draft_scorecards(period: PayPeriod, span: Span | None = None) -> set[int]:
    """Engineers whose scorecard this month was never submitted."""
    return set(
        within(Scorecard.objects.filter(year=period.year, month=period.month), span)
        .exclude(status=ScorecardStatus.SUBMITTED)
        .values_list("engineer_id", flat=True)
    )


def _kpi_lines(period: PayPeriod, span: Span | None = None) -> dict[int, Line]:
    lines, label = {}, _("score %(score)s, band %(band)s")
    submitted = Scorecard.objects.filter(
        year=period.year,
        month=period.month,
        status=ScorecardStatus.SUBMITTED,
        score__isnull=False,
        performance_pay_amount__isnull=False,
    )
    for engineer_id, pk, score, band, amount, version, trace in (
        within(submitted, span)
        .annotate(trace_text=_trace_text())
        .values_list("engineer_id", "pk", "score", "band", "performance_pay_amount", "policy_version", "trace_text")
    ):
        lines[engineer_id] = Line(
            LineKind.KPI_PAY,
            label % {"score": score, "band": band},
            amount,
            "kpi.performance_pay",
            JSONText(trace),
            version,
            f"scorecard:{pk}",
        )
    return lines


class Deduction(NamedTuple):
    spec: DeductionSpec  # typed, from the item's columns: the close never reads a trace back
    source: str
    label: str


def _item_descriptions(sources: set[str]) -> dict[str, str]:
    """What each item is for, by its source: the work order of a request, the honour of an award.

    Two queries whatever the head count; an item whose source is not listed keeps its kind's label."""
    ids: dict[str, list[int]] = defaultdict(list)
    for source in sources:
        prefix, _sep, pk = source.partition(":")
        if pk.isdigit():
            ids[prefix].append(int(pk))
    found = {}
    on_order = _("work order %(number)s")
    for pk, number in BonusRequest.objects.filter(pk__in=ids["bonus_request"]).values_list("pk", "work_order__number"):
        found[f"bonus_request:{pk}"] = on_order % {"number": number}
    kinds = dict(AwardKind.choices)
    for pk, kind in Award.objects.filter(pk__in=ids["award"]).values_list("pk", "kind"):
        found[f"award:{pk}"] = str(kinds.get(kind, kind))
    return found


def _item_lines(
    period: PayPeriod, span: Span | None = None
) -> tuple[dict[int, list[Line]], dict[int, list[Deduction]]]:
    """Approved payable items as lines, and each engineer's deductions to limit."""
    labels = {kind: str(label) for kind, label in ItemKind.choices}  # translated once, not per item
    lines: dict[int, list[Line]] = defaultdict(list)
    deductions: dict[int, list[Deduction]] = defaultdict(list)
    items = list(
        within(PayableItem.objects.filter(period=period), span)
        .order_by("created_at", "id")
        .annotate(trace_text=_trace_text())
        .values_list(
            "engineer_id",
            "kind",
            "amount",
            "rule",
            "policy_version",
            "source",
            "trace_text",
            "deduction_rate",
            "reason",
        )
    )
    descriptions = _item_descriptions({item[5] for item in items})
    for engineer_id, kind, amount, rule, version, source, trace, rate, reason in items:
        if kind == ItemKind.DEDUCTION:
            spec = DeductionSpec(fixed_amount=None if rate else -amount, pay_rate=rate, reason=reason)
            deductions[engineer_id].append(Deduction(spec, source, reason or labels[kind]))
        else:
            description = reason or descriptions.get(source, labels[kind])
            lines[engineer_id].append(
                Line(ITEM_LINE[kind], description, amount, rule, JSONText(trace), version, source)
            )
    return lines, deductions


def _deduction_lines(lines: list[Line], deductions: list[Deduction], policy: Policy, make_line=_line) -> list[Line]:
    """Penalties limited to the month's share the policy allows, counting the earlier ones (engine rule)."""
    pay = month_pay([Traced(line.amount) for line in lines])
    limited = month_deductions(pay=pay, deductions=[d.spec for d in deductions], policy=policy)
    return [
        make_line(LineKind.DEDUCTION, d.label, traced, d.source) for d, traced in zip(deductions, limited, strict=True)
    ]


class _MonthFacts(NamedTuple):
    pay: PaySetup
    inside: set[int]
    unexcused: set[int]
    incidents: Incidents
    shares: dict[int, list[Order]]
    kpi_lines: dict[int, Line]
    kpi_drafts: set[int]
    item_lines: dict[int, list[Line]]
    deductions: dict[int, list[Deduction]]


def payslip_lines(
    period: PayPeriod,
    policy: Policy,
    people: list[Person],
    progress: Progress | None = None,
    *,
    kpi_lines: dict[int, Line] | None = None,
    make_line: Callable[..., Line] = _line,
    span: Span | None = None,
) -> Iterator[tuple[Person, list[Line], Totals]]:
    """Each engineer's lines and totals for the period, computed one engineer at a time as they are consumed.

    The reads (a dozen queries whatever the head count) happen here, before the first line: the
    caller streams lines into a COPY, and a connection in COPY cannot run queries. `kpi_lines`
    replaces the submitted scorecards' performance pay (a what-if recomputes it under a draft);
    by default the close pays what the scorecards say. `make_line` builds each computed line (a what-if
    keeps the traces as objects and serialises only the few it shows). `span` limits every read to a
    chunk's engineers (`people` must be theirs), so a chunk's memory follows its size, not the company's."""
    start, end = month_bounds(period.year, period.month)
    facts = _MonthFacts(
        pay_setup(period.year, period.month, start, end, span),
        *inside_assessment(people, start, end, policy, span),
        _incidents(start, end, span),
        _shares(start, end, span),
        _kpi_lines(period, span) if kpi_lines is None else kpi_lines,
        _draft_scorecards(period, span),
        *_item_lines(period, span),
    )
    return _each_engineer(period, policy, people, facts, progress, make_line)


def _each_engineer(
    period: PayPeriod,
    policy: Policy,
    people: list[Person],
    facts: _MonthFacts,
    progress: Progress | None,
    make_line: Callable[..., Line] = _line,
) -> Iterator[tuple[Person, list[Line], Totals]]:
    pay, inside, unexcused, incidents, shares, kpi_lines, kpi_drafts, item_lines, deductions = facts
    start, end = month_bounds(period.year, period.month)
    full = LineMaker(make_line, pay.rules)
    annual_month = period.month == policy.annual.pay_month
    # Labels translated once per close, not once per engineer.
    orders_label, years_label = _("%(n)d work orders"), _("%(n)d years of service")
    missing_labels = {
        "not_submitted": _("KPI scorecard not submitted this month: no performance pay"),
        "no_scorecard": _("No KPI scorecard this month: no performance pay"),
    }
    annual_label, kind_labels = (
        _("annual %(kind)s award, %(m)d months"),
        {"safety": _("safety"), "quality": _("quality")},
    )

    # The award rules are pure and depend on a few small numbers: most engineers share a result,
    # so each distinct one is computed and serialised once per close.
    @cache
    def seniority_line(years: int, absent: bool, incident: bool) -> Line:
        traced = seniority_award(service_years=years, unexcused_absence=absent, safety_incident=incident, policy=policy)
        return make_line(LineKind.SENIORITY, years_label % {"n": years}, traced)

    @cache
    def kpi_missing_line(why: str) -> Line:
        return make_line(LineKind.KPI_PAY, missing_labels[why], performance_pay_missing(why=why, policy=policy))

    @cache
    def annual_lines(months: int, safety_out: bool, quality_out: bool) -> tuple[Line, ...]:
        disqualified = {"safety": safety_out, "quality": quality_out}
        return tuple(
            make_line(
                LineKind.ANNUAL_AWARDS,
                annual_label % {"kind": label, "m": months},
                annual_award(kind=kind, months=months, disqualified=disqualified[kind], policy=policy),
            )
            for kind, label in kind_labels.items()
        )

    for n, engineer in enumerate(people, start=1):
        lines: list[Line] = []
        scheme = pay.schemes.get(engineer.pk)
        if scheme is not None:
            lines.extend(
                full.fixed(
                    scheme.scheme,
                    pay.attendance.get(engineer.pk),
                    on_probation(engineer.employment_type, engineer.probation_end, end),
                    whole_month(engineer.hire_date, engineer.leaving_date, start, end),
                )
            )
        if engineer.pk in shares:
            lines.append(_piece_rate_line(shares[engineer.pk], policy, orders_label, make_line))
        if engineer.pk in inside:
            years = completed_years(since=engineer.hire_date, on=end)
            lines.append(seniority_line(years, engineer.pk in unexcused, engineer.pk in incidents.safety_this_month))
            if annual_month:
                months = months_employed(
                    hire_date=engineer.hire_date, leaving_date=engineer.leaving_date, year=period.year
                )
                lines.extend(
                    annual_lines(
                        months, engineer.pk in incidents.safety_this_year, engineer.pk in incidents.quality_this_year
                    )
                )
        if engineer.pk in kpi_lines:
            lines.append(kpi_lines[engineer.pk])
        elif engineer.pk in inside:  # assessed, yet no performance pay: the payslip says why
            lines.append(kpi_missing_line("not_submitted" if engineer.pk in kpi_drafts else "no_scorecard"))
        lines.extend(item_lines.get(engineer.pk, ()))
        gross = sum((line.amount for line in lines), ZERO)
        contribution_shares, employee_lines, employer_lines = full.contribution_lines(scheme)
        taxed = month_withholding(
            pay,
            engineer_id=engineer.pk,
            shares=contribution_shares,
            hire_date=engineer.hire_date,
            gross=gross,
            annual_awards=sum((ln.amount for ln in lines if ln.kind == LineKind.ANNUAL_AWARDS), ZERO),
            year=period.year,
            month=period.month,
            end=end,
        )
        penalties = (
            _deduction_lines(lines, deductions[engineer.pk], policy, make_line) if engineer.pk in deductions else []
        )
        lines.extend(employee_lines)
        lines.extend(full.tax_lines(taxed))
        lines.extend(penalties)
        lines.extend(employer_lines)
        after_tax = -sum((line.amount for line in penalties), ZERO)
        yield engineer, lines, _totals(gross, taxed, after_tax)
        if progress and n % 250 == 0:
            progress(n, len(people))
    if progress:
        progress(len(people), len(people))


def _totals(gross: Decimal, taxed: Withholding, after_tax: Decimal) -> Totals:
    bonus_tax = -taxed.bonus_tax.amount if taxed.bonus_tax else ZERO
    net = net_pay(
        gross=gross,
        contributions=taxed.contributions_total,
        tax=taxed.tax_total,
        after_tax=after_tax,
        label=taxed.wage_tax.traced.policy_version,
    ).amount
    return Totals(
        gross=gross,
        contributions=taxed.contributions_total,
        tax=taxed.tax_total,
        bonus_tax=bonus_tax,
        after_tax=after_tax,
        net=net,
        employer=taxed.employer_total,
        wage_income=taxed.wage_income,
        additional=taxed.additional.amount if taxed.additional else ZERO,
        taxable_to_date=taxed.wage_tax.taxable_to_date,
        bonus_apart=taxed.bonus_apart,
    )


def _require_closer(user) -> None:
    if user is not None and not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(PeriodErrorCode.CLOSE_ROLE, _("Only an HR clerk closes a pay period."))


def close_claim(*, user, period: PayPeriod, reason: str = "", takeover: bool = False) -> PeriodEvent | None:
    """Mark the month closing and record who started the close (and why early): the run's ticket.

    None when the month is closed already. A month already closing is refused, unless the caller
    has found that run dead (`takeover`): its ticket is then cancelled with a close-failed event."""
    _require_closer(user)
    with transaction.atomic():
        period = PayPeriod.objects.select_for_update().get(pk=period.pk)
        if period.status == PeriodStatus.CLOSED:
            return None
        if period.status == PeriodStatus.CLOSING:
            if not takeover:
                raise DomainError(PeriodErrorCode.CLOSING, _("This period is being closed already."))
            PeriodEvent.objects.create(
                period=period,
                action=PeriodAction.CLOSE_FAILED,
                actor=user,
                reason=_("The close stopped without finishing."),
            )
        period.status = PeriodStatus.CLOSING
        period.save(update_fields=["status"])
        return PeriodEvent.objects.create(
            period=period, action=PeriodAction.CLOSE_STARTED, actor=user, reason=reason[:500]
        )


def current_run(period: PayPeriod) -> int | None:
    """The ticket of the month's latest close: only that run may finish or fail it."""
    return (
        PeriodEvent.objects.filter(period=period, action=PeriodAction.CLOSE_STARTED)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


def period_close(
    *, user, period: PayPeriod, progress: Progress | None = None, run: int | None = None, reason: str = ""
) -> PayPeriod:
    """Close the month. Closed already → nothing changes. Any failure → the period is open and unchanged.

    `run` is the ticket from `close_claim` (a queued close); without one the close claims its own.
    The period row is locked for the whole computation and the status re-checked under the lock:
    a second run, a superseded run or a run after a reopen changes nothing."""
    _require_closer(user)
    if run is None:
        ticket = close_claim(user=user, period=period, reason=reason)
        if ticket is None:
            period.refresh_from_db()
            return period
        run = ticket.pk
    try:
        with transaction.atomic():
            locked = PayPeriod.objects.select_for_update().get(pk=period.pk)
            if locked.status == PeriodStatus.CLOSING and current_run(locked) == run:
                _close_inside_transaction(user=user, period=locked, progress=progress)
    except Exception as exc:
        close_failed(period=period, run=run, user=user, reason=str(exc))
        raise
    period.refresh_from_db()
    return period


def close_failed(*, period: PayPeriod, run: int, user, reason: str) -> bool:
    """Run `run` failed: the month opens again with the reason recorded; only that run's failure counts.

    False when the run no longer owns the month (closed by another run, reopened, superseded)."""
    with transaction.atomic():
        locked = PayPeriod.objects.select_for_update().get(pk=period.pk)
        if locked.status != PeriodStatus.CLOSING or current_run(locked) != run:
            return False
        locked.status = PeriodStatus.OPEN
        locked.save(update_fields=["status"])
        PeriodEvent.objects.create(period=locked, action=PeriodAction.CLOSE_FAILED, actor=user, reason=reason[:500])
        return True


def _close_inside_transaction(*, user, period: PayPeriod, progress: Progress | None) -> None:
    policy = policy_in_force(month_bounds(period.year, period.month)[1])
    Payslip.objects.filter(period=period).delete()  # a stale half-close never survives
    write_payslips(period, policy, people_on_payroll(*month_bounds(period.year, period.month)), progress)
    mark_closed(period, user)


def write_payslips(
    period: PayPeriod, policy: Policy, people: list[Person], progress: Progress | None = None, span: Span | None = None
) -> int:
    """Compute and store the payslips of `people` (all of them, or a chunk's `span`): two COPYs."""
    payslip_ids = reserve_ids(Payslip, len(people))
    computed = payslip_lines(period, policy, people, progress, span=span)  # reads now, before the COPY opens
    payslips = []

    def line_rows():
        # Lines stream to the database as each engineer is computed, so PostgreSQL stores
        # them on the other core meanwhile; payslips follow (the foreign key is checked at commit).
        for (person, lines, totals), payslip_id in zip(computed, payslip_ids, strict=True):
            payslips.append((payslip_id, person, totals))
            for line in lines:
                yield (
                    payslip_id,
                    line.kind,
                    line.description[:200],
                    line.amount,
                    line.rule,
                    line.trace,
                    line.policy_version or policy.label,
                    line.source,
                )

    copy_insert(
        PayslipLine,
        ["payslip", "kind", "description", "amount", "rule", "trace", "policy_version", "source"],
        line_rows(),
    )
    now = timezone.now()
    copy_insert(
        Payslip,
        ["id", "period", "engineer", "department_name", "policy_version", "created_at", *TOTAL_COLUMNS],
        (
            (payslip_id, period.pk, person.pk, person.department_name, policy.label, now, *totals)
            for payslip_id, person, totals in payslips
        ),
    )
    return len(payslips)


def mark_closed(period: PayPeriod, user) -> None:
    """The period (locked by the caller) is closed: its payslips are all written."""
    period.status, period.closed_at, period.closed_by = PeriodStatus.CLOSED, timezone.now(), user
    period.save(update_fields=["status", "closed_at", "closed_by"])
    PeriodEvent.objects.create(period=period, action=PeriodAction.CLOSE, actor=user)
    transaction.on_commit(lambda: discard_department_pdfs(period))  # printed again from these payslips


@transaction.atomic
def period_reopen(*, user, period: PayPeriod, reason: str) -> PayPeriod:
    """A general manager reopens a closed month, with the reason recorded."""
    if not has_role(user, Role.GENERAL_MANAGER):
        raise PermissionDeniedError(PeriodErrorCode.REOPEN_ROLE, _("Only a general manager reopens a pay period."))
    if not reason.strip():
        raise DomainError(PeriodErrorCode.REASON_REQUIRED, _("Say why the period is reopened."), field="reason")
    period = PayPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.CLOSED:
        raise DomainError(PeriodErrorCode.NOT_CLOSED, _("Only a closed period can be reopened."))
    period.status, period.closed_at, period.closed_by = PeriodStatus.OPEN, None, None
    period.save(update_fields=["status", "closed_at", "closed_by"])
    PeriodEvent.objects.create(period=period, action=PeriodAction.REOPEN, actor=user, reason=reason)
    transaction.on_commit(lambda: discard_department_pdfs(period))  # printed from payslips that may change
    return period


@transaction.atomic
def adjustment_add(*, user, engineer: Engineer, amount: Decimal, reason: str, token: str = "") -> PayableItem:
    """A correction after a close: an adjustment line in the current open period, never an edit.

    `token` names the form that entered it: the same form sent twice (a double click, a reload)
    is refused as already paid instead of paying the correction twice."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(PeriodErrorCode.ADJUST_ROLE, _("Only an HR clerk records an adjustment."))
    if not reason.strip():
        raise DomainError(PayrollErrorCode.ADJUSTMENT_REASON, _("Say what the adjustment corrects."), field="reason")
    if amount == 0:
        raise DomainError(PayrollErrorCode.ADJUSTMENT_ZERO, _("An adjustment cannot be zero."), field="amount")
    today = timezone.localdate()
    period = next_open_period(today)
    policy = policy_in_force(today)
    try:
        traced = adjustment(amount=amount, reason=reason, entered_by=user.username, policy=policy)
    except IncentiveError as exc:
        raise domain_error_from_engine(exc, "amount") from exc
    token = "".join(ch for ch in token if ch.isalnum() or ch == "-")[:40]
    source = f"adjustment:{token or f'{timezone.now():%Y%m%d%H%M%S%f}'}"
    return payable_items_add(
        user=user,
        period=period,
        kind=ItemKind.ADJUSTMENT,
        source=source,
        traced_by_engineer=[(engineer.pk, traced)],
        reason=reason.strip(),
    )[0]
