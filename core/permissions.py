"""Role checks for views and the API."""

from django.contrib.auth.mixins import AccessMixin
from rest_framework.permissions import SAFE_METHODS, BasePermission

from .roles import Role, has_role


class RoleRequiredMixin(AccessMixin):
    """A page only for the listed roles; others get 403, anonymous users the login page."""

    allowed_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not has_role(request.user, *self.allowed_roles):
            self.raise_exception = True
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class HRWriteElseRead(BasePermission):
    """Anyone signed in reads (querysets are scoped per user); only HR clerks write."""

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        return request.method in SAFE_METHODS or has_role(request.user, Role.HR_CLERK)
