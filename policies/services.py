"""Policy versions: draft, approve (general manager, four-eyes), find the one in force."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.roles import Role, has_role
from incentives.errors import IncentiveError
from incentives.policy import Policy
from policies.errors import PolicyErrorCode

from .errors import PermissionDeniedError, PolicyError
from .models import PolicyStatus, PolicyVersion


def _validated(parameters: dict) -> Policy:
    try:
        return Policy.from_dict(parameters)
    except IncentiveError as exc:
        raise PolicyError(exc.code, exc.message, field="parameters") from exc


def policy_draft_save(
    *,
    user,
    version: str,
    title: str,
    effective_from: date,
    parameters: dict,
    revision_note: str = "",
    instance: PolicyVersion | None = None,
) -> PolicyVersion:
    """Create or change a draft; the parameters must form a valid policy."""
    if instance is not None and instance.status != PolicyStatus.DRAFT:
        raise PolicyError(
            PolicyErrorCode.NOT_DRAFT, _("An approved version cannot be edited: propose a new version."), field="status"
        )
    policy = _validated({**parameters, "version": version, "title": title})
    draft = instance or PolicyVersion(compiled_by=user)
    draft.document_no = policy.document_no or draft.document_no
    draft.version, draft.title, draft.effective_from = version, title, effective_from
    draft.parameters = policy.to_dict()
    draft.revision_note = revision_note
    draft._history_user = user
    draft.save()
    return draft


@transaction.atomic
def policy_review(*, user, version: PolicyVersion) -> PolicyVersion:
    """The department manager reviews a proposed revision before the general manager sees it."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if not has_role(user, Role.DEPT_MANAGER):
        raise PermissionDeniedError(PolicyErrorCode.REVIEWER_ROLE, _("A department manager reviews a policy revision."))
    if version.compiled_by_id == user.pk:
        raise PermissionDeniedError(
            PolicyErrorCode.FOUR_EYES, _("You compiled this version; someone else must review it.")
        )
    if version.status != PolicyStatus.DRAFT:
        raise PolicyError(PolicyErrorCode.NOT_DRAFT, _("Only a draft can be reviewed."), field="status")
    _validated(version.parameters)
    version.status, version.reviewed_by, version.reviewed_at = PolicyStatus.REVIEWED, user, timezone.now()
    version._history_user = user
    version.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return version


@transaction.atomic
def policy_approve(*, user, version: PolicyVersion) -> PolicyVersion:
    """Only a general manager approves a reviewed version, and never one they compiled."""
    version = PolicyVersion.objects.select_for_update().get(pk=version.pk)
    if not has_role(user, Role.GENERAL_MANAGER):
        raise PermissionDeniedError(
            PolicyErrorCode.APPROVER_ROLE, _("Only a general manager approves a policy version.")
        )
    if version.compiled_by_id == user.pk:
        raise PermissionDeniedError(
            PolicyErrorCode.FOUR_EYES, _("You compiled this version; another general manager must approve it.")
        )
    if version.status != PolicyStatus.REVIEWED:
        raise PolicyError(
            PolicyErrorCode.NOT_REVIEWED, _("A department manager reviews the revision first."), field="status"
        )
    _validated(version.parameters)
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
