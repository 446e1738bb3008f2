"""The pay rules' numbers, as versioned documents beside FS-MS-KF-13: wages, income tax, each city's contributions.

Three kinds of document, each parsed and validated here and stored as a PolicyVersion's parameters:

- the wage standard (`WagePolicy`, document "KF-PAY"): paid days a month (21.75), hours a day,
  the meal allowance per day worked, the share of pay for a sick day, overtime multipliers;
- the income-tax rules (`TaxPolicy`, document "IIT"): the basic deduction per month, the annual
  table of the cumulative withholding method, the monthly-converted table for an annual bonus taxed
  apart, until when that choice is allowed, and the monthly cap of each special additional deduction;
- one city's social insurance and housing fund (`ContributionPolicy`, document "SI-<city code>"):
  per item the base's lower and upper limits and the employee's and employer's rates.

Like `Policy.from_dict`, each `from_dict` names the bad path in its error: the key as the document
spells it ("overtime.weekday", "annual_brackets[2].quick_deduction", "items[5].employee_rate").
Besides the shape, validation refuses a document that would pay or withhold against the law:
overtime multipliers below the Labour Law's 150 % / 200 % / 300 % (劳动法 第四十四条), a probation
floor below 80 % (劳动合同法 第二十条), a tax table whose quick deductions do not match its rates
(the tax would jump at a threshold), a monthly-converted table that is not the annual one ÷ 12,
and a housing-fund rate above 12 % (the most that is deductible before tax, 财税〔2006〕10号).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any

from .errors import IncentiveError
from .money import to_decimal
from .policy import DEFAULTS_DIR, Range, _invalid

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
# Claimed per child: each child is its own claim, each held to the cap. Every other kind is one
# amount per taxpayer a month (国发〔2018〕41号, 国发〔2022〕8号).
PER_CHILD_KINDS = ("children_education", "infant_care")
# Housing loan interest and housing rent are never deducted for the same month (国发〔2018〕41号 第十九条).
EXCLUSIVE_KINDS = ("housing_loan", "housing_rent")
# The law's floors, checked when a document is validated (a version may be more generous, never less).
LEGAL_MIN_OVERTIME = {"weekday": Decimal("1.5"), "rest_day": Decimal("2"), "holiday": Decimal("3")}
LEGAL_MIN_PROBATION_RATE = Decimal("0.80")
HOUSING_FUND_MAX_RATE = Decimal("0.12")


def _head(data: Mapping) -> dict[str, str]:
    return {k: str(data.get(k, "")) for k in ("document_no", "version", "title")}


def _at(path: str, key: str) -> str:
    """The path of `key` inside `path`, as the document spells it ("overtime.weekday", or "title" at the top)."""
    return f"{path}.{key}" if path else key


def _mapping(value: Any, path: str) -> Mapping:
    if not isinstance(value, Mapping):
        raise _invalid(path or "document", "missing section" if value is None else "expected an object")
    return value


def _number(data: Mapping, key: str, path: str = "") -> Decimal:
    """A number the document writes as a string or an integer; a float or text that is no number is refused."""
    where = _at(path, key)
    if key not in data:
        raise _invalid(where, "missing")
    value = data[key]
    if isinstance(value, float):
        raise _invalid(where, 'write numbers as strings, e.g. "0.05"', value=repr(value))
    try:
        return to_decimal(value, field=where, rule="policy")
    except IncentiveError as exc:
        raise _invalid(where, exc.message.split(": ", 1)[-1], value=repr(value)) from None


def _fraction(data: Mapping, key: str, path: str = "", high: Decimal = Decimal(1)) -> Decimal:
    value = _number(data, key, path)
    if not 0 <= value <= high:
        raise _invalid(_at(path, key), f"must be between 0 and {high}", allowed=f"0–{high}", value=str(value))
    return value


def _positive(data: Mapping, key: str, path: str = "", high: Decimal | None = None) -> Decimal:
    value = _number(data, key, path)
    if value <= 0 or (high is not None and value > high):
        allowed = "> 0" if high is None else f"0 < value ≤ {high}"
        raise _invalid(
            _at(path, key),
            f"must be above zero{'' if high is None else f' and at most {high}'}",
            allowed=allowed,
            value=str(value),
        )
    return value


def _not_negative(data: Mapping, key: str, path: str = "") -> Decimal:
    value = _number(data, key, path)
    if value < 0:
        raise _invalid(_at(path, key), "cannot be negative", allowed="≥ 0", value=str(value))
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
    standard_paid_days: Decimal  # 21.75: (365 − 104 rest days) ÷ 12 (劳社部发〔2008〕3号)
    hours_per_day: Decimal
    meal_allowance_per_day: Decimal
    sick_leave_pay_rate: Decimal  # share of a day's wage paid for a sick day
    overtime: OvertimeRates
    # The lowest probation rate a pay scheme may use: 80 % of the agreed wage (劳动合同法 第二十条).
    min_probation_rate: Decimal = LEGAL_MIN_PROBATION_RATE

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> WagePolicy:
        data = _mapping(data, "")
        ot = _mapping(data.get("overtime"), "overtime")
        unknown = sorted(set(ot) - set(OVERTIME_KINDS))
        if unknown:
            raise _invalid(
                f"overtime.{unknown[0]}", f"unknown overtime kind; the kinds are {', '.join(OVERTIME_KINDS)}"
            )
        rates = {}
        for kind in OVERTIME_KINDS:
            rates[kind] = _number(ot, kind, "overtime")
            if rates[kind] < LEGAL_MIN_OVERTIME[kind]:
                raise _invalid(
                    f"overtime.{kind}",
                    f"the Labour Law (art. 44) pays this overtime at least {LEGAL_MIN_OVERTIME[kind]} × the wage",
                    allowed=f"≥ {LEGAL_MIN_OVERTIME[kind]}",
                    value=str(rates[kind]),
                )
        min_probation = _number({"min_probation_rate": str(LEGAL_MIN_PROBATION_RATE), **data}, "min_probation_rate")
        if not LEGAL_MIN_PROBATION_RATE <= min_probation <= 1:
            raise _invalid(
                "min_probation_rate",
                f"probation pay is at least {LEGAL_MIN_PROBATION_RATE} of the agreed wage "
                "(劳动合同法 第二十条), at most 1",
                allowed=f"{LEGAL_MIN_PROBATION_RATE}–1",
                value=str(min_probation),
            )
        return cls(
            **_head(data),
            standard_paid_days=_positive(data, "standard_paid_days", high=Decimal(31)),
            hours_per_day=_positive(data, "hours_per_day", high=Decimal(24)),
            meal_allowance_per_day=_not_negative(data, "meal_allowance_per_day"),
            sick_leave_pay_rate=_fraction(data, "sick_leave_pay_rate"),
            overtime=OvertimeRates(**rates),
            min_probation_rate=min_probation,
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
    """A progressive table as listed: from 0, thresholds and rates strictly increasing."""
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise _invalid(path, "expected a non-empty list of brackets")
    found = []
    for n, item in enumerate(items):
        where = f"{path}[{n}]"
        if not isinstance(item, Mapping):
            raise _invalid(where, "expected {above, rate, quick_deduction}")
        found.append(
            Bracket(
                _not_negative(item, "above", where),
                _fraction(item, "rate", where),
                _not_negative(item, "quick_deduction", where),
            )
        )
    if found[0].above != 0:
        raise _invalid(f"{path}[0].above", "the first bracket starts at 0", allowed="0", value=str(found[0].above))
    for n, (low, high) in enumerate(pairwise(found), start=1):
        if high.above <= low.above:
            raise _invalid(f"{path}[{n}].above", f"thresholds increase: this one must be above {low.above}")
        if high.rate <= low.rate:
            raise _invalid(f"{path}[{n}].rate", f"rates increase: this one must be above {low.rate}")
    return tuple(found)


def _continuous(brackets: tuple[Bracket, ...], path: str) -> None:
    """Each quick deduction keeps the tax continuous (quick_n = quick_n−1 + above_n × (rate_n − rate_n−1)), so
    a typo cannot make the tax jump at a threshold."""
    if brackets[0].quick_deduction != 0:
        raise _invalid(f"{path}[0].quick_deduction", "the first bracket has no quick deduction", allowed="0")
    for n, (low, high) in enumerate(pairwise(brackets), start=1):
        continuous = low.quick_deduction + high.above * (high.rate - low.rate)
        if high.quick_deduction != continuous:
            raise _invalid(
                f"{path}[{n}].quick_deduction",
                f"is {high.quick_deduction}, but {low.quick_deduction} + {high.above} × ({high.rate} − {low.rate}) "
                f"= {continuous}: otherwise the tax jumps at {high.above}",
                allowed=str(continuous),
                value=str(high.quick_deduction),
            )


@dataclass(frozen=True)
class TaxPolicy(_Document):
    document_no: str
    version: str
    title: str
    basic_deduction_per_month: Decimal  # 5,000 yuan (基本减除费用)
    annual_brackets: tuple[Bracket, ...]  # 综合所得 annual table, applied to cumulative taxable income
    monthly_brackets: tuple[Bracket, ...]  # 按月换算后的综合所得税率表, for an annual bonus taxed apart
    annual_bonus_separate_until: date | None  # the last day a bonus may be taxed apart; None: never
    additional_caps: dict[str, Decimal]  # monthly cap of each special additional deduction (per child or per taxpayer)

    def bonus_apart_allowed(self, on: date) -> bool:
        return self.annual_bonus_separate_until is not None and on <= self.annual_bonus_separate_until

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TaxPolicy:
        data = _mapping(data, "")
        caps = _mapping(data.get("additional_caps"), "additional_caps")
        unknown = sorted(set(caps) - set(ADDITIONAL_KINDS))
        if unknown:
            raise _invalid(
                f"additional_caps.{unknown[0]}",
                f"unknown special additional deduction; the kinds are {', '.join(ADDITIONAL_KINDS)}",
            )
        until = data.get("annual_bonus_separate_until")
        try:
            until_day = date.fromisoformat(until) if until else None
        except (TypeError, ValueError):
            raise _invalid(
                "annual_bonus_separate_until", "expected a date YYYY-MM-DD or null", value=repr(until)
            ) from None
        annual = _brackets(data.get("annual_brackets"), "annual_brackets")
        monthly = _brackets(data.get("monthly_brackets"), "monthly_brackets")
        if len(monthly) != len(annual):
            raise _invalid("monthly_brackets", "the monthly-converted table has the annual table's brackets ÷ 12")
        for n, (m, a) in enumerate(zip(monthly, annual, strict=True)):
            if m.above * 12 != a.above:
                raise _invalid(
                    f"monthly_brackets[{n}].above",
                    f"is the annual threshold ÷ 12: {a.above} ÷ 12",
                    allowed=str(a.above / 12),
                    value=str(m.above),
                )
            if m.rate != a.rate:
                raise _invalid(f"monthly_brackets[{n}].rate", "is the annual table's rate", allowed=str(a.rate))
        _continuous(annual, "annual_brackets")
        _continuous(monthly, "monthly_brackets")
        return cls(
            **_head(data),
            basic_deduction_per_month=_not_negative(data, "basic_deduction_per_month"),
            annual_brackets=annual,
            monthly_brackets=monthly,
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
        data = _mapping(data, "")
        city_code = str(data.get("city_code", "")).strip()
        if not city_code:
            raise _invalid("city_code", "missing")
        document_no = str(data.get("document_no", "")).strip()
        if document_no and document_no != f"{CONTRIBUTION_PREFIX}{city_code}":
            raise _invalid(
                "document_no",
                f"a city's contributions are document {CONTRIBUTION_PREFIX}{city_code}",
                allowed=f"{CONTRIBUTION_PREFIX}{city_code}",
                value=document_no,
            )
        items = data.get("items")
        if not isinstance(items, Sequence) or isinstance(items, str) or not items:
            raise _invalid("items", "expected a non-empty list of contribution items")
        parsed: list[ContributionItem] = []
        for n, item in enumerate(items):
            path = f"items[{n}]"
            if not isinstance(item, Mapping):
                raise _invalid(path, "expected {code, base_range, employee_rate, employer_rate}")
            code = str(item.get("code", ""))
            if code not in CONTRIBUTION_KINDS:
                raise _invalid(f"{path}.code", f"unknown item {code!r}; the items are {', '.join(CONTRIBUTION_KINDS)}")
            if any(p.code == code for p in parsed):
                raise _invalid(f"{path}.code", f"{code} is listed twice")
            base_range = Range.parse(item.get("base_range"), f"{path}.base_range")
            if base_range.low < 0:
                raise _invalid(f"{path}.base_range", "a base limit cannot be negative")
            high = HOUSING_FUND_MAX_RATE if code == "housing_fund" else Decimal(1)
            parsed.append(
                ContributionItem(
                    code,
                    base_range,
                    _fraction(item, "employee_rate", path, high=high),
                    _fraction(item, "employer_rate", path, high=high),
                )
            )
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
