"""Every write of the commission: posts, franchisees, assignments, a month's pick-up, settling and approving.

Keyword-only, the acting user first, one transaction each. HR clerks keep the data and settle a month; finance
or a general manager approves (four-eyes: never their own proposal, never one that pays them). Approval writes
the payable items (ledger.services.payable_items_add) into the month's pay period, which must be open, and the
tier's base wage into the month's pay scheme (the close pays base wage from the scheme by attendance, so the
tier base is prorated like any base wage and payroll/close.py needs no change).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import Engineer
from engineers.models.pay import PayScheme
from incentives.errors import IncentiveError
from incentives.rules.commission import pickup_amount, sales_extra, served_commission
from incentives.trace import Step, Traced
from ledger.errors import PeriodClosedError, PeriodErrorCode
from ledger.models import ItemKind
from ledger.services import closed_message, closed_period_of, open_period_for, payable_items_add

from .errors import CommissionErrorCode as Code
from .errors import PickupGridError
from .models import (
    Assignment,
    AssignmentRole,
    Franchisee,
    Pickup,
    Post,
    Settlement,
    SettlementLine,
    SettlementStatus,
    StaffPost,
)
from .months import label, last_day
from .selectors import commission_document, commission_staff, in_month

ROLE_POST = {AssignmentRole.SERVES: Post.CUSTOMER_SERVICE, AssignmentRole.SIGNED: Post.SALES}
SALES, DISCOUNT = "sales_amount", "discount_rate"
STEP_FIELDS = ("rule", "formula_zh", "formula_en", "inputs", "result", "note")


def _require_hr(user) -> None:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(Code.HR_ONLY, _("Only HR clerks keep franchisees, pick-up and commission."))


def _require_first(day: date, field: str) -> None:
    if day.day != 1:
        raise DomainError(Code.NOT_FIRST_OF_MONTH, _("An assignment starts on a month's first day."), field=field)


def _settled_from(month: date) -> Settlement | None:
    """The earliest approved settlement of `month` or later: what a change from `month` on would rewrite."""
    return Settlement.objects.filter(month__gte=month, status=SettlementStatus.APPROVED).order_by("month").first()


def _refuse_settled(month: date, field: str = "month") -> None:
    settled = _settled_from(month)
    if settled:
        raise DomainError(
            Code.MONTH_SETTLED,
            _("The commission of %(month)s is approved and paid: nothing it was computed from can change.")
            % {"month": label(settled.month)},
            field=field,
        )


def settle_refusal(month: date) -> DomainError | None:
    """Why `month` cannot be settled yet, if it cannot: the tier is read on the whole month's pick-up (seed 001),
    so a month is settled once its last day is past. The grid asks the same question to hide its button."""
    if last_day(month) < timezone.localdate():
        return None
    return DomainError(
        Code.MONTH_NOT_OVER,
        _(
            "%(month)s is not over: a month's commission is settled on its whole pick-up, from the day after its "
            "last day (%(day)s) on."
        )
        % {"month": label(month), "day": last_day(month) + timedelta(days=1)},
        field="month",
    )


def _refuse_closed(month: date) -> None:
    period = closed_period_of(month.year, month.month)
    if period:
        raise PeriodClosedError(PeriodErrorCode.CLOSED, closed_message(period), field="month")


def _save(obj, user):
    try:
        obj.full_clean()
    except ValidationError as exc:
        messages = exc.message_dict
        raise DomainError(Code.INVALID, next(iter(messages.values()))[0], fields=messages) from exc
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def post_set(*, user, engineer: Engineer, post: str | None) -> StaffPost | None:
    """Give an engineer record a commission post (or none). Refused while they hold a current assignment the
    new post cannot hold."""
    _require_hr(user)
    current = StaffPost.objects.select_for_update().filter(engineer=engineer).first()
    held = Assignment.objects.filter(engineer=engineer, end__isnull=True)
    if post:
        held = held.exclude(role__in=[r for r, p in ROLE_POST.items() if p == post])
    if held.exists():
        raise DomainError(
            Code.POST_IN_USE,
            _("%(engineer)s still holds franchisees in the old post: reassign them first.") % {"engineer": engineer},
            field="post",
        )
    if not post:
        if current:
            current._history_user = user
            current.delete()
        return None
    if current is None:
        current = StaffPost(engineer=engineer)
    current.post = post
    return _save(current, user)


@dataclass(frozen=True)
class FranchiseeInput:
    code: str
    name: str
    city: str = ""
    discount_rate: Decimal = Decimal("1")
    active: bool = True


@transaction.atomic
def franchisee_save(*, user, data: FranchiseeInput, franchisee: Franchisee | None = None) -> Franchisee:
    """Create a franchisee, or change one (its code, name, city, default discount, whether it is active)."""
    _require_hr(user)
    obj = franchisee or Franchisee()
    for name in ("code", "name", "city", "discount_rate", "active"):
        setattr(obj, name, getattr(data, name))
    obj.code = obj.code.strip()
    return _save(obj, user)


@transaction.atomic
def assignment_set(
    *, user, franchisee: Franchisee, role: str, engineer: Engineer | None, start: date
) -> Assignment | None:
    """From the month `start` on, `engineer` serves (or signed) the franchisee; None: nobody does.

    The previous assignment of the role ends there; history only grows forward (a start before the latest
    assignment's is refused) and a month whose commission is approved keeps who served it."""
    _require_hr(user)
    _require_first(start, "start")
    _refuse_settled(start, "start")
    if engineer is not None:
        held = StaffPost.objects.filter(engineer=engineer).values_list("post", flat=True).first()
        if held != ROLE_POST[role]:
            raise DomainError(
                Code.POST_MISMATCH,
                _("%(engineer)s does not hold the post %(post)s: give them the post first.")
                % {"engineer": engineer, "post": Post(ROLE_POST[role]).label},
                field="engineer",
            )
    existing = list(Assignment.objects.select_for_update().filter(franchisee=franchisee, role=role).order_by("-start"))
    latest = existing[0] if existing else None
    if latest and latest.start > start:
        raise DomainError(
            Code.ASSIGNMENT_BEFORE_LATEST,
            _("The latest assignment starts in %(month)s: a change starts that month or later.")
            % {"month": label(latest.start)},
            field="start",
        )
    if latest and latest.start == start:  # a correction of the same month: replaced
        latest._history_user = user
        latest.delete()
        latest = existing[1] if len(existing) > 1 else None
        if latest and latest.end == start:
            latest.end = None
    if latest and (latest.end is None or latest.end > start):
        latest.end = start
        _save(latest, user)
    if engineer is None:
        return None
    return _save(Assignment(franchisee=franchisee, role=role, engineer=engineer, start=start), user)


@dataclass
class SavedPickups:
    saved: int
    unchanged: int


def pickup_problems(sales, discount) -> tuple[str, str] | None:
    """(field, message) of a cell a month's pick-up refuses, else None."""
    if sales is None:
        return SALES, _("Enter the sales at list price (0 when there were none).")
    if sales < 0:
        return SALES, _("Sales cannot be negative.")
    if sales != sales.quantize(Decimal("0.01")) or sales >= Decimal(10) ** 12:
        return SALES, _("Sales are yuan with at most two decimal places, below 1,000,000,000,000.")
    if discount is not None and not 0 <= discount <= 1:
        return DISCOUNT, _("The discount is between 0 and 100 percent.")
    if discount is not None and discount != discount.quantize(Decimal("0.0001")):
        return DISCOUNT, _("The discount has at most four decimal places as a fraction (e.g. 0.6525).")
    return None


@transaction.atomic
def pickups_save(*, user, month: date, rows: dict[int, tuple[Decimal | None, Decimal | None]]) -> SavedPickups:
    """A month's pick-up, franchisee id → (sales at list price, discount or None for the franchisee's own):
    every row saved, or none and each bad cell named. Pick-up amount = sales × discount, rounded to the fen.

    A month whose commission is approved, or whose pay period is closing or closed, is refused. A settlement
    waiting for approval goes back to HR: it was computed from the old numbers."""
    _require_hr(user)
    _refuse_settled(month)
    _refuse_closed(month)
    franchisees = Franchisee.objects.in_bulk(list(rows))
    existing = {
        p.franchisee_id: p for p in Pickup.objects.select_for_update().filter(month=month, franchisee_id__in=list(rows))
    }
    cells = []
    changed = []
    unchanged = 0
    for fid, (sales, discount) in rows.items():
        franchisee = franchisees.get(fid)
        if franchisee is None:
            cells.append((fid, "", _("No such franchisee.")))
            continue
        problem = pickup_problems(sales, discount)
        if problem:
            cells.append((fid, *problem))
            continue
        discount = franchisee.discount_rate if discount is None else discount
        try:
            amount = pickup_amount(sales=sales, discount=discount)
        except IncentiveError as exc:  # pragma: no cover - pickup_problems refuses the same first
            cells.append((fid, SALES, exc.message))
            continue
        row = existing.get(fid)
        if row and (row.sales_amount, row.discount_rate, row.pickup_amount) == (sales, discount, amount):
            unchanged += 1
            continue
        row = row or Pickup(franchisee=franchisee, month=month)
        row.sales_amount, row.discount_rate, row.pickup_amount = sales, discount, amount
        changed.append(row)
    if cells:
        raise PickupGridError(_("Nothing was saved: correct the marked cells."), cells)
    for row in changed:
        row._history_user = user
        row.save()
    if changed:
        waiting = Settlement.objects.select_for_update().filter(month=month, status=SettlementStatus.PROPOSED).first()
        if waiting:
            waiting.status = SettlementStatus.RETURNED
            waiting.note = "提货额已修改,请重新结算"
            waiting._history_user = user
            waiting.save(update_fields=["status", "note"])
    return SavedPickups(len(changed), unchanged)


def _month_pickups(month: date) -> tuple[dict[tuple[int, str], dict[str, Decimal]], list[Franchisee]]:
    """(engineer id, role) → {franchisee code: pick-up} for the month, and the franchisees someone holds that
    month without a pick-up entered."""
    amounts = dict(Pickup.objects.filter(month=month).values_list("franchisee_id", "pickup_amount"))
    out: dict[tuple[int, str], dict[str, Decimal]] = {}
    missing = {}
    for a in Assignment.objects.filter(in_month(month)).select_related("franchisee"):
        if a.franchisee_id not in amounts:
            missing[a.franchisee_id] = a.franchisee
            continue
        out.setdefault((a.engineer_id, a.role), {})[a.franchisee.code] = amounts[a.franchisee_id]
    return out, sorted(missing.values(), key=lambda f: f.code)


@transaction.atomic
def settlement_propose(*, user, month: date) -> Settlement:
    """HR settles a month: each commission staff member's tier, base, commission and sales extra from the
    month's pick-up and KF-COMM in force on its last day; waits for finance's or a general manager's approval.
    Settling again (returned, or still waiting) replaces the lines."""
    _require_hr(user)
    refusal = settle_refusal(month)
    if refusal:
        raise refusal
    _refuse_settled(month)
    _refuse_closed(month)
    try:
        document = commission_document(month)
    except Exception as exc:  # PolicyVersion.DoesNotExist: no KF-COMM in force
        raise DomainError(
            Code.NO_DOCUMENT, _("No commission document (KF-COMM) is in force in %(m)s.") % {"m": label(month)}
        ) from exc
    volumes, missing = _month_pickups(month)
    if missing:
        raise DomainError(
            Code.MISSING_PICKUPS,
            _("Enter the pick-up of %(list)s for %(month)s first (0 when there was none).")
            % {
                "list": "、".join(str(f) for f in missing[:10]) + ("…" if len(missing) > 10 else ""),
                "month": label(month),
            },
            field="month",
        )
    staff = list(commission_staff(month))
    if not staff:
        raise DomainError(Code.NO_STAFF, _("Nobody holds a customer-service or sales post."), field="month")
    settlement = Settlement.objects.select_for_update().filter(month=month).first()
    if settlement is None:
        settlement = Settlement(month=month)
    settlement.status = SettlementStatus.PROPOSED
    settlement.policy_version = document.label
    settlement.proposed_by, settlement.proposed_at = user, timezone.now()
    settlement.decided_by = settlement.decided_at = None
    settlement.note = ""
    settlement._history_user = user
    settlement.save()
    settlement.lines.all().delete()
    lines = []
    zero = Decimal("0.00")
    for e in staff:
        post = e.commission_post.post
        served = volumes.get((e.pk, AssignmentRole.SERVES), {})
        signed = volumes.get((e.pk, AssignmentRole.SIGNED), {})
        line = SettlementLine(
            settlement=settlement,
            engineer=e,
            post=post,
            served_volume=sum(served.values(), zero),
            commission_amount=zero,
            signed_volume=sum(signed.values(), zero),
            sales_extra_amount=zero,
        )
        if post == Post.CUSTOMER_SERVICE:
            result = served_commission(pickups=served, policy=document)
            line.tier = document.tiers.index(result.tier) + 1
            line.tier_rate, line.tier_base = result.tier.rate, result.base
            line.commission_amount = result.commission.amount
            line.commission_trace = result.commission.as_dict()
        else:
            traced = sales_extra(pickups=signed, rate=document.sales_extra_rate, label=document.label)
            line.sales_extra_amount = traced.amount
            line.sales_extra_trace = traced.as_dict()
        lines.append(line)
    SettlementLine.objects.bulk_create(lines)
    return settlement


def _tier_base_into_scheme(*, user, engineer_id: int, month: date, base: Decimal, tier: int) -> bool:
    """The month's pay scheme pays the tier's base wage: the scheme in force that month is changed if it
    starts within the month, else a copy starts on the month's first day. False: no scheme to change."""
    scheme = (
        PayScheme.objects.select_for_update()
        .filter(engineer_id=engineer_id, effective_from__lte=last_day(month))
        .order_by("-effective_from")
        .first()
    )
    if scheme is None:
        return False
    if scheme.base_wage == base:
        return True
    note = f"KF-COMM 第{tier}档底薪 {label(month)}"
    if scheme.effective_from < month:
        scheme.pk = None
        scheme._state.adding = True
        scheme.effective_from = month
    scheme.base_wage, scheme.note = base, note
    scheme._history_user = user
    scheme.save()
    return True


@transaction.atomic
def settlement_decide(*, user, settlement: Settlement, approve: bool, note: str = "") -> Settlement:
    """Finance or a general manager approves (payable items and the tier base written) or returns it to HR.

    Four-eyes: not the proposer, and not someone it pays. The month's pay period must be open."""
    if not has_role(user, Role.FINANCE, Role.GENERAL_MANAGER):
        raise PermissionDeniedError(
            Code.APPROVER_ROLE, _("Finance or a general manager approves a month's commission.")
        )
    period = open_period_for(settlement.month) if approve else None  # the period's lock first (ledger's order)
    settlement = Settlement.objects.select_for_update().get(pk=settlement.pk)
    if settlement.status != SettlementStatus.PROPOSED:
        raise DomainError(
            Code.NOT_WAITING,
            _("This settlement is not waiting for approval (it is %(status)s).")
            % {"status": settlement.get_status_display()},
        )
    if settlement.proposed_by_id == user.pk:
        raise PermissionDeniedError(Code.OWN_PROPOSAL, _("Someone other than the person who settled it approves."))
    lines = list(settlement.lines.select_related("engineer"))
    if any(line.engineer.user_id == user.pk for line in lines):
        raise PermissionDeniedError(Code.PAYS_APPROVER, _("A settlement that pays you is approved by someone else."))
    if not approve and not note.strip():
        raise DomainError(Code.INVALID, _("Say why it goes back to HR."), field="note")
    if approve and (refusal := settle_refusal(settlement.month)):
        raise refusal  # one proposed before the month was over (before this rule) waits for its end, or goes back
    settlement.status = SettlementStatus.APPROVED if approve else SettlementStatus.RETURNED
    settlement.decided_by, settlement.decided_at, settlement.note = user, timezone.now(), note.strip()[:200]
    settlement._history_user = user
    settlement.save()
    if not approve:
        return settlement

    def traced(amount: Decimal, trace: dict) -> Traced:
        # The amount is the line's column; the steps are the line's snapshot, carried to the payslip as shown.
        steps = tuple(Step(**{k: s[k] for k in STEP_FIELDS}) for s in trace["steps"])
        return Traced(amount=amount, steps=steps, policy_version=settlement.policy_version)

    month_words = f"{settlement.month.year}年{settlement.month.month}月"
    commission = [
        (ln.engineer_id, traced(ln.commission_amount, ln.commission_trace)) for ln in lines if ln.commission_amount > 0
    ]
    extra = [
        (ln.engineer_id, traced(ln.sales_extra_amount, ln.sales_extra_trace))
        for ln in lines
        if ln.sales_extra_amount > 0
    ]
    if commission:
        payable_items_add(
            user=user,
            period=period,
            kind=ItemKind.COMMISSION,
            source=f"commission:{settlement.pk}",
            traced_by_engineer=commission,
            reason=f"售后客服提成 {month_words}",
        )
    if extra:
        payable_items_add(
            user=user,
            period=period,
            kind=ItemKind.COMMISSION,
            source=f"commission_sales:{settlement.pk}",
            traced_by_engineer=extra,
            reason=f"销售额外提成 {month_words}",
        )
    for ln in lines:
        if ln.tier_base is not None:
            _tier_base_into_scheme(
                user=user, engineer_id=ln.engineer_id, month=settlement.month, base=ln.tier_base, tier=ln.tier
            )
    return settlement
