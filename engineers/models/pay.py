"""What an engineer is paid and where it goes: pay schemes, tax deductions claimed, bank account.

Each is dated data with a history: a change is a new row from a later month (schemes, claims)
or an audited edit (the account), never a rewrite of what earlier closes used.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import AdditionalDeduction, Bank, PieceRateMode

from .people import Engineer


class PayScheme(models.Model):
    """Base and post wage, probation rate, piece-rate mode, social-insurance city and base, from a day on.

    The scheme in force in a month is the one with the latest `effective_from` on or before the
    month's last day (a raise from the 16th counts for that whole month; mid-month splits are not
    modelled). The contribution base is the engineer's yearly declared base (缴费基数), clamped to
    the city's limits by the engine."""

    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="pay_schemes"
    )
    effective_from = models.DateField(_("effective from"))
    base_wage = models.DecimalField(
        _("base wage"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    post_wage = models.DecimalField(
        _("post wage"), max_digits=12, decimal_places=2, default=Decimal("0.00"), validators=[MinValueValidator(0)]
    )
    probation_rate = models.DecimalField(
        _("probation pay rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.8000"),
        help_text=_("Share of base and post wage paid while on probation, e.g. 80 %."),
    )
    piece_rate_mode = models.CharField(
        _("piece-rate pay"), max_length=10, choices=PieceRateMode.choices, default=PieceRateMode.ADDS
    )
    contribution_city = models.CharField(
        _("social insurance city"),
        max_length=20,
        blank=True,
        help_text=_("The city whose social insurance and housing fund rules apply; empty: none are deducted."),
    )
    contribution_base = models.DecimalField(
        _("contribution base"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("The yearly declared base; the city's lower and upper limits apply."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "-effective_from"]
        verbose_name = _("pay scheme")
        verbose_name_plural = _("pay schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["engineer", "effective_from"],
                name="one_pay_scheme_per_engineer_day",
                violation_error_message=_("This engineer already has a pay scheme from that day."),
            ),
            models.CheckConstraint(
                condition=Q(base_wage__gte=0, post_wage__gte=0, contribution_base__gte=0),
                name="pay_scheme_amounts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(probation_rate__gte=0, probation_rate__lte=1), name="pay_scheme_probation_rate_0_1"
            ),
        ]

    def __str__(self):
        return f"{self.engineer} {self.effective_from}"


class SpecialDeductionClaim(models.Model):
    """A special additional deduction (专项附加扣除) the engineer claims, per month, from a month on.

    Months are stored as their first day. A claim entered in March from January counts from
    January in the cumulative withholding (the tax catches up), as the tax office's app does."""

    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="deduction_claims"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=AdditionalDeduction.choices)
    monthly_amount = models.DecimalField(
        _("amount per month"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    first_month = models.DateField(_("from month"))
    last_month = models.DateField(_("until month"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "first_month", "kind"]
        verbose_name = _("special additional deduction")
        verbose_name_plural = _("special additional deductions")
        constraints = [
            models.CheckConstraint(condition=Q(monthly_amount__gt=0), name="deduction_claim_amount_positive"),
            models.CheckConstraint(
                condition=Q(last_month__isnull=True) | Q(last_month__gte=F("first_month")),
                name="deduction_claim_ends_after_start",
                violation_error_message=_("The last month cannot be before the first."),
            ),
            models.CheckConstraint(
                condition=Q(first_month__day=1) & (Q(last_month__isnull=True) | Q(last_month__day=1)),
                name="deduction_claim_months_are_first_days",
            ),
        ]

    def __str__(self):
        return f"{self.engineer} {self.get_kind_display()} {self.monthly_amount}"


class BankAccount(models.Model):
    """Where the engineer's net pay goes (代发). Only HR and finance see the full number."""

    engineer = models.OneToOneField(
        Engineer, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="bank_account"
    )
    bank_code = models.CharField(_("bank"), max_length=20, choices=Bank.choices)
    account_no = models.CharField(_("account no."), max_length=32)
    account_name = models.CharField(_("account holder"), max_length=50)
    branch = models.CharField(_("branch"), max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self):
        return f"{self.engineer} {self.bank_code}"


class AnnualBonusTaxChoice(models.Model):
    """HR's choice, per engineer and year, to tax the annual awards apart from the wages (全年一次性奖金
    单独计税), where the tax rule in force allows it. Without a row the awards are wages like any other."""

    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="bonus_tax_choices"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    separately = models.BooleanField(_("tax the annual bonus separately"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "-year"]
        verbose_name = _("annual bonus tax choice")
        verbose_name_plural = _("annual bonus tax choices")
        constraints = [
            models.UniqueConstraint(fields=["engineer", "year"], name="one_bonus_tax_choice_per_engineer_year")
        ]

    def __str__(self):
        return f"{self.engineer} {self.year}"


class TaxYearOpening(models.Model):
    """The year's wage figures before this system paid the engineer (from the earlier payroll), so the
    cumulative withholding of a company that starts mid-year still counts from January. Covers months
    1 … `through_month`; the close adds the payslips of the later months to it."""

    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="tax_openings"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    through_month = models.PositiveSmallIntegerField(_("through month"))
    income = models.DecimalField(_("income taxed cumulatively"), max_digits=14, decimal_places=2)
    contributions = models.DecimalField(_("social insurance and housing fund"), max_digits=12, decimal_places=2)
    tax_withheld = models.DecimalField(_("income tax withheld"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "-year"]
        verbose_name = _("opening tax figures")
        verbose_name_plural = _("opening tax figures")
        constraints = [
            models.UniqueConstraint(fields=["engineer", "year"], name="one_tax_opening_per_engineer_year"),
            models.CheckConstraint(
                condition=Q(through_month__gte=1, through_month__lte=11), name="tax_opening_month_1_11"
            ),
            models.CheckConstraint(
                condition=Q(contributions__gte=0, tax_withheld__gte=0), name="tax_opening_not_negative"
            ),
            # Income below zero would lower the cumulative taxable income and the tax withheld this year.
            models.CheckConstraint(
                condition=Q(income__gte=0),
                name="tax_opening_income_not_negative",
                violation_error_message=_("Opening income taxed cumulatively cannot be below zero."),
            ),
        ]

    def __str__(self):
        return f"{self.engineer} {self.year}/1–{self.through_month}"
