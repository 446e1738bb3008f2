"""Scoped reads of training records, certificates and study rewards; who may decide a reward and why not.

Sessions and courses are company knowledge: company-wide readers and department managers see every session;
an engineer sees the sessions they are on. Certificates follow the engineers a user may see; study rewards are
pay (pay_scope: the engineer, their department's manager, HR, finance, general managers)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.roles import Role, has_role, reads_company_wide, roles_of
from engineers.models import EngineerSkill, EngineerStatus
from engineers.selectors import pay_scope, visible_engineers
from incentives.study_policy import STUDY_DOCUMENT, StudyPolicy
from policies.selectors import policy_version_in_force
from workorders.models import DEAD_STATUSES, BonusKind, BonusRequest

from .errors import TrainingErrorCode
from .models import Course, RewardStatus, SessionAttendance, StudyReward, TrainingSession


def study_policy_in_force(day: date) -> StudyPolicy:
    """The study-reward document in force on `day` (raises PolicyError when none is)."""
    return StudyPolicy.from_dict(policy_version_in_force(day, document_no=STUDY_DOCUMENT).parameters)


def reads_all_sessions(user) -> bool:
    return reads_company_wide(user) or Role.DEPT_MANAGER in roles_of(user)


def visible_courses(user) -> QuerySet[Course]:
    return Course.objects.all() if user.is_authenticated else Course.objects.none()


def visible_sessions(user) -> QuerySet[TrainingSession]:
    qs = (
        TrainingSession.objects.select_related("course")
        .annotate(
            enrolled=Count("attendance", distinct=True),
            attended=Count("attendance", filter=Q(attendance__status="attended"), distinct=True),
        )
        .order_by("-starts_on", "-id")
    )
    if not user.is_authenticated:
        return qs.none()
    if reads_all_sessions(user):
        return qs
    return qs.filter(pk__in=SessionAttendance.objects.filter(engineer__user=user).values("session_id"))


def session_for(user, pk: int) -> TrainingSession:
    return get_object_or_404(visible_sessions(user), pk=pk)


def session_attendance(user, session: TrainingSession) -> QuerySet[SessionAttendance]:
    """Everyone on the session for readers of all sessions; only their own row for an engineer."""
    qs = session.attendance.select_related("engineer__department", "paid_training__work_order")
    if reads_all_sessions(user):
        return qs
    return qs.filter(engineer__user=user)


def attendance_for(user, pk: int) -> SessionAttendance:
    qs = SessionAttendance.objects.select_related("session", "engineer")
    if not reads_all_sessions(user):
        qs = qs.filter(engineer__user=user)
    return get_object_or_404(qs, pk=pk)


def visible_certificates(user) -> QuerySet[EngineerSkill]:
    return EngineerSkill.objects.filter(engineer__in=visible_engineers(user)).select_related("engineer__department")


def expiring_certificates(user, today: date, policy: StudyPolicy) -> QuerySet[EngineerSkill]:
    """Certificates of active engineers still valid today whose last valid day is at most the document's
    warning days away (incentives.rules.study.standing's "expiring"), soonest first."""
    return (
        visible_certificates(user)
        .filter(
            engineer__status=EngineerStatus.ACTIVE,
            issued_on__lte=today,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=policy.expiry_warning_days),
        )
        .order_by("expires_on", "engineer__employee_no")
    )


def visible_rewards(user) -> QuerySet[StudyReward]:
    qs = StudyReward.objects.select_related("engineer__department", "recorded_by", "decided_by", "session__course")
    if not user.is_authenticated:
        return qs.none()
    scope = pay_scope(user, "engineer__")
    return qs if scope is None else qs.filter(scope)


def reward_for(user, pk: int) -> StudyReward:
    return get_object_or_404(visible_rewards(user), pk=pk)


class Refusal(NamedTuple):
    code: str
    message: str


def reward_refusal(user, reward: StudyReward) -> Refusal | None:
    """Why `user` may not approve or reject the reward now, or None when they may: the engineer's department
    manager or a general manager, never whoever recorded it, never the engineer it pays."""
    if reward.status != RewardStatus.WAITING:
        return Refusal(
            TrainingErrorCode.REWARD_DECIDED,
            _("This study reward is already %(status)s.") % {"status": reward.get_status_display()},
        )
    manages = Role.DEPT_MANAGER in roles_of(user) and reward.engineer.department.manager_id == user.pk
    if not (manages or has_role(user, Role.GENERAL_MANAGER)):
        return Refusal(
            TrainingErrorCode.REWARD_APPROVER,
            _("Only the manager of %(dept)s or a general manager decides a study reward.")
            % {"dept": reward.engineer.department.name},
        )
    if user.pk == reward.recorded_by_id:
        return Refusal(
            TrainingErrorCode.REWARD_OWN, _("Four-eyes: you recorded this pass, someone else must decide its reward.")
        )
    if reward.engineer.user_id == user.pk:
        return Refusal(TrainingErrorCode.REWARD_OWN, _("Four-eyes: this reward pays you, someone else must decide it."))
    return None


def rewards_waiting_for(user) -> QuerySet[StudyReward]:
    """Waiting rewards this user may decide (the home's count and the list's default filter)."""
    qs = visible_rewards(user).filter(status=RewardStatus.WAITING)
    qs = qs.exclude(recorded_by=user).exclude(engineer__user=user)
    if has_role(user, Role.GENERAL_MANAGER):
        return qs
    if Role.DEPT_MANAGER in roles_of(user):
        return qs.filter(engineer__department__manager=user)
    return qs.none()


def linkable_paid_training(attendance: SessionAttendance):
    """The engineer's live paid-training requests not yet linked to a session (the link form's choices)."""
    return (
        BonusRequest.objects.filter(kind=BonusKind.TRAINING, engineer=attendance.engineer)
        .exclude(status__in=DEAD_STATUSES)
        .filter(training_attendance__isnull=True)
        .select_related("work_order")
        .order_by("-created_at")
    )
