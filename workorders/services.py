"""Every write to work orders and piece-rate tables. Each runs in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.errors import DomainError, domain_error_from_engine
from engineers.models import Engineer
from incentives.errors import IncentiveError
from incentives.rules.piece_rate import Participant as EngineParticipant
from incentives.rules.piece_rate import PieceLine, line_amount, piece_rate_shares, piece_rate_total
from ledger.errors import PeriodClosedError
from ledger.services import require_month_open
from workorders.errors import RateTableErrorCode, WorkOrderErrorCode

from .models import (
    Participant,
    PieceRateItem,
    PieceRateTable,
    PieceRateTableStatus,
    RequestStatus,
    SplitMethod,
    WorkOrder,
    WorkOrderLine,
)
from .selectors import rate_table_in_force


@dataclass(frozen=True)
class LineInput:
    item_code: str
    quantity: Decimal


@dataclass(frozen=True)
class ParticipantInput:
    engineer: Engineer
    days_worked: Decimal
    split_pct: Decimal | None = None


def _table_for(day: date) -> PieceRateTable:
    table = rate_table_in_force(day)
    if table is None:
        raise DomainError(
            WorkOrderErrorCode.NO_RATE_TABLE,
            _("No piece-rate table is in force on %(day)s; activate one first.") % {"day": day},
            field="lines",
        )
    return table


def _validate_participants(participants: Sequence[ParticipantInput], split_method: str) -> None:
    seen = set()
    for p in participants:
        if p.engineer.pk in seen:
            raise DomainError(
                WorkOrderErrorCode.DUPLICATE_PARTICIPANT,
                _("%(name)s is listed twice among the participants.") % {"name": p.engineer.name},
                field="participants",
            )
        seen.add(p.engineer.pk)
        if p.days_worked < 0:
            raise DomainError(
                WorkOrderErrorCode.DAYS_NEGATIVE, _("Days worked cannot be negative."), field="participants"
            )
    if split_method == SplitMethod.CUSTOM and any(p.split_pct is None for p in participants):
        raise DomainError(
            WorkOrderErrorCode.SPLIT_PCT_MISSING,
            _("The crew's own split needs a percentage for every participant."),
            field="participants",
        )


def _price(work_order: WorkOrder, lines: Sequence[LineInput]) -> tuple[PieceRateTable, list[WorkOrderLine]]:
    """Resolve each line's unit rate from the table in force on the pricing date."""
    table = _table_for(work_order.pricing_date)
    items = {i.code: i for i in PieceRateItem.objects.filter(table=table, code__in=[ln.item_code for ln in lines])}
    priced = []
    for n, ln in enumerate(lines, start=1):
        item = items.get(ln.item_code)
        if item is None:
            raise DomainError(
                WorkOrderErrorCode.UNKNOWN_ITEM,
                _("Line %(n)d: item code %(code)s is not in piece-rate table %(table)s.")
                % {"n": n, "code": ln.item_code, "table": table.code},
                field="lines",
            )
        try:
            amount = line_amount(PieceLine(ln.item_code, ln.quantity, item.unit_rate))
        except IncentiveError as exc:
            raise DomainError(
                exc.code, _("Line %(n)d: quantity must be greater than 0.") % {"n": n}, field="lines"
            ) from exc
        priced.append(
            WorkOrderLine(
                work_order=work_order,
                item_code=item.code,
                description=item.description,
                unit=item.unit,
                quantity=ln.quantity,
                unit_rate=item.unit_rate,
                amount=amount,
            )
        )
    return table, priced


def _compute_shares(work_order: WorkOrder, participants: Sequence[Participant]) -> None:
    """Piece-rate share per participant; nothing to split while there are no days."""
    custom = work_order.split_method == SplitMethod.CUSTOM
    engine_rows = [
        EngineParticipant(key=p.engineer_id, days=p.days_worked, split_pct=p.split_pct if custom else None)
        for p in participants
    ]
    if not engine_rows or (not custom and sum(p.days_worked for p in participants) == 0):
        for p in participants:
            p.share_amount = Decimal("0.00")
        return
    try:
        shares = piece_rate_shares(total=work_order.piece_rate_total_amount, participants=engine_rows)
    except IncentiveError as exc:
        raise domain_error_from_engine(exc, "participants") from exc
    for p in participants:
        p.share_amount = shares[p.engineer_id].amount


def _store_pricing(work_order: WorkOrder, lines: Sequence[LineInput], *, user) -> None:
    """Replace the order's lines with freshly priced ones and update its total."""
    table, priced = _price(work_order, lines)
    work_order.lines.all().delete()
    bulk_create_with_history(priced, WorkOrderLine, default_user=user)
    work_order.rate_table = table
    work_order.piece_rate_total_amount = piece_rate_total(
        lines=[PieceLine(ln.item_code, ln.quantity, ln.unit_rate) for ln in priced]
    ).amount
    work_order.save(update_fields=["rate_table", "piece_rate_total_amount", "updated_at"])


