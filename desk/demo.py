"""A realistic demo company, built deterministically from a seed.

Three departments, ten crews, sixty engineers (some on probation, one outsourced,
one temporary, one who left, one on a long sick leave), two piece-rate table
versions with a rate change, six months of work orders and one login per role.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from appraisal.models import Award, GradeApplication, GradeCampaign, PeerAssignment, Scorecard, ScoreEntry
from appraisal.scorecards import services as kpi
from core.mail import mail_muted
from core.roles import Role
from engineers.models import (
    Absence,
    AbsenceKind,
    CareerRank,
    Crew,
    CrewMembership,
    Department,
    EmploymentType,
    Engineer,
    EngineerSkill,
    EngineerStatus,
    Incident,
    Skill,
    TechnicalGrade,
)
from ledger.models import PayableItem, PayPeriod
from ledger.services import period_for_month
from payroll.close import period_close
from payroll.delivery import payslips_publish
from payroll.models import BankFileDownload, Payslip, PayslipPublication
from whatif.models import DraftApproval, Simulation
from workorders import services as wo_services
from workorders.bonus import services as bonus
from workorders.models import (
    BonusRequest,
    CrewSelfAssessment,
    OrderType,
    Participant,
    PieceRateItem,
    PieceRateTable,
    PieceRateTableStatus,
    RequestTransition,
    SiteInspection,
    SplitMethod,
    WorkOrder,
    WorkOrderLine,
)

from . import (
    demo_careers,
    demo_commission,
    demo_feedback,
    demo_pay,
    demo_periodbonus,
    demo_service,
    demo_training,
    demo_welfare,
)

DEMO_PASSWORD = "Demo@2026"
DEPARTMENTS = [
    ("D01", "太阳能热水器安装部", OrderType.INSTALLATION),
    ("D02", "空调维修服务部", OrderType.REPAIR),
    ("D03", "设备售后服务部", OrderType.MAINTENANCE),
]
CREWS = [
    ("C01", "安装一组", "D01"),
    ("C02", "安装二组", "D01"),
    ("C03", "安装三组", "D01"),
    ("C04", "工程安装组", "D01"),
    ("C05", "空调维修一组", "D02"),
    ("C06", "空调维修二组", "D02"),
    ("C07", "冷链维修组", "D02"),
    ("C08", "设备保养一组", "D03"),
    ("C09", "设备保养二组", "D03"),
    ("C10", "大客户服务组", "D03"),
]
# (code, description, unit, rate in 2026-A, rate in 2026-B)
ITEMS = [
    ("AZ-101", "太阳能热水器安装(平顶)", "台", "120.00", "130.00"),
    ("AZ-102", "太阳能热水器安装(斜顶)", "台", "160.00", "170.00"),
    ("AZ-103", "真空集热管更换", "支", "8.00", "8.00"),
    ("AZ-104", "保温水箱更换", "台", "90.00", "95.00"),
    ("AZ-105", "上下水管路铺设", "米", "6.50", "7.00"),
    ("AZ-106", "支架加固及防风处理", "套", "45.00", "45.00"),
    ("AZ-107", "工程机组安装(集热工程)", "组", "380.00", "400.00"),
    ("KT-201", "空调挂机安装", "台", "80.00", "85.00"),
    ("KT-202", "空调柜机安装", "台", "120.00", "125.00"),
    ("KT-203", "空调移机", "台", "100.00", "100.00"),
    ("KT-204", "冷媒加注", "次", "40.00", "45.00"),
    ("KT-205", "铜管延长", "米", "12.00", "12.00"),
    ("KT-206", "压缩机更换", "台", "150.00", "160.00"),
    ("WX-301", "上门检测维修", "次", "35.00", "38.00"),
    ("WX-302", "电路板更换", "块", "30.00", "30.00"),
    ("WX-303", "电气线路检修", "处", "25.00", "25.00"),
    ("BY-401", "设备例行保养", "台", "50.00", "55.00"),
    ("BY-402", "水垢清洗", "台", "40.00", "40.00"),
    ("BY-403", "高空作业补贴", "次", "30.00", "35.00"),
]
DEPT_ITEMS = {
    "D01": ["AZ-101", "AZ-102", "AZ-103", "AZ-104", "AZ-105", "AZ-106", "BY-403"],
    "D02": ["KT-201", "KT-202", "KT-203", "KT-204", "KT-205", "KT-206", "WX-301", "WX-302"],
    "D03": ["BY-401", "BY-402", "WX-301", "WX-303", "WX-302", "BY-403"],
}
SPECIAL_ITEMS = {"D01": "AZ-107", "D02": "KT-206", "D03": "BY-401"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志文斌鹏辉海波宁飞浩凯俊健峰龙亮"
CUSTOMERS = [
    "陈先生",
    "李女士",
    "王先生",
    "张阿姨",
    "刘老板",
    "黄女士",
    "佛山某酒店",
    "南海区第一中学",
    "顺德某工业园",
    "桂城某小区物业",
]
STREETS = ["桂城街道", "大沥镇", "里水镇", "狮山镇", "乐从镇", "容桂街道", "北滘镇", "张槎街道"]
USERS = [
    ("hr", "人事专员", "周静", Role.HR_CLERK),
    ("qs", "质安员", "郑超", Role.QS_OFFICER),
    ("supervisor", "工程主管", "何建国", Role.SUPERVISOR),
    ("leader", "施工组长", None, Role.CREW_LEADER),
    ("manager", "部门经理", "梁志文", Role.DEPT_MANAGER),
    ("gm", "事业部总经理", "罗海波", Role.GENERAL_MANAGER),
    ("finance", "财务", "唐秀英", Role.FINANCE),
    ("engineer", "售后工程师", None, Role.ENGINEER),
]


@dataclass(frozen=True)
class DemoSummary:
    departments: int
    crews: int
    engineers: int
    work_orders: int
    logins: list[tuple[str, str, str]]
    service_requests: int = 0


class DemoRefused(Exception):
    pass


def _aware(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _wipe() -> None:
    """Remove domain data so the build is re-runnable; refuses a database with real data."""
    foreign = Department.objects.exclude(code__in=[d[0] for d in DEPARTMENTS] + [demo_commission.DEPARTMENT[0]])
    if foreign.exists():
        raise DemoRefused("this database holds departments that are not demo data; refusing to wipe it")
    demo_feedback.wipe()
    demo_commission.wipe()
    demo_training.wipe()
    demo_careers.wipe()
    demo_pay.wipe()
    demo_service.wipe()
    demo_welfare.wipe()
    demo_periodbonus.wipe()
    ScoreEntry.objects.all().delete()
    PeerAssignment.objects.all().delete()
    Scorecard.objects.all().delete()
    GradeApplication.objects.all().delete()
    GradeCampaign.objects.all().delete()
    Award.objects.all().delete()
    PayableItem.objects.all().delete()
    DraftApproval.objects.all().delete()
    Simulation.objects.all().delete()  # its rows go with it
    PayslipPublication.objects.all().delete()  # receipts cascade
    BankFileDownload.objects.all().delete()
    Payslip.objects.all().delete()  # lines cascade; events and appeals go with their period
    PayPeriod.objects.all().delete()
    RequestTransition.objects.all().delete()
    BonusRequest.objects.all().delete()
    CrewSelfAssessment.objects.all().delete()
    SiteInspection.objects.all().delete()
    Participant.objects.all().delete()
    WorkOrderLine.objects.all().delete()
    WorkOrder.objects.all().delete()
    PieceRateItem.objects.all().delete()
    PieceRateTable.objects.all().delete()
    CrewMembership.objects.all().delete()
    Crew.objects.all().delete()
    Absence.objects.all().delete()
    Incident.objects.all().delete()
    EngineerSkill.objects.all().delete()
    Engineer.objects.all().delete()
    Department.objects.all().delete()
    User.objects.filter(username__in=[u[0] for u in USERS] + ["admin"]).delete()
    for model in (
        ScoreEntry,
        Scorecard,
        GradeApplication,
        GradeCampaign,
        Award,
        PayableItem,
        PayPeriod,
        BonusRequest,
        CrewSelfAssessment,
        SiteInspection,
        Participant,
        WorkOrderLine,
        WorkOrder,
        PieceRateItem,
        PieceRateTable,
        CrewMembership,
        Crew,
        Absence,
        Incident,
        EngineerSkill,
        Engineer,
        Department,
    ):
        model.history.all().delete()


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    while len(seen) < n:
        seen.add(rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))))
    # In a stable order before shuffling: a set's order follows the process's string hashing, so the same seed
    # gave each employee no. another name in every process.
    return sorted(sorted(seen), key=lambda s: rng.random())


def _rate_tables(today: date) -> tuple[PieceRateTable, PieceRateTable]:
    first = date(today.year - 1, 1, 1)
    change = (today.replace(day=1) - timedelta(days=70)).replace(day=1)
    a = PieceRateTable.objects.create(
        code="计件-A",
        name="计件工资标准",
        effective_from=first,
        status=PieceRateTableStatus.ACTIVE,
        note="客户服务部与财务部共同制定",
    )
    b = PieceRateTable.objects.create(
        code="计件-B",
        name="计件工资标准(调价)",
        effective_from=change,
        status=PieceRateTableStatus.ACTIVE,
        note="部分项目上调单价",
    )
    PieceRateItem.objects.bulk_create(
        [PieceRateItem(table=a, code=c, description=d, unit=u, unit_rate=Decimal(ra)) for c, d, u, ra, _rb in ITEMS]
        + [PieceRateItem(table=b, code=c, description=d, unit=u, unit_rate=Decimal(rb)) for c, d, u, _ra, rb in ITEMS]
    )
    return a, b


def _grade_for(rng: random.Random, years: float) -> str:
    """Grades need tenure (seed 003): 6 months junior, 1 year intermediate, 2 senior, 3 principal."""
    ladder = [TechnicalGrade.JUNIOR, TechnicalGrade.INTERMEDIATE, TechnicalGrade.SENIOR, TechnicalGrade.PRINCIPAL]
    reachable = ladder[: sum(1 for need in (0.5, 1, 2, 3) if years >= need)]
    return rng.choice(["", *reachable]) if reachable else ""


def _people(rng: random.Random, today: date, departments: dict[str, Department]):
    names = _names(rng, 60)
    engineers: list[Engineer] = []
    for i, name in enumerate(names):
        dept_code = DEPARTMENTS[i % 3][0]
        years = rng.choice([0.5, 1, 1.5, 2, 3, 3, 4, 5, 6, 8, 10, 12])
        hire = today - timedelta(days=int(365 * years) + rng.randint(0, 60))
        engineers.append(
            Engineer(
                employee_no=f"E{1001 + i}",
                name=name,
                phone=f"139{rng.randint(10000000, 99999999)}",
                department=departments[dept_code],
                hire_date=hire,
                probation_end=hire + timedelta(days=61),
                employment_type=EmploymentType.REGULAR,
                technical_grade=_grade_for(rng, years),
                career_rank=CareerRank.JUNIOR_ENGINEER if years >= 1 else CareerRank.ASSISTANT,
                performance_pay_base_amount=Decimal(rng.choice(["800.00", "1000.00", "1200.00", "1500.00"])),
            )
        )
    # The special cases every assessment question needs.
    for k in (55, 56, 57, 58):  # recent hires on probation (试用期 2 months)
        e = engineers[k]
        e.hire_date = today - timedelta(days=20 + 10 * (k - 55))
        e.probation_end = e.hire_date + timedelta(days=61)
        e.employment_type, e.technical_grade, e.career_rank = EmploymentType.PROBATION, "", CareerRank.ASSISTANT
    engineers[59].employment_type = EmploymentType.OUTSOURCED
    engineers[54].employment_type = EmploymentType.TEMPORARY
    engineers[53].status, engineers[53].leaving_date = EngineerStatus.LEFT, today.replace(day=1) - timedelta(days=40)
    Engineer.objects.bulk_create(engineers)
    engineers = list(Engineer.objects.order_by("employee_no"))
    long_absent = engineers[52]
    Absence.objects.create(
        engineer=long_absent,
        start_date=today.replace(day=1) - timedelta(days=20),
        end_date=today.replace(day=1) + timedelta(days=25),
        kind=AbsenceKind.SICK,
        excused=True,
        note="住院治疗",
    )
    for e in rng.sample(engineers[:50], 8):
        start = today - timedelta(days=rng.randint(5, 150))
        Absence.objects.create(
            engineer=e,
            start_date=start,
            end_date=start + timedelta(days=rng.randint(0, 3)),
            kind=rng.choice([AbsenceKind.PERSONAL, AbsenceKind.SICK]),
            excused=rng.random() < 0.7,
        )
    skills = []
    for e in engineers:
        if e.employment_type == EmploymentType.REGULAR and rng.random() < 0.45:
            for skill in rng.sample(list(Skill.values), rng.choice((1, 1, 2))):
                issued = e.hire_date + timedelta(days=rng.randint(30, 300))
                skills.append(
                    EngineerSkill(
                        engineer=e,
                        skill=skill,
                        certificate_no=f"T{rng.randint(100000000, 999999999)}",
                        issued_on=issued,
                        expires_on=issued + timedelta(days=365 * 6),
                    )
                )
    EngineerSkill.objects.bulk_create(skills)
    return engineers


def _crews(rng: random.Random, today: date, departments, engineers):
    by_dept: dict[str, list[Engineer]] = {code: [] for code, *_ in DEPARTMENTS}
    for e in engineers:
        by_dept[e.department.code].append(e)
    crews = []
    memberships = []
    for code, name, dept_code in CREWS:
        crews.append(Crew.objects.create(code=code, name=name, department=departments[dept_code]))
    for dept_code, people in by_dept.items():
        dept_crews = [c for c in crews if c.department.code == dept_code]
        for i, e in enumerate(people):
            crew = dept_crews[i % len(dept_crews)]
            start = max(e.hire_date, today - timedelta(days=400))
            end = e.leaving_date
            memberships.append(CrewMembership(crew=crew, engineer=e, start_date=start, end_date=end))
    # One engineer moved crews three months ago: dated membership shows both.
    mover = by_dept["D01"][4]
    moved_on = today - timedelta(days=90)
    for m in memberships:
        if m.engineer == mover:
            m.end_date = moved_on - timedelta(days=1)
    memberships.append(
        CrewMembership(
            crew=crews[1] if crews[0] == memberships[0].crew else crews[0], engineer=mover, start_date=moved_on
        )
    )
    CrewMembership.objects.bulk_create(memberships)
    for crew in crews:
        members = [
            m.engineer
            for m in memberships
            if m.crew == crew and m.end_date is None and m.engineer.employment_type == EmploymentType.REGULAR
        ]
        crew.leader = max(members, key=lambda e: (today - e.hire_date).days) if members else None
        crew.save(update_fields=["leader"])
    return crews, memberships


def _work_orders(rng: random.Random, today: date, crews, memberships, hr_user, strong=frozenset()) -> int:
    """Six months of work orders; the customers of the `strong` engineers (the careers story's people, see
    demo_careers) are satisfied (CSAT 90 or more), with the random stream drawn as for everyone."""
    first_month = (today.replace(day=1) - timedelta(days=160)).replace(day=1)
    count = 0
    history: list[WorkOrder] = []
    day = first_month
    serial = 0
    while day <= today:
        for crew in crews:
            dept = crew.department.code
            if rng.random() < 0.55:
                continue
            for _n in range(rng.randint(0, 2)):
                members = [
                    m.engineer
                    for m in memberships
                    if m.crew == crew
                    and m.start_date <= day
                    and (m.end_date is None or m.end_date >= day)
                    and m.engineer.hire_date <= day
                ]
                if not members:
                    continue
                special = rng.random() < 0.07
                serial += 1
                reported = _aware(day, rng.randint(8, 17), rng.choice((0, 10, 20, 30, 40, 50)))
                responded = reported + timedelta(minutes=rng.randint(5, 180))
                arrived = responded + timedelta(minutes=rng.randint(30, 360))
                resolved = arrived + timedelta(hours=rng.randint(1, 30) + (72 if special else 0))
                open_order = resolved > timezone.now() or (day > today - timedelta(days=3) and rng.random() < 0.5)
                repeat_of = None
                if dept != "D01" and history and rng.random() < 0.04:
                    repeat_of = rng.choice(history[-40:])
                wo = WorkOrder(
                    number=f"WO{day:%Y%m}-{serial:05d}",
                    order_type=DEPARTMENTS[int(dept[-1]) - 1][2] if rng.random() < 0.8 else rng.choice(list(OrderType)),
                    is_special=special,
                    department=crew.department,
                    crew=crew,
                    customer_name=repeat_of.customer_name if repeat_of else rng.choice(CUSTOMERS),
                    customer_phone=f"137{rng.randint(10000000, 99999999)}",
                    site_address=repeat_of.site_address
                    if repeat_of
                    else f"佛山市南海区{rng.choice(STREETS)}{rng.randint(1, 300)}号",
                    description="特殊、重点工程:整栋楼集热系统" if special else "",
                    reported_at=reported,
                    responded_at=responded,
                    arrived_at=arrived,
                    resolved_at=None if open_order else resolved,
                    csat_score=None
                    if open_order or rng.random() < 0.08
                    else rng.choice((60, 70, 80, 85, 90, 90, 95, 95, 100, 100)),
                    customer_signed=not open_order,
                    repeat_of=repeat_of,
                    split_method=SplitMethod.CUSTOM if special and rng.random() < 0.3 else SplitMethod.BY_DAYS,
                )
                codes = rng.sample(DEPT_ITEMS[dept], rng.randint(1, 3))
                lines = [
                    wo_services.LineInput(c, Decimal(rng.randint(1, 6) * (10 if c.endswith(("105", "205")) else 1)))
                    for c in codes
                ]
                if special:
                    lines.append(wo_services.LineInput(SPECIAL_ITEMS[dept], Decimal(rng.randint(8, 20))))
                team = rng.sample(members, min(len(members), rng.randint(2, 4) if special else rng.randint(1, 2)))
                if wo.csat_score is not None and any(e.pk in strong for e in team):
                    wo.csat_score = max(wo.csat_score, 90)
                pcts = _custom_split(len(team)) if wo.split_method == SplitMethod.CUSTOM else [None] * len(team)
                people = [
                    wo_services.ParticipantInput(
                        e,
                        Decimal(rng.randint(4, 12))
                        if special
                        else Decimal(rng.choice(("0.5", "1.0", "1.0", "1.5", "2.0"))),
                        pct,
                    )
                    for e, pct in zip(team, pcts, strict=True)
                ]
                wo_services.work_order_save(user=hr_user, work_order=wo, lines=lines, participants=people)
                history.append(wo)
                count += 1
        day += timedelta(days=1)
    return count


def _custom_split(n: int) -> list[Decimal]:
    base = Decimal(100) / n
    pcts = [base.quantize(Decimal("0.01")) for _ in range(n)]
    pcts[0] += Decimal(100) - sum(pcts)
    return pcts


def _users(departments, crews) -> list[tuple[str, str, str]]:
    logins = []
    leader = crews[0].leader
    member = next(
        m
        for m in CrewMembership.objects.filter(crew=crews[0], end_date__isnull=True).select_related("engineer")
        if m.engineer != leader and m.engineer.employment_type == EmploymentType.REGULAR
    ).engineer
    for username, role_label, full_name, role in USERS:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            first_name=full_name or "",
            email=f"{username}@demo.incentive-desk.cn",
        )
        user.groups.add(Group.objects.get(name=role))
        if role == Role.CREW_LEADER:
            user.first_name = leader.name
            user.save(update_fields=["first_name"])
            leader.user = user
            leader.save(update_fields=["user"])
            user.groups.add(Group.objects.get(name=Role.ENGINEER))
        if role == Role.ENGINEER:
            user.first_name = member.name
            user.save(update_fields=["first_name"])
            member.user = user
            member.save(update_fields=["user"])
        if role == Role.DEPT_MANAGER:
            departments["D01"].manager = user
            departments["D01"].save(update_fields=["manager"])
        logins.append((username, DEMO_PASSWORD, role_label))
    User.objects.create_superuser("admin", "admin@incentive-desk.local", DEMO_PASSWORD)
    logins.append(("admin", DEMO_PASSWORD, "系统管理员"))
    return logins


def _kpi_history(rng: random.Random, today: date, hr_user, strong=frozenset()) -> None:
    """Five past months of submitted KPI scorecards per department (supervisor scores, some
    self-assessments); the current month's scorecards exist, empty, for HR to fill. The `strong` engineers (the
    careers story's people) have a talent of at least 88, so every supervisor score is 80 or more."""
    month_start = today.replace(day=1)
    for back in range(5, 0, -1):
        day = month_start
        for _ in range(back):
            day = (day - timedelta(days=1)).replace(day=1)
        month = kpi.Month(day.year, day.month)
        for department in Department.objects.order_by("code"):
            cards = kpi.scorecards_prepare(department=department, month=month)
            talent = {e: rng.randint(62, 96) for e in sorted(cards)}
            talent |= {e: max(t, 88) for e, t in talent.items() if e in strong}
            rows = {
                e: {d: Decimal(min(100, max(40, talent[e] + rng.randint(-8, 8)))) for d in KPI_DIMENSIONS}
                for e in talent
            }
            kpi.grid_save(user=hr_user, department=department, month=month, source="supervisor", rows=rows)
            selves = {
                e: {d: Decimal(min(100, v + rng.randint(0, 6))) for d, v in r.items()}
                for e, r in rows.items()
                if rng.random() < 0.5
            }
            if selves:
                kpi.grid_save(user=hr_user, department=department, month=month, source="self", rows=selves)
            kpi.grid_submit(user=hr_user, department=department, month=month)
    current = kpi.Month(today.year, today.month)
    for department in Department.objects.order_by("code"):  # this month's cards, ready for HR to fill
        kpi.scorecards_prepare(department=department, month=current)


