"""The pay rules' numbers, as versioned documents beside FS-MS-KF-13: wages, income tax, each city's contributions.

Three kinds of document, each parsed and validated here and stored as a PolicyVersion's parameters:

- the wage standard (`WagePolicy`, document "KF-PAY"): paid days a month (21.75), hours a day,
  the meal allowance per day worked, the share of pay for a sick day, overtime multipliers;
- the income-tax rules (`TaxPolicy`, document "IIT"): the basic deduction per month, the annual
  table of the cumulative withholding method, the monthly-converted table for an annual bonus taxed
  apart, until when that choice is allowed, and the monthly cap of each special additional deduction;
- one city's social insurance and housing fund (`ContributionPolicy`, document "SI-<city code>"):
  per item the base's lower and upper limits and the employee's and employer's rates.

Like `Policy.from_dict`, each `from_dict` names the bad path in its error.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from .policy import DEFAULTS_DIR, Range, _dec, _invalid

WAGE_DOCUMENT = "KF-PAY"
TAX_DOCUMENT = "IIT"
CONTRIBUTION_PREFIX = "SI-"
OVERTIME_KINDS = ("weekday", "rest_day", "holiday")
CONTRIBUTION_KINDS = ("pension", "medical", "unemployment", "work_injury", "maternity", "housing_fund")
ADDITIONAL_KINDS = (
    "children_education",
    "infant_care",
    "continuing_education",
    "housing_loan",
    "housing_rent",
    "elderly_support",
)


def _head(data: Mapping) -> dict[str, str]:
    return {k: str(data.get(k, "")) for k in ("document_no", "version", "title")}


def _fraction(data: Mapping, key: str, path: str, high: Decimal = Decimal(1)) -> Decimal:
    value = _dec(data, key, path)
    if not 0 <= value <= high:
        raise _invalid(f"{path}.{key}", f"must be between 0 and {high}", allowed=f"0–{high}", value=str(value))
    return value


def _positive(data: Mapping, key: str, path: str) -> Decimal:
    value = _dec(data, key, path)
    if value <= 0:
        raise _invalid(f"{path}.{key}", "must be above zero", allowed="> 0", value=str(value))
    return value


def _not_negative(data: Mapping, key: str, path: str) -> Decimal:
    value = _dec(data, key, path)
    if value < 0:
        raise _invalid(f"{path}.{key}", "cannot be negative", allowed="≥ 0", value=str(value))
    return value


class _Document:
    document_no: str
    version: str

    @property
    def label(self) -> str:
        """What traces cite: "IIT 2023"."""
        return f"{self.document_no} {self.version}"

    def to_dict(self) -> dict[str, Any]:
        return _dump(self)


@dataclass(frozen=True)
class OvertimeRates:
    weekday: Decimal  # 150 %: Labour Law art. 44 (1)
    rest_day: Decimal  # 200 % when no compensatory rest is given
    holiday: Decimal  # 300 % on statutory holidays

    def of(self, kind: str) -> Decimal:
        return getattr(self, kind)


@dataclass(frozen=True)
class WagePolicy(_Document):
    document_no: str
    version: str
    title: str
    standard_paid_days: Decimal  # 21.75: (365 − 104 rest days) ÷ 12
    hours_per_day: Decimal
    meal_allowance_per_day: Decimal
    sick_leave_pay_rate: Decimal  # share of a day's wage paid for a sick day
    overtime: OvertimeRates

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WagePolicy:
        ot = data.get("overtime")
        if not isinstance(ot, Mapping):
            raise _invalid("overtime", "missing section")
        rates = OvertimeRates(*(_dec(ot, kind, "overtime") for kind in OVERTIME_KINDS))
        if any(rates.of(kind) < 1 for kind in OVERTIME_KINDS):
            raise _invalid("overtime", "an overtime multiplier is at least 1 (100 %)")
        return cls(
            **_head(data),
            standard_paid_days=_positive(data, "standard_paid_days", "wages"),
            hours_per_day=_positive(data, "hours_per_day", "wages"),
            meal_allowance_per_day=_not_negative(data, "meal_allowance_per_day", "wages"),
            sick_leave_pay_rate=_fraction(data, "sick_leave_pay_rate", "wages"),
            overtime=rates,
        )

    @classmethod
    def load_default(cls) -> WagePolicy:
        return cls.from_dict(_default("KF-PAY_2019"))


@dataclass(frozen=True)
class Bracket:
    """Income above `above` (exclusive) up to the next bracket's is taxed at `rate`, less `quick_deduction`."""

    above: Decimal
    rate: Decimal
    quick_deduction: Decimal


