"""Policy versions: draft, review (a department manager), approve (a general manager), withdraw.

Four-eyes: nobody reviews or approves a version they compiled, nor approves one they reviewed. Who may
do what is answered once (`*_refusal`), by the services that enforce it and the page that offers buttons.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from core.roles import Role, has_role
from incentives.errors import IncentiveError
from incentives.pay_policy import CONTRIBUTION_PREFIX
from policies.errors import PolicyErrorCode

from . import kinds
from .errors import PermissionDeniedError, PolicyError
from .models import PolicyStatus, PolicyVersion


def _validated(document_no: str, parameters: dict):
    """The engine's object for the parameters of a version of `document_no`; a refusal names the field in words."""
    try:
        return kinds.parse(document_no, parameters)
    except IncentiveError as exc:
        path = str(exc.params.get("parameter", ""))
        words = str(kinds.words_for_path(document_no, parameters, path))
        message = exc.message if words == path else f"{words}: {exc.message}"
        raise PolicyError(exc.code, message, field="parameters") from exc


def policy_draft_save(
    *,
    user,
    version: str,
    title: str,
    effective_from: date,
    parameters: dict,
    revision_note: str = "",
    instance: PolicyVersion | None = None,
    new_document: bool = False,
) -> PolicyVersion:
    """Create or change a draft; the parameters must form a valid version of their document.

    The document is the draft's own, else the parameters' `document_no` (FS-MS-KF-13 when they name none), and
    they are validated by that document's parser. `new_document`: the draft starts a document (a new city's
    contributions, SI-<code>), so none of that number may exist yet.
    """
    if instance is not None and instance.status != PolicyStatus.DRAFT:
        raise PolicyError(
            PolicyErrorCode.NOT_DRAFT, _("An approved version cannot be edited: propose a new version."), field="status"
        )
    document_no = instance.document_no if instance else str(parameters.get("document_no") or kinds.INCENTIVE_DOCUMENT)
    policy = _validated(document_no, {**parameters, "document_no": document_no, "version": version, "title": title})
    draft = instance or PolicyVersion(compiled_by=user)
    existing = PolicyVersion.objects.filter(document_no=document_no).exclude(status=PolicyStatus.WITHDRAWN)
    if new_document and existing.exclude(pk=draft.pk).exists():
        raise PolicyError(
            PolicyErrorCode.DOCUMENT_EXISTS,
            _("Document %(doc)s already exists: propose a revision of it instead.") % {"doc": document_no},
            field="document_no",
        )
    if kinds.kind_of(document_no) is kinds.CONTRIBUTION:
        _refuse_city_taken(document_no, policy.city_name)
    if existing.filter(version=version).exclude(pk=draft.pk).exists():
        raise PolicyError(
            PolicyErrorCode.VERSION_TAKEN,
            _("Version %(v)s already exists: choose another version number.") % {"v": version},
            field="version",
        )
    draft.document_no = document_no
    draft.version, draft.title, draft.effective_from = version, title, effective_from
    draft.parameters = policy.to_dict()
    draft.revision_note = revision_note
    draft._history_user = user
    draft.save()
    return draft


def _refuse_city_taken(document_no: str, city_name: str) -> None:
    """No two documents for one city (an engineer's city would have two sets of rules): a new city's first version
    or a renamed city may not take the name of a city that has its own document."""
    other = (
        PolicyVersion.objects.filter(document_no__startswith=CONTRIBUTION_PREFIX, parameters__city_name=city_name)
        .exclude(document_no=document_no)
        .exclude(status=PolicyStatus.WITHDRAWN)
        .values_list("document_no", flat=True)
        .first()
    )
    if other:
        raise PolicyError(
            PolicyErrorCode.CITY_TAKEN,
            _("%(city)s already has its contribution rules (%(doc)s): propose a revision of them instead.")
            % {"city": city_name, "doc": other},
            field="city_name",
        )


def review_refusal(user, version: PolicyVersion) -> DomainError | None:
    """Why `user` may not review `version` now, or None: any department manager but its author (four-eyes)."""
    if not has_role(user, Role.DEPT_MANAGER):
        return PermissionDeniedError(
            PolicyErrorCode.REVIEWER_ROLE, _("A department manager reviews a policy revision.")
        )
    if version.compiled_by_id == user.pk:
        return PermissionDeniedError(
            PolicyErrorCode.FOUR_EYES, _("You compiled this version; another department manager must review it.")
        )
    if version.status != PolicyStatus.DRAFT:
        return PolicyError(PolicyErrorCode.NOT_DRAFT, _("Only a draft can be reviewed."), field="status")
    return None


