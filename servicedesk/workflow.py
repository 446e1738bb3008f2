"""The request state machine and who may take each step, in one table (as workorders/bonus/workflow.py does).

    logged ──assign──▶ assigned ──accept──▶ accepted ──depart──▶ on_the_way ──arrive──▶ on_site
    assigned ──assign──▶ assigned (re-assigned)             accepted / on_site ──resolve──▶ resolved
    resolved ──close──▶ closed          logged … on_site ──cancel──▶ cancelled (with a reason)
    a complaint: resolved ──uphold──▶ closed (a quality incident of the engineer it is about) · ──dismiss──▶ closed

Dispatching (log, assign, cancel) is the HR clerk's or a supervisor's: the product has no dispatcher role
yet. The assigned engineer alone moves their request from accepted to resolved (a request solved over the
phone is resolved from accepted). A supervisor closes a resolved request. `refusal()` answers both the
buttons a page shows and the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.roles import Role, has_role

from .models import OPEN_STATES, ServiceRequest, State

DISPATCHERS = (Role.HR_CLERK, Role.SUPERVISOR)
CLOSERS = (Role.SUPERVISOR,)


@dataclass(frozen=True)
class Action:
    code: str
    label: object
    button: str  # bootstrap colour
    by: str  # "dispatcher" | "engineer" | "closer"
    needs_reason: bool = False
    stamp: str = ""  # the timestamp field the action sets


ACTIONS = {
    "accept": Action("accept", _("Accept"), "primary", "engineer", stamp="accepted_at"),
    "depart": Action("depart", _("On my way"), "primary", "engineer", stamp="departed_at"),
    "arrive": Action("arrive", _("Arrived on site"), "primary", "engineer", stamp="arrived_at"),
    "resolve": Action("resolve", _("Mark resolved"), "success", "engineer", stamp="resolved_at"),
    "close": Action("close", _("Close"), "success", "closer", stamp="closed_at"),
    "uphold": Action("uphold", _("Complaint upheld"), "danger", "closer", stamp="closed_at"),
    "dismiss": Action("dismiss", _("Complaint not upheld"), "outline-success", "closer", stamp="closed_at"),
    "cancel": Action("cancel", _("Cancel request"), "outline-danger", "dispatcher", True, stamp="cancelled_at"),
}
# Assignment takes an engineer (a form of its own), so it is not a button: it is a step of the same table.
ASSIGN = Action("assign", _("Assign"), "primary", "dispatcher", stamp="assigned_at")

TABLE: dict[str, dict[str, str]] = {
    "assign": {State.LOGGED: State.ASSIGNED, State.ASSIGNED: State.ASSIGNED},
    "accept": {State.ASSIGNED: State.ACCEPTED},
    "depart": {State.ACCEPTED: State.ON_THE_WAY},
    "arrive": {State.ON_THE_WAY: State.ON_SITE},
    "resolve": {State.ACCEPTED: State.RESOLVED, State.ON_SITE: State.RESOLVED},
    "close": {State.RESOLVED: State.CLOSED},
    "uphold": {State.RESOLVED: State.CLOSED},
    "dismiss": {State.RESOLVED: State.CLOSED},
    "cancel": {s: State.CANCELLED for s in OPEN_STATES},
}


def action(code: str) -> Action | None:
    return ASSIGN if code == "assign" else ACTIONS.get(code)


COMPLAINT_CLOSES = ("uphold", "dismiss")


def next_state(request: ServiceRequest, code: str) -> str | None:
    """A complaint is closed as upheld or not upheld, never plainly; only a complaint takes those two."""
    complaint = request.category == "complaint"
    if (code == "close" and complaint) or (code in COMPLAINT_CLOSES and not complaint):
        return None
    return TABLE.get(code, {}).get(request.state)


def is_assignee(user, request: ServiceRequest) -> bool:
    engineer = request.engineer if request.engineer_id else None
    return engineer is not None and engineer.user_id is not None and engineer.user_id == user.pk


def refusal(user, request: ServiceRequest, code: str) -> str | None:
    """Why `user` may not take `code` on `request` now, or None when they may."""
    step = action(code)
    if step is None:
        return str(_("Unknown action."))
    if next_state(request, code) is None:
        return str(
            _("A request that is %(state)s cannot take “%(action)s”.")
            % {"state": request.get_state_display(), "action": step.label}
        )
    if step.by == "dispatcher" and not has_role(user, *DISPATCHERS):
        return str(_("Only an HR clerk or a supervisor dispatches requests."))
    if step.by == "closer" and not has_role(user, *CLOSERS):
        return str(_("Only a supervisor closes a resolved request."))
    if step.by == "engineer" and not is_assignee(user, request):
        return str(_("Only the engineer the request is assigned to moves it on."))
    return None


def available_actions(user, request: ServiceRequest) -> list[Action]:
    return [a for code, a in ACTIONS.items() if refusal(user, request, code) is None]


def may_dispatch(user) -> bool:
    return has_role(user, *DISPATCHERS)
