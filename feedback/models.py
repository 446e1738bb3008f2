"""The supervision of the incentive scheme (seed 004 第八章, seed 000 五(二)): the supervision group, engineers'
suggestions and complaints about the scheme, and the yearly policy review.

A suggestion may be anonymous to managers: its author is kept here and in the history (for the audit, shown to a
superuser in the admin only) and never shown on a page or in an API answer, not even to the supervision group.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class SupervisionMember(models.Model):
    """One person's seat in the supervision group (监督小组), from when to when: HR or a general manager adds and
    removes members; a removed member's row stays (ended), so the group's composition on any day is on record."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.PROTECT, related_name="supervision_seats"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["ended_at", "added_at", "id"]
        verbose_name = _("supervision group member")
        verbose_name_plural = _("supervision group members")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=Q(ended_at__isnull=True), name="one_open_seat_per_user")
        ]

    def __str__(self):
        return str(self.user)


class Category(models.TextChoices):
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLAINT = "complaint", _("Complaint")


# The answer's line on the author's home and its mail's subject: the category is a noun in mid-sentence (lower case
# in English), so each has its own sentence rather than the capitalised label put in.
ANSWERED = {
    Category.SUGGESTION: _("The supervision group answered your suggestion #%(id)s"),
    Category.COMPLAINT: _("The supervision group answered your complaint #%(id)s"),
}


class FeedbackStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("feedback status", "Open")
    ANSWERED = "answered", _("Answered")
    ADOPTED = "adopted", _("Adopted")
    DECLINED = "declined", _("Declined")


class Feedback(models.Model):
    """A suggestion or a complaint about the scheme: which document (and, if it names one, which rule) it is
    about, the text, and the supervision group's answer. `author` is never shown when `anonymous`."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    anonymous = models.BooleanField(_("anonymous to managers"), default=False)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    document_no = models.CharField(_("policy document"), max_length=30)
    rule = models.CharField(_("rule"), max_length=30, blank=True)  # a payslip line kind, or blank
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=FeedbackStatus.choices, default=FeedbackStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    author_read_at = models.DateTimeField(_("answer read by the author at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("suggestion or complaint")
        verbose_name_plural = _("suggestions and complaints")
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"#{self.pk} {self.get_category_display()}"

    @property
    def author_shown(self):
        """The author as pages and the API may show them: None when the suggestion is anonymous."""
        return None if self.anonymous else self.author

    @property
    def year(self) -> int:
        return timezone.localtime(self.created_at).year


class ReviewStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("policy review status", "Open")
    CLOSED = "closed", pgettext_lazy("policy review status", "Closed")


class PolicyReview(models.Model):
    """The yearly evaluation of the scheme (每年对制度进行一次全面评估): HR starts it for a year, which opens a
    revision draft of FS-MS-KF-13; its page puts the year's feedback beside what each rule cost that year; a
    general manager closes it with a written conclusion, which freezes the costs it was concluded on."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    draft = models.ForeignKey(
        "policies.PolicyVersion",
        verbose_name=_("revision draft"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    conclusion = models.TextField(_("conclusion"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    costs = models.JSONField(_("costs when closed"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("policy review")
        verbose_name_plural = _("policy reviews")

    def __str__(self):
        return f"{self.year}"
