"""What each engineer received besides pay (seed 000, 四(四) 荣誉激励 and 四(五) 福利激励), and when their
cumulative service began (what paid annual leave is counted from).

A Grant is one thing one engineer received: an honour certificate, a trophy, a holiday gift, a health
check or something else, on a day, for a reason, worth some yuan or nothing, issued by someone. A
department's holiday gift or health check is a GrantBatch: one action, one Grant per engineer on the
payroll that day, and the list of those skipped and why. An honour's certificate points at the approved
Award it certifies (appraisal), one per member.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class GrantKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Honour certificate")
    TROPHY = "trophy", _("Trophy")
    HOLIDAY_GIFT = "holiday_gift", _("Holiday gift")
    HEALTH_CHECK = "health_check", _("Health check")
    OTHER = "other", _("Other")


# What a whole department may be given in one action (seed 000: 节日福利, 健康体检).
BATCH_KINDS = (GrantKind.HOLIDAY_GIFT, GrantKind.HEALTH_CHECK)
BATCH_KIND_CHOICES = [(k.value, k.label) for k in BATCH_KINDS]
# What HR records for one engineer: a certificate comes from an approved honour instead.
RECORDABLE_KIND_CHOICES = [c for c in GrantKind.choices if c[0] != GrantKind.CERTIFICATE]


class GrantBatch(models.Model):
    """A department's holiday gift or health check, issued at once to everyone on the payroll that day."""

    department = models.ForeignKey(
        "engineers.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GrantKind.choices)
    given_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200)
    value_amount = models.DecimalField(_("value (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    # [{"engineer": id, "name": "…", "employee_no": "…", "why": "…"}]: who was not given it, and why.
    skipped = models.JSONField(_("skipped"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("department issue")
        verbose_name_plural = _("department issues")
        constraints = [
            models.CheckConstraint(
                condition=Q(value_amount__isnull=True) | Q(value_amount__gte=0), name="welfare_batch_value_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.department} {self.given_on:%Y-%m-%d}"


class Grant(models.Model):
    """One thing one engineer received: an honour certificate, a trophy, a gift, a health check, other."""

    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="grants"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=GrantKind.choices)
    given_on = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=200)
    value_amount = models.DecimalField(_("value (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), on_delete=models.PROTECT, related_name="+"
    )
    award = models.ForeignKey(
        "appraisal.Award",
        verbose_name=_("honour"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    batch = models.ForeignKey(
        GrantBatch,
        verbose_name=_("department issue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("welfare or honour given")
        verbose_name_plural = _("welfare and honours given")
        constraints = [
            models.CheckConstraint(
                condition=Q(value_amount__isnull=True) | Q(value_amount__gte=0), name="welfare_grant_value_not_negative"
            ),
            # One certificate per honour and member: printing again prints the same certificate.
            models.UniqueConstraint(
                fields=["award", "engineer"],
                condition=Q(kind="certificate"),
                name="welfare_one_certificate_per_honour_member",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.engineer} {self.given_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("welfare:grant", args=[self.pk])

    @property
    def has_certificate(self) -> bool:
        return self.kind == GrantKind.CERTIFICATE and self.award_id is not None


class WorkStart(models.Model):
    """When the engineer's cumulative service (累计工作年限) began, counting earlier employers: what paid
    annual leave is counted from. Without one, service counts from the hire date here."""

    engineer = models.OneToOneField(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="work_start"
    )
    started_on = models.DateField(_("cumulative service since"))
    note = models.CharField(_("evidence"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("start of cumulative service")
        verbose_name_plural = _("starts of cumulative service")

    def __str__(self):
        return f"{self.engineer} {self.started_on:%Y-%m-%d}"
