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


class CrewCategory(models.TextChoices):
    """What the three inspectors score on a crew's special project (seed 003)."""

    SAFETY = "safety", _("Safety")
    QUALITY = "quality", _("Quality")
    COMMUNICATION = "communication", _("Communication")
    RULES = "rules", _("Rules and discipline")


class AnnualAward(models.TextChoices):
    """The two annual awards paid in the policy's pay month."""

    SAFETY = "safety", _("Annual safety award")
    QUALITY = "quality", _("Annual quality award")


def label_of(choices: type[models.TextChoices], code: str) -> str:
    """The code's label in the reader's language; an unknown code shows as itself."""
    try:
        return str(choices(code).label)
    except ValueError:
        return code
