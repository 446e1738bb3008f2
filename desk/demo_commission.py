"""The demo's customer-service department (seed 001, 售后客服、销售岗位业绩激励方案).

客户服务部 (D04): two customer-service staff and one salesman, 20 franchisees across Foshan and Guangzhou with
who serves and who signed each (one moved between the two customer-service staff last month, so the history
shows a change), three months of pick-up before the current month, and the latest of them settled by HR and
approved by finance before its close: its commission and sales extra are on that month's payslips and the
tier's base wage in the staff's pay schemes. Deterministic for a seed and a day; a few hundred rows.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from commission import services
from commission.models import Assignment, Franchisee, Pickup, Settlement, StaffPost
from engineers.models import Department, Engineer
from engineers.models.pay import PayScheme

from . import demo_pay

DEPARTMENT = ("D04", "客户服务部")
STAFF = (  # employee no., name, post, hired
    ("E2001", "陈静", "customer_service", date(2021, 3, 1)),
    ("E2002", "刘洋", "customer_service", date(2023, 8, 14)),
    ("E2003", "黄磊", "sales", date(2022, 5, 9)),
)
PLACES = (
    "佛山禅城",
    "佛山南海桂城",
    "佛山南海大沥",
    "佛山顺德大良",
    "佛山顺德容桂",
    "佛山三水西南",
    "佛山高明荷城",
    "广州番禺市桥",
    "广州花都新华",
    "广州白云江高",
    "广州增城荔城",
    "广州从化街口",
    "肇庆端州",
    "肇庆四会",
    "江门蓬江",
    "江门新会",
    "中山小榄",
    "中山石岐",
    "清远清城",
    "云浮云城",
)
DISCOUNTS = ("0.60", "0.65", "0.70", "0.75")


def wipe() -> None:
    Settlement.objects.all().delete()  # lines cascade
    Pickup.objects.all().delete()
    Assignment.objects.all().delete()
    StaffPost.objects.all().delete()
    Franchisee.objects.all().delete()
    for model in (Settlement, Pickup, Assignment, StaffPost, Franchisee):
        model.history.all().delete()
    # The department, its engineers and their pay go with the rest of the demo's (desk.demo._wipe), after the
    # payslips and payable items that protect them.


def _months(today: date, count: int = 3) -> list[date]:
    day, months = today.replace(day=1), []
    for _ in range(count):
        day = (day - timedelta(days=1)).replace(day=1)
        months.append(day)
    return months[::-1]


def build(*, seed: int, today: date, hr_user: User, approver: User) -> int:
    """The department, its people, franchisees, three months of pick-up, the latest month settled and paid.
    Returns the number of franchisees."""
    rng = random.Random(seed)
    department = Department.objects.create(code=DEPARTMENT[0], name=DEPARTMENT[1])
    staff = []
    for no, name, post, hired in STAFF:
        e = Engineer.objects.create(employee_no=no, name=name, department=department, hire_date=hired)
        services.post_set(user=hr_user, engineer=e, post=post)
        PayScheme.objects.create(
            engineer=e,
            effective_from=hired,
            base_wage=Decimal("3200.00"),
            post_wage=Decimal("600.00"),
            contribution_city="FS",
            contribution_base=Decimal("3800.00"),
            note="入职定薪",
        )
        staff.append(e)
    chen, liu, huang = staff
    months = _months(today)
    for m in (*months, today.replace(day=1)):
        demo_pay.attendance(rng, m.year, m.month, staff)
    franchisees = [
        services.franchisee_save(
            user=hr_user,
            data=services.FranchiseeInput(
                code=f"F{n:03d}",
                name=f"{place}网点",
                city=place[:2],
                discount_rate=Decimal(rng.choice(DISCOUNTS)),
            ),
        )
        for n, place in enumerate(PLACES, start=1)
    ]
    first, last = months[0], months[-1]
    for n, f in enumerate(franchisees):
        services.assignment_set(
            user=hr_user, franchisee=f, role="serves", engineer=chen if n < 10 else liu, start=first
        )
        if n % 10 < 6:
            services.assignment_set(user=hr_user, franchisee=f, role="signed", engineer=huang, start=first)
    # 陈静's tenth franchisee moves to 刘洋 in the settled month: the history shows the change.
    services.assignment_set(user=hr_user, franchisee=franchisees[9], role="serves", engineer=liu, start=last)
    for m in months:
        rows = {}
        for n, f in enumerate(franchisees):
            high = 40000 if n < 10 else 14000  # 陈静's franchisees are the larger ones
            rows[f.pk] = (Decimal(rng.randrange(3000, high) * 100) / 100, None)
        services.pickups_save(user=hr_user, month=m, rows=rows)
    settlement = services.settlement_propose(user=hr_user, month=last)
    services.settlement_decide(user=approver, settlement=settlement, approve=True)
    return len(franchisees)
