"""The ledger every workflow writes into: pay periods (open → closing → closed) and payable items."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class PeriodStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("pay period", "Open")
    CLOSING = "closing", pgettext_lazy("pay period", "Closing")
    CLOSED = "closed", pgettext_lazy("pay period", "Closed")


class PayPeriod(models.Model):
    """A calendar month (Asia/Shanghai): open → closing → closed. Closed is read-only."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    status = models.CharField(_("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("pay period")
        verbose_name_plural = _("pay periods")
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="one_period_per_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="period_month_1_12"),
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d}"


class ItemKind(models.TextChoices):
    INDIVIDUAL_INCENTIVE = "individual_incentive", _("Individual incentive")
    CREW_INCENTIVE = "crew_incentive", _("Crew incentive share")
    PAID_TRAINING = "paid_training", _("Paid training")
    HONOUR = "honour", _("Honour")
    QUARTERLY_BONUS = "quarterly_bonus", _("Quarterly bonus")
    YEAR_END_BONUS = "year_end_bonus", _("Year-end bonus")
    STUDY_REWARD = "study_reward", _("Study reward")
    COMMISSION = "commission", _("Commission")
    DEDUCTION = "deduction", _("Deduction")
    ADJUSTMENT = "adjustment", _("Adjustment")


class PayableItem(models.Model):
    """Money approved for one engineer, waiting for the period's close; it carries its trace."""

    period = models.ForeignKey(PayPeriod, verbose_name=_("pay period"), on_delete=models.PROTECT, related_name="items")
    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="payable_items"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ItemKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    rule = models.CharField(_("rule"), max_length=50)
    trace = models.JSONField(_("trace"))
    policy_version = models.CharField(_("policy version"), max_length=50)
    source = models.CharField(_("source"), max_length=50, help_text=_('e.g. "bonus_request:12"'))
    # What the close needs of a deduction, as columns (the trace is for people, never read back):
    # a rate of the month's pay (its amount is computed at the close, amount 0.00 until then), and why.
    deduction_rate = models.DecimalField(_("deduction rate"), max_digits=5, decimal_places=4, null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "engineer", "id"]
        verbose_name = _("payable item")
        verbose_name_plural = _("payable items")
        constraints = [
            models.UniqueConstraint(fields=["source", "engineer", "kind"], name="one_item_per_source_engineer_kind"),
            models.CheckConstraint(
                condition=Q(deduction_rate__isnull=True) | Q(kind="deduction", amount=0, deduction_rate__gt=0),
                name="deduction_rate_only_on_rate_based_deductions",
            ),
        ]
        indexes = [models.Index(fields=["period", "engineer", "kind"])]

    def __str__(self):
        return f"{self.period} {self.engineer} {self.get_kind_display()} {self.amount}"


class PeriodAction(models.TextChoices):
    CLOSE_STARTED = "close_started", _("Close started")
    CLOSE = "close", _("Closed")
    CLOSE_FAILED = "close_failed", _("Close failed")
    REOPEN = "reopen", _("Reopened")


class PeriodEvent(models.Model):
    """Close started (with why, when early), closed, close failed, reopened: who, when and why."""

    period = models.ForeignKey(PayPeriod, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20, choices=PeriodAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["period", "at", "id"]

    def __str__(self):
        return f"{self.period} {self.action}"
