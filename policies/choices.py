"""The codes a policy's parameters are keyed by, with their labels: one source for every page,
workbook and controlled document that names them. The labels are lazy, so each is translated
where it is shown. They live here, below engineers and appraisal, because the policy (and its
controlled document) names them first; the models above use these same classes as their choices."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class PieceRateMode(models.TextChoices):
    """Whether the month's piece-rate pay comes on top of the base wage or instead of it."""

    ADDS = "adds", _("Added to the base wage")
    REPLACES = "replaces", _("Replaces the base wage")


class AttendanceKind(models.TextChoices):
    """The columns of a month's attendance: days, then overtime hours by kind."""

    DAYS_WORKED = "days_worked", pgettext_lazy("attendance", "Days worked")  # 出勤天数, not a work order's 工期天数
    PAID_LEAVE = "paid_leave_days", _("Paid leave days")
    SICK_LEAVE = "sick_leave_days", _("Sick leave days")
    UNPAID_ABSENCE = "unpaid_absence_days", _("Unpaid absence days")
    OVERTIME_WEEKDAY = "overtime_weekday_hours", _("Weekday overtime hours")
    OVERTIME_REST_DAY = "overtime_rest_day_hours", _("Rest-day overtime hours")
    OVERTIME_HOLIDAY = "overtime_holiday_hours", _("Statutory holiday overtime hours")


class OvertimeKind(models.TextChoices):
    """Overtime by when it was worked: the Labour Law's 150 %, 200 % and 300 % (rates in the policy)."""

    WEEKDAY = "weekday", _("Weekday overtime")
    REST_DAY = "rest_day", _("Rest-day overtime")
    HOLIDAY = "holiday", _("Statutory holiday overtime")


class ContributionKind(models.TextChoices):
    """Social insurance and housing fund items, each with its base limits and rates per city."""

    PENSION = "pension", _("Pension insurance")
    MEDICAL = "medical", _("Medical insurance")
    UNEMPLOYMENT = "unemployment", _("Unemployment insurance")
    WORK_INJURY = "work_injury", _("Work-injury insurance")
    MATERNITY = "maternity", _("Maternity insurance")
    HOUSING_FUND = "housing_fund", _("Housing fund")


class AdditionalDeduction(models.TextChoices):
    """Special additional deductions (专项附加扣除) an engineer claims against income tax."""

    CHILDREN_EDUCATION = "children_education", _("Children's education")
    INFANT_CARE = "infant_care", _("Infant care")
    CONTINUING_EDUCATION = "continuing_education", _("Continuing education")
    HOUSING_LOAN = "housing_loan", _("Housing loan interest")
    HOUSING_RENT = "housing_rent", _("Housing rent")
    ELDERLY_SUPPORT = "elderly_support", _("Elderly support")


class Bank(models.TextChoices):
    """The banks an engineer's net pay is paid into (代发工资), by the code their payment files use.

    One list for the bank-account form, the API and the bank payment file's layouts; a bank not
    listed is OTHER, with its name in the account's branch."""

    ICBC = "ICBC", _("Industrial and Commercial Bank of China")
    CCB = "CCB", _("China Construction Bank")
    ABC = "ABC", _("Agricultural Bank of China")
    BOC = "BOC", _("Bank of China")
    BOCOM = "BOCOM", _("Bank of Communications")
    CMB = "CMB", _("China Merchants Bank")
    PSBC = "PSBC", _("Postal Savings Bank of China")
    CITIC = "CITIC", _("China CITIC Bank")
    CEB = "CEB", _("China Everbright Bank")
    CMBC = "CMBC", _("China Minsheng Bank")
    CIB = "CIB", _("Industrial Bank")
    SPDB = "SPDB", _("Shanghai Pudong Development Bank")
    CGB = "CGB", _("China Guangfa Bank")
    PAB = "PAB", _("Ping An Bank")
    HXB = "HXB", _("Hua Xia Bank")
    RCB = "RCB", _("Rural commercial bank")
    OTHER = "OTHER", _("Other bank")


class ServiceCategory(models.TextChoices):
    """What a customer request is about (seed 004, 第七章: 记录并进行分类); the SLA document has a row for each."""

    INSTALLATION = "installation", _("Installation")
    REPAIR = "repair", _("Repair")
    MAINTENANCE = "maintenance", _("Maintenance")
    COMPLAINT = "complaint", _("Complaint")


class ServicePriority(models.TextChoices):
    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    NORMAL = "normal", _("Normal")
    LOW = "low", _("Low")


class Skill(models.TextChoices):
    """A special skill (特殊技能, FS-MS-KF-13 个人激励 条件), each backed by a certificate; the study-reward
    document (incentives.study_policy.SKILLS) has a row per skill × level."""

    ELECTRICIAN = "electrician", _("Electrician")
    WELDER = "welder", _("Welder")
    PIPEFITTER = "pipefitter", _("Pipefitter")
    REFRIGERATION = "refrigeration", _("Refrigeration")
    WORK_AT_HEIGHT = "work_at_height", _("Work at height")


class CertificateLevel(models.TextChoices):
    """A certificate's level: a special-operation certificate (特种作业操作证) has none; a vocational skill
    certificate (职业技能等级证书) has five, 初级工 (level 5) to 高级技师 (level 1)."""

    OPERATION = "operation", _("Special-operation certificate")
    JUNIOR = "junior", _("Junior worker (level 5)")
    INTERMEDIATE = "intermediate", _("Intermediate worker (level 4)")
    SENIOR = "senior", _("Senior worker (level 3)")
    TECHNICIAN = "technician", _("Technician (level 2)")
    SENIOR_TECHNICIAN = "senior_technician", _("Senior technician (level 1)")


def label_of(choices: type[models.TextChoices], code: str) -> str:
    """The code's label in the reader's language; an unknown code shows as itself."""
    try:
        return str(choices(code).label)
    except ValueError:
        return code
