"""The commission document (document "KF-COMM"): seed 001, 售后客服、销售岗位业绩激励方案.

- the tiers: a customer-service staff member's month is placed in a tier by the pick-up amount of the
  franchisees they serve that month (lower bounds inclusive); the tier's rate applies to the whole amount and
  the tier sets their base wage (底薪级别 3,200 / 3,500 / 3,800). Below the first paying tier (10,000) no
  commission is paid and the base is the first tier's;
- the sales post's extra commission: a share (1 %) of its signed customers' pick-up in the month.

A franchisee's pick-up amount (提货额) is its sales at list price × its discount (提货额 = ∑ 销售额 × 对应折扣),
rounded to the fen per franchisee and month. `CommissionDocument.from_dict` validates the whole and names the
bad path, as the other documents do.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from typing import Any

from .pay_policy import _Document, _fraction, _head, _mapping, _number
from .policy import DEFAULTS_DIR, CommissionPolicy, CommissionTier, _invalid

COMMISSION_DOCUMENT = "KF-COMM"


@dataclass(frozen=True)
class CommissionDocument(_Document):
    document_no: str
    version: str
    title: str
    tiers: tuple[CommissionTier, ...]
    sales_extra_rate: Decimal  # the sales post's share of its signed customers' monthly pick-up

    @property
    def commission(self) -> CommissionPolicy:
        """The tiers as the tiered rule reads them (incentives.rules.commission)."""
        return CommissionPolicy(self.tiers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_no": self.document_no,
            "version": self.version,
            "title": self.title,
            "tiers": [{"lower": str(t.lower), "rate": str(t.rate), "base": str(t.base)} for t in self.tiers],
            "sales_extra_rate": str(self.sales_extra_rate),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CommissionDocument:
        data = _mapping(data, "")
        rows = data.get("tiers")
        if not isinstance(rows, list) or not rows:
            raise _invalid("tiers", "list the tiers, the first from 0")
        tiers = []
        for n, row in enumerate(rows):
            path = f"tiers[{n}]"
            row = _mapping(row, path)
            lower, base = _number(row, "lower", path), _number(row, "base", path)
            if lower < 0:
                raise _invalid(f"{path}.lower", "cannot be negative", allowed=">= 0", value=str(lower))
            if base < 0:
                raise _invalid(f"{path}.base", "cannot be negative", allowed=">= 0", value=str(base))
            tiers.append(CommissionTier(lower, _fraction(row, "rate", path), base))
        if tiers[0].lower != 0:
            raise _invalid("tiers[0].lower", "the first tier starts at 0, so every month has a tier", value="0")
        for n, (a, b) in enumerate(pairwise(tiers), start=1):
            if b.lower <= a.lower:
                raise _invalid(f"tiers[{n}].lower", "lower bounds must increase", value=str(b.lower))
        return cls(
            **_head(data),
            tiers=tuple(tiers),
            sales_extra_rate=_fraction(data, "sales_extra_rate"),
        )

    @classmethod
    def load_default(cls) -> CommissionDocument:
        return cls.from_dict(json.loads((DEFAULTS_DIR / "KF-COMM_A0.json").read_text(encoding="utf-8")))
