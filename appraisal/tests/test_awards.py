"""Honours and penalties: candidates, two-step approval with four-eyes, and what each does."""

from decimal import Decimal as D

import pytest
from django.utils import timezone

from appraisal.awards import services as awards
from appraisal.models import Award
from appraisal.scorecards import services
from appraisal.scorecards.services import Month
from conftest import make_user
from core.errors import DomainError, PermissionDeniedError
from engineers.models import Engineer
from ledger.models import PayableItem

pytestmark = pytest.mark.django_db
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


@pytest.fixture
def month():
    today = timezone.localdate()
    return Month(today.year, today.month)


@pytest.fixture
def hr2(company):
    return make_user("hr2", "hr_clerk")


def approve_fully(c, award, hr):
    awards.award_decide(user=c.manager, award=award, approve=True)
    return awards.award_decide(user=hr, award=award, approve=True)


def test_candidates_are_ranked_by_score(company, month):
    services.grid_save(
        user=company.hr,
        department=company.d1,
        month=month,
        source="supervisor",
        rows={
            company.li.pk: {d: D(95) for d in DIMS},
            company.zhang.pk: {d: D(85) for d in DIMS},
            company.zhao.pk: {d: D(90) for d in DIMS},
        },
    )
    people, teams = awards.honour_candidates(month)
    assert [c.engineer.name for c in people] == ["李娜", "赵敏", "张伟"]
    assert [(t.crew.code, t.average) for t in teams] == [("C01", D("90.00"))]


def test_excellent_individual_goes_manager_then_hr_then_pays(company, month, hr2):
    a = awards.award_propose(
        user=company.supervisor,
        kind="excellent_individual_month",
        department=company.d1,
        members=[company.li],
        month=month,
        reason="月度得分第一",
    )
    with pytest.raises(PermissionDeniedError):
        awards.award_decide(user=company.hr, award=a, approve=True)  # the manager decides first
    awards.award_decide(user=company.manager, award=a, approve=True)
    assert not PayableItem.objects.exists()
    awards.award_decide(user=company.hr, award=a, approve=True)
    item = PayableItem.objects.get()
    assert (item.engineer, item.kind, item.amount) == (company.li, "honour", D("500.00"))
    assert item.trace["steps"][0]["rule"] == "honour.excellent_individual_month"


def test_team_honour_is_split_across_the_members(company, month):
    a = awards.award_propose(
        user=company.supervisor,
        kind="excellent_team_month",
        department=company.d1,
        crew=company.crew,
        members=[company.zhang, company.li, company.zhao],
        month=month,
        reason="本月优秀团队",
    )
    approve_fully(company, a, company.hr)
    amounts = sorted(PayableItem.objects.values_list("amount", flat=True))
    assert amounts == [D("666.66"), D("666.67"), D("666.67")]


def test_deduction_becomes_a_negative_item_and_demotion_lowers_the_grade(company, month):
    d = awards.award_propose(
        user=company.supervisor,
        kind="deduction",
        department=company.d1,
        members=[company.li],
        month=month,
        reason="未按规定佩戴安全带",
        deduction_amount=D("200"),
    )
    approve_fully(company, d, company.hr)
    assert PayableItem.objects.get(kind="deduction").amount == D("-200.00")
    company.zhao.technical_grade = "senior"
    company.zhao.save()
    m = awards.award_propose(
        user=company.supervisor,
        kind="demotion",
        department=company.d1,
        members=[company.zhao],
        month=month,
        reason="重大质量投诉",
    )
    approve_fully(company, m, company.hr)
    zhao = Engineer.objects.get(pk=company.zhao.pk)
    assert zhao.technical_grade == "intermediate"
    assert "重大质量投诉" in zhao.history.first().history_change_reason


def test_four_eyes_on_both_steps(company, month, hr2):
    company.manager.groups.add(company.hr.groups.get())  # the manager is also in HR
    a = awards.award_propose(
        user=company.supervisor,
        kind="innovation",
        department=company.d1,
        members=[company.li],
        month=month,
        reason="改进管路保温工艺",
    )
    awards.award_decide(user=company.manager, award=a, approve=True)
    with pytest.raises(PermissionDeniedError):
        awards.award_decide(user=company.manager, award=a, approve=True)  # same person twice
    company.li.user = hr2
    company.li.save()
    with pytest.raises(PermissionDeniedError):
        awards.award_decide(user=hr2, award=a, approve=True)  # it pays them
    awards.award_decide(user=company.hr, award=a, approve=True)
    assert Award.objects.get(pk=a.pk).status == "approved"


def test_another_departments_manager_and_engineers_cannot_decide(company, month):
    other = make_user("other_manager", "dept_manager")
    company.d2.manager = other
    company.d2.save()
    a = awards.award_propose(
        user=company.supervisor,
        kind="target_achieved",
        department=company.d1,
        members=[company.li],
        month=month,
        reason="达成季度目标",
    )
    for user in (other, company.li_user, company.supervisor, company.gm):
        with pytest.raises(PermissionDeniedError):
            awards.award_decide(user=user, award=a, approve=True)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "deduction", "deduction_amount": D("100"), "deduction_rate": D("0.1")}, "award.amount_or_rate"),
        ({"kind": "deduction", "deduction_rate": D("1.5")}, "award.rate_range"),
        ({"kind": "excellent_team_month"}, "award.crew_required"),
        ({"kind": "innovation", "reason": " "}, "award.reason_required"),
    ],
)
def test_bad_proposals_are_refused_and_nothing_saved(company, month, kwargs, code):
    args = {"kind": "innovation", "reason": "理由", "members": [company.li], **kwargs}
    with pytest.raises(DomainError) as err:
        awards.award_propose(user=company.supervisor, department=company.d1, month=month, **args)
    assert err.value.code == code
    assert not Award.objects.exists()


