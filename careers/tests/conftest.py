from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from appraisal.models import Scorecard


@pytest.fixture
def career(company, make_work_order):
    """李娜 (assistant since 2020) with three submitted KPI months in the window (80, 70, 90: mean 80.00), a draft
    and an older month that do not count, 12 work orders in September (11 at CSAT 90, one at 85: 89.58) and a
    pay scheme from 2026-01-01 (base 3,000.00, post 200.00). Today is 2026-11-18: the window is May–October."""
    from engineers.models import PayScheme
    from policies.defaults import seed_career_documents
    from policies.models import PolicyVersion

    seed_career_documents(PolicyVersion, timezone.now())
    for month, score, status in ((5, "80", "submitted"), (6, "70", "submitted"), (7, "90", "submitted")):
        Scorecard.objects.create(engineer=company.li, year=2026, month=month, score=Decimal(score), status=status)
    Scorecard.objects.create(engineer=company.li, year=2026, month=8, score=Decimal("10"), status="draft")
    Scorecard.objects.create(engineer=company.li, year=2026, month=4, score=Decimal("20"), status="submitted")
    for n in range(12):
        make_work_order(
            reported=date(2026, 9, 1),
            resolved=date(2026, 9, 2),
            people=((company.li, "1"),),
            csat_score=85 if n == 0 else 90,
        )
    PayScheme.objects.create(
        engineer=company.li, effective_from=date(2026, 1, 1), base_wage=Decimal("3000.00"), post_wage=Decimal("200.00")
    )
    return company
