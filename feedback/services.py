"""Writes of the supervision group, the feedback and the policy review (every write here, one transaction each).

- HR or a general manager adds and removes the supervision group's members (a seat is ended, never deleted).
- Any signed-in user submits a suggestion or a complaint, optionally anonymous to managers.
- A member of the group answers it (answered, adopted or declined), never one they wrote themselves; an answered
  one may later be adopted or declined (e.g. by the year's review); adopted and declined are final.
- HR starts the year's policy review, which opens a revision draft of FS-MS-KF-13; a general manager closes it
  with a written conclusion, freezing the costs per rule it was concluded on.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.mail import muted
from core.roles import Role, has_role
from policies import kinds
from policies.models import PolicyStatus, PolicyVersion
from policies.selectors import policy_version_to_revise
from policies.services import policy_draft_save

from .errors import FeedbackErrorCode as Code
from .models import ANSWERED, Category, Feedback, FeedbackStatus, PolicyReview, ReviewStatus, SupervisionMember
from .selectors import RULE_CHOICES, document_choices, is_group_member, manages_group, rule_costs

TEXT_MAX = 4000
ANSWER_STATES = (FeedbackStatus.ANSWERED, FeedbackStatus.ADOPTED, FeedbackStatus.DECLINED)


def _saved(obj, user, **kwargs):
    obj._history_user = user
    obj.save(**kwargs)
    return obj


# The supervision group ---------------------------------------------------------------------------------------------


@transaction.atomic
def member_add(*, user, member) -> SupervisionMember:
    if not manages_group(user):
        raise PermissionDeniedError(
            Code.GROUP_ROLE, _("HR or a general manager chooses the supervision group's members.")
        )
    if SupervisionMember.objects.filter(user=member, ended_at__isnull=True).exists():
        raise ConflictError(Code.ALREADY_MEMBER, _("%(who)s is already in the group.") % {"who": _name(member)})
    try:
        with transaction.atomic():
            return _saved(SupervisionMember(user=member, added_by=user), user)
    except IntegrityError as exc:  # a racing add of the same person: the open-seat constraint refused it
        raise ConflictError(
            Code.ALREADY_MEMBER, _("%(who)s is already in the group.") % {"who": _name(member)}
        ) from exc


@transaction.atomic
def member_remove(*, user, seat: SupervisionMember) -> SupervisionMember:
    if not manages_group(user):
        raise PermissionDeniedError(
            Code.GROUP_ROLE, _("HR or a general manager chooses the supervision group's members.")
        )
    seat = SupervisionMember.objects.select_for_update().get(pk=seat.pk)
    if seat.ended_at is not None:
        raise ConflictError(Code.NOT_MEMBER, _("%(who)s has already left the group.") % {"who": _name(seat.user)})
    seat.ended_by, seat.ended_at = user, timezone.now()
    return _saved(seat, user, update_fields=["ended_by", "ended_at"])


def _name(user) -> str:
    return user.get_full_name() or user.username


# Suggestions and complaints ----------------------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(
    *, user, category: str, document_no: str, text: str, rule: str = "", anonymous: bool = False
) -> Feedback:
    """Anyone signed in writes a suggestion or a complaint about a document in force (and one of its rules)."""
    text = (text or "").strip()
    if not text:
        raise DomainError(Code.EMPTY, _("Write your suggestion or complaint."), field="text")
    if len(text) > TEXT_MAX:
        raise DomainError(Code.EMPTY, _("At most %(n)d characters.") % {"n": TEXT_MAX}, field="text")
    if document_no not in dict(document_choices(timezone.localdate())):
        raise DomainError(Code.DOCUMENT, _("Choose a policy document in force."), field="document_no")
    if rule and rule not in dict(RULE_CHOICES):
        raise DomainError(Code.RULE, _("Choose a rule from the list, or none."), field="rule")
    if category not in Category.values:
        raise DomainError(Code.EMPTY, _("Choose suggestion or complaint."), field="category")
    feedback = Feedback(
        author=user, anonymous=bool(anonymous), category=category, document_no=document_no, rule=rule, text=text
    )
    return _saved(feedback, user)


def answer_refusal(user, feedback: Feedback) -> DomainError | None:
    """Why `user` may not answer `feedback` now, or None (the page offers the form only then)."""
    if not is_group_member(user):
        return PermissionDeniedError(Code.ANSWER_ROLE, _("A member of the supervision group answers."))
    if feedback.author_id == user.pk:
        return PermissionDeniedError(Code.ANSWER_OWN, _("Nobody answers their own suggestion."))
    if feedback.status not in (FeedbackStatus.OPEN, FeedbackStatus.ANSWERED):
        return ConflictError(Code.ANSWER_STATUS, _("An adopted or declined suggestion is settled."))
    return None


@transaction.atomic
def feedback_answer(*, user, feedback: Feedback, status: str, answer: str) -> Feedback:
    """A member of the group answers; the author finds the answer on their home (and by e-mail)."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if refusal := answer_refusal(user, feedback):
        raise refusal
    answer = (answer or "").strip()
    if status not in ANSWER_STATES:
        raise DomainError(Code.ANSWER_STATUS, _("Answer, adopt or decline."), field="status")
    if not answer:
        raise DomainError(Code.ANSWER_EMPTY, _("Write the answer."), field="answer")
    if len(answer) > TEXT_MAX:
        raise DomainError(Code.ANSWER_EMPTY, _("At most %(n)d characters.") % {"n": TEXT_MAX}, field="answer")
    feedback.status, feedback.answer = status, answer
    feedback.answered_by, feedback.answered_at, feedback.author_read_at = user, timezone.now(), None
    _saved(feedback, user, update_fields=["status", "answer", "answered_by", "answered_at", "author_read_at"])
    if not muted():  # checked now: the demo's commit comes after its mail_muted() block ends
        transaction.on_commit(lambda: _tell_the_author(feedback))
    return feedback


