"""A what-if: a draft policy version replayed on closed months, and what the approver saw of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SimulationStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Simulation(models.Model):
    """One replay of `version` on closed months. Writes nothing but itself and its rows: no payslip,
    item or period changes. `result` holds the summary the page shows (totals by month, kind and
    department, the histogram, the largest changes with both traces); the rows one per engineer and month."""

    version = models.ForeignKey(
        "policies.PolicyVersion", verbose_name=_("policy version"), on_delete=models.CASCADE, related_name="simulations"
    )
    periods = models.ManyToManyField("ledger.PayPeriod", verbose_name=_("pay periods"), related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=SimulationStatus.choices, default="queued")
    done = models.PositiveIntegerField(_("engineer months done"), default=0)
    total = models.PositiveIntegerField(_("engineer months"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("what-if simulation")
        verbose_name_plural = _("what-if simulations")

    def __str__(self):
        return f"{self.version.document_no} {self.version.version} #{self.pk}"

    @property
    def percent(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0


class SimulationRow(models.Model):
    """One engineer's month, as closed and as the draft would have paid it."""

    simulation = models.ForeignKey(Simulation, on_delete=models.CASCADE, related_name="rows")
    period = models.ForeignKey("ledger.PayPeriod", on_delete=models.CASCADE, related_name="+")
    engineer = models.ForeignKey("engineers.Engineer", on_delete=models.CASCADE, related_name="+")
    department_name = models.CharField(max_length=100)
    old_gross = models.DecimalField(max_digits=12, decimal_places=2)
    new_gross = models.DecimalField(max_digits=12, decimal_places=2)
    old_net = models.DecimalField(max_digits=12, decimal_places=2)
    new_net = models.DecimalField(max_digits=12, decimal_places=2)
    old_band = models.CharField(max_length=10, blank=True)
    new_band = models.CharField(max_length=10, blank=True)
    old_inside = models.BooleanField()
    new_inside = models.BooleanField()

    class Meta:
        ordering = ["simulation", "period", "engineer"]
        indexes = [models.Index(fields=["simulation", "period"])]

    def __str__(self):
        return f"{self.simulation_id} {self.period_id} {self.engineer_id}"

    @property
    def change(self):
        return self.new_gross - self.old_gross


class DraftApproval(models.Model):
    """A general manager approved a draft from its what-if page: which simulation they had in front of
    them (none when they approved without running one), kept beside the version's own approval fields."""

    version = models.OneToOneField(
        "policies.PolicyVersion", verbose_name=_("policy version"), on_delete=models.CASCADE, related_name="+"
    )
    simulation = models.ForeignKey(
        Simulation, verbose_name=_("simulation seen"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("draft approval")
        verbose_name_plural = _("draft approvals")

    def __str__(self):
        return f"{self.version} {self.approved_at:%Y-%m-%d}"
