"""The quarterly and year-end bonus document (document "KF-BONUS"): who earns what from a period's KPI result.

Seed 000 (薪酬激励 3) sets up "季度奖金和年度奖金,对表现突出的售后工程师进行奖励"; seed 002 (考核周期) says the
quarterly appraisal is the mean of the quarter and the annual one "作为年终奖的重要依据". Neither gives a pool
or a sum, so the product pays a fixed amount per band of the period's mean score, as data:

- the bands, highest first: the lowest mean that reaches each (A 90, B 80, C 60, D 0 in A/0, as the
  monthly KPI's bands) and the standard amount a band earns for a quarter and for a year (0.00: none);
- how many submitted months a quarter (of 3) and a year (of 12) needs before it counts at all;
- how far the department manager may move a standard amount when proposing (a rate of the standard,
  80 %–120 % in A/0), with a note saying why.

`BonusPolicy.from_dict` validates the whole and names the bad path, as the other documents do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .pay_policy import _default, _Document, _head, _mapping, _not_negative, _number
from .policy import _invalid

BONUS_DOCUMENT = "KF-BONUS"
PERIOD_KINDS = ("quarter", "year")
MONTHS_IN = {"quarter": 3, "year": 12}


@dataclass(frozen=True)
class BonusBand:
    band: str
    min_score: Decimal  # the lowest period mean (0–100) that reaches this band
    quarter_amount: Decimal
    year_amount: Decimal

    def amount(self, kind: str) -> Decimal:
        return self.quarter_amount if kind == "quarter" else self.year_amount


@dataclass(frozen=True)
class BonusPolicy(_Document):
    document_no: str
    version: str
    title: str
    bands: tuple[BonusBand, ...]  # highest first; the last reaches from 0
    quarter_min_months: int
    year_min_months: int
    lowest_rate: Decimal  # the manager may propose from standard × lowest_rate …
    highest_rate: Decimal  # … to standard × highest_rate

    def band_for(self, mean: Decimal) -> BonusBand:
        for band in self.bands:
            if mean >= band.min_score:
                return band
        return self.bands[-1]

    def min_months(self, kind: str) -> int:
        return self.quarter_min_months if kind == "quarter" else self.year_min_months

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_no": self.document_no,
            "version": self.version,
            "title": self.title,
            "quarter_min_months": self.quarter_min_months,
            "year_min_months": self.year_min_months,
            "lowest_rate": str(self.lowest_rate),
            "highest_rate": str(self.highest_rate),
            "bands": [
                {
                    "band": b.band,
                    "min_score": str(b.min_score),
                    "quarter_amount": str(b.quarter_amount),
                    "year_amount": str(b.year_amount),
                }
                for b in self.bands
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> BonusPolicy:
        data = _mapping(data, "")
        rows = data.get("bands")
        if not isinstance(rows, list) or not rows:
            raise _invalid("bands", "expected a list of bands, highest first")
        bands = []
        for n, row in enumerate(rows):
            path = f"bands[{n}]"
            row = _mapping(row, path)
            name = str(row.get("band", "")).strip()
            if not name or len(name) > 5:
                raise _invalid(f"{path}.band", "a band is named by one to five characters", value=repr(name))
            if any(b.band == name for b in bands):
                raise _invalid(f"{path}.band", "listed twice", value=name)
            floor = _not_negative(row, "min_score", path)
            if floor > 100:
                raise _invalid(f"{path}.min_score", "a score is 0–100", allowed="0–100", value=str(floor))
            if bands and floor >= bands[-1].min_score:
                raise _invalid(f"{path}.min_score", "bands are listed highest first", value=str(floor))
            amounts = {}
            for key in ("quarter_amount", "year_amount"):
                amount = _not_negative(row, key, path)
                if amount != amount.quantize(Decimal("0.01")):
                    raise _invalid(f"{path}.{key}", "an amount is in whole fen", value=str(amount))
                amounts[key] = amount
            bands.append(BonusBand(name, floor, **amounts))
        if bands[-1].min_score != 0:
            raise _invalid("bands", "the last band must reach down to 0, so every mean has a band")
        months = {}
        for key, most in (("quarter_min_months", 3), ("year_min_months", 12)):
            value = _number(data, key)
            if value != value.to_integral_value() or not 1 <= value <= most:
                raise _invalid(key, f"a whole number of months from 1 to {most}", value=str(value))
            months[key] = int(value)
        low, high = _not_negative(data, "lowest_rate"), _not_negative(data, "highest_rate")
        if low > 1:
            raise _invalid("lowest_rate", "at most 100 % of the standard amount", value=str(low))
        if not 1 <= high <= 3:
            raise _invalid("highest_rate", "from 100 % to 300 % of the standard amount", value=str(high))
        return cls(**_head(data), bands=tuple(bands), lowest_rate=low, highest_rate=high, **months)

    @classmethod
    def load_default(cls) -> BonusPolicy:
        return cls.from_dict(_default("KF-BONUS_A0"))