def _tell_the_author(feedback: Feedback) -> None:
    """An e-mail to the author alone (anonymous or not: only they receive it)."""
    account = feedback.author
    if not account.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = ANSWERED[feedback.category] % {"id": feedback.pk}
        body = _("Your text: %(text)s\n\n%(status)s: %(answer)s\n\nSee it: %(link)s") % {
            "text": feedback.text,
            "status": feedback.get_status_display(),
            "answer": feedback.answer,
            "link": reverse("feedback:detail", args=[feedback.pk]),
        }
    send_mail(subject, body, None, [account.email], fail_silently=True)


@transaction.atomic
def feedback_mark_read(*, user, feedback: Feedback) -> Feedback:
    """The author has read the answer: it leaves their home."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if feedback.author_id != user.pk:
        raise PermissionDeniedError(Code.NOT_AUTHOR, _("Only the author marks the answer read."))
    if feedback.status == FeedbackStatus.OPEN:
        raise ConflictError(Code.NOT_ANSWERED, _("There is no answer yet."))
    if feedback.author_read_at is None:
        feedback.author_read_at = timezone.now()
        _saved(feedback, user, update_fields=["author_read_at"])
    return feedback


# The yearly policy review ------------------------------------------------------------------------------------------

VERSION_NUMBER = re.compile(r"^(.*?)(\d+)$")


def next_version_name(current: str) -> str:
    """The next free version name after `current` (A/2 → A/3, or A/4 if A/3 is taken by a live draft)."""
    taken = set(
        PolicyVersion.objects.filter(document_no=kinds.INCENTIVE_DOCUMENT)
        .exclude(status=PolicyStatus.WITHDRAWN)
        .values_list("version", flat=True)
    )
    match = VERSION_NUMBER.match(current)
    prefix, number = (match.group(1), int(match.group(2))) if match else (f"{current}.", 0)
    number += 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


@transaction.atomic
def review_start(*, user, year: int) -> PolicyReview:
    """HR starts the review of `year` (this year or an earlier one), once per year: it opens a revision draft of
    FS-MS-KF-13 copied from the version in force, to take effect next 1 January, linked to the review."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(Code.REVIEW_ROLE, _("An HR clerk starts the yearly policy review."))
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise DomainError(Code.REVIEW_YEAR, _("Review this year or an earlier one."), field="year")
    if PolicyReview.objects.filter(year=year).exists():
        raise ConflictError(Code.REVIEW_EXISTS, _("%(year)s has its review already.") % {"year": year}, field="year")
    base = policy_version_to_revise(kinds.INCENTIVE_DOCUMENT, today)
    draft = policy_draft_save(
        user=user,
        version=next_version_name(base.version),
        title=base.title,
        effective_from=today.replace(year=today.year + 1, month=1, day=1),
        parameters=dict(base.parameters),
        revision_note=_("Revision opened by the policy review of %(year)s.") % {"year": year},
    )
    try:
        with transaction.atomic():
            return _saved(PolicyReview(year=year, draft=draft, started_by=user), user)
    except IntegrityError as exc:  # a racing start of the same year
        raise ConflictError(
            Code.REVIEW_EXISTS, _("%(year)s has its review already.") % {"year": year}, field="year"
        ) from exc


def close_refusal(user, review: PolicyReview) -> DomainError | None:
    if not has_role(user, Role.GENERAL_MANAGER):
        return PermissionDeniedError(Code.CLOSE_ROLE, _("A general manager closes the policy review."))
    if review.status != ReviewStatus.OPEN:
        return ConflictError(Code.REVIEW_CLOSED, _("This review is closed."))
    return None


@transaction.atomic
def review_close(*, user, review: PolicyReview, conclusion: str) -> PolicyReview:
    """A general manager writes the conclusion; the costs per rule it was concluded on are kept with it."""
    review = PolicyReview.objects.select_for_update().get(pk=review.pk)
    if refusal := close_refusal(user, review):
        raise refusal
    conclusion = (conclusion or "").strip()
    if not conclusion:
        raise DomainError(Code.CLOSE_EMPTY, _("Write the review's conclusion."), field="conclusion")
    review.status, review.conclusion = ReviewStatus.CLOSED, conclusion
    review.closed_by, review.closed_at = user, timezone.now()
    review.costs = [c.as_json() for c in rule_costs(review.year)]
    return _saved(review, user, update_fields=["status", "conclusion", "closed_by", "closed_at", "costs"])