def approve_refusal(user, version: PolicyVersion) -> DomainError | None:
    """Why `user` may not approve `version` now, or None: a general manager who neither compiled nor reviewed it."""
    if not has_role(user, Role.GENERAL_MANAGER):
        return PermissionDeniedError(
            PolicyErrorCode.APPROVER_ROLE, _("Only a general manager approves a policy version.")
        )
    if version.compiled_by_id == user.pk:
        return PermissionDeniedError(
            PolicyErrorCode.FOUR_EYES, _("You compiled this version; another general manager must approve it.")
        )
    if version.reviewed_by_id == user.pk:
        return PermissionDeniedError(
            PolicyErrorCode.FOUR_EYES, _("You reviewed this version; another general manager must approve it.")
        )
    if version.status != PolicyStatus.REVIEWED:
        return PolicyError(
            PolicyErrorCode.NOT_REVIEWED, _("A department manager reviews the revision first."), field="status"
        )
    return None


def withdraw_refusal(user, version: PolicyVersion) -> DomainError | None:
    """Why `user` may not withdraw `version` now, or None: its author or an HR clerk, before approval."""
    if version.compiled_by_id != user.pk and not has_role(user, Role.HR_CLERK):
        return PermissionDeniedError(
            PolicyErrorCode.WITHDRAW_ROLE, _("Only the version's author or an HR clerk withdraws a proposed revision.")
        )
    if version.status not in (PolicyStatus.DRAFT, PolicyStatus.REVIEWED):
        return PolicyError(
            PolicyErrorCode.NOT_WITHDRAWABLE,
            _("Only a version not yet approved can be withdrawn."),
            field="status",
        )
    return None


REFUSALS = {"review": review_refusal, "approve": approve_refusal, "withdraw": withdraw_refusal}


def policy_actions(user, version: PolicyVersion) -> list[str]:
    """What `user` may do to `version` now: the page offers exactly these buttons."""
    return [action for action, refusal in REFUSALS.items() if refusal(user, version) is None]


@transaction.atomic
def policy_review(*, user, version: PolicyVersion) -> PolicyVersion:
    """A department manager other than the author reviews a proposed revision before the general manager sees it."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if refusal := review_refusal(user, version):
        raise refusal
    _validated(version.document_no, version.parameters)
    version.status, version.reviewed_by, version.reviewed_at = PolicyStatus.REVIEWED, user, timezone.now()
    version._history_user = user
    version.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return version


@transaction.atomic
def policy_approve(*, user, version: PolicyVersion) -> PolicyVersion:
    """Only a general manager approves a reviewed version, and never one they compiled or reviewed."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if refusal := approve_refusal(user, version):
        raise refusal
    _validated(version.document_no, version.parameters)
    clash = PolicyVersion.objects.filter(
        document_no=version.document_no, status=PolicyStatus.APPROVED, effective_from=version.effective_from
    )
    if clash.exists():
        raise PolicyError(
            PolicyErrorCode.SAME_DAY,
            _("Version %(v)s already takes effect on %(day)s.")
            % {"v": clash.first().version, "day": version.effective_from},
            field="effective_from",
        )
    version.status = PolicyStatus.APPROVED
    version.approved_by, version.approved_at = user, timezone.now()
    version._history_user = user
    version.save(update_fields=["status", "approved_by", "approved_at"])
    return version


@transaction.atomic
def policy_withdraw(*, user, version: PolicyVersion) -> PolicyVersion:
    """The author (or an HR clerk) withdraws a revision before approval; it stays on record, its name is free again."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if refusal := withdraw_refusal(user, version):
        raise refusal
    version.status = PolicyStatus.WITHDRAWN
    version._history_user = user
    version.save(update_fields=["status"])
    return version


@transaction.atomic
def policy_retire(*, user, version: PolicyVersion) -> PolicyVersion:
    """Withdraw an approved version (general manager); the one before it applies again."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if not has_role(user, Role.GENERAL_MANAGER):
        raise PermissionDeniedError(
            PolicyErrorCode.APPROVER_ROLE, _("Only a general manager retires a policy version.")
        )
    if version.status != PolicyStatus.APPROVED:
        raise PolicyError(PolicyErrorCode.NOT_APPROVED, _("Only an approved version can be retired."), field="status")
    version.status = PolicyStatus.RETIRED
    version._history_user = user
    version.save(update_fields=["status"])
    return version
