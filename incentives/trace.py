"""What every rule returns: an amount and the steps that produced it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


def _plain(value: Any) -> Any:
    """JSON-safe copy: Decimals become strings so no precision is lost."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


@dataclass(frozen=True)
class Step:
    """One computation: rule code, the formula in Chinese and English, inputs and result."""

    rule: str
    formula_zh: str
    formula_en: str
    inputs: dict[str, Any]
    result: Decimal
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return _plain(
            {
                "rule": self.rule,
                "formula_zh": self.formula_zh,
                "formula_en": self.formula_en,
                "inputs": self.inputs,
                "result": self.result,
                "note": self.note,
            }
        )


@dataclass(frozen=True)
class Traced:
    """An amount and how it was computed; `policy_version` names the rules' source."""

    amount: Decimal
    steps: tuple[Step, ...] = field(default_factory=tuple)
    policy_version: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "amount": str(self.amount),
            "policy_version": self.policy_version,
            "steps": [s.as_dict() for s in self.steps],
        }
