"""An engineer's pay on bonus pages is theirs: crew members see the plan and their own share,
never a colleague's money; a preview of a colleague's eligibility and headroom is a 404."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from core.templatetags.money import yuan
from ledger.models import PayableItem
from workorders.bonus import services
from workorders.tests.test_bonus_workflow import crew_ready, propose_individual

pytestmark = pytest.mark.django_db
D = Decimal


def approved_crew_request(c, wo):
    crew_ready(c, wo)
    r = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=wo, ratio=D("0.15"))
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="review")
    services.bonus_request_transition(user=c.gm, request=r, action="approve")
    r.refresh_from_db()
    return r, {i.engineer_id: i.amount for i in PayableItem.objects.filter(source=f"bonus_request:{r.pk}")}


def approved_individual(c, wo, engineer):
    r = propose_individual(c, wo, engineer=engineer)
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="approve")
    r.refresh_from_db()
    return r


def test_a_crew_member_sees_their_own_share_not_the_colleagues_nor_the_pool(client, bonus_people, special_order):
    c = bonus_people
    r, shares = approved_crew_request(c, special_order)
    assert len(set(shares.values())) == 3  # three different amounts, so each is recognisable
    client.force_login(c.li_user)
    page = client.get(f"/bonus/{r.pk}/").content.decode()
    assert yuan(shares[c.li.pk]) in page
    assert yuan(shares[c.zhang.pk]) not in page and yuan(shares[c.zhao.pk]) not in page
    assert yuan(r.amount) not in page  # the pool gives the colleagues' shares away
    # The approvers and pay readers still see every share.
    for viewer in (c.hr, c.gm, c.manager, c.finance):
        client.force_login(viewer)
        page = client.get(f"/bonus/{r.pk}/").content.decode()
        assert all(yuan(a) in page for a in shares.values()), viewer.username


def test_the_crew_leader_sees_the_plan_and_their_own_share_only(client, bonus_people, special_order):
    c = bonus_people
    r, shares = approved_crew_request(c, special_order)
    client.force_login(c.leader_user)
    page = client.get(f"/bonus/{r.pk}/").content.decode()
    assert yuan(shares[c.zhang.pk]) in page
    assert yuan(shares[c.li.pk]) not in page and yuan(shares[c.zhao.pk]) not in page
    crew_page = client.get(f"/bonus/workorder/{special_order.pk}/crew/?ratio=15").content.decode()
    assert "李娜" in crew_page and "赵敏" in crew_page  # the plan's names and percentages stay
    assert yuan(shares[c.li.pk]) not in crew_page and yuan(shares[c.zhao.pk]) not in crew_page
    assert 'data-testid="pool"' not in crew_page


def test_a_crew_members_individual_incentive_is_not_the_crew_leaders_to_read(client, bonus_people, special_order):
    c = bonus_people
    r = approved_individual(c, special_order, c.li)
    client.force_login(c.leader_user)
    assert client.get(f"/bonus/{r.pk}/").status_code == 404
    assert yuan(r.amount) not in client.get(f"/workorders/{special_order.pk}/").content.decode()
    api = APIClient()
    api.force_authenticate(c.leader_user)
    assert api.get(f"/api/bonus-requests/{r.pk}/").status_code == 404
    client.force_login(c.li_user)
    assert yuan(r.amount) in client.get(f"/bonus/{r.pk}/").content.decode()


def test_the_api_hides_the_crew_pool_from_members_and_shows_it_to_pay_readers(bonus_people, special_order):
    c = bonus_people
    r, _shares = approved_crew_request(c, special_order)
    api = APIClient()
    api.force_authenticate(c.li_user)
    assert api.get(f"/api/bonus-requests/{r.pk}/").json()["amount"] is None
    assert [x["amount"] for x in api.get("/api/bonus-requests/").json()["results"]] == [None]
    api.force_authenticate(c.finance)
    assert api.get(f"/api/bonus-requests/{r.pk}/").json()["amount"] == str(r.amount)


def test_an_engineer_cannot_preview_a_colleagues_eligibility_and_headroom(client, bonus_people, special_order):
    c = bonus_people
    approved_individual(c, special_order, c.zhao)  # zhao has 'already awarded' money this month
    url = f"/bonus/workorder/{special_order.pk}/preview/"
    client.force_login(c.li_user)
    assert client.get(url, {"engineer": c.zhao.pk, "rate": "4"}).status_code == 404
    assert client.get(url, {"engineer": c.zhang.pk, "rate": "4"}).status_code == 404
    own = client.get(url, {"engineer": c.li.pk, "rate": "4"})
    assert own.status_code == 200 and 'data-testid="headroom"' in own.content.decode()
    client.force_login(c.leader_user)  # a crew leader is not their members' pay reader either
    assert client.get(url, {"engineer": c.zhao.pk, "rate": "4"}).status_code == 404
    client.force_login(c.qs)  # the proposer needs it
    assert 'data-testid="headroom"' in client.get(url, {"engineer": c.zhao.pk, "rate": "4"}).content.decode()


def test_the_crew_page_shows_an_engineer_only_their_own_share(client, bonus_people, special_order):
    c = bonus_people
    crew_ready(c, special_order)
    preview = services.crew_preview(
        work_order=special_order, ratio=D("0.15"), on=special_order.resolved_at.date()
    )  # same day: frozen clock
    client.force_login(c.li_user)
    page = client.get(f"/bonus/workorder/{special_order.pk}/crew/", {"ratio": "15"}).content.decode()
    assert yuan(preview.shares[c.li.pk].amount) in page
    assert yuan(preview.shares[c.zhao.pk].amount) not in page
    assert 'data-testid="pool"' not in page
    client.force_login(c.supervisor)
    page = client.get(f"/bonus/workorder/{special_order.pk}/crew/", {"ratio": "15"}).content.decode()
    assert yuan(preview.shares[c.zhao.pk].amount) in page and 'data-testid="pool"' in page
