"""The demo company's training: five courses (professional and soft skill), two sessions with attendance (the
certificate course's paid training days linked to it), certificates passed after it, one expiring soon, and
study rewards: one approved (a payable item this month) and one waiting for the department manager."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from engineers.models import Engineer
from training import services
from training.models import Course, SessionAttendance, StudyReward, TrainingSession
from workorders.bonus import services as bonus
from workorders.models import WorkOrder

COURSES = (
    ("PX-DG", "低压电工作业取证培训", "professional", "electrician", "特种作业操作证(低压电工)考前培训:理论与实操"),
    ("PX-HG", "熔化焊接与热切割取证培训", "professional", "welder", "焊工特种作业操作证考前培训"),
    ("PX-AZ", "太阳能热水器安装规范", "professional", "", "支架固定、管路保温、试压与用户交底"),
    ("RJ-GT", "客户沟通技巧", "soft_skill", "", "上门礼仪、异议处理、满意度回访"),
    ("RJ-TD", "团队协作与时间管理", "soft_skill", "", "施工组内分工、工期计划与交接"),
)
TRAINING_MODELS = (StudyReward, SessionAttendance, TrainingSession, Course)


def wipe() -> None:
    """Before the engineers, skills, bonus requests and payable items the training rows point at."""
    for model in TRAINING_MODELS:
        model.objects.all().delete()
        model.history.all().delete()


def build(*, today: date, hr_user) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["supervisor", "manager", "engineer"])}
    courses = {
        code: services.course_save(
            user=hr_user, code=code, name=name, category=category, skill=skill, description=description
        )
        for code, name, category, skill, description in COURSES
    }
    me = Engineer.objects.get(user=users["engineer"])
    order = WorkOrder.objects.filter(number=f"WO{today:%Y%m}-K001").first()
    colleagues = list(
        Engineer.objects.filter(department=me.department, status="active", employment_type="regular")
        .exclude(pk=me.pk)
        .order_by("employee_no")[:5]
    )
    if order is not None:  # the paid training goes on the special project one of them worked on
        worker = order.participants.exclude(engineer=me).select_related("engineer").order_by("engineer__employee_no")
        worker = worker.first().engineer
        colleagues = [worker, *[e for e in colleagues if e != worker]][:5]
    electric = services.session_create(
        user=hr_user,
        course=courses["PX-DG"],
        starts_on=today - timedelta(days=10),
        ends_on=today - timedelta(days=9),
        hours=Decimal("16"),
        trainer="黄建华(佛山市安全生产培训中心)",
        place="佛山市禅城区季华五路 21 号 3 楼培训室",
    )
    soft = services.session_create(
        user=hr_user,
        course=courses["RJ-GT"],
        starts_on=today - timedelta(days=20),
        ends_on=None,
        hours=Decimal("3.5"),
        trainer="刘晓燕(客服中心)",
        place="公司二楼会议室",
    )
    rows = {}
    for n, e in enumerate([me, *colleagues]):
        status = "absent" if n == 4 else "attended"
        rows[e.pk] = services.attendance_set(user=hr_user, session=electric, engineer=e, status=status)
        services.attendance_set(user=hr_user, session=soft, engineer=e, status="attended")
    if order is not None:
        worker = colleagues[0]
        request = bonus.bonus_request_propose(
            user=users["supervisor"],
            kind="training",
            work_order=order,
            engineer=worker,
            training_days=Decimal("2"),
            assessment_note="低压电工取证培训 2 天",
        )
        services.paid_training_link(user=hr_user, attendance=rows[worker.pk], request=request)
    passed = today - timedelta(days=3)
    approved = services.certificate_record(
        user=hr_user,
        engineer=colleagues[0],
        skill="electrician",
        level="operation",
        certificate_no=f"T44060{today:%Y}0000{colleagues[0].pk:04d}",
        issuer="广东省应急管理厅",
        issued_on=passed,
        expires_on=passed + timedelta(days=365 * 6),
        session=electric,
    ).reward
    services.study_reward_decide(user=users["manager"], reward=approved, action="approve")
    services.certificate_record(  # waits for the department manager on their home
        user=hr_user,
        engineer=me,
        skill="electrician",
        level="operation",
        certificate_no=f"T44060{today:%Y}0000{me.pk:04d}",
        issuer="广东省应急管理厅",
        issued_on=passed,
        expires_on=passed + timedelta(days=365 * 6),
        session=electric,
    )
    # An older welder's certificate about to expire: on the engineer's home and in HR's count.
    services.certificate_record(
        user=hr_user,
        engineer=me,
        skill="welder",
        level="junior",
        certificate_no="HG2020-0387",
        issuer="佛山市人力资源和社会保障局",
        issued_on=today - timedelta(days=365 * 6 - 25),
        expires_on=today + timedelta(days=25),
        reward=False,
    )
