from datetime import date

import pytest

from engineers.models import Absence
from engineers.selectors import assessment_status, assessment_statuses

pytestmark = pytest.mark.django_db
NOV = {"period_start": date(2026, 11, 1), "period_end": date(2026, 11, 30)}


def test_service_reads_absences_and_explains_in_chinese(company):
    Absence.objects.create(
        engineer=company.li, start_date=date(2026, 10, 20), end_date=date(2026, 11, 18), kind="sick"
    )  # 30 days
    status = assessment_status(company.li, **NOV)
    assert not status.inside
    assert status.reasons == ["连续缺勤三十日以上"]
    assert assessment_status(company.zhang, **NOV).inside


def test_bulk_statuses_use_two_queries(company, django_assert_num_queries):
    from engineers.models import Engineer

    with django_assert_num_queries(2):
        statuses = assessment_statuses(Engineer.objects.all(), **NOV)
    assert len(statuses) == 4 and all(s.inside for s in statuses.values())


def test_engineer_page_shows_why_someone_is_outside(client, company):
    company.zhao.employment_type = "temporary"
    company.zhao.save()
    client.force_login(company.hr)
    page = client.get(f"/engineers/{company.zhao.pk}/").content.decode()
    assert "不在考核范围" in page and "临时聘请的员工" in page
