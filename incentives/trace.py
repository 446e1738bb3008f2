"""What every rule returns: an amount and the steps that produced it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .money import shown


def _decimal_as_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)  # a string, so no precision is lost
    if isinstance(value, Fraction):
        # An exact intermediate: its exact decimal ("74.5"), or "≈…" to six places when it never ends.
        return str(shown(value))
    raise TypeError(f"{type(value).__name__} is not allowed in a trace")


def _dumps(value: Any) -> str:
    # The C encoder walks the trace; Decimals become strings through the default hook.
    return json.dumps(value, default=_decimal_as_text, ensure_ascii=False)


@dataclass(frozen=True)
class Step:
    """One computation: rule code, the formula in Chinese and English, inputs and result.

    Inputs and result may hold exact `Fraction`s: the JSON shows them as clean decimals
    (see `money.shown`). A trace is output only: no code reads it back to decide money.
    """

    rule: str
    formula_zh: str
    formula_en: str
    inputs: dict[str, Any]
    result: Decimal | Fraction
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return json.loads(_dumps(self._fields()))

    def _fields(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "formula_zh": self.formula_zh,
            "formula_en": self.formula_en,
            "inputs": self.inputs,
            "result": self.result,
            "note": self.note,
        }


@dataclass(frozen=True)
class Traced:
    """An amount and how it was computed; `policy_version` names the rules' source."""

    amount: Decimal
    steps: tuple[Step, ...] = field(default_factory=tuple)
    policy_version: str = ""

    def as_json(self) -> str:
        """The trace as JSON text (what a payslip line stores): Decimals as strings, tuples as lists."""
        return _dumps(
            {
                "amount": self.amount,
                "policy_version": self.policy_version,
                "steps": [s._fields() for s in self.steps],
            }
        )

    def as_dict(self) -> dict[str, Any]:
        return json.loads(self.as_json())
