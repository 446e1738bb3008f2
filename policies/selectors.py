"""Which policy version is in force on a day, as a model row or as the engine's Policy."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext as _

from core.columns import column
from incentives.pay_policy import (
    CONTRIBUTION_PREFIX,
    TAX_DOCUMENT,
    WAGE_DOCUMENT,
    ContributionPolicy,
    TaxPolicy,
    WagePolicy,
)
from incentives.policy import Policy
from policies.errors import PolicyErrorCode

from .errors import PolicyError
from .kinds import document_order, document_words
from .models import PolicyStatus, PolicyVersion


def policy_version_in_force(on: date, *, document_no: str = "FS-MS-KF-13") -> PolicyVersion:
    version = (
        PolicyVersion.objects.filter(document_no=document_no, status=PolicyStatus.APPROVED, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if version is None:
        raise PolicyError(
            PolicyErrorCode.NONE_IN_FORCE, _("No approved policy version is in force on %(day)s.") % {"day": on}
        )
    return version


_MEMO: ContextVar[dict | None] = ContextVar("policies_in_force", default=None)


@contextmanager
def policies_remembered() -> Iterator[None]:
    """Inside it, policy_in_force reads each (day, document) once: a page that quotes forty requests
    asks for the same day's policy eighty times. Reads only: never around a write that approves a version."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def policy_in_force(on: date, *, document_no: str = "FS-MS-KF-13") -> Policy:
    """The engine's Policy for the version in force on `on`."""
    memo = _MEMO.get()
    if memo is None:
        return parsed_policy(_parameters_in_force(on, document_no))
    if (on, document_no) not in memo:
        memo[on, document_no] = parsed_policy(_parameters_in_force(on, document_no))
    return memo[on, document_no]


@functools.lru_cache(maxsize=64)
def parsed_policy(parameters: str) -> Policy:
    """The Policy of a version's parameters as JSON text, parsed once per process: the same text is the same
    Policy (frozen all the way down, so pages and threads share it), and a version whose parameters
    changed is other text. Parsing took as long as finding the version (~0.2 ms; pages ask once or twice)."""
    return Policy.from_dict(json.loads(parameters))


def _parameters_in_force(on: date, document_no: str) -> str:
    """policy_version_in_force(on, document_no=…).parameters as JSON text, with SQL written once: most
    pages ask, and the ORM took twice as long to build the query as PostgreSQL to answer it."""
    with connection.cursor() as cursor:
        cursor.execute(
            _in_force_sql(), [document_no, PolicyStatus.APPROVED.value, connection.ops.adapt_datefield_value(on)]
        )
        found = cursor.fetchone()
    if found is None:
        # Raises as every page does; or finds a version approved since the SQL above ran.
        return json.dumps(policy_version_in_force(on, document_no=document_no).parameters)
    return found[0]


@functools.cache
def _in_force_sql() -> str:
    parameters, document_no, status, effective_from = (
        column(PolicyVersion, name) for name in ("parameters", "document_no", "status", "effective_from")
    )
    # The text is parsed_policy's key: the CAST makes it the database's text of the value on both backends,
    # whatever loader the driver has for jsonb.
    return (
        f"SELECT CAST({parameters} AS TEXT) FROM {PolicyVersion._meta.db_table} WHERE {document_no} = %s "
        f"AND {status} = %s AND {effective_from} <= %s ORDER BY {effective_from} DESC LIMIT 1"
    )


def policy_in_force_or_none(on: date, *, document_no: str = "FS-MS-KF-13") -> Policy | None:
    """The same for pages that only show something: None when no version is in force (nothing to break)."""
    try:
        return policy_in_force(on, document_no=document_no)
    except PolicyError:
        return None


@dataclass(frozen=True)
class PayRules:
    """The pay documents in force on a day: the wage standard, the tax rules, each city's contributions."""

    wage: WagePolicy | None
    tax: TaxPolicy | None
    cities: dict[str, ContributionPolicy]


