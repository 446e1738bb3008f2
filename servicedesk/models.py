"""Customer requests (客户请求, seed 004 第七章): logged, classified, assigned, resolved, surveyed.

A request's timestamps are set by the actions that reach each state (never typed); its deadlines are
computed once, when it is logged, from the SLA document in force that day, so a later revision of the
document does not move a promise already made to a customer.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from engineers.models import Crew, Department, Engineer, Incident, Skill
from policies.choices import ServiceCategory, ServicePriority
from workorders.models import WorkOrder


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    WECHAT = "wechat", _("WeChat")
    WALK_IN = "walk_in", _("Walk-in")
    CALL_CENTRE = "call_centre", _("Call-centre system")
    OTHER = "other", _("Other")


class State(models.TextChoices):
    LOGGED = "logged", _("Logged")
    ASSIGNED = "assigned", _("Assigned")
    ACCEPTED = "accepted", _("Accepted")
    ON_THE_WAY = "on_the_way", _("On the way")
    ON_SITE = "on_site", _("On site")
    RESOLVED = "resolved", pgettext_lazy("service request", "Resolved")
    CLOSED = "closed", pgettext_lazy("service request", "Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATES = (State.LOGGED, State.ASSIGNED, State.ACCEPTED, State.ON_THE_WAY, State.ON_SITE)


class ServiceRequest(models.Model):
    customer_name = models.CharField(_("customer"), max_length=100)
    customer_phone = models.CharField(_("customer phone"), max_length=30)
    address = models.CharField(_("address"), max_length=200)
    product = models.CharField(_("product"), max_length=100)
    fault_description = models.TextField(_("fault description"))
    category = models.CharField(_("category"), max_length=20, choices=ServiceCategory.choices)
    priority = models.CharField(
        _("priority"), max_length=10, choices=ServicePriority.choices, default=ServicePriority.NORMAL
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE)
    required_skill = models.CharField(_("skill needed"), max_length=30, choices=Skill.choices, blank=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="service_requests"
    )
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), on_delete=models.PROTECT, related_name="+"
    )
    logged_at = models.DateTimeField(_("logged at"), db_index=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.LOGGED, db_index=True)
    engineer = models.ForeignKey(
        Engineer,
        verbose_name=_("assigned engineer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    crew = models.ForeignKey(
        Crew, verbose_name=_("crew"), null=True, blank=True, on_delete=models.PROTECT, related_name="service_requests"
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    departed_at = models.DateTimeField(_("on the way at"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("on site at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(pgettext_lazy("service request", "closed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    resolution_note = models.TextField(_("resolution"), blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    # The SLA promise made when the request was logged (document version and due times).
    sla_version = models.CharField(_("SLA version"), max_length=40)
    response_due = models.DateTimeField(_("response due"))
    resolution_due = models.DateTimeField(_("resolution due"), db_index=True)
    response_hours = models.DecimalField(_("response target (hours)"), max_digits=7, decimal_places=2)
    resolution_hours = models.DecimalField(_("resolution target (hours)"), max_digits=7, decimal_places=2)
    business_hours = models.BooleanField(_("in business hours"), default=True)
    # Which deadline the supervisors were last warned about ("response" / "resolution"): once each.
    warned_for = models.CharField(_("supervisors warned about"), max_length=12, blank=True, editable=False)
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    # A complaint: the supervisor decides whether it is upheld and about whom; an upheld one is a quality
    # incident of that engineer (no annual quality award that year: payroll's December close reads it).
    complaint_upheld = models.BooleanField(_("complaint upheld"), null=True, blank=True)
    complaint_about = models.ForeignKey(
        Engineer,
        verbose_name=_("complaint about"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    incident = models.OneToOneField(
        Incident,
        verbose_name=_("quality incident"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="service_request",
    )
    work_order = models.OneToOneField(
        WorkOrder,
        verbose_name=_("work order"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_request",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-logged_at", "-id"]
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(engineer__isnull=False) | Q(state__in=["logged", "cancelled"]),
                name="sr_assigned_has_engineer",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | Q(resolved_at__gte=F("logged_at")),
                name="sr_resolved_after_logged",
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("servicedesk:detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"SR{self.pk:06d}" if self.pk else "SR—"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class Transition(models.Model):
    """One step of a request's timeline: who moved it from which state to which, and when."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(_("action"), max_length=20)
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("request transition")
        verbose_name_plural = _("request transitions")

    def __str__(self):
        return f"{self.request_id}: {self.from_state} → {self.to_state}"


class SurveyInvitation(models.Model):
    """The satisfaction survey a resolved request's customer is invited to (one per request, one answer).

    The link carries a signed token naming this row and its nonce; a survey never answered stays unanswered
    (no default score)."""

    request = models.OneToOneField(ServiceRequest, on_delete=models.CASCADE, related_name="survey")
    nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    stars = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    # The customer's optional signature, drawn on the phone: a PNG as a data: URL (checked when saved).
    signature = models.TextField(_("signature"), blank=True)
    history = HistoricalRecords(excluded_fields=["signature"])

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(stars__isnull=True) | Q(stars__gte=1, stars__lte=5), name="survey_stars_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, stars__isnull=True)
                | Q(answered_at__isnull=False, stars__isnull=False),
                name="survey_answer_has_stars",
            ),
        ]

    def __str__(self):
        return f"{self.request.number}"
