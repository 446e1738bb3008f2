"""What needs each role's attention, for the home page. Counts link to filtered lists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from appraisal.models import Award, AwardStatus
from attendance.months import Month
from attendance.selectors import missing_attendance
from commission.selectors import waiting_settlements
from core.roles import Role, has_role
from core.templatetags.money import yuan
from engineers.models import EngineerStatus
from engineers.selectors import assessment_status, assessment_statuses, month_bounds, visible_engineers
from feedback.models import ANSWERED
from feedback.selectors import open_for_group, unread_answers
from ledger.models import PeriodStatus
from payroll.delivery import latest_publication, receipt_counts, unpublished_closed_periods, waiting_for
from payroll.models import AppealStatus, Payslip, PayslipAppeal
from payroll.selectors import periods_with_totals, published
from periodbonus.models import RoundStatus
from periodbonus.selectors import rounds_for, waiting_for_general_manager
from policies.errors import PolicyError
from policies.selectors import policy_in_force_or_none
from servicedesk.models import OPEN_STATES
from servicedesk.models import State as RequestState
from servicedesk.selectors import at_risk_ids, visible_requests
from servicedesk.workflow import may_dispatch
from training.models import RewardStatus
from training.selectors import expiring_certificates, rewards_waiting_for, study_policy_in_force, visible_rewards
from welfare.leave import leave_balance
from welfare.selectors import honours_without_certificates
from workorders.bonus.selectors import crew_work_needing, inbox
from workorders.models import Participant, PieceRateTable, PieceRateTableStatus
from workorders.selectors import visible_work_orders

ANSWERS_SHOWN_DAYS = 30


@dataclass
class Item:
    label: str
    value: object
    url: str = ""
    money: bool = False


class Row(NamedTuple):
    text: str
    detail: str
    url: str
    links: tuple[tuple[str, str], ...] = ()  # more (label, url) beside the row's own link


@dataclass
class Panel:
    title: str
    items: list[Item] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def _wo_url(**params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{reverse('workorders:list')}?{query}"


def _hr_panel(user, today: date) -> Panel:
    orders = visible_work_orders(user)
    probation_soon = visible_engineers(user).filter(
        status=EngineerStatus.ACTIVE, probation_end__gte=today, probation_end__lte=today + timedelta(days=30)
    )
    panel = Panel(_("Data to complete"))
    panel.items = [
        Item(_("Open work orders"), orders.filter(resolved_at__isnull=True).count(), _wo_url(state="open")),
        Item(
            _("Resolved without customer evaluation"),
            orders.filter(resolved_at__isnull=False, csat_score__isnull=True).count(),
            _wo_url(state="no_csat"),
        ),
        Item(
            _("Work orders without participants"),
            orders.filter(participants__isnull=True).count(),
            _wo_url(state="no_participants"),
        ),
        Item(
            _("No attendance entered this month"),
            missing_attendance(Month(today.year, today.month)),
            f"{reverse('attendance:grid')}?month={today:%Y-%m}",
        ),
        Item(  # welfare: certificates to print
            _("Approved honours without certificates"),
            honours_without_certificates().count(),
            reverse("welfare:home"),
        ),
        Item(
            _("Draft piece-rate tables"),
            PieceRateTable.objects.filter(status=PieceRateTableStatus.DRAFT).count(),
            reverse("workorders:rate_table_list"),
        ),
    ]
    panel.rows = [
        Row(e.name, _("probation ends %(day)s") % {"day": e.probation_end.isoformat()}, e.get_absolute_url())
        for e in probation_soon[:10]
    ]
    return panel


def _month_orders_panel(user, today: date, title: str) -> Panel:
    start, end = month_bounds(today.year, today.month)
    month = visible_work_orders(user).filter(completed_on__range=(start, end))
    stats = month.aggregate(
        n=Count("id"), special=Count("id", filter=Q(is_special=True)), total=Sum("piece_rate_total_amount")
    )
    open_special = visible_work_orders(user).filter(is_special=True, resolved_at__isnull=True).count()
    return Panel(
        title,
        [
            Item(_("Completed this month"), stats["n"], _wo_url(completed_from=start, completed_to=end)),
            Item(
                _("Special/key projects this month"),
                stats["special"],
                _wo_url(completed_from=start, completed_to=end, is_special="true"),
            ),
            Item(_("Open special/key projects"), open_special, _wo_url(is_special="true", state="open")),
            Item(_("Piece-rate total this month"), stats["total"] or Decimal("0.00"), money=True),
        ],
    )


def _assessment_panel(user, today: date) -> Panel | None:
    start, end = month_bounds(today.year, today.month)
    policy = policy_in_force_or_none(end)
    if policy is None:  # no approved version yet: nothing to assess against
        return None
    engineers = visible_engineers(user).filter(status=EngineerStatus.ACTIVE).exclude(user=user)
    statuses = assessment_statuses(engineers, period_start=start, period_end=end, policy=policy)
    outside = [(e, statuses[e.pk]) for e in engineers if not statuses[e.pk].inside]
    panel = Panel(_("Assessment this month"))
    panel.items = [
        Item(_("Engineers"), len(statuses)),
        Item(_("Outside assessment"), len(outside)),
    ]
    panel.rows = [Row(e.name, "、".join(s.reasons), e.get_absolute_url()) for e, s in outside[:10]]
    return panel


def _my_panel(user, today: date) -> Panel | None:
    engineer = getattr(user, "engineer", None)
    if engineer is None:
        return None
    start, end = month_bounds(today.year, today.month)
    mine = Participant.objects.filter(engineer=engineer, work_order__completed_on__range=(start, end))
    stats = mine.aggregate(n=Count("id"), share=Sum("share_amount"), days=Sum("days_worked"))

    policy = policy_in_force_or_none(end)
    panel = Panel(_("My month"))
    panel.items = [
        Item(_("My work orders this month"), stats["n"], reverse("workorders:list")),
        Item(_("Days worked"), stats["days"] or 0),
        Item(_("My piece-rate pay this month"), stats["share"] or Decimal("0.00"), money=True),
    ]
    leave = leave_balance(engineer, today.year)  # welfare: paid annual leave left this year
    if leave is not None:
        left = format(leave.remaining.normalize(), "f") if leave.remaining else "0"
        panel.items.append(Item(_("Paid annual leave left (days)"), left, reverse("welfare:home")))
    status = assessment_status(engineer, period_start=start, period_end=end, policy=policy) if policy else None
    panel.rows = _payslips_to_confirm(engineer)
    if status and not status.inside:
        panel.rows.append(Row(_("Outside assessment"), "、".join(status.reasons), engineer.get_absolute_url()))
    panel.rows += _answers_for(engineer, today)
    panel.rows += _training_rows(user, today, own=True)
    return panel


def _training_policy(today: date):
    try:
        return study_policy_in_force(today)
    except PolicyError:
        return None


def _training_rows(user, today: date, *, own: bool = False, limit: int = 5) -> list[Row]:
    """Certificates about to expire (the study-reward document's warning days), soonest first: the engineer's
    own on their home, all HR sees on HR's."""
    policy = _training_policy(today)
    if policy is None:
        return []
    certificates = expiring_certificates(user, today, policy)
    if own:
        certificates = certificates.filter(engineer__user=user)
    return [
        Row(
            _("Certificate expires on %(day)s") % {"day": c.expires_on.isoformat()},
            f"{c.engineer.name} · {c.get_skill_display()} · {c.certificate_no}",
            c.engineer.get_absolute_url(),
        )
        for c in certificates[:limit]
    ]


def _training_panel(user, today: date) -> Panel | None:
    """HR: certificates about to expire and study rewards waiting; a manager or general manager: rewards
    waiting for their decision."""
    hr = has_role(user, Role.HR_CLERK)
    if not hr and not has_role(user, Role.DEPT_MANAGER, Role.GENERAL_MANAGER):
        return None
    deciders = rewards_waiting_for(user)
    url = reverse("training:rewards")
    panel = Panel(_("Training and study rewards"))
    if hr:
        policy = _training_policy(today)
        if policy is not None:
            panel.items.append(
                Item(
                    _("Certificates expiring within %(n)s days") % {"n": policy.expiry_warning_days},
                    expiring_certificates(user, today, policy).count(),
                    reverse("training:certificates") + "?expiring=1",
                )
            )
        waiting = visible_rewards(user).filter(status=RewardStatus.WAITING).count()
        panel.items.append(Item(_("Study rewards waiting for approval"), waiting, f"{url}?status=waiting"))
        panel.rows = _training_rows(user, today)
    else:
        panel.items.append(
            Item(_("Study rewards waiting for your decision"), deciders.count(), f"{url}?mine=1&status=waiting")
        )
    return panel


def _payslips_to_confirm(engineer) -> list[Row]:
    """Published payslips the engineer has not confirmed, first on their home; HR's reminder shows here too."""
    rows = []
    for receipt in waiting_for(engineer):
        if receipt.waiting_answer:
            detail = _("your question waits for HR's answer")
        elif receipt.reminded_at:
            detail = _("HR reminded you on %(day)s") % {"day": timezone.localdate(receipt.reminded_at).isoformat()}
        else:
            detail = _("published %(day)s") % {"day": timezone.localdate(receipt.publication.published_at).isoformat()}
        text = _("New payslip to confirm: %(period)s") % {"period": receipt.publication.period}
        rows.append(Row(text, detail, reverse("payroll:payslip", args=[receipt.payslip_id])))
    return rows


def _answers_for(engineer, today: date) -> list[Row]:
    """HR's answers to the engineer's payslip questions of the last 30 days, each linking to the payslip."""
    since = today - timedelta(days=ANSWERS_SHOWN_DAYS)
    answered = (
        PayslipAppeal.objects.filter(
            engineer=engineer,
            status=AppealStatus.ANSWERED,
            answered_at__date__gte=since,
            period__status=PeriodStatus.CLOSED,  # a reopened month's payslip is not there to open
        )
        .select_related("period")
        .order_by("-answered_at")
    )
    payslips = dict(  # only a published payslip is there for the engineer to open
        Payslip.objects.filter(published(), engineer=engineer, period__in=[a.period_id for a in answered]).values_list(
            "period_id", "pk"
        )
    )
    return [
        Row(
            _("HR answered your question about %(period)s") % {"period": a.period},
            f"{a.get_line_kind_display()}: {a.answer}",
            reverse("payroll:payslip", args=[payslips[a.period_id]]) if a.period_id in payslips else "",
        )
        for a in answered
    ]


def _approvals_panel(user) -> Panel | None:
    waiting = inbox(user)
    crew_work = crew_work_needing(user)
    if not has_role(user, Role.SUPERVISOR, Role.QS_OFFICER, Role.DEPT_MANAGER, Role.GENERAL_MANAGER, Role.CREW_LEADER):
        return None
    items = [
        Item(_("Waiting for you"), waiting.count(), reverse("bonus:inbox")),
        Item(_("Special projects waiting for your part"), crew_work.count(), reverse("bonus:inbox")),
    ]
    return Panel(_("Bonus requests"), items)


def _awards_panel(user) -> Panel | None:
    if not has_role(user, Role.DEPT_MANAGER, Role.HR_CLERK):
        return None
    waiting = Award.objects.none()
    if has_role(user, Role.DEPT_MANAGER):
        waiting = waiting | Award.objects.filter(status=AwardStatus.PROPOSED, department__manager=user)
    if has_role(user, Role.HR_CLERK):
        waiting = waiting | Award.objects.filter(status=AwardStatus.MANAGER_APPROVED).exclude(manager_decided_by=user)
    waiting = waiting.exclude(proposed_by=user)
    return Panel(
        _("Honours and penalties"), [Item(_("Waiting for your decision"), waiting.count(), reverse("kpi:awards"))]
    )


def _period_bonus_panel(user) -> Panel | None:
    """A general manager: quarterly and year-end rounds to decide; a department manager: rounds returned to them."""
    items = []
    if has_role(user, Role.GENERAL_MANAGER):
        items.append(
            Item(_("Waiting for your decision"), waiting_for_general_manager(user).count(), reverse("periodbonus:list"))
        )
    if has_role(user, Role.DEPT_MANAGER):
        returned = rounds_for(user).filter(status=RoundStatus.RETURNED, department__manager=user)
        items.append(Item(_("Returned for changes"), returned.count(), reverse("periodbonus:list")))
    return Panel(_("Quarterly and year-end bonus"), items) if items else None


EXPORT_PERIODS_SHOWN = 6


def _payroll_panel(user) -> Panel | None:
    """HR: the engineers' questions waiting for an answer. Finance: the closed periods whose
    workbook is ready, newest first, each with its totals, the workbook and the bank payment file."""
    hr, finance = has_role(user, Role.HR_CLERK), has_role(user, Role.FINANCE)
    if not (hr or finance):
        return None
    panel = Panel(_("Payroll"))
    if hr:
        waiting = PayslipAppeal.objects.filter(status=AppealStatus.OPEN).count()
        panel.items.append(Item(_("Payslip questions waiting"), waiting, reverse("payroll:appeals")))
        to_publish = unpublished_closed_periods().order_by("-year", "-month")
        panel.items.append(Item(_("Closed periods to publish"), to_publish.count(), reverse("payroll:periods")))
        panel.rows = [
            Row(_("Publish the %(period)s payslips") % {"period": p}, "", reverse("payroll:period", args=[p.pk]))
            for p in to_publish[:EXPORT_PERIODS_SHOWN]
        ]
    if finance:
        closed = periods_with_totals().filter(status=PeriodStatus.CLOSED)
        panel.items.append(Item(_("Periods ready to export"), closed.count(), reverse("payroll:periods")))
        panel.rows += [
            Row(
                _("%(period)s payroll workbook") % {"period": p},
                _("%(count)s payslips · gross %(gross)s · net %(net)s")
                % {"count": p.n, "gross": yuan(p.total or Decimal("0.00")), "net": yuan(p.net or Decimal("0.00"))},
                reverse("payroll:export", args=[p.pk]),
                ((_("Bank payment file"), reverse("payroll:bank_file", args=[p.pk])),),
            )
            for p in closed[:EXPORT_PERIODS_SHOWN]
        ]
    return panel


def _commission_panel(user) -> Panel | None:
    """Finance and general managers: months of customer-service commission waiting for their approval."""
    if not has_role(user, Role.FINANCE, Role.GENERAL_MANAGER):
        return None
    return Panel(
        _("Commission"),
        [Item(_("Settled months waiting for your approval"), waiting_settlements(user), reverse("commission:home"))],
    )


def _receipts_panel(user) -> Panel | None:
    """A department manager: how their engineers received the latest published payslips."""
    if not has_role(user, Role.DEPT_MANAGER):
        return None
    publication = latest_publication()
    if publication is None:
        return None
    counts = receipt_counts(publication, user)
    url = reverse("payroll:delivery", args=[publication.period_id])
    return Panel(
        _("Payslips %(period)s") % {"period": publication.period},
        [
            Item(_("Published"), counts.published, url),
            Item(_("Read"), counts.read, f"{url}?state=read"),
            Item(_("Confirmed"), counts.confirmed, f"{url}?state=confirmed"),
            Item(_("Questioned"), counts.questioned, f"{url}?state=questioned"),
        ],
    )


def _service_panel(user) -> Panel | None:
    """Dispatchers: customer requests waiting for an engineer and those past a deadline (the SLA's breaches,
    which the supervisor answers for). An engineer: their open requests, when they have any."""
    url = reverse("servicedesk:list")
    if may_dispatch(user):
        requests = visible_requests(user)
        now = timezone.now()
        overdue = requests.filter(
            Q(state__in=(RequestState.LOGGED, RequestState.ASSIGNED), response_due__lt=now)
            | Q(state__in=OPEN_STATES, resolution_due__lt=now)
        )
        return Panel(
            _("Customer requests"),
            [
                Item(
                    _("Waiting for an engineer"),
                    requests.filter(state=RequestState.LOGGED).count(),
                    f"{url}?state=logged",
                ),
                Item(_("About to breach"), len(at_risk_ids(requests)), f"{url}?sla=at_risk"),
                Item(_("Open and past a deadline"), overdue.count(), f"{url}?sla=overdue"),
            ],
        )
    mine = visible_requests(user).filter(engineer__user=user, state__in=OPEN_STATES).count()
    if mine:
        return Panel(_("Customer requests"), [Item(_("Your open requests"), mine, reverse("servicedesk:my"))])
    return None


def _feedback_panel(user) -> Panel | None:
    """The supervision group's open suggestions; the author's answers not yet read (anonymous ones too: only the
    author sees this panel)."""
    waiting = open_for_group(user)
    rows = [
        Row(
            ANSWERED[f.category] % {"id": f.pk},
            f"{f.get_status_display()}: {f.answer}",
            reverse("feedback:detail", args=[f.pk]),
        )
        for f in unread_answers(user)[:10]
    ]
    if not waiting and not rows:
        return None
    panel = Panel(_("Suggestions and complaints"), rows=rows)
    if waiting is not None:
        panel.items.append(
            Item(_("Waiting for the group's answer"), waiting, reverse("feedback:list") + "?status=open")
        )
    return panel


def attention_for(user, today: date) -> list[Panel]:
    panels: list[Panel] = []
    if has_role(user, Role.HR_CLERK):
        panels.append(_hr_panel(user, today))
    panels += [
        p
        for p in (
            _payroll_panel(user),
            _service_panel(user),
            _approvals_panel(user),
            _commission_panel(user),
            _awards_panel(user),
            _period_bonus_panel(user),
            _receipts_panel(user),
            _feedback_panel(user),
            _training_panel(user, today),
        )
        if p
    ]
    if has_role(
        user,
        Role.QS_OFFICER,
        Role.SUPERVISOR,
        Role.CREW_LEADER,
        Role.DEPT_MANAGER,
        Role.GENERAL_MANAGER,
        Role.FINANCE,
        Role.HR_CLERK,
    ):
        panels.append(_month_orders_panel(user, today, _("Work orders")))
    if has_role(user, Role.DEPT_MANAGER, Role.GENERAL_MANAGER, Role.HR_CLERK):
        assessment = _assessment_panel(user, today)
        if assessment:
            panels.append(assessment)
    mine = _my_panel(user, today)
    if mine:
        panels.append(mine)
    return panels
