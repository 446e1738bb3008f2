"""Domain errors raised by services: a stable code, a translatable message, the field."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the business was broken; the message tells the user what to do."""

    def __init__(self, code: str, message: str, *, field: str | None = None, fields: dict | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.fields = dict(fields or {})
        if field:
            self.fields.setdefault(field, [str(message)])


class PermissionDeniedError(DomainError):
    """The acting user's role or ownership does not allow the operation."""
