"""Writes of training records, certificates and study rewards: keyword-only, the acting user, one transaction.

HR records courses, sessions, attendance and certificates; HR or a supervisor links a paid-training request to
the session it paid for. Recording a passed certification writes the engineer's special skill (the one record
the individual incentive's eligibility reads) and proposes the study reward from the document in force on the
day it was passed; the engineer's department manager or a general manager approves it (four-eyes), which puts
a payable item with its trace into the open period of the approval day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.roles import Role, has_role
from engineers.models import Engineer, EngineerSkill, EngineerStatus
from incentives.rules.study import study_reward
from ledger.models import ItemKind
from ledger.services import open_period_for, payable_items_add
from workorders.models import DEAD_STATUSES, BonusKind, BonusRequest

from .errors import TrainingErrorCode
from .models import AttendanceStatus, Course, RewardStatus, SessionAttendance, StudyReward, TrainingSession
from .selectors import reward_refusal, study_policy_in_force


def _require_hr(user) -> None:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(TrainingErrorCode.ROLE, _("Only an HR clerk keeps training records."))


@transaction.atomic
def course_save(*, user, course: Course | None = None, **fields) -> Course:
    """Create a course, or change one (HR)."""
    _require_hr(user)
    course = course or Course()
    for name, value in fields.items():
        setattr(course, name, value)
    course.full_clean()
    course._history_user = user
    course.save()
    return course


@transaction.atomic
def session_create(
    *, user, course: Course, starts_on: date, ends_on: date | None, hours: Decimal, trainer: str, place: str
) -> TrainingSession:
    """A run of a course (HR): first and last day (one day when no last day), hours, trainer, place."""
    _require_hr(user)
    ends_on = ends_on or starts_on
    if ends_on < starts_on:
        raise DomainError(
            TrainingErrorCode.SESSION_DATES, _("The last day cannot be before the first."), field="ends_on"
        )
    session = TrainingSession(
        course=course, starts_on=starts_on, ends_on=ends_on, hours=hours, trainer=trainer, place=place, created_by=user
    )
    session.full_clean()
    session._history_user = user
    session.save()
    return session


@transaction.atomic
def attendance_set(
    *, user, session: TrainingSession, engineer: Engineer, status: str = AttendanceStatus.ENROLLED, note: str = ""
) -> SessionAttendance:
    """Put an engineer on a session or mark them attended or absent (HR). A row whose paid-training request is
    linked stays attended: unlink the request first."""
    _require_hr(user)
    row = SessionAttendance.objects.select_for_update().filter(session=session, engineer=engineer).first()
    if row is None:
        if engineer.status != EngineerStatus.ACTIVE:
            raise DomainError(
                TrainingErrorCode.ENGINEER_LEFT, _("%(name)s has left.") % {"name": engineer.name}, field="engineer"
            )
        row = SessionAttendance(session=session, engineer=engineer)
    if row.paid_training_id and status != AttendanceStatus.ATTENDED:
        raise DomainError(
            TrainingErrorCode.PAID_TRAINING_LINKED,
            _("A paid-training request is linked to this attendance: unlink it before marking it otherwise."),
            field="status",
        )
    row.status, row.note = status, note
    row._history_user = user
    row.save()
    return row


@transaction.atomic
def paid_training_link(*, user, attendance: SessionAttendance, request: BonusRequest | None) -> SessionAttendance:
    """Link the paid-training request (带薪培训) that pays the days an engineer spent at a session, or unlink it
    (request None). HR or a supervisor. The request is the engineer's, of kind paid training, not rejected or
    withdrawn, for at most the session's days, and the engineer attended."""
    if not has_role(user, Role.HR_CLERK, Role.SUPERVISOR):
        raise PermissionDeniedError(
            TrainingErrorCode.ROLE, _("Only an HR clerk or a supervisor links paid training to a session.")
        )
    attendance = SessionAttendance.objects.select_for_update().select_related("session").get(pk=attendance.pk)
    if request is not None:
        request = BonusRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if request.kind != BonusKind.TRAINING:
            raise DomainError(
                TrainingErrorCode.PAID_TRAINING_KIND, _("That request is not paid training."), field="request"
            )
        if request.engineer_id != attendance.engineer_id:
            raise DomainError(
                TrainingErrorCode.PAID_TRAINING_ENGINEER,
                _("That paid-training request pays someone else."),
                field="request",
            )
        if request.status in DEAD_STATUSES:
            raise DomainError(
                TrainingErrorCode.PAID_TRAINING_DEAD,
                _("That request was %(status)s.") % {"status": request.get_status_display()},
                field="request",
            )
        if attendance.status != AttendanceStatus.ATTENDED:
            raise DomainError(
                TrainingErrorCode.NOT_ATTENDED,
                _("Mark the engineer as attended before linking paid training."),
                field="request",
            )
        if request.training_days > attendance.session.days:
            raise DomainError(
                TrainingErrorCode.PAID_TRAINING_DAYS,
                _("The request pays %(days)s days; the session lasted %(session)s.")
                % {"days": f"{request.training_days.normalize():f}", "session": attendance.session.days},
                field="request",
            )
        other = SessionAttendance.objects.filter(paid_training=request).exclude(pk=attendance.pk).first()
        if other is not None:
            raise ConflictError(
                TrainingErrorCode.PAID_TRAINING_LINKED,
                _("That request is already linked to %(session)s.") % {"session": other.session},
                field="request",
            )
    attendance.paid_training = request
    attendance._history_user = user
    attendance.save(update_fields=["paid_training"])
    return attendance


