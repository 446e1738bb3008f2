"""A month's attendance per engineer: the days and overtime hours base, post wage and allowances are paid by."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def _days(label):
    return models.DecimalField(
        label,
        max_digits=4,
        decimal_places=1,
        default=Decimal("0.0"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(31))],
    )


def _hours(label):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=1,
        default=Decimal("0.0"),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(300))],
    )


class AttendanceMonth(models.Model):
    """Days worked, leave and absence (half days allowed), overtime hours by kind, for one month.

    Entered in the grid, imported from the attendance machine's export, or sent over the API;
    read-only once the month's pay period is closed."""

    engineer = models.ForeignKey(
        "engineers.Engineer", verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="attendance"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    days_worked = _days(_("days worked"))
    paid_leave_days = _days(_("paid leave days"))
    sick_leave_days = _days(_("sick leave days"))
    unpaid_absence_days = _days(_("unpaid absence days"))
    overtime_weekday_hours = _hours(_("weekday overtime hours"))
    overtime_rest_day_hours = _hours(_("rest-day overtime hours"))
    overtime_holiday_hours = _hours(_("statutory holiday overtime hours"))
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-month", "engineer__employee_no"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["engineer", "year", "month"], name="one_attendance_per_engineer_month"),
            models.CheckConstraint(condition=Q(month__gte=1, month__lte=12), name="attendance_month_1_12"),
            models.CheckConstraint(
                condition=Q(
                    days_worked__gte=0,
                    paid_leave_days__gte=0,
                    sick_leave_days__gte=0,
                    unpaid_absence_days__gte=0,
                    overtime_weekday_hours__gte=0,
                    overtime_rest_day_hours__gte=0,
                    overtime_holiday_hours__gte=0,
                ),
                name="attendance_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.engineer} {self.year}-{self.month:02d}"