def _brackets(items: Any, path: str) -> tuple[Bracket, ...]:
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise _invalid(path, "expected a non-empty list of brackets")
    found = []
    for n, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise _invalid(f"{path}[{n}]", "expected {above, rate, quick_deduction}")
        found.append(
            Bracket(
                _not_negative(item, "above", f"{path}[{n}]"),
                _fraction(item, "rate", f"{path}[{n}]"),
                _not_negative(item, "quick_deduction", f"{path}[{n}]"),
            )
        )
    if found[0].above != 0:
        raise _invalid(f"{path}[0].above", "the first bracket starts at 0")
    if any(a.above >= b.above or a.rate >= b.rate for a, b in pairwise(found)):
        raise _invalid(path, "brackets are listed with strictly increasing thresholds and rates")
    return tuple(found)


@dataclass(frozen=True)
class TaxPolicy(_Document):
    document_no: str
    version: str
    title: str
    basic_deduction_per_month: Decimal  # 5,000 yuan (基本减除费用)
    annual_brackets: tuple[Bracket, ...]  # 综合所得 annual table, applied to cumulative taxable income
    monthly_brackets: tuple[Bracket, ...]  # 按月换算后的综合所得税率表, for an annual bonus taxed apart
    annual_bonus_separate_until: date | None  # the last day a bonus may be taxed apart; None: never
    additional_caps: dict[str, Decimal]  # monthly cap of one claim of each special additional deduction

    def bonus_apart_allowed(self, on: date) -> bool:
        return self.annual_bonus_separate_until is not None and on <= self.annual_bonus_separate_until

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TaxPolicy:
        caps = data.get("additional_caps")
        if not isinstance(caps, Mapping):
            raise _invalid("additional_caps", "missing section")
        unknown = set(caps) - set(ADDITIONAL_KINDS)
        if unknown:
            raise _invalid("additional_caps", f"unknown deduction {sorted(unknown)[0]!r}")
        until = data.get("annual_bonus_separate_until")
        try:
            until_day = date.fromisoformat(until) if until else None
        except (TypeError, ValueError):
            raise _invalid("annual_bonus_separate_until", "expected a date YYYY-MM-DD or null") from None
        return cls(
            **_head(data),
            basic_deduction_per_month=_not_negative(data, "basic_deduction_per_month", "tax"),
            annual_brackets=_brackets(data.get("annual_brackets"), "annual_brackets"),
            monthly_brackets=_brackets(data.get("monthly_brackets"), "monthly_brackets"),
            annual_bonus_separate_until=until_day,
            additional_caps={k: _not_negative(caps, k, "additional_caps") for k in caps},
        )

    @classmethod
    def load_default(cls, name: str = "IIT_2023") -> TaxPolicy:
        return cls.from_dict(_default(name))


@dataclass(frozen=True)
class ContributionItem:
    code: str
    base_range: Range  # the city's lower and upper limit of the contribution base
    employee_rate: Decimal
    employer_rate: Decimal


@dataclass(frozen=True)
class ContributionPolicy(_Document):
    document_no: str
    version: str
    title: str
    city_code: str
    city_name: str
    items: tuple[ContributionItem, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ContributionPolicy:
        city_code = str(data.get("city_code", "")).strip()
        if not city_code:
            raise _invalid("city_code", "missing")
        items = data.get("items")
        if not isinstance(items, Sequence) or isinstance(items, str) or not items:
            raise _invalid("items", "expected a non-empty list of contribution items")
        parsed = []
        for n, item in enumerate(items):
            path = f"items[{n}]"
            code = str(item.get("code", "")) if isinstance(item, Mapping) else ""
            if code not in CONTRIBUTION_KINDS:
                raise _invalid(f"{path}.code", f"unknown item {code!r}")
            base_range = Range.parse(item.get("base_range"), f"{path}.base_range")
            if base_range.low < 0:
                raise _invalid(f"{path}.base_range", "a base limit cannot be negative")
            parsed.append(
                ContributionItem(
                    code, base_range, _fraction(item, "employee_rate", path), _fraction(item, "employer_rate", path)
                )
            )
        if len({i.code for i in parsed}) != len(parsed):
            raise _invalid("items", "each item is listed once")
        return cls(
            **_head(data), city_code=city_code, city_name=str(data.get("city_name", city_code)), items=tuple(parsed)
        )

    @classmethod
    def load_default(cls, name: str = "SI-FS_2025") -> ContributionPolicy:
        return cls.from_dict(_default(name))


def _default(name: str) -> dict[str, Any]:
    return json.loads((DEFAULTS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _dump(value: Any) -> Any:
    if isinstance(value, Range):
        return value.dump()
    if isinstance(value, (Decimal, date)):
        return str(value)
    if hasattr(value, "__dataclass_fields__"):
        return {k: _dump(getattr(value, k)) for k in asdict(value)}
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    return value
