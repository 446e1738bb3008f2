"""The kinds of controlled document a policy version may be, by document number: one place that says how
each is parsed (the engine's `from_dict`), which parameters it has in words, and what it is called.

- "FS-MS-KF-13": the incentive scheme (incentives.policy.Policy);
- "KF-PAY": the wage standard (WagePolicy); "IIT": the income-tax rules (TaxPolicy);
- "SI-<city code>": one city's social insurance and housing fund (ContributionPolicy), a document per city;
- "SLA": the customer requests' response and resolution targets, business hours, repeat window (SlaPolicy);
- "LEAVE": days of paid annual leave by years of cumulative service, and the proration's divisor (LeavePolicy).
- "KF-COMM": the customer-service and sales posts' commission tiers and base wages (CommissionDocument).
- "KF-STUDY": the study reward per certificate kind × level and the certificates' expiry warning (StudyPolicy).
- "KF-BONUS": the quarterly and year-end bonus per band of the period's KPI result (BonusPolicy).
- "KF-CAREER": the career ladder and each rung's promotion requirements and post wage (CareerPolicy).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incentives.bonus_policy import BONUS_DOCUMENT, BonusPolicy
from incentives.career_policy import CAREER_DOCUMENT, CareerPolicy
from incentives.commission_policy import COMMISSION_DOCUMENT, CommissionDocument
from incentives.errors import ErrorCode, IncentiveError
from incentives.leave_policy import LEAVE_DOCUMENT, LeavePolicy
from incentives.pay_policy import (
    CONTRIBUTION_PREFIX,
    TAX_DOCUMENT,
    WAGE_DOCUMENT,
    ContributionPolicy,
    TaxPolicy,
    WagePolicy,
)
from incentives.policy import Policy
from incentives.sla_policy import SLA_DOCUMENT, SlaPolicy
from incentives.study_policy import STUDY_DOCUMENT, StudyPolicy

from . import pay_parameters as pay
from .bonus_parameters import BONUS_PATHS, bonus_parameters
from .career_parameters import CAREER_PATHS, career_parameters
from .commission_parameters import COMMISSION_PATHS, commission_parameters
from .leave_parameters import LEAVE_PATHS, leave_parameters
from .parameters import PATHS, parameters, words_for
from .sla_parameters import SLA_PATHS, sla_parameters
from .study_parameters import STUDY_PATHS, study_parameters

INCENTIVE_DOCUMENT = "FS-MS-KF-13"
CITY_CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")  # SI-FS, SI-GZ, SI-DG …


@dataclass(frozen=True)
class DocumentKind:
    code: str  # "incentive" | "wage" | "tax" | "contribution": templates and forms are chosen by it
    words: object  # what the document is, translated when shown
    parse: Callable[[Mapping[str, Any]], Any]  # the engine's from_dict: validates and names the bad path
    entries: Callable[..., list]  # (normalised parameters, complete=…) → Parameters and Tables, in order
    paths: Mapping[str, object]  # engine path prefix → words, where no single field matches


def _incentive_entries(params: dict, *, complete: bool = False) -> list:
    return parameters(params)


INCENTIVE = DocumentKind("incentive", _("Incentive scheme"), Policy.from_dict, _incentive_entries, PATHS)
WAGE = DocumentKind("wage", _("Wage standard"), WagePolicy.from_dict, pay.wage_parameters, pay.WAGE_PATHS)
TAX = DocumentKind("tax", _("Income tax rules"), TaxPolicy.from_dict, pay.tax_parameters, pay.TAX_PATHS)
CONTRIBUTION = DocumentKind(
    "contribution",
    pgettext_lazy("policy document", "Social insurance and housing fund"),
    ContributionPolicy.from_dict,
    pay.contribution_parameters,
    pay.CONTRIBUTION_PATHS,
)
SLA = DocumentKind("sla", _("Service-level targets"), SlaPolicy.from_dict, sla_parameters, SLA_PATHS)
LEAVE = DocumentKind("leave", _("Paid annual leave"), LeavePolicy.from_dict, leave_parameters, LEAVE_PATHS)
COMMISSION = DocumentKind(
    "commission",
    _("Customer-service and sales commission"),
    CommissionDocument.from_dict,
    commission_parameters,
    COMMISSION_PATHS,
)
STUDY = DocumentKind("study", _("Study rewards and certificates"), StudyPolicy.from_dict, study_parameters, STUDY_PATHS)
BONUS = DocumentKind("bonus", _("Quarterly and year-end bonus"), BonusPolicy.from_dict, bonus_parameters, BONUS_PATHS)
CAREER = DocumentKind(
    "career", _("Career ladder and promotion standard"), CareerPolicy.from_dict, career_parameters, CAREER_PATHS
)
KINDS = {
    INCENTIVE_DOCUMENT: INCENTIVE,
    WAGE_DOCUMENT: WAGE,
    TAX_DOCUMENT: TAX,
    SLA_DOCUMENT: SLA,
    LEAVE_DOCUMENT: LEAVE,
    COMMISSION_DOCUMENT: COMMISSION,
    STUDY_DOCUMENT: STUDY,
    BONUS_DOCUMENT: BONUS,
    CAREER_DOCUMENT: CAREER,
}
# Then each city, by code.
ORDER = (
    INCENTIVE_DOCUMENT,
    WAGE_DOCUMENT,
    TAX_DOCUMENT,
    SLA_DOCUMENT,
    LEAVE_DOCUMENT,
    COMMISSION_DOCUMENT,
    STUDY_DOCUMENT,
    BONUS_DOCUMENT,
    CAREER_DOCUMENT,
)


def kind_of(document_no: str) -> DocumentKind | None:
    if document_no in KINDS:
        return KINDS[document_no]
    if document_no.startswith(CONTRIBUTION_PREFIX):
        return CONTRIBUTION
    return None


def city_document(city_code: str) -> str:
    return f"{CONTRIBUTION_PREFIX}{city_code}"


def parse(document_no: str, params: Mapping[str, Any]):
    """The engine's object for a version of `document_no`: the one place a document number picks its parser.

    Raises the engine's IncentiveError (code policy.invalid, the bad path in params["parameter"]).
    """
    kind = kind_of(document_no)
    if kind is None:
        raise IncentiveError(
            ErrorCode.POLICY_INVALID,
            f"document_no: no such document {document_no!r}",
            parameter="document_no",
            rule="policy",
        )
    parsed = kind.parse(params)
    if kind is CONTRIBUTION:
        code = document_no.removeprefix(CONTRIBUTION_PREFIX)
        if parsed.city_code != code or not CITY_CODE.fullmatch(code):
            raise IncentiveError(
                ErrorCode.POLICY_INVALID,
                f"city_code: {parsed.city_code!r} does not match the document {document_no!r}",
                parameter="city_code",
                rule="policy",
            )
    return parsed


def normalised(document_no: str, params: Mapping[str, Any]) -> dict:
    """The parameters as the engine reads them (defaults filled in, numbers as the engine writes them)."""
    return parse(document_no, params).to_dict()


def entries(document_no: str, params: dict, *, complete: bool = False) -> list:
    """The document's parameters in words (Parameters and Tables), from its normalised parameters."""
    return kind_of(document_no).entries(params, complete=complete)


