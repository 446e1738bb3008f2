"""Who sees which honours and penalties."""

from __future__ import annotations

from django.db.models import QuerySet

from appraisal.models import Award, AwardStatus
from core.roles import Role, has_role, reads_company_wide


def visible_awards(user) -> QuerySet[Award]:
    """Company-wide readers all; a department manager their departments; an engineer the approved ones naming them."""
    qs = Award.objects.select_related("department", "crew", "proposed_by").prefetch_related("members")
    if not user.is_authenticated:
        return qs.none()
    if reads_company_wide(user):
        return qs
    if has_role(user, Role.DEPT_MANAGER):
        return qs.filter(department__manager=user)
    return qs.filter(members__user=user, status=AwardStatus.APPROVED).distinct()
