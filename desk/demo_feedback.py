"""The demo company's supervision of the scheme: the supervision group (the supervisor, the QS officer and the
installation department's manager, chosen by HR), suggestions and complaints of last year and this one (one
anonymous, waiting for the group's answer; others answered, adopted or declined) and the policy review of the year
of the demo's closed months (this year, or last year when built in January), closed by the general manager with
each rule's cost in that year (its revision draft withdrawn: the scheme stayed as it was). Last year holds no
closed payslip (the demo's payroll starts three months back), so a review of it would show no costs. Through the
same services as the pages; deterministic."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from feedback import services
from feedback.models import Feedback, FeedbackStatus, PolicyReview, SupervisionMember
from policies.models import PolicyVersion
from policies.services import policy_withdraw

# (year offset, month, day, author, category, rule, text, anonymous, answer: (status, answerer, text) or None)
ITEMS = [
    (
        -1,
        3,
        12,
        "leader",
        "suggestion",
        "crew_incentive",
        "施工组奖励的分配比例希望能提前公布,组员心里有数。",
        False,
        ("adopted", "supervisor", "已要求组长在施工前公布分配比例,写入 2025 年工作要求。"),
    ),
    (
        -1,
        6,
        5,
        "engineer",
        "complaint",
        "deduction",
        "同一件事被扣了两次款,希望扣款前先告知本人。",
        False,
        ("answered", "qs", "经核实为重复录入,已在下月调整中退还;扣款前会先通知本人。"),
    ),
    (
        -1,
        9,
        20,
        "engineer",
        "suggestion",
        "piece_rate",
        "高层安装的计件单价和普通安装一样,风险不一样。",
        False,
        ("declined", "manager", "高层作业已有特殊项目个人奖励覆盖,本年度不单独调整计件单价。"),
    ),
    (
        -1,
        11,
        8,
        "leader",
        "suggestion",
        "kpi_pay",
        "客户满意度的权重可以再高一些。",
        False,
        ("answered", "supervisor", "纳入年度评估讨论。"),
    ),
    (
        0,
        2,
        14,
        "leader",
        "suggestion",
        "seniority",
        "工龄奖上限 300 元多年未变,建议提高。",
        False,
        ("answered", "manager", "将在年度评估中结合费用测算讨论。"),
    ),
    (
        0,
        5,
        22,
        "engineer",
        "complaint",
        "kpi_pay",
        "考核打分时主管没有和我沟通,结果也没有反馈。",
        True,
        ("adopted", "supervisor", "已要求各部门在考核后逐人面谈反馈结果(重视反馈原则)。"),
    ),
    (0, 8, 3, "qs", "suggestion", "", "工资条上的说明很清楚,建议把计件明细也导出给组长。", False, None),
    (0, 11, 26, "engineer", "suggestion", "piece_rate", "夏季高温作业较多,建议增加高温补贴。", True, None),
]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def wipe() -> None:
    drafts = list(PolicyReview.objects.exclude(draft=None).values_list("draft_id", flat=True))
    for model in (PolicyReview, Feedback, SupervisionMember):
        model.objects.all().delete()
        model.history.all().delete()
    PolicyVersion.objects.filter(pk__in=drafts).delete()


def build(*, today: date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["hr", "gm", "supervisor", "qs", "manager"])}
    users |= {u.username: u for u in User.objects.filter(username__in=["engineer", "leader"])}
    hr, gm = users["hr"], users["gm"]
    for name in ("supervisor", "qs", "manager"):
        seat = services.member_add(user=hr, member=users[name])
        SupervisionMember.objects.filter(pk=seat.pk).update(added_at=_at(date(today.year - 1, 1, 8)))
    for offset, month, day, author, category, rule, text, anonymous, answer in ITEMS:
        submitted = date(today.year + offset, month, day)
        if submitted > today:
            continue
        f = services.feedback_submit(
            user=users[author], category=category, document_no="FS-MS-KF-13", rule=rule, text=text, anonymous=anonymous
        )
        Feedback.objects.filter(pk=f.pk).update(created_at=_at(submitted))
        if answer:
            status, answerer, words = answer
            services.feedback_answer(user=users[answerer], feedback=f, status=status, answer=words)
            read = _at(submitted, 16) if offset < 0 else None  # this year's answers wait on the authors' homes
            Feedback.objects.filter(pk=f.pk).update(answered_at=_at(submitted, 15), author_read_at=read)
    year = (today.replace(day=1) - timedelta(days=1)).year  # the latest closed month's: its costs show
    review = services.review_start(user=hr, year=year)
    policy_withdraw(user=hr, version=review.draft)
    of_year = Feedback.objects.filter(created_at__year=year)
    adopted = of_year.filter(status=FeedbackStatus.ADOPTED).count()
    review = services.review_close(
        user=gm,
        review=review,
        conclusion=(
            f"{year} 年度收到意见 {of_year.count()} 条,采纳 {adopted} 条。"
            "方案整体运行平稳,FS-MS-KF-13 继续执行;已采纳的意见写入工作要求;"
            "客户满意度权重和工龄奖上限留待下年度结合各条规则的费用测算再议。"
        ),
    )
    PolicyReview.objects.filter(pk=review.pk).update(
        started_at=_at(today - timedelta(days=2)), closed_at=_at(today - timedelta(days=1), 15)
    )
