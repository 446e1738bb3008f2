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
            models.UniqueConstraint(fields=["document_no", "version"], name="policy_version_once"),
            models.UniqueConstraint(
                fields=["document_no", "effective_from"],
                condition=Q(status="approved"),
                name="one_approved_policy_per_day",
                violation_error_message=_("Another approved version already takes effect on this date."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "reviewed"]) | Q(approved_at__isnull=False),
                name="approved_policy_has_approval_time",
            ),
        ]

    def __str__(self):
        return f"{self.document_no} {self.version}"


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSING = "closing", _("Closing")
    CLOSED = "closed", _("Closed")


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
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "engineer", "id"]
        verbose_name = _("payable item")
        verbose_name_plural = _("payable items")
        constraints = [
            models.UniqueConstraint(fields=["source", "engineer", "kind"], name="one_item_per_source_engineer_kind")
        ]
        indexes = [models.Index(fields=["period", "engineer", "kind"])]

    def __str__(self):
        return f"{self.period} {self.engineer} {self.get_kind_display()} {self.amount}"


class LineKind(models.TextChoices):
    """Payslip line types, in the order they print."""

    PIECE_RATE = "piece_rate", _("Piece-rate pay")
    INDIVIDUAL_INCENTIVE = "individual_incentive", _("Individual incentives")
    CREW_INCENTIVE = "crew_incentive", _("Crew incentive shares")
    PAID_TRAINING = "paid_training", _("Paid training")
    SENIORITY = "seniority", _("Seniority award")
    ANNUAL_AWARDS = "annual_awards", _("Annual safety and quality awards")
    KPI_PAY = "kpi_pay", _("KPI performance pay")
    HONOUR = "honour", _("Honours")
    ADJUSTMENT = "adjustment", _("Adjustments")
    DEDUCTION = "deduction", _("Penalties and deductions")


class Payslip(models.Model):
    period = models.ForeignKey(
        PayPeriod, verbose_name=_("pay period"), on_delete=models.PROTECT, related_name="payslips"
    )
    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="payslips"
    )
    department_name = models.CharField(_("department"), max_length=100)
    gross_amount = models.DecimalField(_("gross total"), max_digits=12, decimal_places=2)
    policy_version = models.CharField(_("policy version"), max_length=50)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["period", "department_name", "engineer__employee_no"]
        verbose_name = _("payslip")
        verbose_name_plural = _("payslips")
        constraints = [models.UniqueConstraint(fields=["period", "engineer"], name="one_payslip_per_period")]

    def __str__(self):
        return f"{self.period} {self.engineer}"


class PayslipLine(models.Model):
    """One line: amount (rounded), the rule and its trace, the policy version."""

    payslip = models.ForeignKey(Payslip, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("kind"), max_length=30, choices=LineKind.choices)
    description = models.CharField(_("description"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    rule = models.CharField(_("rule"), max_length=50)
    trace = models.JSONField(_("trace"))
    policy_version = models.CharField(_("policy version"), max_length=50)
    source = models.CharField(_("source"), max_length=50, blank=True)

    class Meta:
        ordering = ["payslip", "id"]
        verbose_name = _("payslip line")
        verbose_name_plural = _("payslip lines")

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount}"


class PeriodEvent(models.Model):
    """Close, reopen and failed closes, with who and why."""

    period = models.ForeignKey(PayPeriod, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["period", "at", "id"]

    def __str__(self):
        return f"{self.period} {self.action}"


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Waiting for HR")
    ANSWERED = "answered", _("Answered")


class PayslipAppeal(models.Model):
    """An engineer's question about one line; it reaches HR as a task to answer. It keeps a
    snapshot of the line so a re-close cannot lose it."""

    period = models.ForeignKey(PayPeriod, on_delete=models.CASCADE, related_name="appeals")
    engineer = models.ForeignKey("engineers.Engineer", on_delete=models.CASCADE, related_name="payslip_appeals")
    line_kind = models.CharField(_("line"), max_length=30, choices=LineKind.choices)
    line_description = models.CharField(_("description"), max_length=200)
    line_amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    comment = models.TextField(_("comment"))
    status = models.CharField(_("status"), max_length=10, choices=AppealStatus.choices, default=AppealStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "-created_at"]
        verbose_name = _("payslip appeal")
        verbose_name_plural = _("payslip appeals")

    def __str__(self):
        return f"{self.engineer} {self.get_line_kind_display()}"
