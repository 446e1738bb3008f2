from .roles import Role, roles_of


def roles(request):
    """Role flags for menus: `roles.hr_clerk`, `roles.engineer`, …"""
    codes = roles_of(request.user)
    superuser = request.user.is_authenticated and request.user.is_superuser
    return {"roles": {code: superuser or code in codes for code in Role.values}}
