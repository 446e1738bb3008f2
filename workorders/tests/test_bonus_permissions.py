"""Every role × every transition, including self-approval and another department's manager."""

from decimal import Decimal

import pytest

from conftest import make_user
from core.errors import PermissionDeniedError
from workorders.bonus import services
from workorders.bonus.workflow import ACTIONS, refusal

pytestmark = pytest.mark.django_db
USERS = [
    "qs",
    "supervisor",
    "supervisor2",
    "manager",
    "other_manager",
    "gm",
    "gm2",
    "hr",
    "finance",
    "li_user",
    "leader_user",
]


def user(c, key):
    return getattr(c, key)


def individual_at(c, wo, status):
    r = services.bonus_request_propose(
        user=c.qs, kind="individual", work_order=wo, engineer=c.li, rate=Decimal("0.04"), rated_excellent=True
    )
    if status in ("submitted",):
        services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    r.refresh_from_db()
    return r


def crew_at(c, wo, status):
    from workorders.tests.test_bonus_workflow import crew_ready

    crew_ready(c, wo)
    r = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=wo, ratio=Decimal("0.15"))
    if status in ("submitted", "reviewed"):
        services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    if status == "reviewed":
        services.bonus_request_transition(user=c.manager, request=r, action="review")
    r.refresh_from_db()
    return r


# (kind, state, action) → who may do it; everyone else is refused.
MATRIX = [
    ("individual", "draft", "submit", {"supervisor", "supervisor2"}),
    ("individual", "draft", "withdraw", {"qs"}),
    ("individual", "draft", "approve", set()),
    ("individual", "submitted", "approve", {"manager"}),
    ("individual", "submitted", "return", {"manager"}),
    ("individual", "submitted", "reject", {"manager"}),
    ("individual", "submitted", "withdraw", {"qs", "supervisor"}),
    ("individual", "submitted", "review", set()),
    ("individual", "submitted", "submit", set()),
    ("crew", "draft", "submit", {"supervisor", "supervisor2"}),
    ("crew", "submitted", "review", {"manager"}),
    ("crew", "submitted", "approve", set()),
    ("crew", "submitted", "return", {"manager"}),
    ("crew", "reviewed", "approve", {"gm", "gm2"}),
    ("crew", "reviewed", "reject", {"gm", "gm2"}),
    ("crew", "reviewed", "return", {"gm", "gm2"}),
    ("crew", "reviewed", "withdraw", {"supervisor"}),
]


@pytest.mark.parametrize(("kind", "state", "action", "allowed"), MATRIX, ids=[f"{k}-{s}-{a}" for k, s, a, _ in MATRIX])
def test_transition_matrix(bonus_people, special_order, kind, state, action, allowed):
    c = bonus_people
    request = (individual_at if kind == "individual" else crew_at)(c, special_order, state)
    assert request.status == state
    permitted = {key for key in USERS if refusal(user(c, key), request, action) is None}
    assert permitted == allowed
    for key in USERS:
        if key not in allowed:
            with pytest.raises(PermissionDeniedError):
                services.bonus_request_transition(user=user(c, key), request=request, action=action, reason="x")
    assert request.__class__.objects.get(pk=request.pk).status == state  # nothing moved


def test_a_manager_who_applied_cannot_approve_their_own_request(bonus_people, special_order):
    c = bonus_people
    c.manager.groups.add(c.supervisor.groups.get())  # the D01 manager is also a supervisor
    r = services.bonus_request_propose(
        user=c.qs,
        kind="individual",
        work_order=special_order,
        engineer=c.li,
        rate=Decimal("0.04"),
        rated_excellent=True,
    )
    services.bonus_request_transition(user=c.manager, request=r, action="submit")
    with pytest.raises(PermissionDeniedError) as err:
        services.bonus_request_transition(user=c.manager, request=r, action="approve")
    assert "Four-eyes" in err.value.message or "四眼" in err.value.message or "他人" in err.value.message


def test_nobody_approves_a_request_that_pays_themselves(bonus_people, special_order):
    c = bonus_people
    c.li.user = c.manager  # the department manager is also the engineer being paid
    c.li.save()
    r = services.bonus_request_propose(
        user=c.qs,
        kind="individual",
        work_order=special_order,
        engineer=c.li,
        rate=Decimal("0.04"),
        rated_excellent=True,
    )
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    assert refusal(c.manager, r, "approve") is not None
    with pytest.raises(PermissionDeniedError):
        services.bonus_request_transition(user=c.manager, request=r, action="approve")


def test_a_gm_who_is_in_the_crew_plan_cannot_approve_the_crew_request(bonus_people, special_order):
    c = bonus_people
    c.zhao.user = c.gm
    c.zhao.save()
    r = crew_at(c, special_order, "reviewed")
    assert refusal(c.gm, r, "approve") is not None
    assert refusal(c.gm2, r, "approve") is None


def test_only_the_right_roles_propose(bonus_people, special_order):
    c = bonus_people
    for who, kind, extra in (
        (c.hr, "individual", {"engineer": c.li, "rate": Decimal("0.04")}),
        (c.manager, "individual", {"engineer": c.li, "rate": Decimal("0.04")}),
        (c.qs, "training", {"engineer": c.li, "training_days": Decimal("1")}),
        (c.qs, "crew", {"ratio": Decimal("0.15")}),
        (make_user("eng", "engineer"), "individual", {"engineer": c.li, "rate": Decimal("0.04")}),
    ):
        with pytest.raises(PermissionDeniedError):
            services.bonus_request_propose(user=who, kind=kind, work_order=special_order, **extra)


def test_every_action_is_in_the_matrix():
    assert {a for _k, _s, a, _w in MATRIX} == set(ACTIONS)
