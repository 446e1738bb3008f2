"""Engineers' questions about payslip lines, and HR's answers (services: every write here)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role

from .errors import PayrollErrorCode
from .models import AppealStatus, PayslipAppeal, PayslipLine


@transaction.atomic
def appeal_ask(*, user, line: PayslipLine, comment: str) -> PayslipAppeal:
    """The engineer whose payslip it is asks HR about one line; the line is kept as a snapshot."""
    payslip = line.payslip
    if payslip.engineer.user_id != user.pk:
        raise PermissionDeniedError(
            PayrollErrorCode.APPEAL_NOT_YOURS, _("Only the engineer paid by it can question a line.")
        )
    if not comment.strip():
        raise DomainError(PayrollErrorCode.APPEAL_EMPTY, _("Write what you want HR to check."), field="comment")
    appeal = PayslipAppeal(
        period=payslip.period,
        engineer=payslip.engineer,
        line_kind=line.kind,
        line_description=line.description,
        line_amount=line.amount,
        comment=comment.strip(),
    )
    appeal._history_user = user
    appeal.save()
    return appeal


@transaction.atomic
def appeal_answer(*, user, appeal: PayslipAppeal, answer: str) -> PayslipAppeal:
    """HR answers an engineer's question; the answer and who gave it are kept in the history."""
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(PayrollErrorCode.APPEAL_ANSWER_ROLE, _("Only an HR clerk answers questions."))
    if not answer.strip():
        raise DomainError(PayrollErrorCode.APPEAL_ANSWER_EMPTY, _("Write the answer."), field="answer")
    appeal = PayslipAppeal.objects.select_for_update().get(pk=appeal.pk)
    appeal.answer, appeal.status = answer.strip(), AppealStatus.ANSWERED
    appeal.answered_by, appeal.answered_at = user, timezone.now()
    appeal._history_user = user
    appeal.save(update_fields=["answer", "status", "answered_by", "answered_at"])
    transaction.on_commit(lambda: _tell_the_engineer(appeal))
    return appeal


def _tell_the_engineer(appeal: PayslipAppeal) -> None:
    """An e-mail to the engineer who asked, once the answer is committed (console backend by default)."""
    account = appeal.engineer.user
    if account is None or not account.email:
        return
    payslip = appeal.engineer.payslips.filter(period=appeal.period).first()
    link = reverse("payroll:payslip", args=[payslip.pk]) if payslip else reverse("payroll:payslips")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("HR answered your question about your %(period)s payslip") % {"period": appeal.period}
        body = _("Your question: %(question)s\n\nHR's answer: %(answer)s\n\nSee the payslip: %(link)s") % {
            "question": appeal.comment,
            "answer": appeal.answer,
            "link": link,
        }
    send_mail(subject, body, None, [account.email], fail_silently=True)
