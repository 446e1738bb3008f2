"""FS-MS-KF-13 workflows: site inspections, the crew's self-assessment, bonus requests."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from engineers.models import Engineer

from .jobs import WorkOrder

SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class InspectorRole(models.TextChoices):
    QS_OFFICER = "qs_officer", _("QS officer")
    SUPERVISOR = "supervisor", _("Engineering supervisor")
    QC_INSPECTOR = "qc_inspector", _("Related unit's QC inspector")


class SiteInspection(models.Model):
    """One inspector's on-site scores (工程施工安全/质量检查记录)."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="inspections")
    inspector_role = models.CharField(_("inspector"), max_length=20, choices=InspectorRole.choices)
    inspector_name = models.CharField(_("inspector name"), max_length=50)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    inspected_on = models.DateField(_("inspected on"))
    safety = models.DecimalField(_("safety"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)
    quality = models.DecimalField(_("quality"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)
    communication = models.DecimalField(
        _("communication & cooperation"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS
    )
    rules = models.DecimalField(_("rule-keeping"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["work_order", "inspector_role"]
        verbose_name = _("site inspection")
        verbose_name_plural = _("site inspections")
        constraints = [
            models.UniqueConstraint(fields=["work_order", "inspector_role"], name="one_inspection_per_role"),
            *(
                models.CheckConstraint(condition=Q(**{f"{f}__gte": 0, f"{f}__lte": 100}), name=f"inspection_{f}_0_100")
                for f in ("safety", "quality", "communication", "rules")
            ),
        ]

    def __str__(self):
        return f"{self.work_order} {self.get_inspector_role_display()}"

    def scores(self) -> dict[str, Decimal]:
        return {
            "safety": self.safety,
            "quality": self.quality,
            "communication": self.communication,
            "rules": self.rules,
        }


class CrewSelfAssessment(models.Model):
    """The crew leader's quality self-assessment and distribution plan (percentages, no amounts)."""

    work_order = models.OneToOneField(WorkOrder, on_delete=models.CASCADE, related_name="self_assessment")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    quality_assessment = models.TextField(_("quality self-assessment"))
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality self-assessment")
        verbose_name_plural = _("quality self-assessments")

    def __str__(self):
        return f"{self.work_order} 自评"


class DistributionLine(models.Model):
    self_assessment = models.ForeignKey(CrewSelfAssessment, on_delete=models.CASCADE, related_name="lines")
    engineer = models.ForeignKey(Engineer, verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="+")
    # Percent of a normal share; the policy in force caps it (crew.max_member_pct, 200 in A/2),
    # the column only bounds what any policy may allow.
    pct = models.DecimalField(
        _("personal %"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1000"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["self_assessment", "engineer__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["self_assessment", "engineer"], name="distribution_once_per_engineer"),
            models.CheckConstraint(condition=Q(pct__gte=0, pct__lte=1000), name="distribution_pct_0_1000"),
        ]

    def __str__(self):
        return f"{self.engineer} {self.pct}%"


class BonusKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual incentive")
    TRAINING = "training", _("Paid training")
    CREW = "crew", _("Crew incentive")


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# A rejected or withdrawn request is over; any other state may still end in money.
DEAD_STATUSES = (RequestStatus.REJECTED.value, RequestStatus.WITHDRAWN.value)


class BonusRequest(models.Model):
    """An individual, paid-training or crew incentive request on a special/key work order.

    At most one live request per work order × kind × engineer (crew: per work order), so one
    piece of work is never paid twice by two approvals."""

    kind = models.CharField(_("kind"), max_length=20, choices=BonusKind.choices)
    work_order = models.ForeignKey(
        WorkOrder, verbose_name=_("work order"), on_delete=models.PROTECT, related_name="bonus_requests"
    )
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rate = models.DecimalField(_("incentive rate"), max_digits=5, decimal_places=4, null=True, blank=True)
    rated_excellent = models.BooleanField(_("rated excellent by the supervisor"), default=False)
    training_days = models.DecimalField(_("training days"), max_digits=4, decimal_places=1, null=True, blank=True)
    ratio = models.DecimalField(_("crew ratio"), max_digits=5, decimal_places=4, null=True, blank=True)
    assessment_note = models.TextField(_("assessment"), blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True, help_text=_("Total paid on approval")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("bonus request")
        verbose_name_plural = _("bonus requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="individual") | Q(engineer__isnull=False, rate__isnull=False),
                name="individual_request_has_engineer_and_rate",
            ),
            models.CheckConstraint(
                condition=~Q(kind="training") | Q(engineer__isnull=False, training_days__isnull=False),
                name="training_request_has_engineer_and_days",
            ),
            # The engineer is NULL on crew requests and NULLs never collide, hence two constraints.
            models.UniqueConstraint(
                fields=["work_order", "kind", "engineer"],
                condition=Q(engineer__isnull=False) & ~Q(status__in=DEAD_STATUSES),
                name="one_live_request_per_order_kind_engineer",
            ),
            models.UniqueConstraint(
                fields=["work_order", "kind"],
                condition=Q(kind="crew") & ~Q(status__in=DEAD_STATUSES),
                name="one_live_crew_request_per_order",
            ),
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("bonus:detail", args=[self.pk])


class RequestTransition(models.Model):
    """Who moved a request from which state to which, when and why: the timeline."""

    request = models.ForeignKey(BonusRequest, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["request", "at", "id"]
        verbose_name = _("request transition")
        verbose_name_plural = _("request transitions")

    def __str__(self):
        return f"{self.request_id}: {self.from_status} → {self.to_status}"