KPI_DIMENSIONS = ("attitude", "skill", "efficiency", "customer", "cost")


def _closed_months(rng: random.Random, today: date, hr_user, engineers, count: int = 3) -> None:
    """The last `count` months closed by HR, so engineers have payslips and finance a payroll
    workbook and a bank file to download; the current month stays open for this month's work.
    Each month has its attendance; the year's months before the first closed one come as opening
    tax figures from "the earlier payroll"."""
    day = today.replace(day=1)
    months = []
    for _ in range(count):
        day = (day - timedelta(days=1)).replace(day=1)
        months.append((day.year, day.month))
    months.reverse()
    demo_pay.tax_openings(months[0][0], months[0][1] - 1, engineers)
    for year, month in [*months, (today.year, today.month)]:
        demo_pay.attendance(rng, year, month, engineers)
    for year, month in months:
        period_close(user=hr_user, period=period_for_month(year, month))
    _delivered(rng, hr_user, months[:-1])


def _delivered(rng: random.Random, hr_user, months) -> None:
    """HR has published the earlier closed months; the latest waits on HR's home to be published.

    The oldest month's receipts look a month on: most engineers read it, most of those confirmed it.
    Only two demo engineers can log in, so the others' receipts are written here directly."""
    for n, (year, month) in enumerate(months):
        publication = payslips_publish(user=hr_user, period=period_for_month(year, month))
        if n:
            continue
        later = publication.published_at + timedelta(days=1)
        receipts = list(publication.receipts.exclude(engineer__user__isnull=False).values_list("pk", flat=True))
        read = [pk for pk in receipts if rng.random() < 0.9]
        confirmed = [pk for pk in read if rng.random() < 0.85]
        publication.receipts.filter(pk__in=read).update(read_at=later)
        publication.receipts.filter(pk__in=confirmed).update(confirmed_at=later + timedelta(hours=2))


