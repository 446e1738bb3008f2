from datetime import date

import pytest

from engineers.models import Absence
from engineers.selectors import assessment_status, assessment_statuses
from incentives.policy import Policy
from policies.selectors import policy_in_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def nov(db) -> dict:
    """November 2026 under the version in force then (A/2)."""
    return {
        "period_start": date(2026, 11, 1),
        "period_end": date(2026, 11, 30),
        "policy": policy_in_force(date(2026, 11, 30)),
    }


def test_service_reads_absences_and_explains_in_chinese(company, nov):
    Absence.objects.create(
        engineer=company.li, start_date=date(2026, 10, 20), end_date=date(2026, 11, 18), kind="sick"
    )  # 30 days
    status = assessment_status(company.li, **nov)
    assert not status.inside
    assert status.reasons == ["连续缺勤三十日以上"]
    assert assessment_status(company.zhang, **nov).inside


def test_bulk_statuses_use_two_queries(company, django_assert_num_queries, nov):
    from engineers.models import Engineer

    with django_assert_num_queries(2):
        statuses = assessment_statuses(Engineer.objects.all(), **nov)
    assert len(statuses) == 4 and all(s.inside for s in statuses.values())


def test_engineer_page_shows_why_someone_is_outside(client, company):
    company.zhao.employment_type = "temporary"
    company.zhao.save()
    client.force_login(company.hr)
    page = client.get(f"/engineers/{company.zhao.pk}/").content.decode()
    assert "不在考核范围" in page and "临时聘请的员工" in page


def test_the_long_absence_threshold_is_the_policy_versions_not_the_engines_default(company, nov):
    Absence.objects.create(
        engineer=company.li, start_date=date(2026, 11, 1), end_date=date(2026, 11, 25), kind="sick"
    )  # 25 days: inside under A/2's 30 days, outside under a version that says 20
    a2 = nov["policy"]
    stricter = Policy.from_dict({**a2.to_dict(), "assessment": {"long_absence_days": 20}})
    assert assessment_status(company.li, **{**nov, "policy": a2}).inside
    assert not assessment_status(company.li, **{**nov, "policy": stricter}).inside


def test_the_api_refuses_to_delete_what_is_in_use_and_names_the_field_of_a_bad_engineer_edit(company, make_work_order):
    from rest_framework.test import APIClient

    from engineers.models import Department, Engineer

    make_work_order(reported=date(2026, 11, 2), resolved=date(2026, 11, 3), people=((company.li, "1"),))
    api = APIClient()
    api.force_authenticate(company.hr)
    for url in (f"/api/departments/{company.d1.pk}/", f"/api/engineers/{company.li.pk}/"):
        response = api.delete(url)  # both are referred to (engineers; a work order): a conflict, not a 500
        assert response.status_code == 409 and response.json()["code"] == "in_use", (url, response.content)
    assert Department.objects.filter(pk=company.d1.pk).exists() and Engineer.objects.filter(pk=company.li.pk).exists()
    bad = api.patch(f"/api/engineers/{company.li.pk}/", {"leaving_date": "2000-01-01"}, format="json")
    assert bad.status_code == 400 and "leaving_date" in bad.json()["fields"]
    bad = api.patch(f"/api/engineers/{company.li.pk}/", {"performance_pay_base_amount": "-1"}, format="json")
    assert bad.status_code == 400 and "performance_pay_base_amount" in bad.json()["fields"]
