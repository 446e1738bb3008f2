"""Every write to customer requests and their survey. Each runs in one transaction, sets its own timestamps
(never typed) and writes the request's timeline and history."""

from __future__ import annotations

import dataclasses
import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError, PermissionDeniedError
from engineers.models import Crew, Department, Engineer, EngineerStatus, Incident, IncidentKind
from incentives.rules.sla import RequestFacts, csat_points, find_repeat, normalise_phone, sla_deadlines
from ledger.errors import PeriodClosedError
from ledger.services import require_month_open
from policies.errors import PolicyError
from workorders import services as work_orders
from workorders.models import WorkOrder

from . import workflow
from .errors import ServiceErrorCode
from .models import ServiceRequest, State, SurveyInvitation, Transition
from .selectors import earlier_requests_for_repeat, sla_policy_on

SURVEY_SALT = "servicedesk.survey"


def _clock(at):
    """The moment an action happens: now. Only the demo company, replaying months of history through these
    same services, passes `at`; the pages and the API never do (their times are the action's, never typed)."""
    return at or timezone.now()


@dataclass(frozen=True)
class RequestInput:
    customer_name: str
    customer_phone: str
    address: str
    product: str
    fault_description: str
    category: str
    priority: str
    channel: str
    department: Department
    required_skill: str = ""


# What a call gives, in the log form and the API alike.
LOGGED_FIELDS = [f.name for f in dataclasses.fields(RequestInput)]


def _require(user, allowed: bool, message) -> None:
    if not allowed:
        raise PermissionDeniedError(ServiceErrorCode.ROLE, str(message))


def _record(request: ServiceRequest, *, action: str, from_state: str, user, at, note: str = "") -> None:
    Transition.objects.create(
        request=request, action=action, from_state=from_state, to_state=request.state, actor=user, at=at, note=note
    )


@transaction.atomic
def request_log(*, user, data: RequestInput, at=None) -> ServiceRequest:
    """Record and classify a customer's request (seed 004, 第七章 1): its SLA deadlines come from the document
    in force today, and a call from the same phone about the same product within the document's window is
    linked to the latest such request (a repeat visit, which the KPI's repeat-visit rate reads)."""
    _require(user, workflow.may_dispatch(user), _("Only an HR clerk or a supervisor logs customer requests."))
    now = _clock(at)
    try:
        policy = sla_policy_on(timezone.localdate(now))
    except PolicyError as exc:
        raise DomainError(
            ServiceErrorCode.NO_SLA, _("No SLA document is in force today: a general manager approves one first.")
        ) from exc
    due = sla_deadlines(logged_at=now, category=data.category, priority=data.priority, policy=policy)
    phone = data.customer_phone.strip()
    digits = normalise_phone(phone)
    candidates = earlier_requests_for_repeat(
        phone_tail=digits[-4:], since=now - timedelta(days=policy.duplicate_window_days), until=now
    )
    repeat_key = find_repeat(
        request=RequestFacts(key=0, phone=phone, product=data.product, logged_at=now),
        earlier=[RequestFacts(key=pk, phone=p, product=prod, logged_at=at) for pk, p, prod, at in candidates],
        window_days=policy.duplicate_window_days,
    )
    request = ServiceRequest(
        customer_name=data.customer_name.strip(),
        customer_phone=phone,
        address=data.address.strip(),
        product=data.product.strip(),
        fault_description=data.fault_description.strip(),
        category=data.category,
        priority=data.priority,
        channel=data.channel,
        required_skill=data.required_skill,
        department=data.department,
        logged_by=user,
        logged_at=now,
        state=State.LOGGED,
        sla_version=due.policy_version,
        response_due=due.response_due,
        resolution_due=due.resolution_due,
        response_hours=due.target.response_hours,
        resolution_hours=due.target.resolution_hours,
        business_hours=due.target.business_hours,
        repeat_of_id=repeat_key,
    )
    request._history_user = user
    request.save()
    _record(request, action="log", from_state="", user=user, at=now)
    return request


def _lock(request: ServiceRequest) -> ServiceRequest:
    # The request's row only: PostgreSQL refuses FOR UPDATE on the nullable side of a join (its engineer).
    locked = ServiceRequest.objects.select_for_update(of=("self",))
    return locked.select_related("engineer", "department").get(pk=request.pk)


def _refuse_if(user, request: ServiceRequest, code: str) -> None:
    why = workflow.refusal(user, request, code)
    if why is None:
        return
    if workflow.next_state(request, code) is None:
        raise DomainError(ServiceErrorCode.BAD_TRANSITION, why)
    raise PermissionDeniedError(
        ServiceErrorCode.NOT_ASSIGNEE if workflow.action(code).by == "engineer" else ServiceErrorCode.ROLE, why
    )


