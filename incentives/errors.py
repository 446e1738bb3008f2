"""The one exception the engine raises, with a stable code callers can match on."""

from __future__ import annotations

from typing import Any


class IncentiveError(ValueError):
    """Bad engine input: `code` is stable, `params` names the parameter and the allowed range.

    Input refused by a rule always carries `params["parameter"]` (the field) and
    `params["rule"]` (the rule code its trace would have shown, e.g. `crew.pool`).
    """

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


def refused(code: str, message: str, *, parameter: str, rule: str, **params: Any) -> IncentiveError:
    """The error for input a rule refuses: the message and the params name the field and the rule."""
    return IncentiveError(code, f"{rule} · {parameter}: {message}", parameter=parameter, rule=rule, **params)
