"""Replay a closed month under another policy version: the close's own computation, nothing written.

The inputs are the rows the close read, which a closed month keeps read-only: the month's work-order
shares, submitted scorecards (their scores, frozen metrics and performance-pay base), approved payable
items, absences, incidents, attendance, pay schemes and the year's earlier payslips (for the tax). What
the policy decides is computed again under the version replayed: assessment eligibility, piece-rate
pay, the seniority and annual awards, the KPI score, band and performance pay, and the deduction
limit. Payable items (incentives, honours, adjustments) are replayed as approved: their amounts were
decisions taken under the version then in force. Replaying the version that closed the month gives
back every closed payslip to the fen (tests and bench/whatif_bench.py check it).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Sum, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from appraisal.models import Scorecard, ScorecardStatus, ScoreEntry
from appraisal.scorecards.services import scores_of
from engineers.selectors import month_bounds
from incentives.policy import Policy
from incentives.rules.kpi import performance_pay, scorecard
from incentives.trace import Traced
from ledger.models import PayPeriod
from payroll.close import Line, inside_assessment, payslip_lines, people_on_payroll
from payroll.models import LineKind, Payslip, PayslipLine
from policies.selectors import policy_in_force

ZERO = Decimal("0.00")


@dataclass
class EngineerMonth:
    """One engineer's month as closed (old) and as replayed (new)."""

    engineer_id: int
    period_id: int
    department: str
    old_gross: Decimal = ZERO
    new_gross: Decimal = ZERO
    old_net: Decimal = ZERO
    new_net: Decimal = ZERO
    old_band: str = ""
    new_band: str = ""
    old_inside: bool = False
    new_inside: bool = False
    old_cap: Decimal = ZERO  # the individual-incentive cap of the version that closed the month, and the replayed one
    new_cap: Decimal = ZERO
    old_kinds: dict[str, Decimal] = field(default_factory=dict)
    new_kinds: dict[str, Decimal] = field(default_factory=dict)
    new_lines: list[Line] = field(default_factory=list)

    @property
    def change(self) -> Decimal:
        return self.new_gross - self.old_gross

    @property
    def individual(self) -> Decimal:
        return self.old_kinds.get(LineKind.INDIVIDUAL_INCENTIVE, ZERO)

    @property
    def cap_binds_differently(self) -> bool:
        """Paid as approved either way, but the cap would have stopped them at another amount: they reached
        the lower of the two caps (above the new one, or at the old one with room under the new)."""
        return (
            self.old_cap != self.new_cap
            and self.individual > ZERO
            and self.individual >= min(self.old_cap, self.new_cap)
        )


def traced_line(kind: str, description, traced: Traced, source: str = "") -> Line:
    """A replayed line: its trace kept as the engine's object, serialised only if the page shows it."""
    rule = traced.steps[-1].rule if traced.steps else kind
    return Line(kind, str(description), traced.amount, rule, traced, traced.policy_version, source)


class _Entry(NamedTuple):  # what scores_of reads of a score entry, without a model instance
    source: str
    dimension: str
    score: Decimal


class _Card(NamedTuple):
    metrics: dict


def _performance_base(trace_text: str) -> Decimal:
    """The performance-pay base the scorecard was paid on (kept in its trace: today's may differ)."""
    for step in reversed(json.loads(trace_text).get("steps", [])):
        if step.get("rule") == "kpi.performance_pay":
            return Decimal(str(step["inputs"]["base"]))
    raise ValueError("scorecard trace without its performance-pay step")


