"""The one exception the engine raises, with a stable code callers can match on."""

from __future__ import annotations

from typing import Any


class IncentiveError(ValueError):
    """Bad engine input: `code` is stable, `params` names the parameter and the allowed range."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"
