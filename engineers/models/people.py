"""People: departments, crews with dated membership, engineers, skills and absences."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from policies.choices import CertificateLevel, Skill, TechnicalGrade


class Department(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_departments",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class EmploymentType(models.TextChoices):
    REGULAR = "regular", _("Regular")
    PROBATION = "probation", _("Probation")
    OUTSOURCED = "outsourced", _("Outsourced")
    TEMPORARY = "temporary", _("Temporary")


class EngineerStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LEFT = "left", _("Left")


class CareerRank(models.TextChoices):
    """The career path of seed 001: 工程助理 → 初级工程员 → 经理助理 → 部门经理 → 总经理."""

    ASSISTANT = "assistant", _("Engineering assistant")
    JUNIOR_ENGINEER = "junior_engineer", _("Junior engineer")
    MANAGER_ASSISTANT = "manager_assistant", _("Manager assistant")
    DEPARTMENT_MANAGER = "department_manager", _("Department manager")
    GENERAL_MANAGER = "general_manager", _("General manager")


class Engineer(models.Model):
    employee_no = models.CharField(_("employee no."), max_length=20, unique=True)
    name = models.CharField(_("full name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="engineers"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="engineer",
    )
    hire_date = models.DateField(_("hire date"))
    probation_end = models.DateField(_("probation end"), null=True, blank=True)
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=EmploymentType.choices, default=EmploymentType.REGULAR
    )
    status = models.CharField(_("status"), max_length=10, choices=EngineerStatus.choices, default=EngineerStatus.ACTIVE)
    leaving_date = models.DateField(_("leaving date"), null=True, blank=True)
    technical_grade = models.CharField(
        _("technical grade"), max_length=20, choices=TechnicalGrade.choices, blank=True, default=""
    )
    career_rank = models.CharField(
        _("career rank"), max_length=30, choices=CareerRank.choices, default=CareerRank.ASSISTANT
    )
    performance_pay_base_amount = models.DecimalField(
        _("performance-pay base"), max_digits=12, decimal_places=2, default=Decimal("0.00")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["employee_no"]
        verbose_name = _("engineer")
        verbose_name_plural = _("engineers")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="active", leaving_date__isnull=True) | Q(status="left", leaving_date__isnull=False),
                name="engineer_left_has_leaving_date",
                violation_error_message=_("An engineer who left needs a leaving date, and only they."),
            ),
            models.CheckConstraint(
                condition=Q(leaving_date__isnull=True) | Q(leaving_date__gte=F("hire_date")),
                name="engineer_leaves_after_hire",
                violation_error_message=_("The leaving date cannot be before the hire date."),
            ),
            models.CheckConstraint(
                condition=Q(probation_end__isnull=True) | Q(probation_end__gte=F("hire_date")),
                name="engineer_probation_after_hire",
                violation_error_message=_("Probation cannot end before the hire date."),
            ),
            models.CheckConstraint(
                condition=Q(performance_pay_base_amount__gte=0),
                name="engineer_performance_base_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.name}({self.employee_no})"

    def get_absolute_url(self):
        return reverse("engineers:detail", args=[self.pk])


class EngineerSkill(models.Model):
    """A special skill (特殊技能) backed by a certificate: the one record of an engineer's certificate of that kind
    (the training app records and renews it; a renewal changes this row, its history keeps the earlier one).
    The individual incentive's eligibility counts it from its issue day through its expiry day (valid_on)."""

    engineer = models.ForeignKey(Engineer, on_delete=models.CASCADE, related_name="skills")
    skill = models.CharField(_("skill"), max_length=30, choices=Skill.choices)
    level = models.CharField(
        _("certificate level"), max_length=20, choices=CertificateLevel.choices, default=CertificateLevel.OPERATION
    )
    certificate_no = models.CharField(_("certificate no."), max_length=50)
    issuer = models.CharField(_("issued by"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "skill"]
        verbose_name = _("special skill")
        verbose_name_plural = _("special skills")
        constraints = [
            models.UniqueConstraint(fields=["engineer", "skill"], name="engineer_skill_once"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="skill_expires_after_issue",
            ),
        ]

    def __str__(self):
        return f"{self.get_skill_display()} {self.certificate_no}"

    def valid_on(self, day) -> bool:
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)


class Crew(models.Model):
    """A crew (施工组): a leader and members whose membership is dated."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="crews"
    )
    leader = models.ForeignKey(
        Engineer,
        verbose_name=_("leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_crews",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("crew")
        verbose_name_plural = _("crews")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("engineers:crew_detail", args=[self.pk])


class CrewMembership(models.Model):
    crew = models.ForeignKey(Crew, verbose_name=_("crew"), on_delete=models.CASCADE, related_name="memberships")
    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="memberships"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["crew", "start_date"]
        verbose_name = _("crew membership")
        verbose_name_plural = _("crew memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.engineer} @ {self.crew}"


class AbsenceKind(models.TextChoices):
    PERSONAL = "personal", _("Personal")
    SICK = "sick", _("Sick")
    INJURY = "injury", _("Injury")
    OTHER = "other", _("Other")


class Absence(models.Model):
    """Dated absence; `excused` matters for the seniority award, the run length for assessment."""

    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="absences"
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices)
    excused = models.BooleanField(_("excused"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "start_date"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="absence_ends_after_start",
                violation_error_message=_("An absence cannot end before it starts."),
            )
        ]

    def __str__(self):
        return f"{self.engineer} {self.start_date}–{self.end_date}"

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1


class IncidentKind(models.TextChoices):
    SAFETY = "safety", _("Safety incident")
    QUALITY = "quality", _("Upheld quality complaint")


class Incident(models.Model):
    """A safety incident (no seniority award that month, no annual safety award that year) or an
    upheld quality complaint (no annual quality award that year). A fact, recorded whenever it is
    learnt: closes of open periods use it; a payslip already closed stays as it was."""

    engineer = models.ForeignKey(
        Engineer, verbose_name=_("engineer"), on_delete=models.PROTECT, related_name="incidents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=IncidentKind.choices)
    occurred_on = models.DateField(_("occurred on"))
    description = models.CharField(_("description"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        ordering = ["engineer", "occurred_on"]
        verbose_name = _("safety incident or quality complaint")
        verbose_name_plural = _("safety incidents and quality complaints")

    def __str__(self):
        return f"{self.engineer} {self.occurred_on} {self.get_kind_display()}"
