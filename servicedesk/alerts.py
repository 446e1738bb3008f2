"""The supervisors' warning (issue 16): a request about to breach its deadline, or past it, is mailed to the
supervisors once per deadline (its response, then its resolution), by a job every quarter of an hour."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import muted
from core.roles import Role

from .models import OPEN_STATES, ServiceRequest
from .selectors import with_standing


@transaction.atomic
def sla_warn_supervisors(*, now=None) -> int:
    """Mail the supervisors one list of the open requests newly about to breach or past a deadline (each
    deadline once); returns how many requests it named."""
    now = now or timezone.now()
    # Only the requests' rows are locked: PostgreSQL refuses FOR UPDATE on the nullable side of a join.
    locked = ServiceRequest.objects.select_for_update(of=("self",))
    open_ = locked.filter(state__in=OPEN_STATES).select_related("engineer")
    named = [(r, s) for r, s in with_standing(open_, now=now) if (s.at_risk or s.breached) and r.warned_for != s.which]
    if not named:
        return 0
    lines = [
        _("%(no)s · %(customer)s · %(product)s · %(engineer)s · %(which)s due %(due)s%(late)s")
        % {
            "no": r.number,
            "customer": r.customer_name,
            "product": r.product,
            "engineer": r.engineer.name if r.engineer else _("not assigned"),
            "which": s.words,
            "due": timezone.localtime(s.due).strftime("%Y-%m-%d %H:%M"),
            "late": _(" (past due)") if s.breached else "",
        }
        for r, s in named
    ]
    for r, s in named:
        r.warned_for = s.which
    ServiceRequest.objects.bulk_update([r for r, _s in named], ["warned_for"])
    recipients = sorted(
        {u.email for u in get_user_model().objects.filter(groups__name=Role.SUPERVISOR, is_active=True) if u.email}
    )
    if recipients and not muted():
        subject = _("[激励台] %(n)d customer requests about to breach or past their deadline") % {"n": len(named)}
        body = "\n".join(lines)
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
        )
    return len(named)