@dataclass(frozen=True)
class Recorded:
    certificate: EngineerSkill
    reward: StudyReward | None


@transaction.atomic
def certificate_record(
    *,
    user,
    engineer: Engineer,
    skill: str,
    level: str,
    certificate_no: str,
    issuer: str,
    issued_on: date,
    expires_on: date | None,
    session: TrainingSession | None = None,
    reward: bool = True,
) -> Recorded:
    """Record (or renew) an engineer's certificate of a special skill (HR): it becomes, or replaces, the
    engineer's special skill of that kind, so eligibility counts it until it expires. With `reward` the pass
    is also proposed for a study reward (the standard of the version in force on the issue day), once per
    engineer × skill × level, waiting for the department manager or a general manager."""
    _require_hr(user)
    today = timezone.localdate()
    if issued_on > today:
        raise DomainError(
            TrainingErrorCode.CERTIFICATE_DATES, _("A certificate cannot be issued in the future."), field="issued_on"
        )
    if expires_on is not None and expires_on < issued_on:
        raise DomainError(
            TrainingErrorCode.CERTIFICATE_DATES, _("It cannot expire before it was issued."), field="expires_on"
        )
    engineer = Engineer.objects.select_for_update().get(pk=engineer.pk)
    if engineer.status != EngineerStatus.ACTIVE:
        raise DomainError(TrainingErrorCode.ENGINEER_LEFT, _("%(name)s has left.") % {"name": engineer.name})
    if (
        session is not None
        and not SessionAttendance.objects.filter(
            session=session, engineer=engineer, status=AttendanceStatus.ATTENDED
        ).exists()
    ):
        raise DomainError(
            TrainingErrorCode.NOT_ATTENDED,
            _("%(name)s did not attend that session.") % {"name": engineer.name},
            field="session",
        )
    traced = None
    if reward:
        if expires_on is not None and expires_on < today:
            raise DomainError(
                TrainingErrorCode.CERTIFICATE_EXPIRED,
                _("An expired certificate earns no study reward: untick the reward to record it."),
                field="expires_on",
            )
        if (
            StudyReward.objects.filter(engineer=engineer, skill=skill, level=level)
            .exclude(status=RewardStatus.REJECTED)
            .exists()
        ):
            raise ConflictError(
                TrainingErrorCode.REWARD_ALREADY,
                _("%(name)s already has a study reward for this certificate and level: untick the reward.")
                % {"name": engineer.name},
                field="level",
            )
        traced = study_reward(skill=skill, level=level, policy=study_policy_in_force(issued_on))
        if traced.amount <= 0:
            raise DomainError(
                TrainingErrorCode.REWARD_NONE,
                _("The study-reward document pays nothing for this certificate: untick the reward."),
                field="level",
            )
    certificate = EngineerSkill.objects.select_for_update().filter(engineer=engineer, skill=skill).first()
    certificate = certificate or EngineerSkill(engineer=engineer, skill=skill)
    certificate.level, certificate.certificate_no, certificate.issuer = level, certificate_no, issuer
    certificate.issued_on, certificate.expires_on = issued_on, expires_on
    certificate.full_clean(exclude=["engineer"])
    certificate._history_user = user
    certificate.save()
    created = None
    if traced is not None:
        created = StudyReward(
            engineer=engineer,
            certificate=certificate,
            skill=skill,
            level=level,
            certificate_no=certificate_no,
            passed_on=issued_on,
            session=session,
            amount=traced.amount,
            trace=traced.as_dict(),
            policy_version=traced.policy_version,
            recorded_by=user,
        )
        created._history_user = user
        created.save()
    return Recorded(certificate, created)


