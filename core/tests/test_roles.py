"""A user's roles are read with SQL written once (core/roles.py); they must be what the ORM reads:
the role groups the user is in, not another user's, and no group that is not a role."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from conftest import make_user
from core.roles import Role, has_role, roles_of

pytestmark = pytest.mark.django_db


def fresh(user):
    return get_user_model().objects.get(pk=user.pk)  # roles are kept on the user object for the request


def test_roles_are_the_role_groups_the_orm_reads():
    both = make_user("two-roles", Role.HR_CLERK, Role.FINANCE)
    other = make_user("other", Role.GENERAL_MANAGER)
    both.groups.add(Group.objects.create(name="canteen committee"))  # a group that is not a role
    orm = set(both.groups.values_list("name", flat=True))
    assert orm == {"hr_clerk", "finance", "canteen committee"}
    assert roles_of(fresh(both)) == orm & set(Role.values) == {"hr_clerk", "finance"}
    assert roles_of(fresh(other)) == {"general_manager"}
    assert not has_role(fresh(both), Role.GENERAL_MANAGER)


def test_a_user_without_groups_has_no_roles():
    nobody = make_user("nobody")
    assert roles_of(fresh(nobody)) == frozenset()
    assert not has_role(fresh(nobody), *Role.values)
