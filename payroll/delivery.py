"""Payslip delivery after the close (services and the reads they share with the pages).

- An HR clerk publishes a closed period's payslips, once per close; engineers see their own
  payslip only once it is published (HR, finance, general managers and department managers
  read pay as before: payroll.selectors.visible_payslips).
- A reopen unpublishes the period; after the re-close HR publishes again and every engineer
  reads and confirms again: what they confirmed of the earlier version no longer counts. The
  earlier publication stays, with its receipts, as the record of that version.
- An engineer's first opening of the published payslip is recorded as read. Confirming is the
  engineer's own act on their own payslip, and is refused while a question of theirs about the
  period waits for HR's answer (confirming would say right what they just said may be wrong).
  A question asked after the publication (payroll/appeals.py) counts as "questioned".
- HR reminds those who have not confirmed and are not waiting for an answer, never the same
  person twice within a day; the reminder is an e-mail and a notice on the engineer's home.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, TextChoices
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.mail import muted
from core.roles import Role, has_role
from engineers.selectors import pay_scope
from ledger.models import PayPeriod, PeriodStatus

from .errors import PayrollErrorCode
from .models import AppealStatus, Payslip, PayslipAppeal, PayslipPublication, PayslipReceipt
from .payslip_reads import month_receipts

REMIND_AGAIN_AFTER = timedelta(days=1)
# Mails are written in the company's language whoever pressed the button: translated when sent.
PUBLISHED_SUBJECT = gettext_lazy("Your %(period)s payslip is ready")
PUBLISHED_BODY = gettext_lazy(
    "HR published your %(period)s payslip. Check each line, then confirm it or ask HR about a line: %(link)s"
)
REMINDER_SUBJECT = gettext_lazy("Reminder: please confirm your %(period)s payslip")
REMINDER_BODY = gettext_lazy(
    "Your %(period)s payslip waits for you: check it, then confirm it or ask HR about a line: %(link)s"
)
READERS = (Role.HR_CLERK, Role.FINANCE, Role.GENERAL_MANAGER, Role.DEPT_MANAGER)


class ReceiptFilter(TextChoices):
    """The delivery list's filter (a receipt may be both confirmed and questioned)."""

    UNREAD = "unread", gettext_lazy("Not read")
    READ = "read", gettext_lazy("Read")
    UNCONFIRMED = "unconfirmed", gettext_lazy("Not confirmed")
    CONFIRMED = "confirmed", gettext_lazy("Confirmed")
    QUESTIONED = "questioned", gettext_lazy("Questioned")


# Reads


def publication_in_force(period: PayPeriod) -> PayslipPublication | None:
    """The publication of the period's current close; None while unpublished, reopened or re-closed."""
    if period.status != PeriodStatus.CLOSED or period.closed_at is None:
        return None
    return (
        PayslipPublication.objects.select_related("published_by")
        .filter(period=period, closed_at=period.closed_at)
        .first()
    )


def latest_publication() -> PayslipPublication | None:
    """The newest month's publication still in force (a department manager's home)."""
    in_force = Q(period__status=PeriodStatus.CLOSED, closed_at=F("period__closed_at"))
    return (
        PayslipPublication.objects.select_related("period", "published_by")
        .filter(in_force)
        .order_by("-period__year", "-period__month")
        .first()
    )


def earlier_publications(period: PayPeriod) -> QuerySet[PayslipPublication]:
    """Publications of closes the period no longer has (it was reopened, perhaps closed again)."""
    qs = PayslipPublication.objects.select_related("published_by").filter(period=period)
    if period.status == PeriodStatus.CLOSED and period.closed_at is not None:
        qs = qs.exclude(closed_at=period.closed_at)
    return qs.order_by("-published_at")


def _asked(*, since: bool, open_only: bool = False, publication: PayslipPublication | None = None):
    """Exists: the receipt's engineer asked HR about a line of the receipt's period (after its publication,
    with `since`; still waiting for the answer, with `open_only`). Given the publication, its period and time
    are constants (an aggregate over the receipts then needs no join to the publication)."""
    if publication is None:
        period, published_at = OuterRef("publication__period"), OuterRef("publication__published_at")
    else:
        period, published_at = publication.period_id, publication.published_at
    appeals = PayslipAppeal.objects.filter(period=period, engineer=OuterRef("engineer"))
    if since:
        appeals = appeals.filter(created_at__gte=published_at)
    if open_only:
        appeals = appeals.filter(status=AppealStatus.OPEN)
    return Exists(appeals.order_by())