@transaction.atomic
def request_assign(
    *, user, request: ServiceRequest, engineer: Engineer, crew: Crew | None = None, note: str = "", at=None
):
    """Send an engineer (and optionally their crew) to the request: an active engineer of its department.
    Re-assigning an assigned request that nobody accepted yet is allowed (the timeline keeps both)."""
    request = _lock(request)
    _refuse_if(user, request, "assign")
    if engineer is None:
        raise DomainError(ServiceErrorCode.ENGINEER_REQUIRED, _("Choose the engineer to send."), field="engineer")
    if engineer.status != EngineerStatus.ACTIVE:
        raise DomainError(
            ServiceErrorCode.ENGINEER_INACTIVE, _("%(name)s has left.") % {"name": engineer.name}, field="engineer"
        )
    if engineer.department_id != request.department_id:
        raise DomainError(
            ServiceErrorCode.ENGINEER_OTHER_DEPARTMENT,
            _("%(name)s is not in %(dept)s, the request's department.")
            % {"name": engineer.name, "dept": request.department.name},
            field="engineer",
        )
    if crew is not None and crew.department_id != request.department_id:
        raise DomainError(
            ServiceErrorCode.CREW_MISMATCH,
            _("Crew %(crew)s is not in the request's department.") % {"crew": crew.name},
            field="crew",
        )
    now, before = _clock(at), request.state
    request.engineer, request.crew, request.state, request.assigned_at = engineer, crew, State.ASSIGNED, now
    request._history_user = user
    request.save(update_fields=["engineer", "crew", "state", "assigned_at"])
    _record(request, action="assign", from_state=before, user=user, at=now, note=note or engineer.name)
    return request


@transaction.atomic
def request_transition(
    *, user, request: ServiceRequest, action: str, note: str = "", complaint_about: Engineer | None = None, at=None
) -> ServiceRequest:
    """Take one step of the state machine (workflow.TABLE): the step's timestamp is now. Resolving makes the
    work order (unless the request already carries one; a complaint makes none) and the survey invitation.
    Upholding a complaint records it as a quality incident of the engineer it is about (`complaint_about`,
    by default the engineer of the request it repeats), which forfeits their annual quality award."""
    request = _lock(request)
    if workflow.action(action) is None or action == "assign":
        raise DomainError(ServiceErrorCode.UNKNOWN_ACTION, _("Unknown action."), field="action")
    _refuse_if(user, request, action)
    step = workflow.ACTIONS[action]
    note = (note or "").strip()
    if step.needs_reason and not note:
        raise DomainError(ServiceErrorCode.REASON_REQUIRED, _("Say why the request is cancelled."), field="note")
    now, before = _clock(at), request.state
    request.state = workflow.next_state(request, action)
    setattr(request, step.stamp, now)
    fields = ["state", step.stamp]
    if action == "resolve":
        request.resolution_note = note
        fields.append("resolution_note")
    if action == "cancel":
        request.cancel_reason = note[:300]
        fields.append("cancel_reason")
    if action in ("uphold", "dismiss"):
        request.complaint_upheld = action == "uphold"
        fields.append("complaint_upheld")
    if action == "uphold":
        about = complaint_about or (request.repeat_of.engineer if request.repeat_of_id else None)
        if about is None:
            raise DomainError(
                ServiceErrorCode.COMPLAINT_ABOUT_REQUIRED,
                _("Choose the engineer the upheld complaint is about."),
                field="complaint_about",
            )
        if about.department_id != request.department_id:
            raise DomainError(
                ServiceErrorCode.ENGINEER_OTHER_DEPARTMENT,
                _("%(name)s is not in %(dept)s, the request's department.")
                % {"name": about.name, "dept": request.department.name},
                field="complaint_about",
            )
        incident = Incident(
            engineer=about,
            kind=IncidentKind.QUALITY,
            occurred_on=timezone.localdate(request.logged_at),
            description=(_("Upheld customer complaint %(no)s: %(note)s") % {"no": request.number, "note": note})[:300],
        )
        incident._history_user = user
        incident.save()
        request.complaint_about, request.incident = about, incident
        fields += ["complaint_about", "incident"]
    request._history_user = user
    request.save(update_fields=fields)
    _record(request, action=action, from_state=before, user=user, at=now, note=note[:500])
    if action == "resolve":
        _work_order_for(request, user=user)
        survey_invite(request=request, at=now)
    return request


def _work_order_for(request: ServiceRequest, *, user) -> None:
    """The work order the resolved request becomes: its timestamps are the request's (reported = logged,
    responded = accepted, arrived = on site, resolved), the engineer its participant for one day, no
    piece-rate lines yet (HR adds them as today), a repeat of the earlier request's order when it is one.
    A request that already carries an order keeps it; a complaint is no job and makes none."""
    if request.work_order_id is not None or request.category == "complaint":
        return
    earlier = request.repeat_of.work_order if request.repeat_of_id else None
    wo = WorkOrder(
        number=request.number,
        order_type=request.category,
        department=request.department,
        crew=request.crew,
        customer_name=request.customer_name,
        customer_phone=request.customer_phone,
        site_address=request.address,
        description=f"{request.product}:{request.fault_description}"[:2000],
        reported_at=request.logged_at,
        responded_at=request.accepted_at,
        arrived_at=request.arrived_at,
        resolved_at=request.resolved_at,
        repeat_of=earlier,
    )
    work_orders.work_order_save(
        user=user,
        work_order=wo,
        lines=[],
        participants=[work_orders.ParticipantInput(request.engineer, Decimal("1"))],
    )
    request.work_order = wo
    request.save(update_fields=["work_order"])