def _bonus_requests(today: date, crew: Crew, hr_user) -> None:
    """Two special projects of crew C01 this month with requests in every state an approver
    meets: approved, waiting for the department manager, waiting for a supervisor, and a
    crew request reviewed by the manager and waiting for the general manager."""
    users = {u.username: u for u in User.objects.filter(username__in=["qs", "supervisor", "manager", "leader"])}
    qs, supervisor, manager, leader = (users[k] for k in ("qs", "supervisor", "manager", "leader"))
    members = [
        m.engineer
        for m in CrewMembership.objects.filter(crew=crew, end_date__isnull=True).select_related("engineer")
        if m.engineer.employment_type == EmploymentType.REGULAR
    ]
    team = sorted(members, key=lambda e: (e != leader.engineer, e.hire_date))[:4]
    started = max(today - timedelta(days=6), today.replace(day=1))
    orders = []
    for n, (units, pipe, customer, site) in enumerate(
        (
            (12, 60, "佛山某酒店", "佛山市南海区桂城街道灯湖东路 8 号"),
            (8, 40, "南海区第一中学", "佛山市南海区大沥镇教育路 2 号"),
        ),
        start=1,
    ):
        wo = WorkOrder(
            number=f"WO{today:%Y%m}-K{n:03d}",
            order_type=OrderType.INSTALLATION,
            is_special=True,
            department=crew.department,
            crew=crew,
            customer_name=customer,
            site_address=site,
            description="特殊、重点工程:整栋楼太阳能集热系统",
            reported_at=_aware(started, 8, 0),
            responded_at=_aware(started, 8, 20),
            arrived_at=_aware(started, 8, 40),
            resolved_at=_aware(today, 0, 50) if started == today else _aware(today, 9, 0),
            csat_score=95,
            customer_signed=True,
        )
        wo_services.work_order_save(
            user=hr_user,
            work_order=wo,
            lines=[wo_services.LineInput("AZ-107", Decimal(units)), wo_services.LineInput("AZ-105", Decimal(pipe))],
            participants=[
                wo_services.ParticipantInput(e, Decimal(d)) for e, d in zip(team, (6, 5, 5, 4), strict=False)
            ],
        )
        orders.append(wo)
    first, second = orders
    worker = team[1]

    approved = bonus.bonus_request_propose(
        user=qs,
        kind="individual",
        work_order=first,
        engineer=worker,
        rate=Decimal("0.04"),
        rated_excellent=True,
        assessment_note="焊接质量优秀,现场安全规范。",
    )
    bonus.bonus_request_transition(user=supervisor, request=approved, action="submit")
    bonus.bonus_request_transition(user=manager, request=approved, action="approve")
    waiting = bonus.bonus_request_propose(
        user=supervisor,
        kind="individual",
        work_order=second,
        engineer=team[2],
        rate=Decimal("0.03"),
        rated_excellent=True,
        assessment_note="协作积极,按期完成。",
    )
    bonus.bonus_request_transition(user=supervisor, request=waiting, action="submit")
    training = bonus.bonus_request_propose(
        user=supervisor,
        kind="training",
        work_order=second,
        engineer=team[3],
        training_days=Decimal("2"),
        assessment_note="焊工证复审培训",
    )
    bonus.bonus_request_transition(user=supervisor, request=training, action="submit")
    bonus.bonus_request_propose(
        user=qs, kind="individual", work_order=second, engineer=worker, rate=Decimal("0.05"), rated_excellent=True
    )

    bonus.self_assessment_save(
        user=leader,
        work_order=first,
        quality_assessment="按图施工,管路保温到位,现场清洁;无安全事故。",
        plan={e.pk: Decimal(p) for e, p in zip(team, (100, 100, 90, 80), strict=False)},
    )
    for role, user, name, scores in (
        ("qs_officer", qs, "郑超", (92, 88, 85, 95)),
        ("supervisor", supervisor, "何建国", (90, 90, 80, 90)),
        ("qc_inspector", qs, "酒店工程部 李工", (88, 86, 90, 92)),
    ):
        bonus.inspection_record(
            user=user,
            work_order=first,
            inspector_role=role,
            inspector_name=name,
            inspected_on=today,
            scores=dict(zip(("safety", "quality", "communication", "rules"), map(Decimal, scores), strict=True)),
        )
    crew_request = bonus.bonus_request_propose(user=supervisor, kind="crew", work_order=first, ratio=Decimal("0.15"))
    bonus.bonus_request_transition(user=supervisor, request=crew_request, action="submit")
    bonus.bonus_request_transition(user=manager, request=crew_request, action="review")