def flat(items: list) -> list:
    """Every Parameter, a table's cells included."""
    out = []
    for item in items:
        out.extend(item.cells if item.is_table else [item])
    return out


def words_for_path(document_no: str, params: dict, path: str):
    """The words for a path the engine named in an error: the field's label if one field matches it exactly or
    it names a section of fields (the first's), else the kind's words for that part of the document."""
    kind = kind_of(document_no)
    if kind is None:
        return path
    try:
        found = flat(entries(document_no, params))
    except (KeyError, TypeError, ValueError, AttributeError):  # parameters too broken to list: use the paths
        found = []
    for p in found:
        if p.source and p.source == path:
            return p.label
    for p in found:
        if p.source and (p.source.startswith(path + ".") or p.source.startswith(path + "[")):
            return p.label
    return words_for(path, kind.paths)


def document_words(document_no: str, params: Mapping[str, Any] | None = None):
    """What the document is: "Wage standard", "Social insurance and housing fund · 佛山市"."""
    kind = kind_of(document_no)
    if kind is None:
        return document_no
    if kind is CONTRIBUTION and params and params.get("city_name"):
        return format_lazy("{} · {}", kind.words, params["city_name"])
    return kind.words


def document_order(document_no: str) -> tuple:
    """FS-MS-KF-13, the wage standard, the tax rules, then the cities by code (an unknown document last)."""
    if document_no in ORDER:
        return (ORDER.index(document_no), document_no)
    return (len(ORDER) if document_no.startswith(CONTRIBUTION_PREFIX) else len(ORDER) + 1, document_no)
