"""Quarterly and annual KPI summaries per engineer and per department.

Only submitted scorecards count: a draft month may still change (or lack required scores), so it never
enters an average, a band count or the quarterly ranking."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from appraisal.models import Scorecard, ScorecardStatus
from engineers.models import Department, Engineer
from incentives.money import round_half_up

TWO = Decimal("0.01")


def average_of(values: list[Decimal]) -> Decimal | None:
    # Exact mean, rounded once half-up (a 28-digit Decimal quotient can land just under x.xx5).
    return round_half_up(Fraction(sum(values, Decimal(0))) / len(values)) if values else None


@dataclass
class Summary:
    engineer: Engineer
    months: list[Scorecard | None]  # index 0 = January
    quarters: list[Decimal | None] = field(default_factory=list)
    year: Decimal | None = None
    bands: dict[str, int] = field(default_factory=dict)

    @property
    def chart(self) -> list[str | None]:
        return [None if c is None or c.score is None else str(c.score) for c in self.months]


def submitted_scorecards():
    return Scorecard.objects.filter(status=ScorecardStatus.SUBMITTED)


def summarise(engineer: Engineer, cards: list[Scorecard]) -> Summary:
    by_month: list[Scorecard | None] = [None] * 12
    for card in cards:
        by_month[card.month - 1] = card
    scores = [c.score if c and c.score is not None else None for c in by_month]
    quarters = [average_of([s for s in scores[q * 3 : q * 3 + 3] if s is not None]) for q in range(4)]
    bands: dict[str, int] = defaultdict(int)
    for c in by_month:
        if c and c.band:
            bands[c.band] += 1
    return Summary(
        engineer, by_month, quarters, average_of([s for s in scores if s is not None]), dict(sorted(bands.items()))
    )


def engineer_summary(engineer: Engineer, year: int) -> Summary:
    return summarise(engineer, list(submitted_scorecards().filter(engineer=engineer, year=year)))


def department_summary(department: Department, year: int) -> tuple[list[Summary], list[Decimal | None]]:
    """One summary per engineer with a scorecard that year, and the department's monthly averages."""
    cards: dict[int, list[Scorecard]] = defaultdict(list)
    for card in submitted_scorecards().filter(engineer__department=department, year=year).select_related("engineer"):
        cards[card.engineer_id].append(card)
    summaries = sorted(
        (summarise(cs[0].engineer, cs) for cs in cards.values()),
        key=lambda s: (-(s.year or Decimal(-1)), s.engineer.employee_no),
    )
    monthly = [
        average_of([s.months[m].score for s in summaries if s.months[m] and s.months[m].score is not None])
        for m in range(12)
    ]
    return summaries, monthly
