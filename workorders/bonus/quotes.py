"""What approving a waiting request would pay today, for the approver to read before deciding.

Computed by the approval's own code (services.bonus_request_payout) with the policy in force,
never stored: the inbox and the request page show it, the approval computes it again under its locks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.errors import DomainError
from ledger.models import PayPeriod, PeriodStatus
from ledger.selectors import individual_incentives_by_engineer, period_of
from ledger.services import closed_message
from policies.selectors import policies_remembered
from workorders.models import BonusKind, BonusRequest, RequestStatus

from .facts import Circumstances, circumstances_of
from .selectors import reads_request_amounts
from .services import Payout, bonus_request_payout


@dataclass(frozen=True)
class Quote:
    """One request's amounts as its approver sees them today."""

    request: BonusRequest
    payout: Payout | None  # None when approval would be refused today
    refusal: str = ""  # why approval would be refused
    in_order: Payout | None = None  # an individual incentive after the ones listed before it for the same engineer
    after: tuple[int, ...] = ()  # the ids of those, when they change what this one pays

    @property
    def pays_zero(self) -> bool:
        """Approving it (now, or after the ones listed before it) would pay ¥0.00."""
        return any(p is not None and p.amount == 0 for p in (self.payout, self.in_order))

    @property
    def zero_reason(self) -> str:
        return next((p.zero_reason() for p in (self.payout, self.in_order) if p is not None and p.amount == 0), "")


def _period(on: date) -> PayPeriod | None:
    return period_of(on.year, on.month)


def _quote(
    bonus: BonusRequest,
    *,
    on: date,
    period: PayPeriod | None,
    cap_used_before=Decimal("0.00"),
    awarded=None,
    known: dict[int, Circumstances] | None = None,
) -> Quote:
    if period is not None and period.status != PeriodStatus.OPEN:
        return Quote(bonus, None, closed_message(period))
    try:
        payout = bonus_request_payout(
            request=bonus, on=on, period=period, cap_used_before=cap_used_before, awarded=awarded, known=known
        )
    except DomainError as exc:
        return Quote(bonus, None, str(exc.message))
    return Quote(bonus, payout)


def approval_quote(user, bonus: BonusRequest, *, on: date) -> Quote | None:
    """What approving `bonus` on `on` would pay; None when its amounts are not the user's to read."""
    if not reads_request_amounts(user, bonus):
        return None
    return _quote(bonus, on=on, period=_period(on))


def inbox_quotes(
    user, requests: list[BonusRequest], *, on: date, earlier: Sequence[BonusRequest] = ()
) -> list[Quote | None]:
    """A quote per request, in the order given (the inbox's, which bulk approval follows): what each
    would pay if approved alone today and, for an individual incentive whose engineer has others
    listed before it, what it would pay after those (they use the same monthly cap first). `earlier`:
    the submitted individual incentives of the same engineers listed on the pages before this one,
    in the inbox's order; they are counted against the cap, not quoted.
    None where the amounts are not the user's to read."""
    with policies_remembered():
        return _inbox_quotes(user, [*earlier, *requests], on=on)[len(earlier) :]


def _inbox_quotes(user, requests: list[BonusRequest], *, on: date) -> list[Quote | None]:
    period = _period(on)
    engineers = {b.engineer_id for b in requests if b.engineer_id}
    awarded = individual_incentives_by_engineer(period, engineers)
    known = circumstances_of(engineers)
    used_before: dict[int, Decimal] = defaultdict(lambda: Decimal("0.00"))
    earlier: dict[int, list[int]] = defaultdict(list)
    quotes: list[Quote | None] = []
    for bonus in requests:
        if not reads_request_amounts(user, bonus):
            quotes.append(None)
            continue
        quote = _quote(bonus, on=on, period=period, awarded=awarded, known=known)
        # Only what bulk approval takes (submitted individual incentives) uses the cap in this order.
        if bonus.kind == BonusKind.INDIVIDUAL and bonus.status == RequestStatus.SUBMITTED and quote.payout is not None:
            before = used_before[bonus.engineer_id]
            if before:
                in_order = _quote(
                    bonus, on=on, period=period, cap_used_before=before, awarded=awarded, known=known
                ).payout
                quote = Quote(bonus, quote.payout, in_order=in_order, after=tuple(earlier[bonus.engineer_id]))
            paid = quote.in_order.amount if quote.in_order is not None else quote.payout.amount
            if paid:
                used_before[bonus.engineer_id] += paid
                earlier[bonus.engineer_id].append(bonus.pk)
        quotes.append(quote)
    return quotes
