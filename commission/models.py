"""Customer-service and sales commission (seed 001, 售后客服、销售岗位业绩激励方案).

- `StaffPost`: the post an engineer record holds for commission (customer service or sales), one per engineer,
  its changes in the history. Only a customer-service post may serve franchisees, only a sales post sign them.
- `Franchisee` (加盟商/网点) and `Assignment`: who serves (售后客服) and who signed (销售) each franchisee, from a
  month's first day until the next assignment of the same role: the month goes wholly to whoever holds the
  role in it.
- `Pickup`: a franchisee's month: sales at list price, the discount, and the pick-up amount (提货额 = 销售额 ×
  折扣, rounded to the fen) that the commission is computed from.
- `Settlement` and `SettlementLine`: HR settles a month (each staff member's tier, base, commission and the
  sales extra, with their traces); finance or a general manager approves (never their own proposal nor one
  that pays them); approval writes the payable items and the month's tier base into the pay scheme.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Post(models.TextChoices):
    CUSTOMER_SERVICE = "customer_service", _("Customer service (售后客服)")
    SALES = "sales", _("Sales (销售)")


class StaffPost(models.Model):
    engineer = models.OneToOneField(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="commission_post"
    )
    post = models.CharField(_("post"), max_length=20, choices=Post.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission post")
        verbose_name_plural = _("commission posts")

    def __str__(self):
        return f"{self.engineer} · {self.get_post_display()}"


class Franchisee(models.Model):
    code = models.CharField(_("franchisee code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    city = models.CharField(_("city"), max_length=50, blank=True)
    discount_rate = models.DecimalField(
        _("discount"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("1.0000"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
        help_text=_("The franchisee's discount on list price, e.g. 65 %: pick-up amount = sales × discount."),
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("franchisee")
        verbose_name_plural = _("franchisees")
        constraints = [
            models.CheckConstraint(
                condition=Q(discount_rate__gte=0, discount_rate__lte=1), name="franchisee_discount_0_1"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


class AssignmentRole(models.TextChoices):
    SERVES = "serves", _("Served by (customer service)")
    SIGNED = "signed", _("Signed by (sales)")


class Assignment(models.Model):
    franchisee = models.ForeignKey(
        Franchisee, verbose_name=_("franchisee"), on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(_("role"), max_length=10, choices=AssignmentRole.choices)
    engineer = models.ForeignKey(
        "engineers.Engineer",
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="franchisee_assignments",
    )
    start = models.DateField(_("from month"))
    end = models.DateField(_("until month (exclusive)"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["franchisee", "role", "-start"]
        verbose_name = _("franchisee assignment")
        verbose_name_plural = _("franchisee assignments")
        constraints = [
            models.UniqueConstraint(fields=["franchisee", "role", "start"], name="one_assignment_per_role_start"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=models.F("start")), name="assignment_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.franchisee} · {self.get_role_display()} · {self.engineer}"


class Pickup(models.Model):
    franchisee = models.ForeignKey(
        Franchisee, verbose_name=_("franchisee"), on_delete=models.PROTECT, related_name="pickups"
    )
    month = models.DateField(_("month"))
    sales_amount = models.DecimalField(
        _("sales at list price"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    discount_rate = models.DecimalField(
        _("discount"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    pickup_amount = models.DecimalField(_("pick-up amount"), max_digits=14, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "franchisee__code"]
        verbose_name = _("monthly pick-up")
        verbose_name_plural = _("monthly pick-ups")
        constraints = [
            models.UniqueConstraint(fields=["franchisee", "month"], name="one_pickup_per_franchisee_month"),
            models.CheckConstraint(
                condition=Q(sales_amount__gte=0, pickup_amount__gte=0, discount_rate__gte=0, discount_rate__lte=1),
                name="pickup_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.franchisee} {self.month:%Y-%m}"


class SettlementStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for approval")
    RETURNED = "returned", _("Returned to HR")
    APPROVED = "approved", _("Approved and paid")


class Settlement(models.Model):
    month = models.DateField(_("month"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=SettlementStatus.choices)
    policy_version = models.CharField(_("policy version"), max_length=50)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("settled by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("settled at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month"]
        verbose_name = _("commission settlement")
        verbose_name_plural = _("commission settlements")

    def __str__(self):
        return f"{self.month:%Y-%m}"


class SettlementLine(models.Model):
    """One staff member's month as settled: a snapshot (the volumes may change until approval; a new settling
    replaces the lines)."""

    settlement = models.ForeignKey(Settlement, on_delete=models.CASCADE, related_name="lines")
    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.CharField(_("post"), max_length=20, choices=Post.choices)
    served_volume = models.DecimalField(_("pick-up of franchisees served"), max_digits=14, decimal_places=2)
    tier = models.PositiveSmallIntegerField(_("tier"), null=True, blank=True)
    tier_rate = models.DecimalField(_("commission rate"), max_digits=5, decimal_places=4, null=True, blank=True)
    tier_base = models.DecimalField(_("base wage by tier"), max_digits=12, decimal_places=2, null=True, blank=True)
    commission_amount = models.DecimalField(_("commission"), max_digits=12, decimal_places=2)
    signed_volume = models.DecimalField(_("pick-up of signed customers"), max_digits=14, decimal_places=2)
    sales_extra_amount = models.DecimalField(_("sales extra"), max_digits=12, decimal_places=2)
    commission_trace = models.JSONField(_("commission trace"), null=True, blank=True)
    sales_extra_trace = models.JSONField(_("sales extra trace"), null=True, blank=True)

    class Meta:
        ordering = ["settlement", "engineer__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["settlement", "engineer"], name="one_commission_line_per_engineer")
        ]

    def __str__(self):
        return f"{self.settlement} · {self.engineer}"

    @property
    def total_amount(self) -> Decimal:
        return self.commission_amount + self.sales_extra_amount
