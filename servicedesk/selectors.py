"""Reads of customer requests, scoped to what the user may see, with each request's SLA standing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import Role, reads_company_wide, roles_of
from engineers.models import Engineer, EngineerStatus
from incentives.rules.sla import SlaState, SlaStatus, sla_status
from incentives.sla_policy import SLA_DOCUMENT, SlaPolicy
from policies.errors import PolicyError
from policies.selectors import policy_version_in_force

from .models import OPEN_STATES, ServiceRequest, State


def visible_requests(user) -> QuerySet[ServiceRequest]:
    """Company-wide readers (HR, QS, supervisors, general managers, finance) see every request; a department
    manager their departments'; a crew leader their crews'; an engineer only the requests assigned to them."""
    qs = ServiceRequest.objects.select_related("department", "engineer", "crew", "logged_by", "work_order")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    codes = roles_of(user)
    scope = Q(engineer__user=user)
    if Role.DEPT_MANAGER in codes:
        scope |= Q(department__manager=user)
    if Role.CREW_LEADER in codes:
        scope |= Q(crew__leader__user=user)
    return qs.filter(pk__in=ServiceRequest.objects.filter(scope).values("pk"))


def sla_policy_on(day: date) -> SlaPolicy:
    """The SLA document in force on `day` (raises policies' PolicyError when none is)."""
    return SlaPolicy.from_dict(policy_version_in_force(day, document_no=SLA_DOCUMENT).parameters)


def sla_policy_or_none(day: date) -> SlaPolicy | None:
    try:
        return sla_policy_on(day)
    except PolicyError:
        return None


@dataclass(frozen=True)
class Standing:
    """Where a request stands against its promise: the deadline that matters now and its status."""

    which: str  # "response" | "resolution" | "" (closed or cancelled without a clock)
    due: datetime | None
    status: SlaStatus | None

    @property
    def breached(self) -> bool:
        return self.status is not None and self.status.state == SlaState.BREACHED

    @property
    def at_risk(self) -> bool:
        return self.status is not None and self.status.state == SlaState.AT_RISK

    @property
    def words(self) -> str:
        return {"response": _("response"), "resolution": _("resolution")}.get(self.which, "")


def standing(request: ServiceRequest, *, now: datetime, policy: SlaPolicy | None) -> Standing:
    """Before it is accepted a request races its response deadline, afterwards its resolution deadline;
    a resolved or closed one shows whether the resolution was in time; a cancelled one has no clock."""
    if policy is None or request.state == State.CANCELLED:
        return Standing("", None, None)
    if request.state in (State.LOGGED, State.ASSIGNED):
        which, due, done, hours = "response", request.response_due, None, request.response_hours
    else:
        which, due, done, hours = "resolution", request.resolution_due, request.resolved_at, request.resolution_hours
    status = sla_status(
        due=due, done_at=done, now=now, target_hours=hours, business_hours=request.business_hours, policy=policy
    )
    return Standing(which, due, status)


def with_standing(requests, *, now: datetime | None = None) -> list[tuple[ServiceRequest, Standing]]:
    """Each request with its standing, counted in the business hours of the SLA document in force today."""
    now = now or timezone.now()
    policy = sla_policy_or_none(timezone.localdate(now))
    return [(r, standing(r, now=now, policy=policy)) for r in requests]


def at_risk_ids(requests) -> list[int]:
    """The open requests among `requests` about to breach their deadline now (the supervisor's warning)."""
    open_ = requests.filter(state__in=OPEN_STATES)
    return [r.pk for r, s in with_standing(open_) if s.at_risk]


def open_counts(engineer_ids) -> dict[int, int]:
    rows = (
        ServiceRequest.objects.filter(engineer_id__in=list(engineer_ids), state__in=OPEN_STATES)
        .values("engineer_id")
        .annotate(n=Count("id"))
    )
    return {row["engineer_id"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Suggestion:
    engineer: Engineer
    open_requests: int
    reason: str


def suggest_engineers(request: ServiceRequest, *, limit: int = 5) -> list[Suggestion]:
    """Who to send, simply: active engineers of the request's department holding the skill it needs (with a
    certificate valid today), fewest open requests first, then by employee no. Each says why it is there."""
    today = timezone.localdate()
    engineers = Engineer.objects.filter(department=request.department, status=EngineerStatus.ACTIVE)
    if request.required_skill:
        engineers = engineers.filter(
            skills__skill=request.required_skill,
            skills__issued_on__lte=today,
        ).filter(Q(skills__expires_on__isnull=True) | Q(skills__expires_on__gte=today))
    engineers = list(engineers.distinct().order_by("employee_no"))
    counts = open_counts(e.pk for e in engineers)
    ranked = sorted(engineers, key=lambda e: (counts.get(e.pk, 0), e.employee_no))[:limit]
    out = []
    for e in ranked:
        n = counts.get(e.pk, 0)
        parts = [_("same department (%(dept)s)") % {"dept": request.department.name}]
        parts.append(_("%(n)d open requests") % {"n": n})
        if request.required_skill:
            parts.append(_("holds %(skill)s") % {"skill": request.get_required_skill_display()})
        out.append(Suggestion(e, n, ";".join(str(p) for p in parts)))
    return out


def earlier_requests_for_repeat(*, phone_tail: str, since: datetime, until: datetime) -> list:
    """Candidates for the repeat rule: requests logged in the window whose phone ends like this one's."""
    qs = ServiceRequest.objects.filter(logged_at__gte=since, logged_at__lte=until).exclude(state=State.CANCELLED)
    if phone_tail:
        qs = qs.filter(customer_phone__endswith=phone_tail)
    return list(qs.values_list("pk", "customer_phone", "product", "logged_at"))


def age(request: ServiceRequest, now: datetime) -> timedelta:
    return (request.closed_at or request.cancelled_at or now) - request.logged_at


AGE_BUCKETS = ((4, "< 4 h"), (24, "4–24 h"), (72, "1–3 d"), (None, "> 3 d"))


def dashboard(requests, *, now: datetime, months: int = 6) -> dict:
    """What the dispatchers' and supervisors' dashboard draws, from the requests the reader may see:
    open requests by state and by age, the SLA standing of the open ones, and per month (by the month a
    request was logged) resolved in time or late, the surveys answered and their average stars."""
    open_rows = with_standing(requests.filter(state__in=OPEN_STATES), now=now)
    by_state = {str(label): 0 for value, label in State.choices if value in OPEN_STATES}
    ages = {label: 0 for _h, label in AGE_BUCKETS}
    standing_counts = {"on_track": 0, "at_risk": 0, "breached": 0}
    for r, s in open_rows:
        by_state[str(r.get_state_display())] += 1
        hours = (now - r.logged_at).total_seconds() / 3600
        ages[next(label for limit, label in AGE_BUCKETS if limit is None or hours < limit)] += 1
        if s.status is not None:
            standing_counts[str(s.status.state)] += 1
    local = timezone.localdate(now)
    first = local.replace(day=1)
    for _n in range(months - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    keys = []
    day = first
    while day <= local:
        keys.append(day.strftime("%Y-%m"))
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    monthly = {k: {"in_time": 0, "late": 0, "invited": 0, "answered": 0, "stars": 0} for k in keys}
    since = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    rows = requests.filter(logged_at__gte=since, resolved_at__isnull=False).values_list(
        "logged_at", "resolved_at", "resolution_due", "survey__answered_at", "survey__stars", "survey__id"
    )
    for logged, resolved, due, answered, stars, survey in rows:
        m = monthly.get(timezone.localtime(logged).strftime("%Y-%m"))
        if m is None:
            continue
        m["late" if resolved > due else "in_time"] += 1
        m["invited"] += survey is not None
        if answered is not None:
            m["answered"] += 1
            m["stars"] += stars
    return {
        "states": {"labels": list(by_state), "values": list(by_state.values())},
        "ages": {"labels": list(ages), "values": list(ages.values())},
        "standing": standing_counts,
        "months": keys,
        "in_time": [monthly[k]["in_time"] for k in keys],
        "late": [monthly[k]["late"] for k in keys],
        "csat": [
            round(monthly[k]["stars"] / monthly[k]["answered"], 2) if monthly[k]["answered"] else None for k in keys
        ],
        "answer_rate": [
            round(100 * monthly[k]["answered"] / monthly[k]["invited"]) if monthly[k]["invited"] else None for k in keys
        ],
    }
