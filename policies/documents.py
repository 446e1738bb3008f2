"""The policy version as a controlled document (受控文件) PDF."""

from __future__ import annotations

from core.pdf import document_pdf
from incentives.policy import Policy

from .models import PolicyStatus, PolicyVersion

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


def policy_pdf(version: PolicyVersion) -> bytes:
    """The version as a controlled document: header on every page, revision history, parameters."""
    policy = Policy.from_dict(version.parameters)
    revisions = (
        PolicyVersion.objects.filter(document_no=version.document_no)
        .exclude(status=PolicyStatus.DRAFT)
        .order_by("effective_from")
    )
    return document_pdf(
        "policies/controlled_document.html",
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
