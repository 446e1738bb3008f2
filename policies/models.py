"""Policy versions: the parameters of every rule, effective-dated and approved."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PolicyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    RETIRED = "retired", _("Retired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class PolicyVersion(models.Model):
    """One version of the controlled document (e.g. FS-MS-KF-13 A/2) and its parameters.

    Approved versions are never edited: a change is a new version with a later
    effective date. The version in force on a day is the approved one with the
    latest effective date on or before it.
    """

    document_no = models.CharField(_("document no."), max_length=30, default="FS-MS-KF-13")
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    effective_from = models.DateField(_("effective from"))
    status = models.CharField(_("status"), max_length=10, choices=PolicyStatus.choices, default=PolicyStatus.DRAFT)
    parameters = models.JSONField(_("parameters"))
    revision_note = models.TextField(_("revision note"), blank=True)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compiled by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from", "-id"]
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        constraints = [
            # A withdrawn proposal stays on record without taking its version name from the next proposal.
            models.UniqueConstraint(
                fields=["document_no", "version"],
                condition=~Q(status="withdrawn"),
                name="policy_version_once",
                violation_error_message=_("This version number is already used: choose another."),
            ),
            models.UniqueConstraint(
                fields=["document_no", "effective_from"],
                condition=Q(status="approved"),
                name="one_approved_policy_per_day",
                violation_error_message=_("Another approved version already takes effect on this date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "reviewed", "withdrawn"]) | Q(approved_at__isnull=False),
                name="approved_policy_has_approval_time",
            ),
        ]

    def __str__(self):
        return f"{self.document_no} {self.version}"
