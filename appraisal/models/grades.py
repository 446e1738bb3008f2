"""Technical grade campaigns (seed 003): twice a year, evidence from work orders,
self-assessment → supervisor → review panel → public notice (公示) with appeals."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from engineers.models import Engineer, TechnicalGrade


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Open for applications")
    NOTICE = "notice", _("Public notice")
    CLOSED = "closed", _("Closed")


class GradeCampaign(models.Model):
    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    half = models.PositiveSmallIntegerField(_("half year"), choices=[(1, _("first half")), (2, _("second half"))])
    status = models.CharField(_("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    notice_until = models.DateField(_("appeals until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-half"]
        verbose_name = _("grade campaign")
        verbose_name_plural = _("grade campaigns")
        constraints = [models.UniqueConstraint(fields=["year", "half"], name="one_grade_campaign_per_half")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("kpi:campaign", args=[self.pk])


class PanelDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AppealOutcome(models.TextChoices):
    NONE = "", _("No appeal")
    PENDING = "pending", _("Appeal pending")
    UPHELD = "upheld", _("Appeal upheld")
    DISMISSED = "dismissed", _("Appeal dismissed")


class GradeApplication(models.Model):
    campaign = models.ForeignKey(GradeCampaign, on_delete=models.CASCADE, related_name="applications")
    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="grade_applications"
    )
    target_grade = models.CharField(
        _("grade applied for"), max_length=20, choices=[c for c in TechnicalGrade.choices if c[0]]
    )
    evidence = models.JSONField(_("evidence"), default=dict)
    eligible = models.BooleanField(_("meets the requirements"), default=False)
    reasons = models.JSONField(_("unmet requirements"), default=list)
    has_documents = models.BooleanField(_("technical documents accepted"), default=False)
    has_key_accounts = models.BooleanField(_("key-account support and hard problems shown"), default=False)
    self_assessment = models.TextField(_("self-assessment"))
    supervisor_opinion = models.TextField(_("supervisor's opinion"), blank=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.CharField(
        _("panel decision"), max_length=10, choices=PanelDecision.choices, default=PanelDecision.PENDING
    )
    panel_note = models.TextField(_("panel note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appeal = models.TextField(_("appeal"), blank=True)
    appeal_outcome = models.CharField(
        _("appeal outcome"), max_length=10, choices=AppealOutcome.choices, default="", blank=True
    )
    appeal_note = models.TextField(_("appeal decision note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "engineer__employee_no"]
        verbose_name = _("grade application")
        verbose_name_plural = _("grade applications")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "engineer"], name="one_application_per_campaign"),
            models.CheckConstraint(condition=~Q(decision="approved") | Q(eligible=True), name="only_eligible_approved"),
        ]

    def __str__(self):
        return f"{self.engineer} → {self.get_target_grade_display()}"
