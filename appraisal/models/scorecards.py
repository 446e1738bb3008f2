"""Monthly KPI scorecards (seeds 002, 004): 360° score entries, metrics, the result."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from engineers.models import Engineer
from policies.choices import ScoreSource


class ScorecardStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Scorecard(models.Model):
    """One engineer's month. The score, band and performance pay are recomputed from the
    entries through the engine whenever an entry changes, and frozen on submission."""

    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="scorecards"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(
        _("status"), max_length=10, choices=ScorecardStatus.choices, default=ScorecardStatus.DRAFT
    )
    policy_version = models.CharField(_("policy version"), max_length=50, blank=True)
    metrics = models.JSONField(_("work-order metrics"), default=dict)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    band = models.CharField(_("band"), max_length=5, blank=True)
    coefficient = models.DecimalField(_("coefficient"), max_digits=4, decimal_places=2, null=True, blank=True)
    performance_pay_amount = models.DecimalField(
        _("performance pay"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    trace = models.JSONField(_("trace"), default=dict)
    # The required scores (the supervisor's, one per dimension of the policy in force) not yet in: while any
    # is missing the month has no score, band or pay, so no page or report can take it for complete.
    missing = models.JSONField(_("required scores missing"), default=list, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-month", "engineer__employee_no"]
        verbose_name = _("KPI scorecard")
        verbose_name_plural = _("KPI scorecards")
        constraints = [
            models.UniqueConstraint(fields=["engineer", "year", "month"], name="one_scorecard_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="scorecard_month_1_12"),
        ]
        # A month's best scores (the honours page's candidates) read in score order: the 50,000 scorecards
        # of a month were scanned out of a year's 600,000 and sorted (97 ms; 10 ms with it).
        indexes = [models.Index(fields=["year", "month", "-score"], name="scorecard_month_score")]

    def __str__(self):
        return f"{self.engineer} {self.year}-{self.month:02d}"

    @property
    def incomplete(self) -> str:
        """ "Incomplete: 3 missing" while required scores are missing, else ""."""
        if not self.missing:
            return ""
        return ngettext("Incomplete: %(n)d score missing", "Incomplete: %(n)d scores missing", len(self.missing)) % {
            "n": len(self.missing)
        }


class ScoreEntry(models.Model):
    """One dimension's score from one source (and, for peers, one reviewer)."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="entries")
    source = models.CharField(_("source"), max_length=20, choices=ScoreSource.choices)
    dimension = models.CharField(_("dimension"), max_length=30)
    reviewer = models.ForeignKey(
        Engineer, verbose_name=_("reviewer"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scorecard", "source", "dimension"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "source", "dimension"],
                condition=Q(reviewer__isnull=True),
                name="one_score_per_source_dimension",
            ),
            models.UniqueConstraint(
                fields=["scorecard", "source", "dimension", "reviewer"],
                condition=Q(reviewer__isnull=False),
                name="one_peer_score_per_reviewer_dimension",
            ),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=100), name="score_entry_0_100"),
        ]

    def __str__(self):
        return f"{self.scorecard} {self.source}.{self.dimension}={self.score}"


class PeerAssignment(models.Model):
    """Who reviews whom this month (crew mates, assigned when the scorecards are made)."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="peer_assignments")
    reviewer = models.ForeignKey(Engineer, on_delete=models.CASCADE, related_name="peer_reviews_to_give")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scorecard", "reviewer"], name="peer_assignment_once")]

    def __str__(self):
        return f"{self.reviewer} → {self.scorecard}"
