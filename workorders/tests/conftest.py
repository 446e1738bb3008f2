from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from conftest import make_user
from engineers.models import Department


def ensure_policy_a2():
    """Transactional tests flush the A/2 version the migration seeded; put it back."""
    import json
    from datetime import date

    from django.utils import timezone

    from incentives.policy import DEFAULTS_DIR
    from payroll.models import PolicyVersion

    params = json.loads((DEFAULTS_DIR / "FS-MS-KF-13_A2.json").read_text(encoding="utf-8"))
    PolicyVersion.objects.get_or_create(
        document_no="FS-MS-KF-13",
        version="A/2",
        defaults={
            "title": params["title"],
            "effective_from": date(2009, 4, 1),
            "status": "approved",
            "parameters": params,
            "approved_at": timezone.now(),
        },
    )


@pytest.fixture
def bonus_people(company):
    """Everyone the FS-MS-KF-13 workflows involve, plus the edge cases four-eyes needs."""
    ensure_policy_a2()
    company.qs = make_user("qs", "qs_officer")
    company.supervisor2 = make_user("supervisor2", "supervisor")
    company.gm2 = make_user("gm2", "general_manager")
    company.other_manager = make_user("other_manager", "dept_manager")
    Department.objects.filter(pk=company.d2.pk).update(manager=company.other_manager)
    for user in (
        company.qs,
        company.supervisor,
        company.supervisor2,
        company.manager,
        company.gm,
        company.gm2,
        company.li_user,
    ):
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
    return company


@pytest.fixture
def special_order(bonus_people, make_work_order):
    """A completed special project this month: 3 × AZ-101 + 20 m AZ-105 under table 2026-B."""
    today = timezone.localdate()
    return make_work_order(
        reported=today - timedelta(days=1) if today.day > 1 else today,
        resolved=today,
        is_special=True,
        lines=(("AZ-101", "3"), ("AZ-105", "20")),
        people=((bonus_people.zhang, "10"), (bonus_people.li, "8"), (bonus_people.zhao, "6")),
    )


D = Decimal
