"""Whose grade applications a user may read and act on."""

from __future__ import annotations

from django.db.models import QuerySet

from appraisal.models import GradeApplication
from core.roles import Role, has_role

# Who reads every application: HR runs the campaign, the general manager sits on the panel, and
# the supervisor gives an opinion on every application (self-assessment → supervisor → panel).
ALL_APPLICATIONS = (Role.HR_CLERK, Role.GENERAL_MANAGER, Role.SUPERVISOR)


def visible_applications(user) -> QuerySet[GradeApplication]:
    """HR, general managers and supervisors all; a department manager those of the engineers
    in the departments they manage (and their own); anyone else only their own. The published
    notice (公示) is public by design and does not come through here."""
    qs = GradeApplication.objects.select_related("campaign", "engineer__department", "supervisor", "decided_by")
    if not user.is_authenticated:
        return qs.none()
    if has_role(user, *ALL_APPLICATIONS):
        return qs
    if has_role(user, Role.DEPT_MANAGER):
        return qs.filter(engineer__department__manager=user) | qs.filter(engineer__user=user)
    return qs.filter(engineer__user=user)


def reviews_application(user, application: GradeApplication) -> bool:
    """Whether the user may sit on the panel for this application: a general manager for any,
    a department manager for the engineers of the departments they manage."""
    if has_role(user, Role.GENERAL_MANAGER):
        return True
    return has_role(user, Role.DEPT_MANAGER) and application.engineer.department.manager_id == user.pk