def _in_force() -> Q:
    """Receipts of a publication the period still stands by."""
    return Q(
        publication__period__status=PeriodStatus.CLOSED, publication__closed_at=F("publication__period__closed_at")
    )


def _scoped(publication: PayslipPublication, user) -> QuerySet[PayslipReceipt]:
    """The publication's receipts the user may read: HR, finance and general managers all; a department
    manager their departments' engineers; anyone else none."""
    qs = PayslipReceipt.objects.filter(publication=publication)
    if not has_role(user, *READERS):
        return qs.none()
    scope = pay_scope(user, "engineer__")
    return qs if scope is None else qs.filter(scope)


def receipts_of(publication: PayslipPublication, user) -> QuerySet[PayslipReceipt]:
    """The receipts the user may read, each with its payslip's id, department and net pay and whether
    the engineer questioned it (or waits for an answer), by department and employee no."""
    payslip = Payslip.objects.filter(period=publication.period_id, engineer=OuterRef("engineer")).order_by()
    return (
        _scoped(publication, user)
        .select_related("engineer")
        .annotate(
            payslip_id=Subquery(payslip.values("pk")[:1]),
            department_name=Subquery(payslip.values("department_name")[:1]),
            net_amount=Subquery(payslip.values("net_amount")[:1]),
            questioned=_asked(since=True, publication=publication),
            waiting_answer=_asked(since=False, open_only=True, publication=publication),
        )
        .order_by("department_name", "engineer__employee_no")
    )


def receipts_filtered(receipts: QuerySet[PayslipReceipt], state: str, query: str = "") -> QuerySet[PayslipReceipt]:
    """The list narrowed to one state (ReceiptFilter; anything else: all) and a name or number search."""
    states = {
        ReceiptFilter.UNREAD: Q(read_at__isnull=True),
        ReceiptFilter.READ: Q(read_at__isnull=False),
        ReceiptFilter.UNCONFIRMED: Q(confirmed_at__isnull=True),
        ReceiptFilter.CONFIRMED: Q(confirmed_at__isnull=False),
        ReceiptFilter.QUESTIONED: Q(questioned=True),
    }
    if state in states:
        receipts = receipts.filter(states[state])
    if query:
        receipts = receipts.filter(Q(engineer__name__icontains=query) | Q(engineer__employee_no__icontains=query))
    return receipts


@dataclass(frozen=True)
class Counts:
    published: int
    read: int
    confirmed: int
    questioned: int

    @property
    def unconfirmed(self) -> int:
        return self.published - self.confirmed


def receipt_counts(publication: PayslipPublication, user) -> Counts:
    """How many of the payslips the user may read were published, read, confirmed and questioned (one query).

    The question is an expression here, not a reference to receipts_of's annotation: Django drops an
    annotation only an aggregate's filter refers to, and the count came out 0."""
    row = _scoped(publication, user).aggregate(
        published=Count("pk"),
        read=Count("pk", filter=Q(read_at__isnull=False)),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        questioned=Count("pk", filter=Q(_asked(since=True, publication=publication))),
    )
    return Counts(**row)


@dataclass(frozen=True)
class Bar:
    """What the engineer's bar on their payslip shows."""

    receipt: PayslipReceipt
    waiting_answer: bool  # a question of theirs about the period waits for HR: no confirming yet
    earlier_confirmed_at: object  # when they confirmed an earlier version of this month, if they did


