"""Training records (courses, sessions, who attended), and study rewards paid on passing a certification.

The certificate itself is the engineer's special skill (engineers.EngineerSkill: kind, level, number, issuer,
issue and expiry dates): one truth that the individual incentive's eligibility already reads. A study reward
keeps what it was paid for (kind, level, number, the day passed) as it was, since a renewal changes the skill row.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import CertificateLevel, Skill


class CourseCategory(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional skill")
    SOFT_SKILL = "soft_skill", _("Soft skill")


class Course(models.Model):
    """A course: professional skill (an installation technique, a certificate's preparation) or soft skill
    (communication, teamwork, time management)."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=CourseCategory.choices)
    skill = models.CharField(
        _("prepares for the certificate"),
        max_length=30,
        choices=Skill.choices,
        blank=True,
        help_text=_("The special-skill certificate this course prepares for, if any."),
    )
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("offered"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self):
        return f"{self.code} {self.name}"


class TrainingSession(models.Model):
    """One run of a course: when (first and last day), who teaches, where, how many hours in all."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions")
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    trainer = models.CharField(_("trainer"), max_length=100)
    place = models.CharField(_("place"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="session_ends_after_start"),
            models.CheckConstraint(condition=Q(hours__gt=0), name="session_hours_positive"),
        ]

    def __str__(self):
        return f"{self.course.name} {self.starts_on}"

    def get_absolute_url(self):
        return reverse("training:session", args=[self.pk])

    @property
    def days(self) -> int:
        """Calendar days from the first to the last day, both included: the most paid training days it can carry."""
        return (self.ends_on - self.starts_on).days + 1


class AttendanceStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


class SessionAttendance(models.Model):
    """An engineer at a session: enrolled, attended or absent; the paid-training request (带薪培训, a bonus
    request of kind "training") that pays the days they spent there, if one was made."""

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendance"
    )
    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="training_attendance"
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.ENROLLED
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    paid_training = models.OneToOneField(
        "workorders.BonusRequest",
        verbose_name=_("paid training request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_attendance",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "engineer__employee_no"]
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "engineer"], name="attendance_once_per_session"),
        ]

    def __str__(self):
        return f"{self.engineer} @ {self.session}"


class RewardStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class StudyReward(models.Model):
    """学习奖励 for passing a certification: recorded by HR with the certificate, approved by the engineer's
    department manager or a general manager (never whoever recorded it, never the engineer), then a payable
    item in the open period of the approval day. One live reward per engineer × skill × level."""

    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="study_rewards"
    )
    certificate = models.ForeignKey(
        "engineers.EngineerSkill",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="study_rewards",
    )
    skill = models.CharField(_("certificate kind"), max_length=30, choices=Skill.choices)
    level = models.CharField(_("certificate level"), max_length=20, choices=CertificateLevel.choices)
    certificate_no = models.CharField(_("certificate no."), max_length=50)
    passed_on = models.DateField(_("passed on"))
    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("training session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="study_rewards",
    )
    status = models.CharField(_("status"), max_length=20, choices=RewardStatus.choices, default=RewardStatus.WAITING)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    trace = models.JSONField(_("trace"), default=dict)
    policy_version = models.CharField(_("policy version"), max_length=50)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    payable_item = models.OneToOneField(
        "ledger.PayableItem",
        verbose_name=_("payable item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("study reward")
        verbose_name_plural = _("study rewards")
        constraints = [
            models.UniqueConstraint(
                fields=["engineer", "skill", "level"],
                condition=~Q(status="rejected"),
                name="one_live_study_reward_per_skill_level",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="study_reward_positive"),
        ]

    def __str__(self):
        return f"{self.engineer} {self.get_skill_display()} {self.get_level_display()}"

    def get_absolute_url(self):
        return reverse("training:reward", args=[self.pk])

    @property
    def source(self) -> str:
        return f"study_reward:{self.pk}"