def _require_no_request_under_review(work_order: WorkOrder) -> None:
    """A decider judges the order as it was proposed: its lines and people are frozen while they decide."""
    pending = (
        work_order.bonus_requests.select_for_update()
        .filter(status__in=(RequestStatus.SUBMITTED, RequestStatus.REVIEWED))
        .order_by("pk")
        .first()
    )
    if pending is not None:
        raise DomainError(
            WorkOrderErrorCode.REQUEST_UNDER_REVIEW,
            _(
                "Work order %(number)s has an incentive request under review (no. %(request)d): it can be changed "
                "once the request is decided, returned or withdrawn."
            )
            % {"number": work_order.number, "request": pending.pk},
        )


@transaction.atomic
def work_order_save(
    *,
    user,
    work_order: WorkOrder,
    lines: Sequence[LineInput],
    participants: Sequence[ParticipantInput],
) -> WorkOrder:
    """Create or update a work order with its lines and participants, priced at the
    rates in force on completion and split between participants. All or nothing."""
    _validate_participants(participants, work_order.split_method)
    months = {timezone.localdate(work_order.resolved_at) if work_order.resolved_at else None}
    if work_order.pk is not None:
        # Requests before periods (the approvals' lock order), and the months oldest first: no deadlock.
        _require_no_request_under_review(work_order)
        months.add(WorkOrder.objects.filter(pk=work_order.pk).values_list("completed_on", flat=True).first())
    for day in sorted(d for d in months if d):  # the month it was paid in, and the month it moves to
        require_month_open(day)
    if work_order.pk is None:
        work_order.created_by = user
    work_order._history_user = user  # imports and the demo run outside a request
    work_order.save()
    _store_pricing(work_order, lines, user=user)
    work_order.participants.all().delete()
    rows = [
        Participant(work_order=work_order, engineer=p.engineer, days_worked=p.days_worked, split_pct=p.split_pct)
        for p in participants
    ]
    _compute_shares(work_order, rows)
    bulk_create_with_history(rows, Participant, default_user=user)
    return work_order


@transaction.atomic
def work_order_reprice(work_order: WorkOrder, *, user) -> None:
    """Price the existing lines again (e.g. a new table came into force) and re-split."""
    require_month_open(work_order.completed_on)
    work_order._history_user = user
    work_order._change_reason = "repriced"
    _store_pricing(work_order, [LineInput(ln.item_code, ln.quantity) for ln in work_order.lines.all()], user=user)
    rows = list(work_order.participants.all())
    _compute_shares(work_order, rows)
    bulk_update_with_history(rows, Participant, ["share_amount"], default_user=user, default_change_reason="repriced")


@transaction.atomic
def rate_table_activate(*, user, table: PieceRateTable) -> PieceRateTable:
    """Put a draft table in force from its start date; it then cannot be edited."""
    if table.status != PieceRateTableStatus.DRAFT:
        raise DomainError(RateTableErrorCode.NOT_DRAFT, _("Only a draft table can be put in force."), field="status")
    if not table.items.exists():
        raise DomainError(RateTableErrorCode.EMPTY, _("A table without items cannot be put in force."), field="items")
    if PieceRateTable.objects.filter(status=PieceRateTableStatus.ACTIVE, effective_from=table.effective_from).exists():
        raise DomainError(
            RateTableErrorCode.SAME_START,
            _("Another table in force already starts on %(day)s.") % {"day": table.effective_from},
            field="effective_from",
        )
    table.status = PieceRateTableStatus.ACTIVE
    table._history_user = user
    table.save(update_fields=["status"])
    # Orders completed (or, while open, reported) inside the new table's window now
    # take its rates: "quantity × the rate in force on completion".
    for work_order in WorkOrder.objects.filter(rate_table__effective_from__lt=table.effective_from).filter(
        Q(completed_on__gte=table.effective_from)
        | Q(completed_on__isnull=True, reported_at__date__gte=table.effective_from)
    ):
        if work_order.pricing_date >= table.effective_from and rate_table_in_force(work_order.pricing_date) == table:
            try:
                work_order_reprice(work_order, user=user)
            except PeriodClosedError:
                continue  # paid in a closed month: stays as paid; a difference is an adjustment
    return table


def _ensure_new_code(code: str) -> None:
    if PieceRateTable.objects.filter(code=code).exists():
        raise DomainError(
            RateTableErrorCode.CODE_TAKEN, _("Version %(code)s already exists.") % {"code": code}, field="code"
        )


@transaction.atomic
def rate_table_create(*, user, code: str, name: str, effective_from: date) -> PieceRateTable:
    """An empty draft table, to be filled with items and then put in force."""
    _ensure_new_code(code)
    table = PieceRateTable(code=code, name=name, effective_from=effective_from)
    table._history_user = user
    table.save()
    return table


@transaction.atomic
def rate_table_copy(*, user, source: PieceRateTable, code: str, name: str, effective_from: date) -> PieceRateTable:
    """Start a new draft version from an existing table's items."""
    table = rate_table_create(user=user, code=code, name=name, effective_from=effective_from)
    bulk_create_with_history(
        [
            PieceRateItem(table=table, code=i.code, description=i.description, unit=i.unit, unit_rate=i.unit_rate)
            for i in source.items.all()
        ],
        PieceRateItem,
        default_user=user,
    )
    return table
