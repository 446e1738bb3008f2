"""Writes of the pay set-up: pay schemes, special additional deduction claims, the annual-bonus tax
choice and the bank account.

Every service: HR clerks only (and never on their own pay), keyword-only, one transaction, the
acting user as the history row's user, the model's own rules checked before the save (a broken
rule is a message on its field, never an IntegrityError), and what the save noticed but did not
refuse returned beside the row (`Saved.notes`: a base the city's limits clamp, a card number that
fails its check digit, a catch-up of tax in the next close).

Closed months: a pay scheme used by a closing or closed month is never edited nor deleted, and a
new one never starts inside such a month (the close would have paid differently: a difference is
an adjustment in the open period). Claims are different by law: the cumulative withholding of the
next close catches up every month of the tax year, so a claim may start earlier in the year or end
earlier than entered, as long as its tax year's December is not closed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.errors import DomainError, PermissionDeniedError
from core.roles import Role, has_role
from core.templatetags.money import percent, yuan
from engineers.models import AnnualBonusTaxChoice, BankAccount, Engineer, PayScheme, SpecialDeductionClaim
from incentives.pay_policy import EXCLUSIVE_KINDS, PER_CHILD_KINDS
from policies.choices import AdditionalDeduction, Bank, PieceRateMode
from policies.selectors import contribution_cities, pay_rules_in_force

from . import selectors
from .accounts import MAX_DIGITS, MIN_DIGITS, normalize_account_no
from .errors import PaySetupErrorCode as Code
from .periods import december_closed, latest_closed_period, lock_months_from, month_closed, month_of, next_month

T = TypeVar("T", bound=models.Model)
FEN = Decimal("0.01")
MONEY_LIMIT = Decimal(10) ** 10  # DecimalField(max_digits=12, decimal_places=2)
RATE_STEP = Decimal("0.0001")  # a rate in percent to two decimals
FIRST_YEAR, LAST_YEAR = 2000, 2100

# The engine's rule (incentives/rules/income_tax.py), refused here at entry so a close never meets it:
# children's education and infant care are claimed per child (two children, two claims in the same
# months); every other kind once a month; housing loan interest or housing rent, never both.
PER_CHILD = frozenset(PER_CHILD_KINDS)
HOUSING = frozenset(EXCLUSIVE_KINDS)


@dataclass(frozen=True)
class Saved(Generic[T]):
    """A row as saved, with what the save noticed and did not refuse (shown as warnings)."""

    obj: T
    notes: list[str] = field(default_factory=list)


class _Problems:
    """Every field's broken rule at once, raised as one DomainError (the first one's code and message)."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.first: tuple[str, str] | None = None

    def add(self, code: str, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(str(message))
        self.first = self.first or (code, str(message))

    def raise_any(self) -> None:
        if self.first:
            raise DomainError(self.first[0], self.first[1], fields=self.fields)


def _label(model: type[models.Model], name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


def _month_label(month: date) -> str:
    return f"{month:%Y-%m}"


def _in_years(day: date) -> bool:
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _years_message() -> str:
    return _("Give a date from %(first)s to %(last)s.") % {"first": f"{FIRST_YEAR}-01-01", "last": f"{LAST_YEAR}-12-31"}


def _reloaded(model: type[T], pk: int) -> T:
    """The row again, under the engineer's lock: another clerk may have deleted it meanwhile."""
    row = model.objects.select_related("engineer").filter(pk=pk).first()
    if row is None:
        raise DomainError(Code.GONE, _("Someone deleted it meanwhile: reload the page."))
    return row


def _require_hr(user, engineer: Engineer) -> None:
    if not has_role(user, Role.HR_CLERK):
        raise PermissionDeniedError(Code.HR_ONLY, _("Only HR clerks change pay set-ups."))
    if engineer.user_id is not None and engineer.user_id == user.pk:
        raise PermissionDeniedError(Code.OWN_PAY, _("Your own pay set-up is changed by another HR clerk."))


def _locked_engineer(engineer: Engineer) -> Engineer:
    return Engineer.objects.select_for_update().select_related("department").get(pk=engineer.pk)


def _save(obj: T, user) -> T:
    """The model's own rules (fields, clean, constraints) as messages on their fields, then the save
    with the acting user on the history row."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        messages = exc.message_dict
        first = next(iter(messages.values()))[0]
        raise DomainError(Code.INVALID, first, fields=messages) from exc
    obj._history_user = user
    obj.save()
    return obj


def _check_money(problems: _Problems, name: str, label: str, value, *, positive: bool = False) -> Decimal | None:
    """Yuan to the fen: not negative (above zero when `positive`), at most two decimals, within the column."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        problems.add(Code.INVALID, name, _("%(field)s is an amount in yuan, e.g. 3500.00.") % {"field": label})
        return None
    if not amount.is_finite() or abs(amount) >= MONEY_LIMIT:
        problems.add(Code.AMOUNT_TOO_LARGE, name, _("%(field)s is too large.") % {"field": label})
    elif positive and amount <= 0:
        problems.add(Code.CLAIM_AMOUNT, name, _("%(field)s must be above zero.") % {"field": label})
    elif amount < 0:
        problems.add(Code.AMOUNT_NEGATIVE, name, _("%(field)s cannot be negative.") % {"field": label})
    elif amount != amount.quantize(FEN):
        problems.add(
            Code.AMOUNT_FEN, name, _("%(field)s is in yuan to the fen: at most two decimals.") % {"field": label}
        )
    else:
        return amount.quantize(FEN)
    return None


# Pay schemes ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemeInput:
    """What a pay scheme says, as HR enters it (the probation rate as a fraction: 0.8 is 80 %)."""

    effective_from: date
    base_wage: Decimal
    post_wage: Decimal = Decimal("0.00")
    probation_rate: Decimal = Decimal("0.8")
    piece_rate_mode: str = PieceRateMode.ADDS
    contribution_city: str = ""
    contribution_base: Decimal = Decimal("0.00")
    note: str = ""


def _scheme_values(data: SchemeInput) -> dict:
    problems = _Problems()
    values: dict = {"effective_from": data.effective_from, "note": (data.note or "").strip()}
    if not isinstance(data.effective_from, date):
        problems.add(Code.INVALID, "effective_from", _("Enter the day the scheme applies from."))
    elif not _in_years(data.effective_from):
        problems.add(Code.INVALID, "effective_from", _years_message())
    for name in ("base_wage", "post_wage", "contribution_base"):
        values[name] = _check_money(problems, name, _label(PayScheme, name), getattr(data, name))
    try:
        rate = Decimal(data.probation_rate)
    except (InvalidOperation, TypeError, ValueError):
        rate = Decimal("NaN")
    if not rate.is_finite() or not 0 <= rate <= 1:
        problems.add(
            Code.PROBATION_RATE,
            "probation_rate",
            _("The probation pay rate is a percentage from 0 % to 100 % of base and post wage."),
        )
    elif rate != rate.quantize(RATE_STEP):
        problems.add(Code.PROBATION_RATE, "probation_rate", _("Give the probation pay rate to 0.01 % at most."))
    elif isinstance(data.effective_from, date) and _in_years(data.effective_from):
        wage = pay_rules_in_force(data.effective_from).wage
        if wage is not None and rate < wage.min_probation_rate:
            problems.add(
                Code.PROBATION_RATE,
                "probation_rate",
                _(
                    "The probation pay rate %(rate)s is below the floor of %(version)s: at least %(floor)s of the "
                    "agreed wage (劳动合同法 第二十条)."
                )
                % {"rate": percent(rate), "version": wage.label, "floor": percent(wage.min_probation_rate)},
            )
    values["probation_rate"] = rate
    if data.piece_rate_mode not in PieceRateMode.values:
        problems.add(
            Code.INVALID,
            "piece_rate_mode",
            _("Choose whether piece-rate pay is added to the base wage or replaces it."),
        )
    values["piece_rate_mode"] = data.piece_rate_mode
    city = (data.contribution_city or "").strip()
    if city and isinstance(data.effective_from, date):
        cities = dict(contribution_cities(data.effective_from))
        if city not in cities:
            day = data.effective_from.isoformat()
            if cities:
                listed = "、".join(f"{name}({code})" for code, name in cities.items())
                message = _(
                    "%(city)s has no social insurance rules in force on %(day)s: choose one of %(cities)s, or none."
                ) % {"city": city, "day": day, "cities": listed}
            else:
                message = _("No city's social insurance rules are in force on %(day)s: leave the city empty.") % {
                    "day": day
                }
            problems.add(Code.UNKNOWN_CITY, "contribution_city", message)
    values["contribution_city"] = city
    if len(values["note"]) > 200:
        problems.add(Code.INVALID, "note", _("The note is at most 200 characters."))
    problems.raise_any()
    return values


def _closed_message_new(period, day: date) -> str:
    first_open = next_month(date(period.year, period.month, 1))
    return _(
        "Pay period %(period)s is %(status)s, so %(day)s is in a month already paid: a new scheme starts "
        "in an open month, from %(first)s on. Pay a difference for a closed month as an adjustment."
    ) % {
        "period": str(period),
        "status": period.get_status_display(),
        "day": day.isoformat(),
        "first": first_open.isoformat(),
    }


def _closed_message_used(period, scheme: PayScheme) -> str:
    first_open = next_month(date(period.year, period.month, 1))
    return _(
        "The scheme from %(day)s was used by pay period %(period)s (%(status)s): what a closed month "
        "used is never changed. Enter a new scheme from an open month (from %(first)s on) instead."
    ) % {
        "day": scheme.effective_from.isoformat(),
        "period": str(period),
        "status": period.get_status_display(),
        "first": first_open.isoformat(),
    }


def _refuse_same_day(engineer: Engineer, day: date, *, other_than: int | None = None) -> None:
    twins = PayScheme.objects.filter(engineer=engineer, effective_from=day)
    if other_than is not None:
        twins = twins.exclude(pk=other_than)
    if twins.exists():
        raise DomainError(
            Code.SCHEME_SAME_DAY,
            _("%(name)s already has a pay scheme from %(day)s: correct that one instead.")
            % {"name": engineer.name, "day": day.isoformat()},
            field="effective_from",
        )


@transaction.atomic
def pay_scheme_create(*, user, engineer: Engineer, data: SchemeInput) -> Saved[PayScheme]:
    """A new pay scheme from `data.effective_from` on: the earlier ones stay as they were (history)."""
    _require_hr(user, engineer)
    values = _scheme_values(data)
    lock_months_from(month_of(values["effective_from"]))
    engineer = _locked_engineer(engineer)
    latest = latest_closed_period()
    if month_closed(latest, values["effective_from"]):
        raise DomainError(
            Code.SCHEME_CLOSED_MONTH, _closed_message_new(latest, values["effective_from"]), field="effective_from"
        )
    _refuse_same_day(engineer, values["effective_from"])
    scheme = _save(PayScheme(engineer=engineer, **values), user)
    return Saved(scheme, selectors.scheme_notes(scheme))


@transaction.atomic
def pay_scheme_correct(*, user, scheme: PayScheme, data: SchemeInput) -> Saved[PayScheme]:
    """Correct a scheme no closed month used yet (one only in open months), in place."""
    _require_hr(user, scheme.engineer)
    values = _scheme_values(data)
    lock_months_from(month_of(min(scheme.effective_from, values["effective_from"])))
    engineer = _locked_engineer(scheme.engineer)
    scheme = _reloaded(PayScheme, scheme.pk)
    latest = latest_closed_period()
    if month_closed(latest, scheme.effective_from):
        raise DomainError(Code.SCHEME_CLOSED_MONTH, _closed_message_used(latest, scheme), field="effective_from")
    if month_closed(latest, values["effective_from"]):
        raise DomainError(
            Code.SCHEME_CLOSED_MONTH, _closed_message_new(latest, values["effective_from"]), field="effective_from"
        )
    _refuse_same_day(engineer, values["effective_from"], other_than=scheme.pk)
    for name, value in values.items():
        setattr(scheme, name, value)
    scheme = _save(scheme, user)
    return Saved(scheme, selectors.scheme_notes(scheme))


@transaction.atomic
def pay_scheme_delete(*, user, scheme: PayScheme) -> None:
    """Delete a scheme entered by mistake, if no closed month used it; its history row keeps what it said."""
    _require_hr(user, scheme.engineer)
    lock_months_from(month_of(scheme.effective_from))
    _locked_engineer(scheme.engineer)
    scheme = _reloaded(PayScheme, scheme.pk)
    latest = latest_closed_period()
    if month_closed(latest, scheme.effective_from):
        raise DomainError(Code.SCHEME_CLOSED_MONTH, _closed_message_used(latest, scheme))
    scheme._history_user = user
    scheme.delete()


# Special additional deduction claims ---------------------------------------------------------------------


def _check_month(problems: _Problems, name: str, value, *, required: bool) -> date | None:
    if value is None:
        if required:
            problems.add(Code.CLAIM_MONTH, name, _("Enter the first month of the claim."))
        return None
    if not isinstance(value, date) or value.day != 1:
        problems.add(Code.CLAIM_MONTH, name, _("A month is given as its first day, e.g. 2026-03-01."))
        return None
    if not _in_years(value):
        problems.add(Code.CLAIM_MONTH, name, _years_message())
        return None
    return value


def _require_tax_year_open(first_changed: date | None, *, name: str | None) -> None:
    """A change reaching back into a tax year whose December is closed cannot be caught up any more."""
    if first_changed is None:
        return
    period = december_closed(first_changed.year)
    if period is not None:
        raise DomainError(
            Code.CLAIM_TAX_YEAR_CLOSED,
            _(
                "The tax year %(year)s is over (pay period %(period)s is %(status)s): its deductions can no "
                "longer be caught up here, they go in the engineer's annual tax return. Change months from "
                "%(next)s on."
            )
            % {
                "year": first_changed.year,
                "period": str(period),
                "status": period.get_status_display(),
                "next": f"{first_changed.year + 1}-01",
            },
            field=name,
        )


def _check_caps(kind: str, amount: Decimal, first: date, last: date | None) -> None:
    """The amount within the cap of every income-tax version in force during the claim's months."""
    for day, tax in selectors.tax_rules_over(first, last):
        label = AdditionalDeduction(kind).label
        if tax is None:
            raise DomainError(
                Code.CLAIM_NO_TAX_RULES,
                _("No income-tax rules are in force on %(day)s, so the claim cannot be checked.")
                % {"day": day.isoformat()},
                field="first_month",
            )
        if kind not in tax.additional_caps:
            raise DomainError(
                Code.CLAIM_KIND,
                _("%(kind)s is not a special additional deduction under %(version)s (in force on %(day)s).")
                % {"kind": label, "version": tax.label, "day": day.isoformat()},
                field="kind",
            )
        cap = tax.additional_caps[kind]
        if amount > cap:
            raise DomainError(
                Code.CLAIM_CAP,
                _(
                    "%(amount)s a month is above the cap for %(kind)s: at most %(cap)s a month under %(version)s "
                    "(in force from %(day)s)."
                )
                % {
                    "amount": yuan(amount),
                    "kind": label,
                    "cap": yuan(cap),
                    "version": tax.label,
                    "day": day.isoformat(),
                },
                field="monthly_amount",
            )


def _overlaps(first: date, last: date | None):
    """Claims whose months meet [first, last] (None: open-ended)."""
    query = models.Q(last_month__isnull=True) | models.Q(last_month__gte=first)
    if last is not None:
        query &= models.Q(first_month__lte=last)
    return query


def _refuse_overlap(engineer: Engineer, kind: str, first: date, last: date | None, *, other_than=None) -> None:
    if kind in PER_CHILD:
        return
    kinds = HOUSING if kind in HOUSING else {kind}
    twins = SpecialDeductionClaim.objects.filter(_overlaps(first, last), engineer=engineer, kind__in=kinds)
    if other_than is not None:
        twins = twins.exclude(pk=other_than)
    twin = twins.order_by("first_month").first()
    if twin is None:
        return
    if twin.kind == kind:
        message = _("%(name)s already claims %(kind)s from %(first)s%(until)s: end that claim first.")
    else:
        message = _(
            "%(name)s already claims %(kind)s from %(first)s%(until)s: housing loan interest and housing rent "
            "are never claimed in the same month. End that claim first."
        )
    until = _(" until %(last)s") % {"last": _month_label(twin.last_month)} if twin.last_month else ""
    raise DomainError(
        Code.CLAIM_OVERLAP,
        message
        % {
            "name": engineer.name,
            "kind": twin.get_kind_display(),
            "first": _month_label(twin.first_month),
            "until": until,
        },
        field="first_month",
    )


def _catch_up_notes(first_changed: date | None) -> list[str]:
    """When the change reaches months already closed: the next close's cumulative tax catches up."""
    latest = latest_closed_period()
    if first_changed is None or not month_closed(latest, first_changed):
        return []
    return [
        _(
            "Months %(first)s to %(last)s are already closed: the next close's income tax catches up, "
            "as the cumulative withholding method does."
        )
        % {"first": _month_label(first_changed), "last": str(latest)}
    ]


@transaction.atomic
def deduction_claim_add(
    *,
    user,
    engineer: Engineer,
    kind: str,
    monthly_amount: Decimal,
    first_month: date,
    last_month: date | None = None,
    note: str = "",
) -> Saved[SpecialDeductionClaim]:
    """A claim of a special additional deduction from `first_month` (earlier in the tax year is fine:
    the next close catches the tax up) until `last_month` (None: until ended)."""
    _require_hr(user, engineer)
    problems = _Problems()
    if kind not in AdditionalDeduction.values:
        problems.add(Code.CLAIM_KIND, "kind", _("Choose the kind of special additional deduction."))
    amount = _check_money(
        problems, "monthly_amount", _label(SpecialDeductionClaim, "monthly_amount"), monthly_amount, positive=True
    )
    first = _check_month(problems, "first_month", first_month, required=True)
    last = _check_month(problems, "last_month", last_month, required=False)
    if first and last and last < first:
        problems.add(Code.CLAIM_ENDS_BEFORE_START, "last_month", _("The last month cannot be before the first."))
    note = (note or "").strip()
    if len(note) > 200:
        problems.add(Code.INVALID, "note", _("The note is at most 200 characters."))
    problems.raise_any()
    _check_caps(kind, amount, first, last)
    lock_months_from(first)
    engineer = _locked_engineer(engineer)
    _require_tax_year_open(first, name="first_month")
    _refuse_overlap(engineer, kind, first, last)
    claim = SpecialDeductionClaim(
        engineer=engineer, kind=kind, monthly_amount=amount, first_month=first, last_month=last, note=note
    )
    claim = _save(claim, user)
    return Saved(claim, _catch_up_notes(first))


@transaction.atomic
def deduction_claim_end(*, user, claim: SpecialDeductionClaim, last_month: date) -> Saved[SpecialDeductionClaim]:
    """The claim's last month (a claim ending earlier than entered catches the tax up in the next close)."""
    _require_hr(user, claim.engineer)
    problems = _Problems()
    last = _check_month(problems, "last_month", last_month, required=True)
    problems.raise_any()
    if last < claim.first_month:
        raise DomainError(
            Code.CLAIM_ENDS_BEFORE_START,
            _("The last month cannot be before the first (%(first)s).") % {"first": _month_label(claim.first_month)},
            field="last_month",
        )
    lock_months_from(claim.first_month)
    _locked_engineer(claim.engineer)
    claim = _reloaded(SpecialDeductionClaim, claim.pk)
    if claim.last_month == last:
        return Saved(claim, [])
    # The months that change: from the month after the earlier of the old and the new end.
    first_changed = next_month(min(last, claim.last_month)) if claim.last_month else next_month(last)
    _require_tax_year_open(first_changed, name="last_month")
    if claim.last_month is None or last > claim.last_month:
        _check_caps(claim.kind, claim.monthly_amount, claim.first_month, last)
        _refuse_overlap(claim.engineer, claim.kind, claim.first_month, last, other_than=claim.pk)
    claim.last_month = last
    claim = _save(claim, user)
    return Saved(claim, _catch_up_notes(first_changed))


@transaction.atomic
def deduction_claim_delete(*, user, claim: SpecialDeductionClaim) -> Saved[SpecialDeductionClaim]:
    """Delete a claim entered by mistake (its tax year still open): the next close takes it back out."""
    _require_hr(user, claim.engineer)
    lock_months_from(claim.first_month)
    _locked_engineer(claim.engineer)
    claim = _reloaded(SpecialDeductionClaim, claim.pk)
    _require_tax_year_open(claim.first_month, name=None)
    notes = _catch_up_notes(claim.first_month)
    claim._history_user = user
    claim.delete()
    return Saved(claim, notes)


# The annual-bonus tax choice -----------------------------------------------------------------------------


@transaction.atomic
def bonus_tax_choice_set(*, user, engineer: Engineer, year: int, separately: bool) -> Saved[AnnualBonusTaxChoice]:
    """Tax the year's December annual awards apart from wages (全年一次性奖金单独计税), or with them.

    Apart only where the income-tax rules in force for that December allow it; never once the
    December period is closing or closed (its bonus was taxed as chosen then)."""
    _require_hr(user, engineer)
    if not isinstance(year, int) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            Code.BONUS_YEAR,
            _("Give the year as four digits, from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="year",
        )
    december = date(year, 12, 31)
    if separately:
        tax = selectors.tax_rules_on(december)
        if tax is None or not tax.bonus_apart_allowed(december):
            if tax is None:
                message = _("No income-tax rules are in force for December %(year)s: the bonus is taxed with wages.")
            elif tax.annual_bonus_separate_until is None:
                message = _("%(version)s, in force for December %(year)s, does not allow taxing the bonus separately.")
            else:
                message = _(
                    "%(version)s, in force for December %(year)s, allowed taxing the bonus separately only until "
                    "%(until)s."
                )
            raise DomainError(
                Code.BONUS_NOT_ALLOWED,
                message
                % {
                    "year": year,
                    "version": tax.label if tax else "",
                    "until": tax.annual_bonus_separate_until.isoformat()
                    if tax and tax.annual_bonus_separate_until
                    else "",
                },
                field="separately",
            )
    lock_months_from(date(year, 12, 1))
    engineer = _locked_engineer(engineer)
    period = december_closed(year)
    if period is not None:
        raise DomainError(
            Code.BONUS_DECEMBER_CLOSED,
            _("Pay period %(period)s is %(status)s: its annual bonus was taxed as chosen then.")
            % {"period": str(period), "status": period.get_status_display()},
            field="year",
        )
    choice = AnnualBonusTaxChoice.objects.filter(engineer=engineer, year=year).first()
    if choice is not None and choice.separately == separately:
        return Saved(choice, [])
    choice = choice or AnnualBonusTaxChoice(engineer=engineer, year=year)
    choice.separately = separately
    return Saved(_save(choice, user), [])


# The bank account ----------------------------------------------------------------------------------------


@transaction.atomic
def bank_account_set(
    *, user, engineer: Engineer, bank_code: str, account_no: str, account_name: str, branch: str = ""
) -> Saved[BankAccount]:
    """Where the engineer's net pay goes: one account per engineer, changed in place with its history."""
    _require_hr(user, engineer)
    problems = _Problems()
    digits = normalize_account_no(account_no)
    holder, branch = (account_name or "").strip(), (branch or "").strip()
    if bank_code not in Bank.values:
        problems.add(Code.BANK_UNKNOWN, "bank_code", _("Choose the bank from the list."))
    if not re.fullmatch(r"[0-9]+", digits):
        problems.add(Code.ACCOUNT_DIGITS, "account_no", _("The account number is digits only (spaces are ignored)."))
    elif not MIN_DIGITS <= len(digits) <= MAX_DIGITS:
        problems.add(
            Code.ACCOUNT_LENGTH,
            "account_no",
            _("The account number has %(n)s digits: a bank card or account number has %(min)s to %(max)s.")
            % {"n": len(digits), "min": MIN_DIGITS, "max": MAX_DIGITS},
        )
    if not holder:
        problems.add(Code.HOLDER_REQUIRED, "account_name", _("Enter the account holder's name as the bank has it."))
    elif len(holder) > 50:
        problems.add(Code.INVALID, "account_name", _("The holder's name is at most 50 characters."))
    if bank_code == Bank.OTHER and not branch:
        problems.add(
            Code.BANK_BRANCH_REQUIRED, "branch", _("For a bank not in the list, name the bank and its branch here.")
        )
    elif len(branch) > 100:
        problems.add(Code.INVALID, "branch", _("The branch is at most 100 characters."))
    problems.raise_any()
    engineer = _locked_engineer(engineer)
    account = BankAccount.objects.filter(engineer=engineer).first() or BankAccount(engineer=engineer)
    new = (bank_code, digits, holder, branch)
    if account.pk and (account.bank_code, account.account_no, account.account_name, account.branch) == new:
        return Saved(account, selectors.account_notes(account))
    account.bank_code, account.account_no, account.account_name, account.branch = new
    account = _save(account, user)
    return Saved(account, selectors.account_notes(account))
