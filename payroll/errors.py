from core.errors import DomainError, PermissionDeniedError


class PolicyError(DomainError):
    pass


__all__ = ["PermissionDeniedError", "PolicyError"]
