"""A department's third quarter of 2026, scored and submitted (today is 2026-11-18 in every test)."""

from decimal import Decimal as D

import pytest

from appraisal.models import Scorecard
from conftest import make_user


def card(engineer, month, score, status="submitted", year=2026):
    return Scorecard.objects.create(engineer=engineer, year=year, month=month, score=D(score), status=status)


@pytest.fixture
def q3(company):
    """D01's Q3: 李娜 92/88/95 → 91.67 A; 张伟 85/80/78 → 81.00 B; 赵敏 70/65 (two months) → 67.50 C.
    D02's Q3: 王强 90/90/90 → 90.00 A. A second general manager, gm2, is also the engineer 孙丽 (D01, A)."""
    from engineers.models import Engineer

    for month, li, zhang in ((7, "92", "85"), (8, "88", "80"), (9, "95", "78")):
        card(company.li, month, li)
        card(company.zhang, month, zhang)
        card(company.wang, month, "90")
    card(company.zhao, 7, "70")
    card(company.zhao, 8, "65")
    company.gm2 = make_user("gm2", "general_manager")
    company.sun = Engineer.objects.create(
        employee_no="E005", name="孙丽", department=company.d1, hire_date=company.li.hire_date, user=company.gm2
    )
    for month in (7, 8, 9):
        card(company.sun, month, "96")
    company.other_manager = make_user("other_manager", "dept_manager", "general_manager")
    company.d2.manager = company.other_manager
    company.d2.save()
    return company
