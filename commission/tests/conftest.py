from datetime import date
from decimal import Decimal

import pytest

from conftest import make_user

OCT = date(2026, 10, 1)


@pytest.fixture
def cs(bonus_people):
    """李娜 and 赵敏 (D01) in customer service, 王强 (D02) in sales; four franchisees; pay schemes."""
    from commission import services
    from commission.models import Post
    from engineers.models.pay import PayScheme

    c = bonus_people
    services.post_set(user=c.hr, engineer=c.li, post=Post.CUSTOMER_SERVICE)
    services.post_set(user=c.hr, engineer=c.zhao, post=Post.CUSTOMER_SERVICE)
    services.post_set(user=c.hr, engineer=c.wang, post=Post.SALES)
    c.f = {}
    for code, name, discount in (
        ("F01", "佛山禅城网点", "0.65"),
        ("F02", "南海桂城网点", "0.7"),
        ("F03", "顺德大良网点", "1"),
        ("F04", "三水西南网点", "0.5"),
    ):
        c.f[code] = services.franchisee_save(
            user=c.hr, data=services.FranchiseeInput(code=code, name=name, discount_rate=Decimal(discount))
        )
    for code, who in (("F01", c.li), ("F02", c.li), ("F03", c.zhao), ("F04", c.zhao)):
        services.assignment_set(user=c.hr, franchisee=c.f[code], role="serves", engineer=who, start=OCT)
    for code in ("F01", "F03"):
        services.assignment_set(user=c.hr, franchisee=c.f[code], role="signed", engineer=c.wang, start=OCT)
    PayScheme.objects.create(engineer=c.li, effective_from=date(2020, 1, 1), base_wage=Decimal("3000.00"))
    PayScheme.objects.create(engineer=c.zhao, effective_from=date(2020, 1, 1), base_wage=Decimal("3200.00"))
    c.hr_finance = make_user("hrfin", "hr_clerk", "finance")
    return c


def october_rows(c, **override):
    """F01 100,000 × 0.65 = 65,000.00; F02 21,428.57 × 0.7 = 14,999.999 → 15,000.00 (李娜: 80,000.00);
    F03 9,999.99 × 1; F04 0 (赵敏: 9,999.99); 王强 signed F01 + F03 = 74,999.99."""
    rows = {
        "F01": (Decimal("100000.00"), None),
        "F02": (Decimal("21428.57"), None),
        "F03": (Decimal("9999.99"), None),
        "F04": (Decimal("0"), None),
    }
    rows.update(override)
    return {c.f[code].pk: value for code, value in rows.items()}
