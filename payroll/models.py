"""Payslips computed by the close, their lines with traces, and engineers' questions about them."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ledger.models import PayPeriod


class LineKind(models.TextChoices):
    """Payslip line types, in the order they print: earnings, contributions, tax, after-tax deductions,
    then the employer's contributions (company cost, shown but never part of the engineer's pay)."""

    BASE_WAGE = "base_wage", _("Base wage")
    POST_WAGE = "post_wage", _("Post wage")
    PIECE_RATE = "piece_rate", _("Piece-rate pay")
    INDIVIDUAL_INCENTIVE = "individual_incentive", _("Individual incentives")
    CREW_INCENTIVE = "crew_incentive", _("Crew incentive shares")
    PAID_TRAINING = "paid_training", _("Paid training")
    SENIORITY = "seniority", _("Seniority award")
    ANNUAL_AWARDS = "annual_awards", _("Annual safety and quality awards")
    KPI_PAY = "kpi_pay", _("KPI performance pay")
    HONOUR = "honour", _("Honours")
    QUARTERLY_BONUS = "quarterly_bonus", _("Quarterly bonus")
    YEAR_END_BONUS = "year_end_bonus", _("Year-end bonus")
    STUDY_REWARD = "study_reward", _("Study rewards")
    COMMISSION = "commission", _("Commission")
    MEAL_ALLOWANCE = "meal_allowance", _("Meal allowance")
    OVERTIME = "overtime", _("Overtime pay")
    ADJUSTMENT = "adjustment", _("Adjustments")
    CONTRIBUTION = "contribution", _("Social insurance and housing fund")
    INCOME_TAX = "income_tax", _("Individual income tax")
    BONUS_TAX = "bonus_tax", _("Income tax on the annual bonus")
    DEDUCTION = "deduction", _("Penalties and deductions")
    EMPLOYER_CONTRIBUTION = "employer_contribution", _("Employer contributions")


class Section(models.TextChoices):
    """Where a line counts: gross pay, the deductions before tax, tax, after tax, or company cost only."""

    EARNING = "earning", _("Gross pay")
    CONTRIBUTION = "contribution", _("Social insurance and housing fund")
    TAX = "tax", _("Individual income tax")
    AFTER_TAX = "after_tax", _("Deductions after tax")
    EMPLOYER = "employer", _("Employer cost")


SECTION_OF = {
    LineKind.CONTRIBUTION: Section.CONTRIBUTION,
    LineKind.INCOME_TAX: Section.TAX,
    LineKind.BONUS_TAX: Section.TAX,
    LineKind.DEDUCTION: Section.AFTER_TAX,
    LineKind.EMPLOYER_CONTRIBUTION: Section.EMPLOYER,
}


def section_of(kind: str) -> str:
    """The section a line kind counts in (every kind not listed is an earning)."""
    return SECTION_OF.get(kind, Section.EARNING)


class Payslip(models.Model):
    period = models.ForeignKey(
        PayPeriod, verbose_name=_("pay period"), on_delete=models.PROTECT, related_name="payslips"
    )
    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="payslips"
    )
    department_name = models.CharField(_("department"), max_length=100)
    # 应发 → 实发: net = gross − contributions − tax − after-tax deductions, each the sum of its lines.
    gross_amount = models.DecimalField(_("gross pay"), max_digits=12, decimal_places=2)
    contributions_amount = models.DecimalField(
        _("social insurance and housing fund"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    tax_amount = models.DecimalField(_("income tax"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    bonus_tax_amount = models.DecimalField(
        _("income tax on the annual bonus"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    after_tax_amount = models.DecimalField(
        _("deductions after tax"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    net_amount = models.DecimalField(_("net pay"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    employer_cost_amount = models.DecimalField(
        _("employer contributions"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    # What the next months' cumulative withholding adds up (the year's figures are sums of these).
    wage_income = models.DecimalField(
        _("income taxed cumulatively"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    additional_deductions_amount = models.DecimalField(
        _("special additional deductions"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    taxable_income_ytd = models.DecimalField(
        _("cumulative taxable income"), max_digits=14, decimal_places=2, default=Decimal("0.00")
    )
    bonus_taxed_separately = models.DecimalField(
        _("annual bonus taxed separately"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
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
        return f"{self.kind_label} {self.amount}"

    @property
    def kind_label(self) -> str:
        return str(self.get_kind_display())


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


class BankFileDownload(models.Model):
    """Who downloaded which period's bank payment file (代发), when, in which layout, and what it held:
    one row per download, never edited. `period_closed_at` says which close the file was written from:
    a reopened and closed-again period's earlier files are stale, and the page says so."""

    period = models.ForeignKey(
        PayPeriod, verbose_name=_("pay period"), on_delete=models.PROTECT, related_name="bank_files"
    )
    period_closed_at = models.DateTimeField(_("period closed at"), null=True, blank=True)
    layout = models.CharField(_("layout"), max_length=50)
    layout_name = models.CharField(_("layout name"), max_length=100)
    downloaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("downloaded by"), on_delete=models.PROTECT, related_name="+"
    )
    downloaded_at = models.DateTimeField(_("downloaded at"), auto_now_add=True)
    payments = models.PositiveIntegerField(_("payments"))
    total_amount = models.DecimalField(_("total"), max_digits=14, decimal_places=2)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)

    class Meta:
        ordering = ["-downloaded_at", "-id"]
        verbose_name = _("bank file download")
        verbose_name_plural = _("bank file downloads")

    def __str__(self):
        return f"{self.period} {self.layout} {self.downloaded_at:%Y-%m-%d %H:%M}"


