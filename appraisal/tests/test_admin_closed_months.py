"""A closed month is read-only in the Django admin too: its work orders, lines, participants,
scorecards, awards and decided requests can be viewed, not changed, deleted or added to. Lines
and participants are priced by the work-order service and are never edited in the admin."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from appraisal.models import Scorecard, ScoreEntry
from ledger.models import PayPeriod
from workorders.models import Participant, WorkOrder, WorkOrderLine

pytestmark = pytest.mark.django_db
OCTOBER = date(2026, 10, 12)  # the conftest's today is 2026-11-18: October is the month before


@pytest.fixture
def root(client):
    client.force_login(User.objects.create_superuser("root", "root@example.cn", "x"))
    return client


@pytest.fixture
def closed_october(company, make_work_order):
    wo = make_work_order(reported=OCTOBER, resolved=OCTOBER, lines=(("AZ-101", "2"),), people=((company.li, "1"),))
    card = Scorecard.objects.create(engineer=company.li, year=2026, month=10, policy_version="FS-MS-KF-13 A/2")
    ScoreEntry.objects.create(
        scorecard=card, source="supervisor", dimension="skill", score=D("90"), entered_by=company.hr
    )
    PayPeriod.objects.create(year=2026, month=10, status="closed")
    return wo, card


def url(obj, view="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{view}", args=[obj.pk])


def test_a_closed_months_work_order_line_cannot_be_changed_in_the_admin(root, closed_october):
    wo, _card = closed_october
    line = wo.lines.get()
    before = (line.quantity, line.amount)
    response = root.post(url(line), {"work_order": wo.pk, "item_code": "AZ-101", "quantity": "99"})
    assert response.status_code == 403
    line.refresh_from_db()
    assert (line.quantity, line.amount) == before
    assert root.post(url(line, "delete"), {"post": "yes"}).status_code == 403
    assert WorkOrderLine.objects.filter(pk=line.pk).exists()


def test_lines_and_participants_are_not_edited_in_the_admin_even_in_an_open_month(root, company, make_work_order):
    wo = make_work_order(reported=date(2026, 11, 3), resolved=date(2026, 11, 3), people=((company.li, "1"),))
    line, participant = wo.lines.get(), wo.participants.get()
    assert root.post(url(line), {"work_order": wo.pk, "item_code": "AZ-101", "quantity": "99"}).status_code == 403
    assert WorkOrderLine.objects.get(pk=line.pk).quantity == line.quantity  # its amount stays true
    assert root.post(url(participant), {"work_order": wo.pk, "days_worked": "9"}).status_code == 403
    assert Participant.objects.get(pk=participant.pk).days_worked == participant.days_worked
    page = root.get(url(wo))
    assert page.context["has_change_permission"] is True  # the order itself, in an open month
    assert all(not f.has_add_permission for f in page.context["inline_admin_formsets"])


def test_a_closed_months_work_order_is_view_only_and_cannot_be_deleted(root, closed_october):
    wo, _card = closed_october
    page = root.get(url(wo))
    assert page.status_code == 200 and page.context["has_change_permission"] is False
    assert root.post(url(wo), {"number": "WO-CHANGED"}).status_code == 403
    assert root.post(url(wo, "delete"), {"post": "yes"}).status_code == 403
    bulk = root.post(
        reverse("admin:workorders_workorder_changelist"),
        {"action": "delete_selected", "_selected_action": [wo.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    assert WorkOrder.objects.get(pk=wo.pk).number == wo.number


def test_a_closed_months_scorecard_and_its_scores_are_view_only(root, closed_october, company):
    _wo, card = closed_october
    page = root.get(url(card))
    assert page.context["has_change_permission"] is False
    inline = page.context["inline_admin_formsets"][0]
    assert not (inline.has_add_permission or inline.has_change_permission or inline.has_delete_permission)
    response = root.post(url(card), {"engineer": company.li.pk, "year": 2026, "month": 10, "status": "submitted"})
    assert response.status_code == 403
    assert Scorecard.objects.get(pk=card.pk).status == "draft"
    assert ScoreEntry.objects.get(scorecard=card).score == D("90")


def test_a_scorecard_cannot_be_added_into_a_closed_month(root, closed_october, company):
    response = root.post(
        reverse("admin:appraisal_scorecard_add"),
        {
            "engineer": company.zhang.pk,
            "year": 2026,
            "month": 10,
            "status": "draft",
            "entries-TOTAL_FORMS": "0",
            "entries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "2026-10" in " ".join(response.context["adminform"].form.non_field_errors())
    assert not Scorecard.objects.filter(engineer=company.zhang).exists()


def test_a_request_decided_in_a_month_that_then_closed_is_view_only(
    root, bonus_people, special_order, django_capture_on_commit_callbacks
):
    from workorders.bonus import services

    c = bonus_people
    r = services.bonus_request_propose(
        user=c.qs, kind="individual", work_order=special_order, engineer=c.li, rate=D("0.04"), rated_excellent=True
    )
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    assert root.get(url(r)).context["has_change_permission"] is True
    services.bonus_request_transition(user=c.manager, request=r, action="approve")
    PayPeriod.objects.filter(year=2026, month=11).update(status="closed")
    assert root.get(url(r)).context["has_change_permission"] is False
    assert root.post(url(r, "delete"), {"post": "yes"}).status_code == 403


def test_a_work_order_cannot_be_added_into_a_closed_month_through_the_admin(root, closed_october, company):
    data = {
        "number": "WO-ADMIN-1",
        "split_method": "days",
        "order_type": "installation",
        "department": company.d1.pk,
        "crew": company.crew.pk,
        "customer_name": "陈先生",
        "site_address": "佛山市南海区桂城街道1号",
        "reported_at_0": "2026-10-10",
        "reported_at_1": "09:00:00",
        "resolved_at_0": "2026-10-11",
        "resolved_at_1": "17:00:00",
    }
    for prefix in ("lines", "participants"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = root.post(reverse("admin:workorders_workorder_add"), data)
    assert response.status_code == 200, response.get("Location")
    assert "2026-10" in " ".join(response.context["adminform"].form.non_field_errors())
    assert not WorkOrder.objects.filter(number="WO-ADMIN-1").exists()
    data |= {"resolved_at_0": "2026-11-11", "reported_at_0": "2026-11-10"}  # the open month takes it
    assert root.post(reverse("admin:workorders_workorder_add"), data).status_code == 302
    assert WorkOrder.objects.filter(number="WO-ADMIN-1").exists()