def test_an_honour_for_someone_outside_assessment_is_refused(company, month):
    company.li.employment_type = "probation"
    company.li.save()
    with pytest.raises(DomainError) as err:
        awards.award_propose(
            user=company.supervisor,
            kind="innovation",
            department=company.d1,
            members=[company.li],
            month=month,
            reason="x",
        )
    assert err.value.code == "award.outside_assessment" and "李娜" in str(err.value.message)


def test_rejection_needs_a_reason(company, month):
    a = awards.award_propose(
        user=company.supervisor, kind="warning", department=company.d1, members=[company.li], month=month, reason="迟到"
    )
    with pytest.raises(DomainError):
        awards.award_decide(user=company.manager, award=a, approve=False)
    awards.award_decide(user=company.manager, award=a, approve=False, note="证据不足")
    assert Award.objects.get(pk=a.pk).status == "rejected"


def test_propose_and_decide_through_the_pages(client, company, month):
    client.force_login(company.supervisor)
    response = client.post(
        "/kpi/awards/",
        {
            "month": str(month),
            "kind": "deduction",
            "department": company.d1.pk,
            "members": [company.li.pk],
            "reason": "未佩戴安全帽",
            "deduction_percent": "150",
        },
    )
    assert (
        response.status_code == 200 and "100" in response.content.decode()
    )  # rate above 100 % refused beside the field
    assert not Award.objects.exists()
    response = client.post(
        "/kpi/awards/",
        {
            "month": str(month),
            "kind": "deduction",
            "department": company.d1.pk,
            "members": [company.li.pk],
            "reason": "未佩戴安全帽",
            "deduction_percent": "5",
        },
    )
    award = Award.objects.get()
    assert response["Location"] == f"/kpi/awards/{award.pk}/" and award.deduction_rate == D("0.05")
    client.force_login(company.manager)
    client.post(f"/kpi/awards/{award.pk}/", {"decision": "approve"})
    client.force_login(company.hr)
    client.post(f"/kpi/awards/{award.pk}/", {"decision": "approve"})
    item = PayableItem.objects.get()
    assert (item.kind, item.amount, item.trace["steps"][0]["inputs"]["pay_rate"]) == ("deduction", D("0.00"), "0.0500")
    client.force_login(company.li_user)
    assert client.get(f"/kpi/awards/{award.pk}/").status_code == 200  # approved and about them
    client.force_login(company.wang_user)
    assert client.get(f"/kpi/awards/{award.pk}/").status_code == 404


def test_awards_and_grades_through_the_api(company, month):
    from rest_framework.test import APIClient

    from appraisal.grades import services as g

    sup, mgr, hr, li = (APIClient() for _ in range(4))
    sup.force_authenticate(company.supervisor)
    mgr.force_authenticate(company.manager)
    hr.force_authenticate(company.hr)
    li.force_authenticate(company.li_user)
    created = sup.post(
        "/api/awards/",
        {
            "kind": "innovation",
            "department": company.d1.pk,
            "members": [company.li.pk],
            "year": month.year,
            "month": month.month,
            "reason": "工艺改进",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    aid = created.json()["id"]
    assert hr.post(f"/api/awards/{aid}/decide/", {"approve": True}, format="json").status_code == 403
    assert (
        mgr.post(f"/api/awards/{aid}/decide/", {"approve": True}, format="json").json()["status"] == "manager_approved"
    )
    assert hr.post(f"/api/awards/{aid}/decide/", {"approve": True}, format="json").json()["status"] == "approved"
    assert PayableItem.objects.get().amount == D("300.00")
    assert [a["id"] for a in li.get("/api/awards/").json()["results"]] == [aid]

    campaign = g.campaign_open(user=company.hr, year=2026, half=2, name="2026 下半年")
    applied = li.post(
        f"/api/grade-campaigns/{campaign.pk}/apply/",
        {"target_grade": "junior", "self_assessment": "申请"},
        format="json",
    )
    assert applied.status_code == 201 and applied.json()["eligible"] is False  # no work orders yet
    app_id = applied.json()["id"]
    refused = mgr.post(f"/api/grade-applications/{app_id}/act/", {"action": "approve"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "grades.not_eligible"
    assert len(li.get(f"/api/grade-campaigns/{campaign.pk}/applications/").json()) == 1


def test_an_honour_of_the_month_is_nominated_once_per_engineer(company, month, hr2):
    """Two live nominations for the same honour and month would pay it twice."""
    from core.errors import ConflictError

    first = awards.award_propose(
        user=company.supervisor,
        kind="excellent_individual_month",
        department=company.d1,
        members=[company.li],
        month=month,
        reason="月度得分第一",
    )
    approve_fully(company, first, hr2)
    with pytest.raises(ConflictError) as err:
        awards.award_propose(
            user=company.hr,
            kind="excellent_individual_month",
            department=company.d1,
            members=[company.li],
            month=month,
            reason="重复提名",
        )
    assert err.value.code == "award.duplicate" and f"#{first.pk}" in err.value.message
    assert PayableItem.objects.filter(kind="honour").count() == 1
    # Another engineer, or the same one rejected before, is fine.
    other = awards.award_propose(
        user=company.supervisor,
        kind="excellent_individual_month",
        department=company.d1,
        members=[company.zhang],
        month=month,
        reason="月度第二",
    )
    awards.award_decide(user=company.manager, award=other, approve=False, note="名额已满")
    awards.award_propose(
        user=company.supervisor,
        kind="excellent_individual_month",
        department=company.d1,
        members=[company.zhang],
        month=month,
        reason="复议",
    )
