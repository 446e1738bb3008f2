"""A department's bonus round for a quarter or a year, and one line per engineer ranked in it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quarterly bonus")
    YEAR = "year", _("Year-end bonus")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("bonus round", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("bonus round", "Waiting for the general manager")
    RETURNED = "returned", pgettext_lazy("bonus round", "Returned for changes")
    APPROVED = "approved", pgettext_lazy("bonus round", "Approved and paid")
    REJECTED = "rejected", pgettext_lazy("bonus round", "Rejected")


EDITABLE = (RoundStatus.DRAFT, RoundStatus.RETURNED)
LIVE = (RoundStatus.DRAFT, RoundStatus.SUBMITTED, RoundStatus.RETURNED, RoundStatus.APPROVED)


class BonusRound(models.Model):
    """What a department manager proposes from a quarter's (or a year's) ranking, for the general manager."""

    department = models.ForeignKey(
        "engineers.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), default=0, help_text=_("1–4; 0 for a year"))
    status = models.CharField(_("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    policy_version = models.CharField(_("policy version"), max_length=50)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    paid_period = models.ForeignKey(
        "ledger.PayPeriod",
        verbose_name=_("paid in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-quarter", "department__code", "-pk"]
        verbose_name = _("bonus round")
        verbose_name_plural = _("bonus rounds")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "kind", "year", "quarter"],
                condition=~Q(status="rejected"),
                name="one_live_bonus_round_per_period",
            ),
            models.CheckConstraint(
                condition=Q(kind="quarter", quarter__gte=1, quarter__lte=4) | Q(kind="year", quarter=0),
                name="bonus_round_quarter_matches_kind",
            ),
        ]

    def __str__(self):
        return f"{self.department} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.year} Q{self.quarter}" if self.kind == PeriodKind.QUARTER else f"{self.year}"

    @property
    def months(self) -> list[int]:
        return [3 * self.quarter - 2, 3 * self.quarter - 1, 3 * self.quarter] if self.quarter else list(range(1, 13))

    @property
    def source(self) -> str:
        return f"period_bonus:{self.pk}"


class BonusLine(models.Model):
    """One engineer of the ranking: the months and the mean it came from, the band, the standard and the amount."""

    round = models.ForeignKey(BonusRound, verbose_name=_("bonus round"), on_delete=models.CASCADE, related_name="lines")
    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("rank"))
    months = models.JSONField(_("months"), default=list, help_text=_("[{month, score, scorecard}] submitted"))
    mean = models.DecimalField(_("mean score"), max_digits=5, decimal_places=2, null=True, blank=True)
    band = models.CharField(_("band"), max_length=5, blank=True)
    eligible = models.BooleanField(_("eligible"), default=False)
    reason = models.CharField(_("why not"), max_length=30, blank=True)
    standard_amount = models.DecimalField(_("standard amount"), max_digits=12, decimal_places=2)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    trace = models.JSONField(_("trace"), default=dict)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "rank", "engineer__employee_no"]
        verbose_name = _("bonus line")
        verbose_name_plural = _("bonus lines")
        constraints = [
            models.UniqueConstraint(fields=["round", "engineer"], name="one_bonus_line_per_engineer"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="bonus_line_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.round} · {self.engineer}"