class PayslipPublication(models.Model):
    """HR hands one close of a period's payslips to the engineers: who published it and when.

    It publishes the close the period had then (`closed_at`): a reopen unpublishes the period and a
    re-close needs a new publication, whose receipts start empty. Earlier publications stay, with
    their receipts, as the record of what engineers read and confirmed of the earlier version."""

    period = models.ForeignKey(
        PayPeriod, verbose_name=_("pay period"), on_delete=models.PROTECT, related_name="publications"
    )
    closed_at = models.DateTimeField(_("close published"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["period", "-published_at"]
        verbose_name = _("payslip publication")
        verbose_name_plural = _("payslip publications")
        constraints = [models.UniqueConstraint(fields=["period", "closed_at"], name="one_publication_per_close")]

    def __str__(self):
        return f"{self.period} {self.published_at:%Y-%m-%d %H:%M}"


class PayslipReceipt(models.Model):
    """One engineer's receipt of a published payslip: first read, confirmed, last reminded.

    Keyed by the publication (its period and close) and the engineer, never by the payslip row,
    which a re-close deletes and writes again."""

    publication = models.ForeignKey(
        PayslipPublication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="receipts"
    )
    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="payslip_receipts"
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["publication", "engineer__employee_no"]
        verbose_name = _("payslip receipt")
        verbose_name_plural = _("payslip receipts")
        constraints = [
            models.UniqueConstraint(fields=["publication", "engineer"], name="one_receipt_per_engineer"),
            models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True) | models.Q(read_at__isnull=False),
                name="receipt_confirmed_only_when_read",
            ),
        ]

    def __str__(self):
        return f"{self.publication.period} {self.engineer}"


class ChunkStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("close chunk", "Waiting")
    RUNNING = "running", pgettext_lazy("close chunk", "Running")
    DONE = "done", pgettext_lazy("close chunk", "Done")
    FAILED = "failed", pgettext_lazy("close chunk", "Failed")


class CloseChunk(models.Model):
    """One slice of a chunked close (payroll/chunks.py): the engineers with first_id <= id <= last_id.

    The state of a close that runs on several workers lives here, in the database, not in a result
    backend: which slices are written, how often each was tried and why it failed."""

    period = models.ForeignKey(PayPeriod, on_delete=models.CASCADE, related_name="close_chunks")
    run = models.ForeignKey("ledger.PeriodEvent", on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    first_id = models.BigIntegerField()
    last_id = models.BigIntegerField()
    people = models.PositiveIntegerField()  # on the payroll when the run was planned: the progress bar's share
    status = models.CharField(max_length=10, choices=ChunkStatus.choices, default=ChunkStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    payslips = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    worker = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run_id", "number"]  # the id, not the event: ordering by `run` would join its table
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="one_chunk_number_per_run"),
            models.CheckConstraint(condition=Q(first_id__lte=F("last_id")), name="chunk_span_ordered"),
        ]

    def __str__(self):
        return f"{self.period} #{self.number} [{self.first_id}, {self.last_id}]"

    @property
    def span(self) -> tuple[int, int]:
        return (self.first_id, self.last_id)
