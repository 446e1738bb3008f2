"""Technical grade campaigns: evidence from work orders, opinions, panel, notice, appeals, close."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from appraisal.errors import GradeErrorCode
from appraisal.models import AppealOutcome, CampaignStatus, GradeApplication, GradeCampaign, PanelDecision
from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import Engineer
from incentives.errors import IncentiveError
from incentives.money import round_half_up
from incentives.rules.grades import GradeFacts, grade_eligibility
from policies.selectors import policy_in_force
from workorders.models import Participant

from .selectors import reviews_application

REASON_LABELS = {
    "site_services": gettext_lazy("not enough site services"),
    "large_projects": gettext_lazy("not enough large projects"),
    "tenure": gettext_lazy("not long enough in service"),
    "csat": gettext_lazy("customer satisfaction below the threshold"),
    "documents": gettext_lazy("no technical documents accepted"),
    "key_accounts": gettext_lazy("no key-account support or hard problems shown"),
}
PANEL = (Role.GENERAL_MANAGER, Role.DEPT_MANAGER)
APPEAL_DAYS = 7


def tenure_months(hire: date, on: date) -> int:
    months = (on.year - hire.year) * 12 + on.month - hire.month
    return months - (1 if on.day < hire.day else 0)


def grade_facts(engineer: Engineer, *, on: date, has_documents: bool, has_key_accounts: bool) -> GradeFacts:
    """Career counts and CSAT from the work orders the engineer completed up to `on`."""
    stats = Participant.objects.filter(engineer=engineer, work_order__completed_on__lte=on).aggregate(
        services=Count("id"),
        large=Count("id", filter=Q(work_order__is_special=True)),
        csat_sum=Sum("work_order__csat_score"),
        csat_n=Count("work_order__csat_score"),
    )
    # The exact mean of whole CSAT scores, rounded once half-up (a database AVG is a float).
    csat = round_half_up(Fraction(stats["csat_sum"], stats["csat_n"])) if stats["csat_n"] else None
    return GradeFacts(
        site_services=stats["services"],
        large_projects=stats["large"],
        tenure_months=tenure_months(engineer.hire_date, on),
        csat_average=csat,
        has_documents=has_documents,
        has_key_accounts=has_key_accounts,
    )


def _evaluate(application: GradeApplication, on: date) -> None:
    facts = grade_facts(
        application.engineer,
        on=on,
        has_documents=application.has_documents,
        has_key_accounts=application.has_key_accounts,
    )
    try:
        check = grade_eligibility(facts=facts, grade=application.target_grade, policy=policy_in_force(on))
    except IncentiveError as exc:
        raise DomainError(exc.code, _("This grade is not in the policy in force."), field="target_grade") from exc
    application.eligible, application.reasons, application.evidence = (
        check.eligible,
        list(check.reasons),
        check.evidence,
    )


def reason_labels(application: GradeApplication) -> list[str]:
    return [str(REASON_LABELS.get(r, r)) for r in application.reasons]


@transaction.atomic
def campaign_open(*, user, year: int, half: int, name: str) -> GradeCampaign:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(GradeErrorCode.HR_ONLY, _("Only an HR clerk opens a grade campaign."))
    if GradeCampaign.objects.filter(year=year, half=half).exists():
        raise DomainError(GradeErrorCode.EXISTS, _("There is already a campaign for this half year."), field="half")
    campaign = GradeCampaign(year=year, half=half, name=name, created_by=user)
    campaign._history_user = user
    campaign.save()
    return campaign


@transaction.atomic
def application_submit(
    *, user, campaign: GradeCampaign, target_grade: str, self_assessment: str, engineer: Engineer | None = None
) -> GradeApplication:
    """An engineer applies with a self-assessment (HR may file it for them); evidence is computed."""
    engineer = engineer if engineer is not None and has_role(user, Role.HR_CLERK) else getattr(user, "engineer", None)
    if engineer is None:
        raise PermissionDeniedError(GradeErrorCode.NO_ENGINEER, _("Your login is not linked to an engineer record."))
    if campaign.status != CampaignStatus.OPEN:
        raise DomainError(GradeErrorCode.CLOSED, _("This campaign no longer takes applications."))
    if not self_assessment.strip():
        raise DomainError(GradeErrorCode.SELF_ASSESSMENT, _("Write the self-assessment."), field="self_assessment")
    application, _created = GradeApplication.objects.get_or_create(
        campaign=campaign,
        engineer=engineer,
        defaults={"target_grade": target_grade, "self_assessment": self_assessment},
    )
    application.target_grade, application.self_assessment = target_grade, self_assessment
    _evaluate(application, timezone.localdate())
    application._history_user = user
    application.save()
    return application


@transaction.atomic
def supervisor_opinion(
    *, user, application: GradeApplication, opinion: str, has_documents: bool, has_key_accounts: bool
) -> GradeApplication:
    if not has_role(user, Role.SUPERVISOR):
        raise PermissionDeniedError(
            GradeErrorCode.SUPERVISOR_ONLY, _("Only an engineering supervisor gives this opinion.")
        )
    if application.engineer.user_id == user.pk:
        raise PermissionDeniedError(GradeErrorCode.OWN, _("Four-eyes: not on your own application."))
    if application.campaign.status != CampaignStatus.OPEN:
        raise DomainError(GradeErrorCode.CLOSED, _("This campaign is past the opinion stage."))
    application.supervisor_opinion, application.supervisor = opinion, user
    application.has_documents, application.has_key_accounts = has_documents, has_key_accounts
    _evaluate(application, timezone.localdate())
    application._history_user = user
    application.save()
    return application


def _panel_check(user, application: GradeApplication) -> None:
    if not has_role(user, *PANEL):
        raise PermissionDeniedError(
            GradeErrorCode.PANEL_ONLY, _("Only the review panel decides (general manager, department managers).")
        )
    if application.engineer.user_id == user.pk:
        raise PermissionDeniedError(GradeErrorCode.OWN, _("Four-eyes: not on your own application."))
    if not reviews_application(user, application):
        raise PermissionDeniedError(
            GradeErrorCode.OTHER_DEPARTMENT,
            _("A department manager decides only on the engineers of the departments they manage."),
        )


@transaction.atomic
def panel_decide(*, user, application: GradeApplication, approve: bool, note: str = "") -> GradeApplication:
    _panel_check(user, application)
    if application.campaign.status != CampaignStatus.OPEN:
        raise DomainError(GradeErrorCode.CLOSED, _("Decisions are made before the public notice."))
    if approve and not application.eligible:
        raise DomainError(
            GradeErrorCode.NOT_ELIGIBLE,
            _("Not eligible, so it cannot be approved: %(why)s.") % {"why": "、".join(reason_labels(application))},
        )
    if not approve and not note.strip():
        raise DomainError(GradeErrorCode.REASON_REQUIRED, _("Say why it is rejected."), field="note")
    application.decision = PanelDecision.APPROVED if approve else PanelDecision.REJECTED
    application.panel_note, application.decided_by = note, user
    application._history_user = user
    application.save()
    return application


@transaction.atomic
def campaign_publish(*, user, campaign: GradeCampaign, appeal_days: int = APPEAL_DAYS) -> GradeCampaign:
    """The public notice: results listed, appeals open until the deadline."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(GradeErrorCode.HR_ONLY, _("Only an HR clerk publishes the notice."))
    undecided = campaign.applications.filter(decision=PanelDecision.PENDING).count()
    if undecided:
        raise DomainError(
            GradeErrorCode.UNDECIDED, _("%(n)d applications still wait for the panel.") % {"n": undecided}
        )
    campaign.status, campaign.notice_until = CampaignStatus.NOTICE, timezone.localdate() + timedelta(days=appeal_days)
    campaign._history_user = user
    campaign.save()
    return campaign


