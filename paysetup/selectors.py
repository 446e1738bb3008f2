"""Reads of the pay set-up, scoped per user.

Who reads an engineer's pay set-up is the pay rule of engineers.selectors.pay_scope: the engineer,
the manager of their department, HR, finance and general managers; nobody else learns it exists.
Among them only HR and finance read a bank account number in full: everyone else sees it through
`shown_account_no`, the one place pages, the API and the history decide what is masked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.roles import Role, has_role
from core.templatetags.money import percent, yuan
from engineers.models import AnnualBonusTaxChoice, BankAccount, Engineer, PayScheme, SpecialDeductionClaim
from engineers.selectors import month_bounds, pay_scope
from incentives.pay_policy import TAX_DOCUMENT, TaxPolicy
from ledger.models import PayPeriod, PeriodStatus
from policies.choices import AdditionalDeduction, Bank, ContributionKind, PieceRateMode, label_of
from policies.models import PolicyStatus, PolicyVersion
from policies.selectors import contribution_cities, pay_rules_in_force

from .accounts import looks_like_card, luhn_ok, mask_account_no
from .periods import latest_closed_period, month_closed, next_month

# Scopes --------------------------------------------------------------------------------------------------


def pay_engineers(user) -> QuerySet[Engineer]:
    """The engineers whose pay set-up `user` reads."""
    if not user.is_authenticated:
        return Engineer.objects.none()
    engineers = Engineer.objects.select_related("department")
    scope = pay_scope(user)
    return engineers if scope is None else engineers.filter(scope)


def _scoped(model, user) -> QuerySet:
    rows = model.objects.select_related("engineer", "engineer__department")
    if not user.is_authenticated:
        return rows.none()
    scope = pay_scope(user, "engineer__")
    return rows if scope is None else rows.filter(scope)


def pay_schemes_for(user) -> QuerySet[PayScheme]:
    return _scoped(PayScheme, user).order_by("engineer_id", "-effective_from")


def deduction_claims_for(user) -> QuerySet[SpecialDeductionClaim]:
    return _scoped(SpecialDeductionClaim, user).order_by("engineer_id", "first_month", "kind", "pk")


def bonus_tax_choices_for(user) -> QuerySet[AnnualBonusTaxChoice]:
    return _scoped(AnnualBonusTaxChoice, user).order_by("engineer_id", "-year")


def bank_accounts_for(user) -> QuerySet[BankAccount]:
    return _scoped(BankAccount, user).order_by("engineer_id")


def writes_pay_setup(user) -> bool:
    return has_role(user, Role.HR_CLERK)


def sees_full_account_no(user) -> bool:
    """HR keeps the numbers and finance pays into them; every other pay reader sees them masked."""
    return has_role(user, Role.HR_CLERK, Role.FINANCE)


def shown_account_no(user, account_no: str) -> str:
    """The account number as `user` may see it: in full for HR and finance, else masked."""
    return account_no if sees_full_account_no(user) else mask_account_no(account_no)


# Rules in force ------------------------------------------------------------------------------------------


def tax_rules_on(day: date) -> TaxPolicy | None:
    return pay_rules_in_force(day).tax


def tax_rules_over(first: date, last: date | None) -> list[tuple[date, TaxPolicy | None]]:
    """The income-tax rules in force on `first`, then each later version taking effect by `last`
    (None: every later version): (the day it applies from, its rules)."""
    later = PolicyVersion.objects.filter(
        document_no=TAX_DOCUMENT, status=PolicyStatus.APPROVED, effective_from__gt=first
    )
    if last is not None:
        later = later.filter(effective_from__lte=month_bounds(last.year, last.month)[1])
    days = [first, *sorted(set(later.values_list("effective_from", flat=True)))]
    return [(day, tax_rules_on(day)) for day in days]


def scheme_in_force(engineer: Engineer, month: date) -> PayScheme | None:
    """The scheme a month's close uses: the latest from a day on or before the month's last day."""
    last_day = month_bounds(month.year, month.month)[1]
    return engineer.pay_schemes.filter(effective_from__lte=last_day).order_by("-effective_from").first()


def scheme_notes(scheme: PayScheme, on: date | None = None) -> list[str]:
    """What the close will do with the contribution base under the city's rules in force on `on`
    (default: the scheme's first day): a base outside an item's limits is computed on the limit."""
    day = on or scheme.effective_from
    declared = scheme.contribution_base
    if not scheme.contribution_city:
        if declared > 0:
            return [_("No social insurance city: nothing is deducted, whatever the contribution base.")]
        return []
    city = pay_rules_in_force(day).cities.get(scheme.contribution_city)
    if city is None:
        return [
            _("%(city)s has no social insurance rules in force on %(day)s: nothing is deducted.")
            % {"city": scheme.contribution_city, "day": day.isoformat()}
        ]
    below: dict[Decimal, list[str]] = defaultdict(list)
    above: dict[Decimal, list[str]] = defaultdict(list)
    for item in city.items:
        if declared < item.base_range.low:
            below[item.base_range.low].append(label_of(ContributionKind, item.code))
        elif declared > item.base_range.high:
            above[item.base_range.high].append(label_of(ContributionKind, item.code))
    notes = []
    for limits, message in (
        (
            below,
            _("The contribution base %(base)s is below %(city)s's lower limit: the close uses %(parts)s."),
        ),
        (
            above,
            _("The contribution base %(base)s is above %(city)s's upper limit: the close uses %(parts)s."),
        ),
    ):
        if limits:
            parts = "; ".join(
                _("%(limit)s for %(items)s") % {"limit": yuan(limit), "items": "、".join(items)}
                for limit, items in sorted(limits.items())
            )
            notes.append(message % {"base": yuan(declared), "city": city.city_name, "parts": parts})
    return notes


def account_notes(account: BankAccount) -> list[str]:
    """What HR should check on an account: a card number failing its check digit, another holder."""
    notes = []
    if looks_like_card(account.account_no) and not luhn_ok(account.account_no):
        notes.append(
            _(
                "The card number %(number)s fails the card check digit (Luhn): compare it with the card. "
                "A few banks' cards do not use it, so it is kept as entered."
            )
            % {"number": mask_account_no(account.account_no)}
        )
    if account.account_name != account.engineer.name:
        notes.append(
            _("The holder (%(holder)s) is not %(name)s: banks refuse payroll into an account in another name.")
            % {"holder": account.account_name, "name": account.engineer.name}
        )
    return notes


# The engineer's pay set-up, as the page shows it ---------------------------------------------------------


@dataclass(frozen=True)
class SchemeRow:
    scheme: PayScheme
    in_force: bool  # the one this month's close uses
    locked: bool  # a closing or closed month used it (or may have): never edited
    city_name: str  # the contribution city's name, or its code when its rules are not in force today


@dataclass(frozen=True)
class ClaimRow:
    claim: SpecialDeductionClaim
    current: bool  # claimed this month
    can_end: bool
    can_delete: bool


@dataclass
class PaySetup:
    engineer: Engineer
    month: date
    schemes: list[SchemeRow]
    current: SchemeRow | None
    upcoming: PayScheme | None  # the first scheme, when none is in force yet this month
    current_notes: list[str]
    claims: list[ClaimRow]
    choices: list[AnnualBonusTaxChoice]
    account: BankAccount | None
    account_no: str  # as this user may see it
    account_masked: bool
    account_notes: list[str]
    can_write: bool
    latest_closed: PayPeriod | None
    first_open_month: date | None


def pay_setup(user, engineer: Engineer, today: date) -> PaySetup:
    """Everything the engineer page's pay panel shows, in a handful of queries."""
    month = today.replace(day=1)
    last_day = month_bounds(month.year, month.month)[1]
    latest = latest_closed_period()
    closed_years = set(
        PayPeriod.objects.filter(month=12).exclude(status=PeriodStatus.OPEN).values_list("year", flat=True)
    )
    schemes = list(engineer.pay_schemes.order_by("-effective_from"))
    in_force = next((s for s in schemes if s.effective_from <= last_day), None)
    cities = dict(contribution_cities(today))
    rows = [
        SchemeRow(
            s,
            s is in_force,
            month_closed(latest, s.effective_from),
            cities.get(s.contribution_city, s.contribution_city),
        )
        for s in schemes
    ]
    current = next((r for r in rows if r.in_force), None)
    claims = [
        ClaimRow(
            c,
            current=c.first_month <= month and (c.last_month is None or c.last_month >= month),
            can_end=c.last_month is None or c.last_month.year not in closed_years,
            can_delete=c.first_month.year not in closed_years,
        )
        for c in engineer.deduction_claims.order_by("first_month", "kind", "pk")
    ]
    account = BankAccount.objects.filter(engineer=engineer).select_related("engineer").first()
    full = sees_full_account_no(user)
    return PaySetup(
        engineer=engineer,
        month=month,
        schemes=rows,
        current=current,
        upcoming=schemes[-1] if schemes and current is None else None,
        current_notes=scheme_notes(current.scheme, max(month, current.scheme.effective_from)) if current else [],
        claims=claims,
        choices=list(engineer.bonus_tax_choices.order_by("-year")),
        account=account,
        account_no=shown_account_no(user, account.account_no) if account else "",
        account_masked=not full,
        account_notes=account_notes(account) if account and full else [],
        can_write=writes_pay_setup(user) and engineer.user_id != user.pk,
        latest_closed=latest,
        first_open_month=next_month(date(latest.year, latest.month, 1)) if latest else None,
    )


# History -------------------------------------------------------------------------------------------------

MONEY = {"base_wage", "post_wage", "contribution_base", "monthly_amount"}
MONTHS = {"first_month", "last_month"}
CHOICES = {"piece_rate_mode": PieceRateMode, "kind": AdditionalDeduction, "bank_code": Bank}
TRACKED = {
    PayScheme: [
        "effective_from",
        "base_wage",
        "post_wage",
        "probation_rate",
        "piece_rate_mode",
        "contribution_city",
        "contribution_base",
        "note",
    ],
    SpecialDeductionClaim: ["kind", "monthly_amount", "first_month", "last_month", "note"],
    AnnualBonusTaxChoice: ["year", "separately"],
    BankAccount: ["bank_code", "account_no", "account_name", "branch"],
}


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: object  # aware datetime
    user: object
    what: str
    action: str
    changes: list[Change]


def _shown(user, name: str, value, cities: dict[str, str]) -> str:
    if value is None or value == "":
        return "—"
    if name == "contribution_city":
        return cities.get(value, value)
    if name in MONEY:
        return yuan(value)
    if name == "probation_rate":
        return percent(value)
    if name in MONTHS:
        return f"{value:%Y-%m}"
    if name in CHOICES:
        return label_of(CHOICES[name], value)
    if name == "account_no":
        return shown_account_no(user, value)
    if name == "separately":
        return _("taxed separately") if value else _("taxed with wages")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def pay_history(user, engineer: Engineer, today: date, limit: int = 100) -> list[HistoryEntry]:
    """Who changed what in the engineer's pay set-up, newest first, each change old → new, with
    account numbers as `user` may see them. One query per model."""
    cities = dict(contribution_cities(today))
    entries = []
    for model, names in TRACKED.items():
        labels = {n: str(model._meta.get_field(n).verbose_name) for n in names}
        what = str(model._meta.verbose_name)
        records = model.history.filter(engineer_id=engineer.pk).select_related("history_user").order_by("history_id")
        previous: dict[int, object] = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            if record.history_type == "-":
                changes = [Change(labels[n], _shown(user, n, getattr(record, n), cities), "—") for n in names]
            else:
                changes = [
                    Change(
                        labels[n],
                        _shown(user, n, getattr(before, n), cities) if before else "—",
                        _shown(user, n, getattr(record, n), cities),
                    )
                    for n in names
                    if before is None or getattr(before, n) != getattr(record, n)
                ]
            if changes:
                action = record.get_history_type_display()
                entries.append(HistoryEntry(record.history_date, record.history_user, what, action, changes))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]
