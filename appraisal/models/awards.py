"""Honours and penalties (seed 001, 绩效奖惩制度), each approved by the department
manager and then HR before it pays, deducts or changes a grade."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from engineers.models import Crew, Department, Engineer
from policies.choices import AwardKind

PENALTY_KINDS = {AwardKind.WARNING, AwardKind.DEDUCTION, AwardKind.DEMOTION}
TEAM_KINDS = {AwardKind.EXCELLENT_TEAM_MONTH, AwardKind.INNOVATION_TEAM}


class AwardStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    MANAGER_APPROVED = "manager_approved", _("Approved by the department manager")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Award(models.Model):
    """An honour or a penalty for one engineer, or an honour for a team's members."""

    kind = models.CharField(_("kind"), max_length=40, choices=AwardKind.choices)
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="+")
    crew = models.ForeignKey(
        Crew, verbose_name=_("crew"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    members = models.ManyToManyField(Engineer, verbose_name=_("engineers"), related_name="awards")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    reason = models.TextField(_("reason"))
    deduction_amount = models.DecimalField(
        _("deduction amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    deduction_rate = models.DecimalField(_("deduction rate"), max_digits=5, decimal_places=4, null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AwardStatus.choices, default=AwardStatus.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    manager_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hr_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["-year", "-month", "-id"]
        verbose_name = _("honour or penalty")
        verbose_name_plural = _("honours and penalties")
        constraints = [
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="award_month_1_12"),
            models.CheckConstraint(
                condition=Q(deduction_amount__isnull=True) | Q(deduction_amount__gt=0), name="award_deduction_positive"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}-{self.month:02d}"

    def get_absolute_url(self):
        return reverse("kpi:award", args=[self.pk])

    @property
    def is_penalty(self) -> bool:
        return self.kind in PENALTY_KINDS