def pay_rules_in_force(on: date) -> PayRules:
    """Every pay document's version in force on `on`, in one query (a document not yet in force is None)."""
    latest: dict[str, dict] = {}
    for document_no, parameters in (
        PolicyVersion.objects.filter(status=PolicyStatus.APPROVED, effective_from__lte=on)
        .filter(Q(document_no__in=[WAGE_DOCUMENT, TAX_DOCUMENT]) | Q(document_no__startswith=CONTRIBUTION_PREFIX))
        .order_by("document_no", "-effective_from")
        .values_list("document_no", "parameters")
    ):
        latest.setdefault(document_no, parameters)
    cities = {}
    for document_no, parameters in latest.items():
        if document_no.startswith(CONTRIBUTION_PREFIX):
            city = ContributionPolicy.from_dict(parameters)
            cities[city.city_code] = city
    wage, tax = latest.get(WAGE_DOCUMENT), latest.get(TAX_DOCUMENT)
    return PayRules(
        wage=WagePolicy.from_dict(wage) if wage else None,
        tax=TaxPolicy.from_dict(tax) if tax else None,
        cities=cities,
    )


def contribution_cities(on: date) -> list[tuple[str, str]]:
    """(city code, city name) of the cities whose contribution rules are in force on `on`, for choices."""
    return sorted((code, city.city_name) for code, city in pay_rules_in_force(on).cities.items())


def versions_by_label(labels) -> dict[str, PolicyVersion]:
    """The versions traces cite ("FS-MS-KF-13 A/2"), by that label, in one query."""
    wanted = {label for label in labels if label}
    pairs = [label.split(" ", 1) for label in wanted if " " in label]
    if not pairs:
        return {}
    query = Q()
    for document_no, version in pairs:
        query |= Q(document_no=document_no, version=version)
    return {str(v): v for v in PolicyVersion.objects.filter(query)}


def policy_next_step(version: PolicyVersion) -> dict:
    """Who may act next on a version in preparation, by name, and in what role (for everyone reading it).

    {"action": "review" | "approve" | None, "people": [users], "blocked": bool}: `blocked` when nobody
    holds the role except the people four-eyes excludes (the author, the reviewer).
    """
    from django.contrib.auth import get_user_model

    from core.roles import Role

    wanted = {
        PolicyStatus.DRAFT: ("review", Role.DEPT_MANAGER),
        PolicyStatus.REVIEWED: ("approve", Role.GENERAL_MANAGER),
    }
    if version.status not in wanted:
        return {"action": None, "people": [], "blocked": False}
    action, role = wanted[version.status]
    excluded = {version.compiled_by_id, version.reviewed_by_id} - {None}
    people = list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=role)
        .exclude(pk__in=excluded)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
    return {"action": action, "people": people, "blocked": not people}


def versions_in_force(on: date) -> dict[str, PolicyVersion]:
    """Each document's version in force on `on`, by document number, in one query."""
    latest: dict[str, PolicyVersion] = {}
    for version in PolicyVersion.objects.filter(status=PolicyStatus.APPROVED, effective_from__lte=on).order_by(
        "document_no", "-effective_from"
    ):
        latest.setdefault(version.document_no, version)
    return latest


def policy_version_to_revise(document_no: str, on: date) -> PolicyVersion:
    """What a revision of `document_no` starts from: the version in force on `on`, else (a document whose first
    version takes effect later, such as a city just added) its latest approved version."""
    try:
        return policy_version_in_force(on, document_no=document_no)
    except PolicyError:
        version = (
            PolicyVersion.objects.filter(document_no=document_no, status=PolicyStatus.APPROVED)
            .order_by("-effective_from")
            .first()
        )
        if version is None:
            raise
        return version


@dataclass(frozen=True)
class PolicyDocument:
    """One controlled document on the policy list: its versions, newest first, and the one in force today."""

    document_no: str
    words: object
    versions: list[PolicyVersion]
    in_force: PolicyVersion | None

    @property
    def revisable(self) -> bool:
        """A revision starts from an approved version (policy_version_to_revise)."""
        return any(v.status == PolicyStatus.APPROVED for v in self.versions)


def policy_documents(on: date, *, document_no: str = "") -> list[PolicyDocument]:
    """Every document with its versions (or only `document_no`'s), in the documents' order, in two queries."""
    versions = PolicyVersion.objects.select_related("approved_by").order_by("-effective_from", "-id")
    if document_no:
        versions = versions.filter(document_no=document_no)
    by_document: dict[str, list[PolicyVersion]] = {}
    for version in versions:
        by_document.setdefault(version.document_no, []).append(version)
    in_force = versions_in_force(on)
    out = []
    for number in sorted(by_document, key=document_order):
        current = in_force.get(number)
        named_by = current or next((v for v in by_document[number] if v.status != PolicyStatus.WITHDRAWN), None)
        params = (named_by or by_document[number][0]).parameters
        out.append(PolicyDocument(number, document_words(number, params), by_document[number], current))
    return out