def kpi_lines_under(period: PayPeriod, policy: Policy) -> tuple[dict[int, Line], dict[int, str]]:
    """The performance pay of the month's submitted scorecards computed again under `policy` from
    their scores, frozen metrics and base (the cards the close paid), with each engineer's band."""
    submitted = Scorecard.objects.filter(
        year=period.year,
        month=period.month,
        status=ScorecardStatus.SUBMITTED,
        score__isnull=False,
        performance_pay_amount__isnull=False,
    )
    cards = list(
        submitted.annotate(trace_text=Cast("trace", TextField())).values_list(
            "pk", "engineer_id", "metrics", "trace_text"
        )
    )
    entries: dict[int, list[_Entry]] = defaultdict(list)
    for card_id, *entry in ScoreEntry.objects.filter(scorecard__in=submitted).values_list(
        "scorecard_id", "source", "dimension", "score"
    ):
        entries[card_id].append(_Entry(*entry))
    label = _("score %(score)s, band %(band)s")
    lines, bands = {}, {}
    computed: dict[tuple, tuple[Line, str]] = {}  # many cards share their scores and base: computed once
    bases: dict[str, Decimal] = {}  # and many their trace
    for pk, engineer_id, metrics, trace_text in cards:
        if trace_text not in bases:
            bases[trace_text] = _performance_base(trace_text)
        scores, base = scores_of(_Card(metrics or {}), entries[pk]), bases[trace_text]
        key = (tuple(sorted((source, tuple(sorted(by.items()))) for source, by in scores.items())), base)
        if key not in computed:
            result = scorecard(scores=scores, policy=policy)
            pay = performance_pay(result=result, base=base, policy=policy)
            description = label % {"score": result.score, "band": result.band.code}
            computed[key] = (traced_line(LineKind.KPI_PAY, description, pay), result.band.code)
        line, band = computed[key]
        lines[engineer_id] = replace(line, source=f"scorecard:{pk}")
        bands[engineer_id] = band
    return lines, bands


def _as_closed(period: PayPeriod) -> dict[int, EngineerMonth]:
    """The closed payslips of the month: totals, sums by line kind, band. Three queries."""
    months = {
        engineer_id: EngineerMonth(engineer_id, period.pk, department, old_gross=gross, old_net=net)
        for engineer_id, department, gross, net in Payslip.objects.filter(period=period).values_list(
            "engineer_id", "department_name", "gross_amount", "net_amount"
        )
    }
    for engineer_id, kind, amount in (
        PayslipLine.objects.filter(payslip__period=period)
        .values_list("payslip__engineer_id", "kind")
        .annotate(total=Sum("amount"))
        .values_list("payslip__engineer_id", "kind", "total")
    ):
        months[engineer_id].old_kinds[kind] = amount
    for engineer_id, band in Scorecard.objects.filter(
        year=period.year, month=period.month, status=ScorecardStatus.SUBMITTED
    ).values_list("engineer_id", "band"):
        if engineer_id in months:
            months[engineer_id].old_band = band or ""
    return months


def replay_month(
    period: PayPeriod, policy: Policy, progress: Callable[[int, int], None] | None = None
) -> Iterator[EngineerMonth]:
    """Each engineer's month as closed beside the same month computed under `policy`."""
    start, end = month_bounds(period.year, period.month)
    people = people_on_payroll(start, end)
    months = _as_closed(period)
    closed_under = policy_in_force(end)
    was_inside, _absent = inside_assessment(people, start, end, closed_under)
    now_inside, _absent = inside_assessment(people, start, end, policy)
    kpi, bands = kpi_lines_under(period, policy)
    computed = payslip_lines(period, policy, people, progress, kpi_lines=kpi, make_line=traced_line)
    for person, lines, totals in computed:
        month = months.pop(person.pk, None) or EngineerMonth(person.pk, period.pk, person.department_name)
        month.new_gross, month.new_net = totals.gross, totals.net
        month.old_inside, month.new_inside = person.pk in was_inside, person.pk in now_inside
        month.new_band = bands.get(person.pk, "")
        month.old_cap, month.new_cap = closed_under.individual.monthly_cap, policy.individual.monthly_cap
        kinds: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for line in lines:
            kinds[line.kind] += line.amount
        month.new_kinds = dict(kinds)
        month.new_lines = lines
        yield month
    yield from months.values()  # paid when the month closed, not on the payroll now (none in practice)