@transaction.atomic
def build_demo_company(*, seed: int = 2009, today: date | None = None) -> DemoSummary:
    """Wipe the demo data and build it again; same seed and date → same company."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    _wipe()
    departments = {code: Department.objects.create(code=code, name=name) for code, name, _t in DEPARTMENTS}
    _rate_tables(today)
    engineers = _people(rng, today, departments)
    crews, memberships = _crews(rng, today, departments, engineers)
    logins = _users(departments, crews)
    hr_user = User.objects.get(username="hr")
    cast = demo_careers.cast(today=today)  # chosen before the history, which is written to fit their story
    orders = _work_orders(rng, today, crews, memberships, hr_user, strong=cast.ids)
    with mail_muted():  # the demo's history announces nothing
        requests = demo_service.service_requests(
            seed=seed + 16,
            today=today,
            hr_user=hr_user,
            supervisor=User.objects.get(username="supervisor"),
            strong=cast.ids,
        )
        _bonus_requests(today, crews[0], hr_user)
        _kpi_history(rng, today, hr_user, strong=cast.ids)
        demo_pay.pay_setup(rng, today, engineers)
        demo_commission.build(
            seed=seed + 32, today=today, hr_user=hr_user, approver=User.objects.get(username="finance")
        )
        _closed_months(rng, today, hr_user, engineers)
        demo_feedback.build(today=today)
        demo_welfare.build(today=today, hr_user=hr_user)
        demo_training.build(today=today, hr_user=hr_user)
        demo_periodbonus.build(today=today)
        demo_careers.build(today=today, cast=cast)
    return DemoSummary(len(departments), len(crews), len(engineers), orders + 2, logins, requests)
