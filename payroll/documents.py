"""Controlled documents (受控文件): the policy version and the five FS-MS-KF-13 forms as PDFs."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from incentives.policy import Policy

from .models import PolicyStatus, PolicyVersion
from .pdf import _weasy

STAMP_NOTICE = "※※※※※请只使用盖红色印章之受控文件,严禁复印受控制文件※※※※※"
DIMENSIONS = {
    "attitude": "工作态度",
    "skill": "专业技能",
    "efficiency": "工作效率",
    "customer": "客户满意",
    "cost": "成本控制",
}
SOURCES = {"self": "自评", "peer": "同事互评", "customer": "客户评价", "supervisor": "上级评价"}
GRADES = {"junior": "初级", "intermediate": "中级", "senior": "高级", "principal": "资深"}
HONOURS = {
    "excellent_individual_month": "月度优秀个人",
    "innovation": "创新奖",
    "annual_advanced_individual": "年度先进个人",
    "excellent_team_month": "月度优秀团队",
    "target_achieved": "目标达成奖",
    "innovation_team": "创新团队",
}


def document_pdf(template: str, context: dict) -> bytes:
    """A company document in Chinese, with the company name and the red-stamp notice in its context."""
    from weasyprint import HTML

    css, fonts = _weasy()
    with translation.override("zh-hans"):
        html = render_to_string(template, {"company": settings.COMPANY_NAME, "stamp_notice": STAMP_NOTICE, **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(stylesheets=[css], font_config=fonts)


def policy_pdf(version: PolicyVersion) -> bytes:
    """The version as a controlled document: header on every page, revision history, parameters."""
    policy = Policy.from_dict(version.parameters)
    revisions = (
        PolicyVersion.objects.filter(document_no=version.document_no)
        .exclude(status=PolicyStatus.DRAFT)
        .order_by("effective_from")
    )
    return document_pdf(
        "payroll/controlled_document.html",
        {
            "v": version,
            "p": policy,
            "revisions": revisions,
            "dimensions": DIMENSIONS,
            "sources": SOURCES,
            "grades": GRADES,
            "honours": HONOURS,
        },
    )


def work_order_forms_pdf(work_order) -> bytes:
    """The five forms of FS-MS-KF-13 for one work order, one per page."""
    assessment = getattr(work_order, "self_assessment", None)
    inspections = list(work_order.inspections.all())
    return document_pdf(
        "workorders/forms_pdf.html",
        {
            "wo": work_order,
            "lines": work_order.lines.all(),
            "participants": work_order.participants.select_related("engineer"),
            "assessment": assessment,
            "plan": assessment.lines.select_related("engineer") if assessment else [],
            "inspections": inspections,
            "crew_requests": work_order.bonus_requests.filter(kind="crew", status="approved"),
        },
    )
