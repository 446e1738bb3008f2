"""Technical grade campaigns: evidence from work orders, opinions, panel, notice, appeal, close."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from appraisal.grades import services as grades
from appraisal.models import GradeApplication
from conftest import make_user
from core.errors import DomainError, PermissionDeniedError
from engineers.models import Engineer

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(company):
    return grades.campaign_open(user=company.hr, year=2026, half=2, name="2026 下半年技术等级评定")


@pytest.fixture
def history(company, make_work_order):
    """25 completed site services for 李娜 (2 of them special) with CSAT 90, and 5 for 张伟 with CSAT 80."""
    for n in range(25):
        make_work_order(
            reported=date(2026, 3, 1),
            resolved=date(2026, 3, 2),
            people=((company.li, "1"),),
            csat_score=90,
            is_special=n < 2,
        )
    for _n in range(5):
        make_work_order(
            reported=date(2026, 3, 1), resolved=date(2026, 3, 2), people=((company.zhang, "1"),), csat_score=80
        )


def test_evidence_and_eligibility_come_from_work_orders(company, campaign, history):
    app = grades.application_submit(
        user=company.li_user, campaign=campaign, target_grade="junior", self_assessment="独立完成 25 次上门服务"
    )
    assert (
        app.eligible and app.evidence["site_services"] == [25, 20] and app.evidence["csat_average"] == ["90.00", "85"]
    )
    higher = grades.application_submit(
        user=company.li_user, campaign=campaign, target_grade="intermediate", self_assessment="申请中级"
    )
    assert not higher.eligible and set(higher.reasons) == {"site_services", "documents"}
    assert GradeApplication.objects.count() == 1  # one application per engineer and campaign


def test_full_campaign_to_the_grade_change_with_an_appeal(company, campaign, history):
    panel_gm = company.gm
    li = grades.application_submit(
        user=company.li_user, campaign=campaign, target_grade="junior", self_assessment="申请初级"
    )
    zhang = grades.application_submit(
        user=company.hr, engineer=company.zhang, campaign=campaign, target_grade="junior", self_assessment="申请初级"
    )
    assert not zhang.eligible  # 5 services, CSAT 80
    grades.supervisor_opinion(
        user=company.supervisor, application=li, opinion="技术扎实", has_documents=False, has_key_accounts=False
    )
    with pytest.raises(DomainError):
        grades.panel_decide(user=panel_gm, application=zhang, approve=True)
    grades.panel_decide(user=panel_gm, application=li, approve=True)
    grades.panel_decide(user=panel_gm, application=zhang, approve=False, note="上门服务不足 20 次")
    with pytest.raises(PermissionDeniedError):
        grades.campaign_publish(user=company.supervisor, campaign=campaign)
    grades.campaign_publish(user=company.hr, campaign=campaign)
    grades.appeal_file(
        user=company.leader_user, application=zhang, text="部分工单未计入"
    )  # zhang is the leader's engineer
    with pytest.raises(PermissionDeniedError):
        grades.appeal_file(user=company.li_user, application=zhang, text="x")
    grades.appeal_decide(user=panel_gm, application=zhang, uphold=False, note="核实无误")
    with pytest.raises(DomainError):  # still inside the appeal window
        grades.campaign_close(user=company.hr, campaign=campaign)
    campaign.notice_until = timezone.localdate() - timedelta(days=1)
    campaign.save()
    assert grades.campaign_close(user=company.hr, campaign=campaign) == 1
    li_now = Engineer.objects.get(pk=company.li.pk)
    assert li_now.technical_grade == "junior"
    assert "2026 下半年技术等级评定" in li_now.history.first().history_change_reason
    assert Engineer.objects.get(pk=company.zhang.pk).technical_grade == ""


def test_nobody_decides_their_own_application(company, campaign, history):
    manager_engineer = company.li
    manager_engineer.user = company.manager
    manager_engineer.save()
    app = grades.application_submit(
        user=company.hr, engineer=company.li, campaign=campaign, target_grade="junior", self_assessment="x"
    )
    with pytest.raises(PermissionDeniedError):
        grades.panel_decide(user=company.manager, application=app, approve=True)
    with pytest.raises(PermissionDeniedError):
        grades.panel_decide(user=make_user("hr9", "hr_clerk"), application=app, approve=True)


def test_appeals_only_inside_the_window(company, campaign, history):
    app = grades.application_submit(user=company.li_user, campaign=campaign, target_grade="junior", self_assessment="x")
    grades.panel_decide(user=company.gm, application=app, approve=True)
    grades.campaign_publish(user=company.hr, campaign=campaign)
    campaign.notice_until = timezone.localdate() - timedelta(days=1)
    campaign.save()
    with pytest.raises(DomainError) as err:
        grades.appeal_file(user=company.li_user, application=app, text="x")
    assert err.value.code == "grades.appeal_window"


def test_campaign_pages_by_role(client, company, campaign, history):
    client.force_login(company.li_user)
    client.post(f"/kpi/grades/{campaign.pk}/", {"op": "apply", "target_grade": "junior", "text": "申请初级"})
    app = GradeApplication.objects.get()
    assert app.eligible
    assert client.post(f"/kpi/grades/{campaign.pk}/", {"op": "approve", "application": app.pk}).status_code == 403
    client.force_login(company.gm)
    client.post(f"/kpi/grades/{campaign.pk}/", {"op": "approve", "application": app.pk})
    client.force_login(company.hr)
    client.post(f"/kpi/grades/{campaign.pk}/", {"op": "publish"})
    client.force_login(company.wang_user)
    notice = client.get(f"/kpi/grades/{campaign.pk}/notice/").content.decode()
    assert "李娜" in notice and "初级" in notice
    own_view = client.get(f"/kpi/grades/{campaign.pk}/").content.decode()
    assert "李娜" not in own_view  # the working page shows an engineer only their own application


@pytest.fixture
def two_departments(company, campaign, history):
    """李娜 (D01, managed by `manager`) and 王强 (D02, managed by `other_manager`) both apply."""
    company.other_manager = make_user("other_manager", "dept_manager")
    company.d2.manager = company.other_manager
    company.d2.save()
    company.li_app = grades.application_submit(
        user=company.li_user, campaign=campaign, target_grade="junior", self_assessment="申请初级"
    )
    company.wang_app = grades.application_submit(
        user=company.wang_user, campaign=campaign, target_grade="junior", self_assessment="申请初级"
    )
    return company


def test_a_department_manager_decides_only_on_their_departments_engineers(two_departments):
    c = two_departments
    with pytest.raises(PermissionDeniedError) as err:
        grades.panel_decide(user=c.manager, application=c.wang_app, approve=False, note="不同意")
    assert err.value.code == "grades.other_department"
    with pytest.raises(PermissionDeniedError):
        grades.panel_decide(user=c.manager, application=c.wang_app, approve=True)
    assert GradeApplication.objects.get(pk=c.wang_app.pk).decision == "pending"
    grades.panel_decide(user=c.other_manager, application=c.wang_app, approve=False, note="上门服务不足")
    grades.panel_decide(user=c.manager, application=c.li_app, approve=True)
    assert GradeApplication.objects.get(pk=c.li_app.pk).decision == "approved"


def test_grade_applications_api_is_scoped_by_department(two_departments, campaign):
    from rest_framework.test import APIClient

    c = two_departments
    api = APIClient()

    def listed(user):
        api.force_authenticate(user)
        return sorted(a["engineer"] for a in api.get(f"/api/grade-campaigns/{campaign.pk}/applications/").json())

    assert listed(c.manager) == [c.li.pk]
    assert listed(c.other_manager) == [c.wang.pk]
    assert listed(c.gm) == listed(c.hr) == listed(c.supervisor) == sorted([c.li.pk, c.wang.pk])
    assert listed(c.li_user) == [c.li.pk]
    assert listed(c.finance) == []  # finance is not in the grade process
    api.force_authenticate(c.manager)
    response = api.post(f"/api/grade-applications/{c.wang_app.pk}/act/", {"action": "reject", "text": "不同意"})
    assert response.status_code == 404
    assert GradeApplication.objects.get(pk=c.wang_app.pk).decision == "pending"
    api.force_authenticate(c.other_manager)
    response = api.post(f"/api/grade-applications/{c.wang_app.pk}/act/", {"action": "reject", "text": "不足"})
    assert response.status_code == 200 and response.json()["decision"] == "rejected"


def test_grade_campaign_page_is_scoped_by_department(client, two_departments, campaign):
    c = two_departments
    client.force_login(c.manager)
    page = client.get(f"/kpi/grades/{campaign.pk}/").content.decode()
    assert "李娜" in page and "王强" not in page
    response = client.post(
        f"/kpi/grades/{campaign.pk}/", {"op": "reject", "application": c.wang_app.pk, "text": "不同意"}
    )
    assert response.status_code == 404
    assert GradeApplication.objects.get(pk=c.wang_app.pk).decision == "pending"
