"""Domain errors raised by services: a stable code, a translatable message, the field."""

from __future__ import annotations

from enum import StrEnum

from incentives.errors import ErrorCode


class CommonErrorCode(StrEnum):
    """Codes of failures that belong to no domain: the request itself."""

    FORBIDDEN = "forbidden"
    BAD_REQUEST = "bad_request"
    INVALID = "invalid"
    IN_USE = "in_use"


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


class ConflictError(DomainError):
    """The operation collides with something that already exists or already happened (HTTP 409):
    a second live request for the same work, an approval already paid."""


def _percent(text: str) -> str:
    from decimal import Decimal

    value = (Decimal(text) * 100).normalize()
    return f"{value:f}%"


def domain_error_from_engine(exc, field: str) -> DomainError:
    """The engine's coded error as a translated message on the form field it concerns."""
    from django.utils.translation import gettext as _

    params = dict(exc.params)
    value, allowed = params.get("value", ""), params.get("allowed", "")
    if (
        exc.code in (ErrorCode.INDIVIDUAL_RATE_OUT_OF_RANGE, ErrorCode.CREW_RATIO_OUT_OF_RANGE)
        and value
        and "–" in allowed
    ):
        value, allowed = _percent(value), "–".join(_percent(x) for x in allowed.split("–"))
    templates = {
        ErrorCode.INDIVIDUAL_RATE_OUT_OF_RANGE: _("The incentive rate %(value)s is outside the allowed %(allowed)s."),
        ErrorCode.CREW_RATIO_OUT_OF_RANGE: _("The crew ratio %(value)s is outside the allowed %(allowed)s."),
        ErrorCode.CREW_SCORE_OUT_OF_RANGE: _("A score of %(value)s is outside the allowed %(allowed)s."),
        ErrorCode.KPI_SCORE_OUT_OF_RANGE: _("A score of %(value)s is outside the allowed %(allowed)s."),
        ErrorCode.TRAINING_DAYS_OUT_OF_RANGE: _(
            "%(value)s training days is not allowed: use half days within %(allowed)s."
        ),
        ErrorCode.CREW_ZERO_WEIGHT: _("Nobody in the plan has days worked and a percentage above 0."),
        ErrorCode.CREW_NO_INSPECTIONS: _("No on-site inspection has been recorded yet."),
        ErrorCode.CREW_EMPTY: _("The distribution plan is empty."),
        ErrorCode.PIECE_RATE_PCT_SUM: _("The split percentages add up to %(value)s; they must add up to 100."),
        ErrorCode.PIECE_RATE_NO_DAYS: _("No participant has days worked, so the total cannot be split."),
        ErrorCode.PIECE_RATE_MIXED_SPLIT: _("Give every participant a split percentage, or none."),
    }
    template = templates.get(exc.code)
    message = template % {"value": value, "allowed": allowed} if template else exc.message
    return DomainError(exc.code, message, field=field)
