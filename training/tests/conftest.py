"""A company with a training course and a two-day session for the training tests."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import make_user


def seed_study_document():
    """Transactional tests flush the KF-STUDY version the migration seeded; put it back."""
    from policies.models import PolicyVersion
    from training.defaults import seed_study_document as seed

    seed(PolicyVersion, timezone.now())


@pytest.fixture
def trained(bonus_people):
    """bonus_people (HR, D01's manager, two general managers, a supervisor, 李娜 …) plus 陈刚, a young engineer
    (hired 2025-01-01: under the 3 years of service, so only a special skill makes him eligible), whose login
    `gm2` is also a general manager (four-eyes: nobody approves their own reward), a course and a session of
    2026-11-16/17 (2 days, 16 hours) that 李娜 attended."""
    from engineers.models import Engineer
    from training import services

    seed_study_document()
    c = bonus_people
    c.chen = Engineer.objects.create(
        employee_no="E010",
        name="陈刚",
        department=c.d1,
        hire_date=date(2025, 1, 1),
        probation_end=date(2025, 3, 31),
        user=c.gm2,
    )
    c.hr_gm = make_user("hr_gm", "hr_clerk", "general_manager")
    c.course = services.course_save(
        user=c.hr, code="PX-DG", name="低压电工取证培训", category="professional", skill="electrician"
    )
    c.soft = services.course_save(user=c.hr, code="RJ-01", name="客户沟通技巧", category="soft_skill")
    c.session = services.session_create(
        user=c.hr,
        course=c.course,
        starts_on=date(2026, 11, 16),
        ends_on=date(2026, 11, 17),
        hours=Decimal("16"),
        trainer="黄建华",
        place="佛山培训中心 201",
    )
    c.li_at = services.attendance_set(user=c.hr, session=c.session, engineer=c.li, status="attended")
    return c
