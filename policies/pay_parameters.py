"""The pay documents' numbers in words: the wage standard (KF-PAY), the income-tax rules (IIT), a city's
social insurance and housing fund (SI-<city>), as policies.parameters does for FS-MS-KF-13.

Each list is built from the version's normalised parameters (the engine's `to_dict()`), in the document's
order; tables (tax brackets, contribution items) are `Table`s whose cells are Parameters. Every Parameter
carries the path the engine names in its errors (`source`), so an engine refusal names the field in words.
Rates (and the overtime multipliers) are shown and taken in percent, exactly; money in yuan.

`complete=True` (the revision form) adds what a version may leave out: each special additional deduction
the tax rules do not list yet, each contribution item the city does not levy (a blank row).
"""

from __future__ import annotations

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incentives.pay_policy import ADDITIONAL_KINDS, CONTRIBUTION_KINDS, OVERTIME_KINDS

from .choices import AdditionalDeduction, ContributionKind, OvertimeKind
from .parameters import DATE, DAYS, HOURS, MONEY, MULTIPLIER, NUMBER, RATE, TEXT, Column, Parameter, lazy_label, table

# ---- the wage standard (KF-PAY) ----------------------------------------------------------------------------

G_DAYS = _("Paid days and hours")
G_ALLOWANCE = _("Meal allowance and sick pay")
G_OVERTIME = _("Overtime pay")


def wage_parameters(params: dict, *, complete: bool = False) -> list:
    """Paid days a month, hours a day, the meal allowance, sick pay, the overtime multipliers."""
    out = [
        Parameter(
            "standard_paid_days",
            ("standard_paid_days",),
            _("Paid days a month"),
            NUMBER,
            DAYS,
            G_DAYS,
            source="wages.standard_paid_days",
        ),
        Parameter(
            "hours_per_day",
            ("hours_per_day",),
            _("Working hours a day"),
            NUMBER,
            HOURS,
            G_DAYS,
            source="wages.hours_per_day",
        ),
        Parameter(
            "meal_allowance_per_day",
            ("meal_allowance_per_day",),
            _("Meal allowance per day worked"),
            MONEY,
            group=G_ALLOWANCE,
            source="wages.meal_allowance_per_day",
        ),
        Parameter(
            "sick_leave_pay_rate",
            ("sick_leave_pay_rate",),
            _("Sick-leave day paid at, of a day's wage"),
            RATE,
            group=G_ALLOWANCE,
            source="wages.sick_leave_pay_rate",
        ),
    ]
    for kind in OVERTIME_KINDS:
        out.append(
            Parameter(
                f"overtime_{kind}",
                ("overtime", kind),
                format_lazy(_("{}: of the hourly wage"), lazy_label(OvertimeKind, kind)),
                MULTIPLIER,
                group=G_OVERTIME,
                source=f"overtime.{kind}",
            )
        )
    return out


WAGE_PATHS = {"overtime": G_OVERTIME, "wages": _("Wage standard")}

# ---- the income-tax rules (IIT) ----------------------------------------------------------------------------

G_WITHHOLDING = _("Cumulative withholding")
ANNUAL_TABLE = _("Annual tax table (cumulative withholding)")
MONTHLY_TABLE = _("Monthly-converted tax table (annual bonus taxed apart)")
G_BONUS = _("Annual bonus taxed apart")
G_CAPS = _("Special additional deductions: monthly amount per claim")
BRACKET_COLUMNS = (
    Column("above", ("above",), _("Taxable income above"), MONEY),
    Column("rate", ("rate",), _("Tax rate"), RATE),
    Column("quick_deduction", ("quick_deduction",), _("Quick deduction"), MONEY),
)


def bracket_words(number: int):
    return format_lazy(_("Bracket {}"), number)


BLANK_BRACKETS = 2  # rows the revision form offers to add brackets (a cleared row removes one)


def brackets(params: dict, name: str, words, *, blank: int = 0) -> object:
    """One tax table as a Table of numbered brackets (and `blank` empty rows after them)."""
    count = len(params.get(name) or ())
    rows = [(n + 1, bracket_words(n + 1), n if n < count else None) for n in range(count + blank)]
    return table(name, words, BRACKET_COLUMNS, rows, group=words)


def tax_parameters(params: dict, *, complete: bool = False) -> list:
    """The basic deduction, both tax tables, the annual-bonus deadline, each special additional deduction's cap."""
    out: list = [
        Parameter(
            "basic_deduction_per_month",
            ("basic_deduction_per_month",),
            _("Basic deduction per month"),
            MONEY,
            group=G_WITHHOLDING,
            source="tax.basic_deduction_per_month",
        ),
        brackets(params, "annual_brackets", ANNUAL_TABLE, blank=BLANK_BRACKETS if complete else 0),
        brackets(params, "monthly_brackets", MONTHLY_TABLE, blank=BLANK_BRACKETS if complete else 0),
        Parameter(
            "annual_bonus_separate_until",
            ("annual_bonus_separate_until",),
            _("An annual bonus may be taxed apart until"),
            DATE,
            group=G_BONUS,
            source="annual_bonus_separate_until",
            optional=True,
        ),
    ]
    caps = params.get("additional_caps") or {}
    for code in ADDITIONAL_KINDS:
        if complete or code in caps:
            out.append(
                Parameter(
                    f"cap_{code}",
                    ("additional_caps", code),
                    lazy_label(AdditionalDeduction, code),
                    MONEY,
                    group=G_CAPS,
                    source=f"additional_caps.{code}",
                    optional=True,
                )
            )
    return out


TAX_PATHS = {
    "annual_brackets": ANNUAL_TABLE,
    "monthly_brackets": MONTHLY_TABLE,
    "annual_bonus_separate_until": _("An annual bonus may be taxed apart until"),
    "additional_caps": G_CAPS,
    "tax": _("Income tax rules"),
}

# ---- a city's social insurance and housing fund (SI-<city>) ------------------------------------------------

G_CITY = _("City")
ITEMS = pgettext_lazy("policy document", "Social insurance and housing fund")
ITEM_COLUMNS = (
    Column("base_low", ("base_range", 0), _("Base lower limit"), MONEY),
    Column("base_high", ("base_range", 1), _("Base upper limit"), MONEY),
    Column("employee_rate", ("employee_rate",), _("Employee rate"), RATE),
    Column("employer_rate", ("employer_rate",), _("Employer rate"), RATE),
)


def _item_words(table_words, row_words, column_words):
    return format_lazy(_("{row}: {column}"), row=row_words, column=column_words)


def contribution_parameters(params: dict, *, complete: bool = False) -> list:
    """The city's name, then per item (pension … housing fund) the base limits and both rates."""
    codes = [str(item.get("code", "")) for item in params.get("items") or ()]
    rows = [(code, lazy_label(ContributionKind, code), n) for n, code in enumerate(codes)]
    if complete:  # the items this city does not levy, as blank rows to add
        rows += [(code, lazy_label(ContributionKind, code), None) for code in CONTRIBUTION_KINDS if code not in codes]
    return [
        Parameter("city_name", ("city_name",), _("City name"), TEXT, group=G_CITY, source="city_name"),
        table("items", ITEMS, ITEM_COLUMNS, rows, group=ITEMS, keyed=True, cell_words=_item_words),
    ]


CONTRIBUTION_PATHS = {"items": ITEMS, "city_code": _("City code"), "city_name": _("City name")}