def bar_for(user, payslip: Payslip, appeals: list[PayslipAppeal] | None = None) -> Bar | None:
    """The engineer's own published payslip: its receipt and what may be done with it; else None.
    `appeals`: the engineer's questions about the month, where the page has read them already."""
    if payslip.engineer.user_id is None or payslip.engineer.user_id != user.pk:
        return None
    period = payslip.period
    if period.status != PeriodStatus.CLOSED or period.closed_at is None:
        return None
    # The engineer's receipts of the month, one per publication (a re-close is published again): the
    # receipt of the publication in force (the current close's), and when they confirmed an earlier one.
    receipts = month_receipts(period, payslip.engineer_id)
    receipt = next((r for r in receipts if r.current), None)
    if receipt is None:
        return None
    earlier = max((r.confirmed_at for r in receipts if r is not receipt and r.confirmed_at), default=None)
    if appeals is None:
        waiting = _has_open_question(period.pk, payslip.engineer_id)
    else:
        waiting = any(a.status == AppealStatus.OPEN for a in appeals)
    return Bar(receipt, waiting, earlier)


def waiting_for(engineer) -> list[PayslipReceipt]:
    """The engineer's published payslips not confirmed yet, newest month first, each with its payslip id
    and whether a question of theirs waits for HR (the home's "new payslip to confirm")."""
    payslip = Payslip.objects.filter(period=OuterRef("publication__period"), engineer=OuterRef("engineer")).order_by()
    return list(
        PayslipReceipt.objects.filter(_in_force(), engineer=engineer, confirmed_at__isnull=True)
        .select_related("publication__period")
        .annotate(payslip_id=Subquery(payslip.values("pk")[:1]), waiting_answer=_asked(since=False, open_only=True))
        .order_by("-publication__period__year", "-publication__period__month")
    )


def unpublished_closed_periods() -> QuerySet[PayPeriod]:
    """Closed periods whose current close HR has not published (HR's home)."""
    published = PayslipPublication.objects.filter(period=OuterRef("pk"), closed_at=OuterRef("closed_at"))
    payslips = Payslip.objects.filter(period=OuterRef("pk"))
    return PayPeriod.objects.filter(Exists(payslips), status=PeriodStatus.CLOSED).exclude(Exists(published))


def _has_open_question(period_id: int, engineer_id: int) -> bool:
    return PayslipAppeal.objects.filter(period=period_id, engineer=engineer_id, status=AppealStatus.OPEN).exists()


# Writes


def _require_hr(user) -> None:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(
            PayrollErrorCode.DELIVERY_ROLE, _("Only an HR clerk publishes payslips and reminds engineers.")
        )


def _require_own(user, payslip: Payslip) -> None:
    if payslip.engineer.user_id is None or payslip.engineer.user_id != user.pk:
        raise PermissionDeniedError(
            PayrollErrorCode.DELIVERY_NOT_YOURS, _("Only the engineer paid by a payslip reads and confirms it.")
        )


@transaction.atomic
def payslips_publish(*, user, period: PayPeriod) -> PayslipPublication:
    """HR hands the closed period's payslips to the engineers: a receipt per payslip, all unread.

    The period row is locked, so no close or reopen runs meanwhile; each close is published once."""
    _require_hr(user)
    period = PayPeriod.objects.select_for_update().get(pk=period.pk)
    if period.status != PeriodStatus.CLOSED or period.closed_at is None:
        raise DomainError(PayrollErrorCode.DELIVERY_NOT_CLOSED, _("Only a closed period's payslips can be published."))
    if PayslipPublication.objects.filter(period=period, closed_at=period.closed_at).exists():
        raise ConflictError(PayrollErrorCode.DELIVERY_PUBLISHED, _("These payslips are published already."))
    publication = PayslipPublication(
        period=period, closed_at=period.closed_at, published_by=user, published_at=timezone.now()
    )
    publication._history_user = user
    publication.save()
    engineers = Payslip.objects.filter(period=period).order_by("engineer_id").values_list("engineer_id", flat=True)
    receipts = [PayslipReceipt(publication=publication, engineer_id=pk) for pk in engineers]
    bulk_create_with_history(receipts, PayslipReceipt, batch_size=1000, default_user=user)
    _mail_on_commit(
        publication.period,
        PayslipReceipt.objects.filter(publication=publication),
        PUBLISHED_SUBJECT,
        PUBLISHED_BODY,
    )
    return publication


def _own_receipt_for_update(payslip: Payslip) -> PayslipReceipt | None:
    publication = publication_in_force(payslip.period)
    if publication is None:
        return None
    receipts = PayslipReceipt.objects.select_for_update()
    return receipts.filter(publication=publication, engineer=payslip.engineer_id).first()


