"""The codes a policy's parameters are keyed by, with their labels: one source for every page,
workbook and controlled document that names them. The labels are lazy, so each is translated
where it is shown. They live here, below engineers and appraisal, because the policy (and its
controlled document) names them first; the models above use these same classes as their choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KpiDimension(models.TextChoices):
    """The dimensions of the monthly KPI (seed 002)."""

    ATTITUDE = "attitude", _("Work attitude")
    SKILL = "skill", _("Professional skill")
    EFFICIENCY = "efficiency", _("Efficiency")
    CUSTOMER = "customer", _("Customer satisfaction")
    COST = "cost", _("Cost control")


class ScoreSource(models.TextChoices):
    """Who scores a KPI dimension (360°), each source with its weight in the policy."""

    SELF = "self", _("Self-assessment")
    PEER = "peer", _("Peer review")
    CUSTOMER = "customer", _("Customer")
    SUPERVISOR = "supervisor", _("Supervisor")


class TechnicalGrade(models.TextChoices):
    NONE = "", _("Not graded")
    JUNIOR = "junior", _("Junior")
    INTERMEDIATE = "intermediate", _("Intermediate")
    SENIOR = "senior", _("Senior")
    PRINCIPAL = "principal", _("Principal")


class AwardKind(models.TextChoices):
    """Honours (each with its amount in the policy) and penalties (seed 001)."""

    EXCELLENT_INDIVIDUAL_MONTH = "excellent_individual_month", _("Excellent individual of the month")
    INNOVATION = "innovation", _("Innovation award")
    ANNUAL_ADVANCED_INDIVIDUAL = "annual_advanced_individual", _("Annual advanced individual")
    EXCELLENT_TEAM_MONTH = "excellent_team_month", _("Excellent team of the month")
    TARGET_ACHIEVED = "target_achieved", _("Target achieved")
    INNOVATION_TEAM = "innovation_team", _("Innovation team")
    WARNING = "warning", _("Warning")
    DEDUCTION = "deduction", _("Deduction")
    DEMOTION = "demotion", _("Demotion")
