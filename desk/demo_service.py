"""The demo company's customer requests: about three hundred calls over the six months of work orders, through
the same services the pages use (replaying each step at its time), so the list, the SLA standing, the surveys
and the KPI metrics (CSAT, repeat visits) all come from them.

Most requests ran the whole path and were closed a day or two later; those of the last days are in every state
(waiting for an engineer, on the way, on site …), some past their deadline; a few were cancelled. Three in four
customers answered the survey; complaints were upheld or not by the supervisor. Deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from engineers.models import Department, Engineer, EngineerStatus
from servicedesk import services
from servicedesk.models import ServiceRequest, SurveyInvitation, Transition

PRODUCTS = {
    "D01": ["SL-200 太阳能热水器", "SL-300 太阳能热水器", "平板集热器 PF-2"],
    "D02": ["KFR-35 分体空调", "KFR-72 柜式空调", "多联机 VRV-8"],
    "D03": ["空气能热泵 KF-80", "商用热水机组 RS-5", "循环水泵 XP-40"],
}
CATEGORY = {"D01": "installation", "D02": "repair", "D03": "maintenance"}
FAULTS = {
    "installation": ["新购热水器上门安装", "搬家后移机安装", "加装上下水管路"],
    "repair": ["不制冷", "漏水", "开机报故障代码 E4", "噪音大", "不出热水"],
    "maintenance": ["年度保养", "清洗滤网", "水垢清理", "检查循环泵"],
    "complaint": ["师傅迟到两小时", "维修后问题未解决", "服务态度差", "收费不透明"],
}
CUSTOMERS = ["陈先生", "李女士", "王先生", "张阿姨", "刘老板", "黄女士", "赵先生", "周女士", "吴先生", "孙阿姨"]
STREETS = ["桂城街道", "大沥镇", "里水镇", "狮山镇", "乐从镇", "容桂街道", "北滘镇", "张槎街道"]
COMMENTS = ["师傅很专业", "响应很快", "", "", "", "准时到达,讲解清楚", "希望下次更快一点", "收费合理"]


def _at(day: date, hour: int, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


QUIET_PREFIX = "demo-e"  # the logins made for engineers who move requests (no usable password)


def wipe() -> None:
    Transition.objects.all().delete()
    SurveyInvitation.objects.all().delete()
    ServiceRequest.objects.all().delete()
    ServiceRequest.history.all().delete()
    SurveyInvitation.history.all().delete()
    User.objects.filter(username__startswith=QUIET_PREFIX).delete()


def service_requests(
    *, seed: int, today: date, hr_user: User, supervisor: User, strong: frozenset[int] = frozenset()
) -> int:
    """Build the requests (their work orders, surveys and complaint decisions); returns how many. The customers of
    the `strong` engineers (the careers story's people, see demo_careers) answer with five stars."""
    rng = random.Random(seed)  # its own stream: the rest of the demo is the same with or without requests
    now = timezone.now()
    first = (today.replace(day=1) - timedelta(days=150)).replace(day=1)
    departments = {d.code: d for d in Department.objects.filter(code__in=PRODUCTS)}
    engineers = {
        code: list(Engineer.objects.filter(department=d, status=EngineerStatus.ACTIVE).order_by("employee_no"))
        for code, d in departments.items()
    }
    demo_engineer = Engineer.objects.filter(user__username="engineer").first()
    recent: list[tuple[str, str, str, date]] = []  # (department, phone, product, day) for repeat calls
    count, day = 0, first
    while day <= today:
        calls = 3 if (today - day).days <= 10 else 1  # the last days busier: the list shows every state
        for code, department in sorted(departments.items()):
            for _call in range(calls):
                if rng.random() >= 0.62 or (day.isoweekday() == 7 and rng.random() < 0.7):
                    continue
                count += 1
                people = engineers[code]
                _one(rng, code, department, day, today, now, people, demo_engineer, recent, hr_user, supervisor, strong)
        day += timedelta(days=1)
    return count


def _one(rng, code, department, day, today, now, people, demo_engineer, recent, hr_user, supervisor, strong) -> None:
    category = (
        "complaint"
        if rng.random() < 0.05
        else CATEGORY[code]
        if rng.random() < 0.8
        else rng.choice(["installation", "repair", "maintenance"])
    )
    repeat = [r for r in recent if r[0] == code and (day - r[3]).days <= 25]
    if repeat and (category == "complaint" or rng.random() < 0.05):
        _code, phone, product, _day = rng.choice(repeat)
    else:
        phone, product = f"13{rng.randint(100000000, 999999999)}", rng.choice(PRODUCTS[code])
    recent.append((code, phone, product, day))
    logged = _at(day, rng.randint(8, 18), rng.choice((0, 10, 20, 30, 40, 50)))
    if logged > now:
        return
    dispatcher = rng.choice((hr_user, supervisor))
    data = services.RequestInput(
        customer_name=rng.choice(CUSTOMERS),
        customer_phone=phone,
        address=f"佛山市南海区{rng.choice(STREETS)}{rng.randint(1, 300)}号",
        product=product,
        fault_description=rng.choice(FAULTS[category]),
        category=category,
        priority=rng.choices(("urgent", "high", "normal", "low"), (1, 3, 8, 2))[0],
        channel=rng.choices(("phone", "wechat", "call_centre", "walk_in"), (6, 3, 2, 1))[0],
        department=department,
    )
    sr = services.request_log(user=dispatcher, data=data, at=logged)
    age = (today - day).days
    fresh = age <= 2
    unfinished = age <= 10 and rng.random() < 1 - age / 12  # the last days' requests are still on their way
    if rng.random() < 0.03:
        services.request_transition(user=dispatcher, request=sr, action="cancel", note="客户已自行解决", at=logged)
        return
    if fresh and rng.random() < 0.2:
        return  # still waiting for an engineer
    mine = age <= 6 and demo_engineer and demo_engineer.department_id == department.pk and rng.random() < 0.6
    engineer = demo_engineer if mine else None
    engineer = engineer or rng.choice(people)
    t = logged + timedelta(minutes=rng.randint(5, 90))
    if t > now:
        return
    services.request_assign(user=dispatcher, request=sr, engineer=engineer, at=t)
    steps = ["accept", "depart", "arrive", "resolve"] if category != "complaint" else ["accept", "resolve"]
    last = rng.randint(0, len(steps) - 1) if unfinished else len(steps)
    gaps = {"accept": (5, 240), "depart": (10, 90), "arrive": (20, 150), "resolve": (30, 600)}
    for action in steps[:last]:
        t += timedelta(minutes=rng.randint(*gaps[action]))
        if rng.random() < 0.1:
            t += timedelta(hours=rng.randint(6, 40))  # a slow one: some breach their deadline
        if t > now:
            return
        sr = services.request_transition(user=_user_of(engineer), request=sr, action=action, at=t, note="")
    if sr.state != "resolved":
        return
    resolved = t
    if rng.random() < 0.75:
        answered = resolved + timedelta(hours=rng.randint(1, 60))
        if answered <= now:
            stars = rng.choices((5, 4, 3, 2, 1), (45, 30, 15, 6, 4))[0]  # drawn for all: the stream stays the same
            services.survey_answer(
                token=services.survey_token(sr.survey),
                stars=5 if engineer.pk in strong else stars,
                comment=rng.choice(COMMENTS),
                at=answered,
            )
    closed = resolved + timedelta(hours=rng.randint(20, 72))
    if closed > now:
        return
    if category == "complaint":
        upheld = rng.random() < 0.35 and sr.repeat_of_id is not None
        action = "uphold" if upheld else "dismiss"
        services.request_transition(user=supervisor, request=sr, action=action, note="经核实", at=closed)
    else:
        services.request_transition(user=supervisor, request=sr, action="close", at=closed)


def _user_of(engineer: Engineer) -> User:
    """The engineer's login: demo engineers without one get a quiet one (no usable password, no role), since
    only the assignee moves a request on."""
    if engineer.user_id is None:
        user = User.objects.create_user(username=f"{QUIET_PREFIX}{engineer.employee_no.lower()}", password=None)
        user.first_name = engineer.name
        user.save(update_fields=["first_name"])
        engineer.user = user
        engineer.save(update_fields=["user"])
    return engineer.user
