"""The company of the root conftest with the pay documents in force, October 2026 closed, and a
user for each role the pay rule names (today is 2026-11-18)."""

from datetime import date
from decimal import Decimal

import pytest

from conftest import ensure_policy_a2, make_user


@pytest.fixture
def pay_company(company):
    from engineers.models import Department
    from ledger.models import PayPeriod

    ensure_policy_a2()
    company.qs = make_user("qs", "qs_officer")
    company.other_manager = make_user("other_manager", "dept_manager")
    Department.objects.filter(pk=company.d2.pk).update(manager=company.other_manager)
    company.october = PayPeriod.objects.create(year=2026, month=10, status="closed")
    return company


def scheme(**changes):
    from paysetup.services import SchemeInput

    values = {
        "effective_from": date(2026, 12, 1),
        "base_wage": Decimal("3500.00"),
        "post_wage": Decimal("800.00"),
        "probation_rate": Decimal("0.8"),
        "piece_rate_mode": "adds",
        "contribution_city": "FS",
        "contribution_base": Decimal("6000.00"),
        "note": "",
    }
    return SchemeInput(**{**values, **changes})
