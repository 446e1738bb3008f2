"""An engineer's own estimate of the rest of the month (their KPI and payslip pages): piece-rate pay so
far and with more orders at this month's average share, performance pay at their band and one step
higher. The policy in force; an estimate, clearly marked, never a payslip. One query (estimate_facts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from engineers.models import Engineer
from incentives.policy import Policy
from incentives.rules.estimate import (
    MAX_MORE_ORDERS,
    band_above,
    performance_pay_estimate,
    piece_rate_estimate,
)
from incentives.trace import Traced

from .estimate_facts import estimate_facts

DEFAULT_MORE_ORDERS = 5


@dataclass(frozen=True)
class Estimate:
    policy: Policy
    orders: int
    earned: Decimal
    more_orders: int
    piece_rate: Traced
    band: str  # this month's band, else the latest scored month's; "" when none
    band_from: str  # "this_month", "earlier" or ""
    at_band: Traced | None
    higher: Traced | None  # one band higher; None at the top band or without a band

    @property
    def average(self) -> Decimal:
        return self.piece_rate.steps[0].inputs["average"]

    @property
    def gain_from_orders(self) -> Decimal:
        return self.piece_rate.amount - self.earned

    @property
    def gain_from_band(self) -> Decimal | None:
        return self.higher.amount - self.at_band.amount if self.higher and self.at_band else None


def more_orders_from(text: str | None) -> int:
    """The page's "more orders" field: a whole number 0–200; anything else falls back to 5."""
    try:
        value = int(text or DEFAULT_MORE_ORDERS)
    except ValueError:
        return DEFAULT_MORE_ORDERS
    return value if 0 <= value <= MAX_MORE_ORDERS else DEFAULT_MORE_ORDERS


def month_estimate(engineer: Engineer, today: date, more_orders: int = DEFAULT_MORE_ORDERS) -> Estimate:
    facts = estimate_facts(engineer.pk, today)
    policy = facts.policy
    piece = piece_rate_estimate(earned=facts.earned, orders=facts.orders, more_orders=more_orders, policy=policy)
    band, band_from = facts.band, ""
    if facts.band_month:
        band_from = "this_month" if facts.band_month == (today.year, today.month) else "earlier"
    known = band in {b.code for b in policy.kpi.bands}
    base = engineer.performance_pay_base_amount
    at_band = performance_pay_estimate(base=base, band=band, policy=policy) if known else None
    above = band_above(band, policy) if known else None
    higher = performance_pay_estimate(base=base, band=above.code, policy=policy) if above else None
    return Estimate(policy, facts.orders, facts.earned, more_orders, piece, band, band_from, at_band, higher)
