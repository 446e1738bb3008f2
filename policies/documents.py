"""A policy version as a controlled document (受控文件) PDF, whichever document it is a version of."""

from __future__ import annotations

from itertools import zip_longest

from core.pdf import document_pdf

from . import kinds
from .choices import (
    AdditionalDeduction,
    AwardKind,
    CertificateLevel,
    ContributionKind,
    KpiDimension,
    OvertimeKind,
    ScoreSource,
    ServiceCategory,
    ServicePriority,
    Skill,
    TechnicalGrade,
)
from .models import PolicyStatus, PolicyVersion
from .parameters import lazy_label


def policy_pdf(version: PolicyVersion) -> bytes:
    """The version as a controlled document: header on every page (with who compiled, reviewed and approved
    it), revision history with the same names, then the document's own sections in its words (policies.choices)."""
    kind = kinds.kind_of(version.document_no)
    policy = kinds.parse(version.document_no, version.parameters)
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
            "body": f"policies/pdf/{kind.code}.html",
            **BODIES[kind.code](policy),
        },
    )


# The choices' own labels, in Chinese here because document_pdf renders in Chinese.


def _incentive(policy) -> dict:
    return {
        "dimensions": [(lazy_label(KpiDimension, d.code), d.weight) for d in policy.kpi.dimensions],
        "sources": [(lazy_label(ScoreSource, s.code), s.weight) for s in policy.kpi.sources],
        "grades": [(lazy_label(TechnicalGrade, g.code), g) for g in policy.grades],
        "honours": [(lazy_label(AwardKind, h.code), h) for h in policy.honours],
    }


def _wage(policy) -> dict:
    return {"overtime": [(kind.label, policy.overtime.of(kind.value)) for kind in OvertimeKind]}


def _brackets(brackets) -> list[tuple]:
    """(number, from, up to or None, bracket): a table's rows as the tax notice prints them."""
    return [
        (n, b.above, upper.above if upper else None, b)
        for n, (b, upper) in enumerate(zip_longest(brackets, brackets[1:]), start=1)
    ]


def _tax(policy) -> dict:
    return {
        "annual": _brackets(policy.annual_brackets),
        "monthly": _brackets(policy.monthly_brackets),
        "caps": [
            (kind.label, policy.additional_caps[kind.value])
            for kind in AdditionalDeduction
            if kind.value in policy.additional_caps
        ],
    }


def _contribution(policy) -> dict:
    return {"items": [(lazy_label(ContributionKind, item.code), item) for item in policy.items]}


def _sla(policy) -> dict:
    return {
        "targets": [
            (lazy_label(ServiceCategory, t.category), lazy_label(ServicePriority, t.priority), t)
            for t in policy.targets
        ],
        "workdays": sorted(policy.hours.workdays),
    }


def _leave(policy) -> dict:
    return {}


def _commission(policy) -> dict:
    tiers = policy.tiers
    return {
        "tiers": [
            (n, t.lower, upper.lower if upper else None, t)
            for n, (t, upper) in enumerate(zip_longest(tiers, tiers[1:]), start=1)
        ]
    }


def _study(policy) -> dict:
    return {
        "rewards": [(lazy_label(Skill, r.skill), lazy_label(CertificateLevel, r.level), r) for r in policy.rewards],
    }


def _bonus(policy) -> dict:
    return {}


def _career(policy) -> dict:
    from .career_parameters import RANK_WORDS

    return {"rungs": [(RANK_WORDS[r.code], lazy_label(TechnicalGrade, r.min_technical_grade), r) for r in policy.rungs]}


BODIES = {
    "incentive": _incentive,
    "wage": _wage,
    "tax": _tax,
    "contribution": _contribution,
    "sla": _sla,
    "leave": _leave,
    "commission": _commission,
    "study": _study,
    "bonus": _bonus,
    "career": _career,
}