@transaction.atomic
def payslip_read(*, user, payslip: Payslip) -> PayslipReceipt | None:
    """The engineer opened their published payslip: the first opening is recorded, later ones change
    nothing. None when the payslip is not published (nothing to record)."""
    _require_own(user, payslip)
    receipt = _own_receipt_for_update(payslip)
    if receipt is not None and receipt.read_at is None:
        receipt.read_at = timezone.now()
        receipt._history_user = user
        receipt.save(update_fields=["read_at"])
    return receipt


@transaction.atomic
def payslip_confirm(*, user, payslip: Payslip) -> PayslipReceipt:
    """The engineer confirms their published payslip is right (确认无误). Confirming again changes nothing;
    refused while a question of theirs about the period waits for HR's answer."""
    _require_own(user, payslip)
    receipt = _own_receipt_for_update(payslip)
    if receipt is None:
        raise DomainError(
            PayrollErrorCode.DELIVERY_NOT_PUBLISHED,
            _("This payslip is not published: there is nothing to confirm yet."),
        )
    if receipt.confirmed_at is not None:
        return receipt
    if _has_open_question(payslip.period_id, payslip.engineer_id):
        raise DomainError(
            PayrollErrorCode.DELIVERY_OPEN_QUESTION,
            _("Your question about this payslip waits for HR's answer: confirm it once HR has answered."),
        )
    now = timezone.now()
    receipt.read_at = receipt.read_at or now
    receipt.confirmed_at = now
    receipt._history_user = user
    receipt.save(update_fields=["read_at", "confirmed_at"])
    return receipt


@dataclass(frozen=True)
class Reminded:
    sent: int  # reminded now
    recently: int  # not confirmed, but reminded within the last day: left alone


@transaction.atomic
def payslips_remind(*, user, period: PayPeriod, engineer_ids: list[int] | None = None) -> Reminded:
    """HR reminds the engineers who have not confirmed their published payslip (all of them, or those
    named): an e-mail and a notice on their home. Those waiting for HR's answer to a question are not
    reminded, nor anyone reminded within the last day."""
    _require_hr(user)
    publication = publication_in_force(period)
    if publication is None:
        raise DomainError(
            PayrollErrorCode.DELIVERY_NOT_PUBLISHED, _("Publish the payslips before reminding anyone to confirm them.")
        )
    candidates = (
        PayslipReceipt.objects.filter(publication=publication, confirmed_at__isnull=True)
        .exclude(_asked(since=False, open_only=True, publication=publication))
        .order_by("pk")
    )
    if engineer_ids is not None:
        candidates = candidates.filter(engineer_id__in=engineer_ids)
    locked = list(candidates.select_for_update(of=("self",)))
    now = timezone.now()
    due = [r for r in locked if r.reminded_at is None or r.reminded_at <= now - REMIND_AGAIN_AFTER]
    for receipt in due:
        receipt.reminded_at = now
    bulk_update_with_history(due, PayslipReceipt, ["reminded_at"], batch_size=1000, default_user=user)
    _mail_on_commit(
        period,
        PayslipReceipt.objects.filter(pk__in=[r.pk for r in due]),
        REMINDER_SUBJECT,
        REMINDER_BODY,
    )
    return Reminded(sent=len(due), recently=len(locked) - len(due))


def _mail_on_commit(period: PayPeriod, receipts: QuerySet[PayslipReceipt], subject, body) -> None:
    """One e-mail per engineer with an address, linking to their payslip, sent once the transaction
    commits (console backend by default), in the company's language whoever pressed the button."""
    payslips = Payslip.objects.filter(period=period, engineer=OuterRef("engineer")).order_by()
    rows = list(
        receipts.filter(engineer__user__isnull=False, engineer__user__is_active=True)
        .exclude(engineer__user__email="")
        .annotate(payslip_id=Subquery(payslips.values("pk")[:1]))
        .values_list("engineer__user__email", "payslip_id")
    )
    if not rows or muted():
        return
    with translation.override(settings.LANGUAGE_CODE):
        title = f"[激励台] {str(subject) % {'period': period}}"
        messages = [
            (
                title,
                str(body) % {"period": period, "link": reverse("payroll:payslip", args=[payslip_id])},
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
            for email, payslip_id in rows
        ]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
