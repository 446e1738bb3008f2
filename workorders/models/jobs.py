"""Work orders, their piece-rate lines and participants, and versioned piece-rate tables."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from engineers.models import Crew, Department, Engineer


class PieceRateTableStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("In force")
    RETIRED = "retired", _("Retired")


class PieceRateTable(models.Model):
    """A version of the piece-rate standard (计件标准), in force from `effective_from`
    until the next active version starts."""

    code = models.CharField(_("version"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    effective_from = models.DateField(_("effective from"))
    status = models.CharField(
        _("status"), max_length=10, choices=PieceRateTableStatus.choices, default=PieceRateTableStatus.DRAFT
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("piece-rate table")
        verbose_name_plural = _("piece-rate tables")
        constraints = [
            models.UniqueConstraint(
                fields=["effective_from"],
                condition=Q(status="active"),
                name="one_active_piece_rate_table_per_date",
                violation_error_message=_("Another table in force already starts on this date."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("workorders:rate_table_detail", args=[self.pk])


class PieceRateItem(models.Model):
    table = models.ForeignKey(PieceRateTable, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("item code"), max_length=20)
    description = models.CharField(_("description"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20)
    unit_rate = models.DecimalField(
        _("unit rate (yuan)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["table", "code"]
        verbose_name = _("piece-rate item")
        verbose_name_plural = _("piece-rate items")
        constraints = [
            models.UniqueConstraint(fields=["table", "code"], name="piece_rate_item_code_once"),
            models.CheckConstraint(condition=Q(unit_rate__gte=0), name="piece_rate_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.description}"


class OrderType(models.TextChoices):
    INSTALLATION = "installation", _("Installation")
    REPAIR = "repair", _("Repair")
    MAINTENANCE = "maintenance", _("Maintenance")


class SplitMethod(models.TextChoices):
    BY_DAYS = "days", _("By days worked")
    CUSTOM = "custom", _("Crew's own percentages")


class WorkOrder(models.Model):
    number = models.CharField(_("work order no."), max_length=30, unique=True)
    order_type = models.CharField(_("type"), max_length=20, choices=OrderType.choices)
    is_special = models.BooleanField(_("special/key project"), default=False)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="work_orders"
    )
    crew = models.ForeignKey(
        Crew, verbose_name=_("crew"), null=True, blank=True, on_delete=models.PROTECT, related_name="work_orders"
    )
    customer_name = models.CharField(_("customer"), max_length=100)
    customer_phone = models.CharField(_("customer phone"), max_length=30, blank=True)
    site_address = models.CharField(_("site"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    # The Asia/Shanghai date of resolved_at: the date whose piece rates apply.
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False, db_index=True)
    csat_score = models.PositiveSmallIntegerField(
        _("customer satisfaction (0–100)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    customer_signed = models.BooleanField(_("customer signed"), default=False)
    customer_comment = models.CharField(_("customer comment"), max_length=500, blank=True)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat visit of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeat_visits",
    )
    split_method = models.CharField(
        _("piece-rate split"), max_length=10, choices=SplitMethod.choices, default=SplitMethod.BY_DAYS
    )
    piece_rate_total_amount = models.DecimalField(
        _("piece-rate total"), max_digits=12, decimal_places=2, default=Decimal("0.00"), editable=False
    )
    rate_table = models.ForeignKey(
        PieceRateTable,
        verbose_name=_("piece-rate table"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="work_orders",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        constraints = [
            models.CheckConstraint(
                condition=Q(responded_at__isnull=True) | Q(responded_at__gte=F("reported_at")),
                name="wo_responded_after_reported",
                violation_error_message=_("Responded at cannot be before reported at."),
            ),
            models.CheckConstraint(
                condition=Q(arrived_at__isnull=True) | Q(arrived_at__gte=F("reported_at")),
                name="wo_arrived_after_reported",
                violation_error_message=_("Arrived at cannot be before reported at."),
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=F("reported_at")),
                name="wo_resolved_after_reported",
                violation_error_message=_("Resolved at cannot be before reported at."),
            ),
            models.CheckConstraint(
                condition=Q(csat_score__isnull=True) | Q(csat_score__lte=100),
                name="wo_csat_at_most_100",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "completed_on"]),
            # The list's order: its first page reads 25 rows of this index instead of sorting every order.
            models.Index(fields=["-reported_at", "-id"], name="wo_newest_first"),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.completed_on = timezone.localdate(self.resolved_at) if self.resolved_at else None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("workorders:detail", args=[self.pk])

    @property
    def pricing_date(self):
        """Rates in force on completion; until then, provisionally on the report date."""
        return self.completed_on or timezone.localdate(self.reported_at)


class WorkOrderLine(models.Model):
    """A piece-rate line: quantity × the unit rate of the table in force on completion."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="lines")
    item_code = models.CharField(_("item code"), max_length=20)
    description = models.CharField(_("description"), max_length=200, editable=False)
    unit = models.CharField(_("unit"), max_length=20, editable=False)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit_rate = models.DecimalField(_("unit rate"), max_digits=10, decimal_places=2, editable=False)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["work_order", "id"]
        verbose_name = _("piece-rate line")
        verbose_name_plural = _("piece-rate lines")
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="line_quantity_positive")]

    def __str__(self):
        return f"{self.item_code} × {self.quantity}"


class Participant(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="participants")
    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="participations"
    )
    days_worked = models.DecimalField(_("days worked"), max_digits=5, decimal_places=1)
    split_pct = models.DecimalField(
        _("split %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    share_amount = models.DecimalField(
        _("piece-rate share"), max_digits=12, decimal_places=2, default=Decimal("0.00"), editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["work_order", "engineer__employee_no"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["work_order", "engineer"], name="participant_once_per_order"),
            models.CheckConstraint(condition=Q(days_worked__gte=0), name="participant_days_not_negative"),
        ]

    def __str__(self):
        return f"{self.engineer} ({self.days_worked})"