# ---- the survey ----------------------------------------------------------------------------------------


def survey_invite(*, request: ServiceRequest, at=None) -> SurveyInvitation:
    """The resolved request's survey invitation (one per request), valid SURVEY_DAYS days."""
    now = _clock(at)
    invitation, _created = SurveyInvitation.objects.get_or_create(
        request=request,
        defaults={
            "nonce": secrets.token_hex(8),
            "created_at": now,
            "expires_at": now + timedelta(days=settings.SURVEY_DAYS),
        },
    )
    return invitation


def survey_token(invitation: SurveyInvitation) -> str:
    """The link's token: signed (SECRET_KEY) so it cannot be forged or pointed at another request."""
    return signing.dumps({"s": invitation.pk, "n": invitation.nonce}, salt=SURVEY_SALT, compress=True)


def survey_from_token(token: str, *, at=None) -> SurveyInvitation:
    """The invitation a token names, or a refusal: forged, expired (by its date, or older than SURVEY_DAYS)."""
    try:
        payload = signing.loads(token, salt=SURVEY_SALT, max_age=timedelta(days=settings.SURVEY_DAYS))
    except signing.SignatureExpired as exc:
        raise DomainError(ServiceErrorCode.SURVEY_EXPIRED, _("This survey link has expired.")) from exc
    except signing.BadSignature as exc:
        raise DomainError(ServiceErrorCode.SURVEY_INVALID, _("This survey link is not valid.")) from exc
    invitation = (
        SurveyInvitation.objects.select_related("request")
        .filter(pk=payload.get("s") if isinstance(payload, dict) else None)
        .first()
    )
    if invitation is None or not secrets.compare_digest(str(payload.get("n", "")), invitation.nonce):
        raise DomainError(ServiceErrorCode.SURVEY_INVALID, _("This survey link is not valid."))
    if _clock(at) >= invitation.expires_at:
        raise DomainError(ServiceErrorCode.SURVEY_EXPIRED, _("This survey link has expired."))
    return invitation


PNG_DATA_URL = "data:image/png;base64,"
SIGNATURE_MAX_BYTES = 200_000


def _checked_signature(signature: str) -> str:
    """An empty signature, or a PNG data: URL whose bytes are a PNG of at most SIGNATURE_MAX_BYTES."""
    import base64
    import binascii

    signature = (signature or "").strip()
    if not signature:
        return ""
    error = DomainError(
        ServiceErrorCode.SURVEY_SIGNATURE, _("The signature could not be read: sign again."), field="signature"
    )
    if not signature.startswith(PNG_DATA_URL):
        raise error
    try:
        raw = base64.b64decode(signature[len(PNG_DATA_URL) :], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise error from exc
    if not raw.startswith(b"\x89PNG\r\n\x1a\n") or len(raw) > SIGNATURE_MAX_BYTES:
        raise error
    return signature


@transaction.atomic
def survey_answer(*, token: str, stars, comment: str = "", signature: str = "", at=None) -> SurveyInvitation:
    """The customer's one answer: 1–5 stars, a comment and, optionally, a signature drawn on the phone. It becomes
    the request's CSAT and, through the SLA document's points, the work order's 0–100 CSAT (what the KPI reads;
    a signature marks the order customer-signed), unless that order's pay month is closed (the answer is still
    kept on the request). A second answer is refused."""
    found = survey_from_token(token, at=at)
    invitation = SurveyInvitation.objects.select_for_update(of=("self",)).select_related("request").get(pk=found.pk)
    if invitation.answered_at is not None:
        raise DomainError(ServiceErrorCode.SURVEY_ANSWERED, _("This survey has already been answered. Thank you!"))
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise DomainError(ServiceErrorCode.SURVEY_STARS, _("Choose from 1 to 5 stars."), field="stars")
    invitation.signature = _checked_signature(signature)
    invitation.stars, invitation.comment = stars, (comment or "").strip()[:500]
    invitation.answered_at = _clock(at)
    invitation.save(update_fields=["stars", "comment", "signature", "answered_at"])
    request = invitation.request
    if request.work_order_id:
        wo = WorkOrder.objects.select_for_update().get(pk=request.work_order_id)
        try:
            policy = sla_policy_on(timezone.localdate(request.resolved_at or request.logged_at))
            require_month_open(wo.completed_on)
        except (PeriodClosedError, PolicyError):  # the customer is thanked all the same; the answer is kept
            return invitation
        wo.csat_score = csat_points(stars=stars, policy=policy)
        wo.customer_comment = invitation.comment
        wo.customer_signed = wo.customer_signed or bool(invitation.signature)
        wo._change_reason = "customer survey"
        wo.save(update_fields=["csat_score", "customer_comment", "customer_signed", "updated_at"])
    return invitation
