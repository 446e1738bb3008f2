"""One piece of work is paid once: one live request per work order × kind × engineer (crew: per
work order), in the service and in the database, and a decision taken twice pays nothing more."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.test import APIClient

from core.errors import ConflictError
from ledger.models import ItemKind, PayableItem
from ledger.services import open_period_for, payable_items_add
from workorders.bonus import services
from workorders.models import BonusRequest
from workorders.tests.test_bonus_workflow import crew_ready, propose_individual

pytestmark = pytest.mark.django_db
D = Decimal


def api_as(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def approve_crew(c, r):
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="review")
    services.bonus_request_transition(user=c.gm, request=r, action="approve")


def test_a_second_crew_request_on_a_work_order_is_refused_naming_the_first(bonus_people, special_order):
    c, wo = bonus_people, special_order
    crew_ready(c, wo)
    first = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=wo, ratio=D("0.15"))
    with pytest.raises(ConflictError) as err:
        services.bonus_request_propose(user=c.supervisor2, kind="crew", work_order=wo, ratio=D("0.12"))
    assert err.value.code == "bonus.duplicate_request"
    assert f"#{first.pk}" in err.value.message and wo.number in err.value.message
    approve_crew(c, first)
    assert BonusRequest.objects.filter(kind="crew").count() == 1
    assert PayableItem.objects.filter(kind="crew_incentive").count() == 3  # one share each, once


def test_a_second_individual_request_for_the_same_engineer_and_order_is_a_409(bonus_people, special_order):
    c, wo = bonus_people, special_order
    first = propose_individual(c, wo)
    body = {"kind": "individual", "work_order": wo.pk, "engineer": c.li.pk, "rate": "0.05", "rated_excellent": True}
    response = api_as(c.supervisor).post("/api/bonus-requests/", body, format="json")
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "bonus.duplicate_request"
    assert f"#{first.pk}" in response.json()["fields"]["engineer"][0]
    assert BonusRequest.objects.count() == 1
    # Another engineer on the same order, or paid training for the same engineer, is other work.
    assert propose_individual(c, wo, engineer=c.zhao).pk
    services.bonus_request_propose(
        user=c.supervisor, kind="training", work_order=wo, engineer=c.li, training_days=D("1")
    )


def test_a_withdrawn_or_rejected_request_makes_room_for_a_new_one(bonus_people, special_order):
    c, wo = bonus_people, special_order
    first = propose_individual(c, wo)
    services.bonus_request_transition(user=c.qs, request=first, action="withdraw")
    second = propose_individual(c, wo)
    services.bonus_request_transition(user=c.supervisor, request=second, action="submit")
    services.bonus_request_transition(user=c.manager, request=second, action="reject", reason="再议")
    assert propose_individual(c, wo, rate="0.03").status == "draft"


def test_changing_a_draft_onto_an_engineer_who_has_a_request_is_refused(bonus_people, special_order):
    c, wo = bonus_people, special_order
    propose_individual(c, wo, engineer=c.li)
    other = propose_individual(c, wo, engineer=c.zhao)
    with pytest.raises(ConflictError):
        services.bonus_request_update(user=c.qs, request=other, engineer=c.li)
    assert BonusRequest.objects.get(pk=other.pk).engineer == c.zhao


def test_the_database_refuses_live_twins_even_past_the_service(bonus_people, special_order):
    c, wo = bonus_people, special_order
    first = propose_individual(c, wo)
    with pytest.raises(IntegrityError), transaction.atomic():
        BonusRequest.objects.create(
            kind="individual", work_order=wo, proposed_by=c.qs, engineer=c.li, rate=D("0.03"), status="submitted"
        )
    crew = BonusRequest.objects.create(kind="crew", work_order=wo, proposed_by=c.supervisor, ratio=D("0.15"))
    with pytest.raises(IntegrityError), transaction.atomic():
        BonusRequest.objects.create(kind="crew", work_order=wo, proposed_by=c.supervisor, ratio=D("0.10"))
    BonusRequest.objects.filter(pk__in=[first.pk, crew.pk]).update(status="withdrawn")
    BonusRequest.objects.create(kind="crew", work_order=wo, proposed_by=c.supervisor, ratio=D("0.10"))


def test_the_crew_page_shows_the_duplicate_as_a_form_error(client, bonus_people, special_order):
    c, wo = bonus_people, special_order
    crew_ready(c, wo)
    first = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=wo, ratio=D("0.15"))
    client.force_login(c.supervisor)
    response = client.post(f"/bonus/workorder/{wo.pk}/crew/", {"ratio": "12"})  # percent
    assert response.status_code == 200
    assert f"#{first.pk}" in " ".join(response.context["ratio_form"].errors["ratio"])
    assert BonusRequest.objects.filter(kind="crew").count() == 1


def test_the_proposal_page_shows_the_duplicate_beside_the_engineer(client, bonus_people, special_order):
    c, wo = bonus_people, special_order
    first = propose_individual(c, wo)
    client.force_login(c.supervisor)
    response = client.post(
        f"/bonus/workorder/{wo.pk}/propose/individual/",
        {"engineer": c.li.pk, "rate": "0.03", "rated_excellent": "on"},
    )
    assert response.status_code == 200
    assert f"#{first.pk}" in " ".join(response.context["form"].errors.get("engineer", []))
    assert BonusRequest.objects.count() == 1


def test_approving_twice_pays_once_and_says_it_was_already_approved(bonus_people, special_order):
    c, wo = bonus_people, special_order
    r = propose_individual(c, wo)
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    api = api_as(c.manager)
    first = api.post(f"/api/bonus-requests/{r.pk}/transition/", {"action": "approve"}, format="json")
    again = api.post(f"/api/bonus-requests/{r.pk}/transition/", {"action": "approve"}, format="json")
    assert first.status_code == 200
    assert again.status_code == 409 and again.json()["code"] == "bonus.already_decided"
    assert PayableItem.objects.count() == 1
    assert r.transitions.filter(action="approve").count() == 1


def test_the_ledger_refuses_to_pay_a_source_twice(bonus_people, special_order):
    """The last line of defence for every payer (requests, honours, deductions): a replay is a
    clear 409-style error, never a second item nor a bare IntegrityError."""
    c, wo = bonus_people, special_order
    r = propose_individual(c, wo)
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="approve")
    item = PayableItem.objects.get()
    traced = services.individual_preview(
        work_order=wo, engineer=c.li, rate=D("0.04"), rated_excellent=True, on=timezone.localdate()
    ).amount
    with pytest.raises(ConflictError) as err:
        payable_items_add(
            user=c.manager,
            period=open_period_for(timezone.localdate()),
            kind=ItemKind.INDIVIDUAL_INCENTIVE,
            source=item.source,
            traced_by_engineer=[(c.li.pk, traced)],
        )
    assert err.value.code == "ledger.already_paid"
    assert PayableItem.objects.count() == 1
