"""The policy version as a controlled document (受控文件) PDF."""

from __future__ import annotations

from core import vocabulary
from core.pdf import document_pdf
from core.vocabulary import label
from incentives.policy import Policy

from .models import PolicyStatus, PolicyVersion


def policy_pdf(version: PolicyVersion) -> bytes:
    """The version as a controlled document: header on every page (with who compiled, reviewed and approved
    it), revision history with the same names, parameters in the policy's own words (core.vocabulary)."""
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
            "dimensions": [(label(vocabulary.KPI_DIMENSIONS, d.code), d.weight) for d in policy.kpi.dimensions],
            "sources": [(label(vocabulary.KPI_SOURCES, s.code), s.weight) for s in policy.kpi.sources],
            "grades": [(label(vocabulary.GRADES, g.code), g) for g in policy.grades],
            "honours": [(label(vocabulary.HONOURS, h.code), h) for h in policy.honours],
        },
    )