@transaction.atomic
def appeal_file(*, user, application: GradeApplication, text: str) -> GradeApplication:
    if application.engineer.user_id != user.pk:
        raise PermissionDeniedError(GradeErrorCode.NOT_YOURS, _("You can only appeal your own result."))
    campaign = application.campaign
    if campaign.status != CampaignStatus.NOTICE or timezone.localdate() > campaign.notice_until:
        raise DomainError(GradeErrorCode.APPEAL_WINDOW, _("The appeal window is closed."))
    if not text.strip():
        raise DomainError(GradeErrorCode.APPEAL_TEXT, _("Say what you appeal against."), field="appeal")
    application.appeal, application.appeal_outcome = text, AppealOutcome.PENDING
    application._history_user = user
    application.save()
    return application


@transaction.atomic
def appeal_decide(*, user, application: GradeApplication, uphold: bool, note: str) -> GradeApplication:
    _panel_check(user, application)
    if application.appeal_outcome != AppealOutcome.PENDING:
        raise DomainError(GradeErrorCode.NO_APPEAL, _("There is no pending appeal."))
    if not note.strip():
        raise DomainError(GradeErrorCode.REASON_REQUIRED, _("Say why."), field="note")
    if uphold:
        _evaluate(application, timezone.localdate())
        if not application.eligible:
            raise DomainError(
                GradeErrorCode.NOT_ELIGIBLE,
                _("Not eligible, so the appeal cannot be upheld: %(why)s.")
                % {"why": "、".join(reason_labels(application))},
            )
        application.decision = PanelDecision.APPROVED
    application.appeal_outcome = AppealOutcome.UPHELD if uphold else AppealOutcome.DISMISSED
    application.appeal_note = note
    application._history_user = user
    application.save()
    return application


@transaction.atomic
def campaign_close(*, user, campaign: GradeCampaign) -> int:
    """After the appeal window: approved grades take effect, recorded in each engineer's history."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(GradeErrorCode.HR_ONLY, _("Only an HR clerk closes the campaign."))
    if campaign.status != CampaignStatus.NOTICE or timezone.localdate() <= campaign.notice_until:
        raise DomainError(GradeErrorCode.TOO_EARLY, _("The campaign closes after the appeal window."))
    if campaign.applications.filter(appeal_outcome=AppealOutcome.PENDING).exists():
        raise DomainError(GradeErrorCode.APPEALS_PENDING, _("Decide the pending appeals first."))
    changed = 0
    for application in campaign.applications.filter(decision=PanelDecision.APPROVED).select_related("engineer"):
        engineer = application.engineer
        engineer.technical_grade = application.target_grade
        engineer._history_user = user
        engineer._change_reason = f"{campaign.name}: {application.get_target_grade_display()}"
        engineer.save(update_fields=["technical_grade"])
        changed += 1
    campaign.status = CampaignStatus.CLOSED
    campaign._history_user = user
    campaign.save()
    return changed
