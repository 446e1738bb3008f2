"""The policy version as a controlled document (受控文件) PDF."""

from __future__ import annotations

from core.pdf import document_pdf
from incentives.policy import Policy

from .choices import AwardKind, KpiDimension, ScoreSource, TechnicalGrade
from .models import PolicyStatus, PolicyVersion
from .parameters import lazy_label


def policy_pdf(version: PolicyVersion) -> bytes:
    """The version as a controlled document: header on every page (with who compiled, reviewed and approved
    it), revision history with the same names, parameters in the policy's own words (policies.choices)."""
    policy = Policy.from_dict(version.parameters)
    revisions = (
        PolicyVersion.objects.filter(document_no=version.document_no)
        .exclude(status__in=[PolicyStatus.DRAFT, PolicyStatus.WITHDRAWN])
        .select_related("compiled_by", "reviewed_by", "approved_by")
        .order_by("effective_from")
    )
    return document_pdf(
        "policies/controlled_document.html",
        {
            "v": version,
            "p": policy,
            "revisions": revisions,
            # The choices' own labels, in Chinese here because document_pdf renders in Chinese.
            "dimensions": [(lazy_label(KpiDimension, d.code), d.weight) for d in policy.kpi.dimensions],
            "sources": [(lazy_label(ScoreSource, s.code), s.weight) for s in policy.kpi.sources],
            "grades": [(lazy_label(TechnicalGrade, g.code), g) for g in policy.grades],
            "honours": [(lazy_label(AwardKind, h.code), h) for h in policy.honours],
        },
    )
