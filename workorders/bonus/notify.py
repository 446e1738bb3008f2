"""E-mail when a request needs someone or is decided (console backend by default).

Mails go out only after the transaction commits, so a rolled-back approval never
announces itself.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils.translation import gettext as _

from core.mail import muted as _is_muted
from core.roles import Role
from workorders.models import BonusKind, BonusRequest, RequestStatus


def _users_in(role: str):
    return get_user_model().objects.filter(groups__name=role, is_active=True)


def _send(request: BonusRequest, recipients, subject: str) -> None:
    addresses = sorted({u.email for u in recipients if u and u.email})
    if not addresses or _is_muted():
        return
    body = _("%(subject)s\n\nWork order %(n)s · %(kind)s · status: %(status)s\n\nOpen the request: %(url)s") % {
        "subject": subject,
        "n": request.work_order.number,
        "kind": request.get_kind_display(),
        "status": request.get_status_display(),
        "url": request.get_absolute_url(),
    }
    message = (f"[激励台] {subject}", body, settings.DEFAULT_FROM_EMAIL, addresses)
    transaction.on_commit(lambda: send_mass_mail([message], fail_silently=True))


def needs_action(request: BonusRequest) -> None:
    """Tell whoever must act next."""
    if request.status == RequestStatus.DRAFT:
        _send(request, _users_in(Role.SUPERVISOR), _("An incentive proposal waits for a supervisor to apply"))
    elif request.status == RequestStatus.SUBMITTED:
        manager = request.work_order.department.manager
        _send(request, [manager], _("A bonus request waits for your decision"))
    elif request.status == RequestStatus.REVIEWED:
        _send(request, _users_in(Role.GENERAL_MANAGER), _("A crew incentive waits for your approval"))


def after_transition(request: BonusRequest, action: str) -> None:
    if action in ("submit", "review"):
        needs_action(request)
    elif action in ("approve", "reject", "return"):
        subject = {
            "approve": _("Your bonus request was approved"),
            "reject": _("Your bonus request was rejected"),
            "return": _("Your bonus request was returned for changes"),
        }[action]
        _send(request, [request.proposed_by, request.applied_by], subject)
        if action == "approve" and request.kind != BonusKind.CREW and request.engineer.user:
            _send(request, [request.engineer.user], _("An incentive was approved for you"))
