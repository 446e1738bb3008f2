"""The request state machine and who may take each transition.

    draft ──submit──▶ submitted ──approve──▶ approved          (individual, training)
    draft ──submit──▶ submitted ──review──▶ reviewed ──approve──▶ approved   (crew)
    submitted / reviewed ──reject──▶ rejected · ──return──▶ returned ──submit──▶ …
    draft / submitted / reviewed / returned ──withdraw──▶ withdrawn

The decider at `submitted` is the manager of the work order's department; at
`reviewed` (crew only) a general manager. Four-eyes: a decider never decides a
request they proposed or applied for, nor one that pays themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.roles import Role, has_role
from workorders.models import BonusKind, BonusRequest, RequestStatus

S = RequestStatus


@dataclass(frozen=True)
class Action:
    code: str
    label: str
    needs_reason: bool
    button: str  # bootstrap colour


ACTIONS = {
    "submit": Action("submit", _("Apply"), False, "primary"),
    "review": Action("review", _("Review and pass on"), False, "primary"),
    "approve": Action("approve", _("Approve"), False, "success"),
    "return": Action("return", _("Return for changes"), True, "warning"),
    "reject": Action("reject", _("Reject"), True, "danger"),
    "withdraw": Action("withdraw", _("Withdraw"), False, "outline-secondary"),
}

DECIDING = (S.SUBMITTED, S.REVIEWED)


def next_status(request: BonusRequest, action: str) -> str | None:
    """The state `action` leads to from the request's state, or None if it is not possible."""
    status, crew = request.status, request.kind == BonusKind.CREW
    table = {
        "submit": {S.DRAFT: S.SUBMITTED, S.RETURNED: S.SUBMITTED},
        "review": {S.SUBMITTED: S.REVIEWED} if crew else {},
        "approve": {S.REVIEWED: S.APPROVED} if crew else {S.SUBMITTED: S.APPROVED},
        "return": {s: S.RETURNED for s in DECIDING},
        "reject": {s: S.REJECTED for s in DECIDING},
        "withdraw": {s: S.WITHDRAWN for s in (S.DRAFT, S.SUBMITTED, S.REVIEWED, S.RETURNED)},
    }
    return table.get(action, {}).get(status)


def beneficiary_user_ids(request: BonusRequest) -> set[int]:
    if request.kind == BonusKind.CREW:
        assessment = getattr(request.work_order, "self_assessment", None)
        engineers = [line.engineer for line in assessment.lines.all()] if assessment else []
    else:
        engineers = [request.engineer]
    return {e.user_id for e in engineers if e and e.user_id}


def _is_department_manager(user, request: BonusRequest) -> bool:
    return has_role(user, Role.DEPT_MANAGER) and request.work_order.department.manager_id == user.pk


def refusal(user, request: BonusRequest, action: str) -> str | None:
    """Why `user` may not take `action` now, or None when they may."""
    if action not in ACTIONS:
        return str(_("Unknown action."))
    if next_status(request, action) is None:
        return str(
            _("A %(status)s request cannot be %(action)s.")
            % {
                "status": request.get_status_display(),
                "action": ACTIONS[action].label,
            }
        )
    if action == "submit":
        return None if has_role(user, Role.SUPERVISOR) else str(_("Only an engineering supervisor applies."))
    if action == "withdraw":
        if user.pk in (request.proposed_by_id, request.applied_by_id):
            return None
        return str(_("Only whoever proposed or applied for the request can withdraw it."))
    # review / approve / return / reject: the decider of the current state, four-eyes.
    if request.status == S.SUBMITTED and not _is_department_manager(user, request):
        return str(_("Only the manager of %(dept)s decides at this step.") % {"dept": request.work_order.department})
    if request.status == S.REVIEWED and not has_role(user, Role.GENERAL_MANAGER):
        return str(_("Only a general manager decides at this step."))
    if user.pk in (request.proposed_by_id, request.applied_by_id):
        return str(_("Four-eyes: you proposed or applied for this request, someone else must decide it."))
    if user.pk in beneficiary_user_ids(request):
        return str(_("Four-eyes: this request pays you, someone else must decide it."))
    return None


def available_actions(user, request: BonusRequest) -> list[Action]:
    return [a for code, a in ACTIONS.items() if refusal(user, request, code) is None]
