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


def _percent(text: str) -> str:
    from decimal import Decimal

    value = (Decimal(text) * 100).normalize()
    return f"{value:f}%"


def domain_error_from_engine(exc, field: str) -> DomainError:
    """The engine's coded error as a translated message on the form field it concerns."""
    from django.utils.translation import gettext as _

    params = dict(exc.params)
    value, allowed = params.get("value", ""), params.get("allowed", "")
    if exc.code in ("individual.rate_out_of_range", "crew.ratio_out_of_range") and value and "–" in allowed:
        value, allowed = _percent(value), "–".join(_percent(x) for x in allowed.split("–"))
    templates = {
        "individual.rate_out_of_range": _("The incentive rate %(value)s is outside the allowed %(allowed)s."),
        "crew.ratio_out_of_range": _("The crew ratio %(value)s is outside the allowed %(allowed)s."),
        "crew.score_out_of_range": _("A score of %(value)s is outside the allowed %(allowed)s."),
        "kpi.score_out_of_range": _("A score of %(value)s is outside the allowed %(allowed)s."),
        "training.days_out_of_range": _("%(value)s training days is not allowed: use half days within %(allowed)s."),
        "crew.zero_weight": _("Nobody in the plan has days worked and a percentage above 0."),
        "crew.no_inspections": _("No on-site inspection has been recorded yet."),
        "crew.empty": _("The distribution plan is empty."),
        "piece_rate.pct_sum": _("The split percentages add up to %(value)s; they must add up to 100."),
        "piece_rate.no_days": _("No participant has days worked, so the total cannot be split."),
        "piece_rate.mixed_split": _("Give every participant a split percentage, or none."),
    }
    template = templates.get(exc.code)
    message = template % {"value": value, "allowed": allowed} if template else exc.message
    return DomainError(exc.code, message, field=field)
