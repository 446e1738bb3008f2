"""The policy version as a controlled document (受控文件) PDF."""

from __future__ import annotations

from core.pdf import document_pdf
from incentives.policy import Policy

from .choices import AwardKind, KpiDimension, ScoreSource, TechnicalGrade
from .models import PolicyStatus, PolicyVersion


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
            # The choices' own labels, in Chinese here because document_pdf renders in Chinese.
            "dimensions": dict(KpiDimension.choices),
            "sources": dict(ScoreSource.choices),
            "grades": dict(TechnicalGrade.choices),
            "honours": dict(AwardKind.choices),
        },
    )
