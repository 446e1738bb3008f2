"""Promotion reviews and internal competitions (seeds 000 and 001): candidates, evidence, panel scores,
the general manager's decision, the public notice (公示) with appeals, and the rank changes they make."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from engineers.models import CareerRank, Department, Engineer, PayScheme


class ReviewKind(models.TextChoices):
    ANNUAL = "annual", _("Promotion review")
    COMPETITION = "competition", _("Internal competition")


class ReviewStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("promotion review", "Open")
    NOTICE = "notice", _("Public notice")
    CLOSED = "closed", pgettext_lazy("promotion review", "Closed")


class Route(models.TextChoices):
    APPLIED = "applied", _("Applied")
    NOMINATED = "nominated", _("Nominated")


class Decision(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AppealOutcome(models.TextChoices):
    NONE = "", _("No appeal")
    PENDING = "pending", _("Appeal pending")
    UPHELD = "upheld", _("Appeal upheld")
    DISMISSED = "dismissed", _("Appeal dismissed")


class PromotionReview(models.Model):
    """A yearly (or ad hoc) promotion review, or an internal competition for an open post (内部竞聘)."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    name = models.CharField(_("name"), max_length=100)
    target_rank = models.CharField(
        _("post (rank)"), max_length=30, choices=CareerRank.choices, blank=True, help_text=_("Competition only.")
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("open posts"), null=True, blank=True)
    effective_from = models.DateField(_("ranks change from"))
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    notice_until = models.DateField(_("appeals until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name = _("promotion review")
        verbose_name_plural = _("promotion reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="annual", target_rank="", seats__isnull=True)
                | Q(kind="competition", seats__gte=1) & ~Q(target_rank=""),
                name="competition_has_post_and_seats",
                violation_error_message=_("A competition names the post and how many are open; a review does not."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("careers:review", args=[self.pk])


class Candidate(models.Model):
    """An engineer in a review: applied or nominated, with the evidence the system gathered."""

    review = models.ForeignKey(PromotionReview, on_delete=models.CASCADE, related_name="candidates")
    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="promotion_candidacies"
    )
    from_rank = models.CharField(_("rank"), max_length=30, choices=CareerRank.choices)
    target_rank = models.CharField(_("proposed rank"), max_length=30, choices=CareerRank.choices)
    route = models.CharField(_("route"), max_length=10, choices=Route.choices)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(_("statement"))
    eligible = models.BooleanField(_("meets the requirements"), default=False)
    reasons = models.JSONField(default=list, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    evidence_on = models.DateField(_("evidence as of"), null=True, blank=True)
    policy_version = models.CharField(_("policy version"), max_length=50, blank=True)
    panel_score = models.DecimalField(_("panel score"), max_digits=5, decimal_places=2, null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appeal = models.TextField(_("appeal"), blank=True)
    appeal_outcome = models.CharField(
        _("appeal outcome"), max_length=10, choices=AppealOutcome.choices, blank=True, default=""
    )
    appeal_note = models.TextField(_("appeal answer"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "engineer__employee_no"]
        verbose_name = _("promotion candidate")
        verbose_name_plural = _("promotion candidates")
        constraints = [models.UniqueConstraint(fields=["review", "engineer"], name="one_candidacy_per_review")]

    def __str__(self):
        return f"{self.engineer} → {self.get_target_rank_display()}"

    def get_absolute_url(self):
        return reverse("careers:candidate", args=[self.pk])


class PanelScore(models.Model):
    """One panel member's score (0–100) of a candidate: teamwork and leadership, what no record measures."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    comment = models.CharField(_("comment"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("panel score")
        verbose_name_plural = _("panel scores")
        constraints = [
            models.UniqueConstraint(fields=["candidate", "member"], name="one_panel_score_per_member"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="panel_score_0_100"),
        ]

    def __str__(self):
        return f"{self.candidate}: {self.score}"


class RankChange(models.Model):
    """A career rank change from a day on, and the pay scheme it started (if the rung pays a post wage)."""

    engineer = models.ForeignKey(Engineer, on_delete=models.PROTECT, related_name="rank_changes")
    from_rank = models.CharField(_("from rank"), max_length=30, choices=CareerRank.choices)
    to_rank = models.CharField(_("to rank"), max_length=30, choices=CareerRank.choices)
    effective_from = models.DateField(_("effective from"))
    candidate = models.OneToOneField(
        Candidate, null=True, blank=True, on_delete=models.PROTECT, related_name="rank_change"
    )
    pay_scheme = models.ForeignKey(
        PayScheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("pay scheme")
    )
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "-effective_from"]
        verbose_name = _("rank change")
        verbose_name_plural = _("rank changes")

    def __str__(self):
        return f"{self.engineer}: {self.get_from_rank_display()} → {self.get_to_rank_display()}"