def _description(reward: StudyReward) -> str:
    """The payslip line's words (payslips print in Chinese, as the close's own descriptions)."""
    with translation.override("zh-hans"):
        return _("Study reward: %(skill)s · %(level)s (certificate %(no)s)") % {
            "skill": reward.get_skill_display(),
            "level": reward.get_level_display(),
            "no": reward.certificate_no,
        }


@transaction.atomic
def study_reward_decide(*, user, reward: StudyReward, action: str, reason: str = "") -> StudyReward:
    """Approve or reject a waiting study reward (the engineer's department manager or a general manager; never
    whoever recorded the pass, never the engineer). Approval pays it: a payable item in the open period of
    today, with the trace of the standard in force on the day the certification was passed."""
    if action not in ("approve", "reject"):
        raise DomainError(TrainingErrorCode.REWARD_APPROVER, _("Unknown action."), field="action")
    # The reward's row first, then the period (ledger's lock order: the request, then periods).
    reward = StudyReward.objects.select_for_update().get(pk=reward.pk)
    if reward.status != RewardStatus.WAITING:
        raise ConflictError(
            TrainingErrorCode.REWARD_DECIDED,
            _("This study reward is already %(status)s: nothing more happens (and nothing is paid twice).")
            % {"status": reward.get_status_display()},
        )
    why_not = reward_refusal(user, reward)
    if why_not:
        raise PermissionDeniedError(why_not.code, why_not.message)
    reward.decided_by, reward.decided_at, reward.reason = user, timezone.now(), reason.strip()[:200]
    if action == "reject":
        if not reward.reason:
            raise DomainError(
                TrainingErrorCode.REASON_REQUIRED, _("Say why: HR and the engineer read it."), field="reason"
            )
        reward.status = RewardStatus.REJECTED
    else:
        traced = study_reward(skill=reward.skill, level=reward.level, policy=study_policy_in_force(reward.passed_on))
        if traced.amount <= 0:
            raise DomainError(
                TrainingErrorCode.REWARD_NONE, _("The study-reward document in force pays nothing for it.")
            )
        period = open_period_for(timezone.localdate())
        (item,) = payable_items_add(
            user=user,
            period=period,
            kind=ItemKind.STUDY_REWARD,
            source=reward.source,
            traced_by_engineer=[(reward.engineer_id, traced)],
            reason=_description(reward),
        )
        reward.status, reward.amount, reward.payable_item = RewardStatus.APPROVED, traced.amount, item
        reward.trace, reward.policy_version = traced.as_dict(), traced.policy_version
    reward._history_user = user
    reward.save()
    return reward
