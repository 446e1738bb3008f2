"""The pay set-up's services: who writes, what each refuses and why, what a closed month protects,
the caps read from the tax rules in force, and the history each change leaves."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from core.errors import DomainError, PermissionDeniedError
from engineers.models import AnnualBonusTaxChoice, BankAccount, PayScheme, SpecialDeductionClaim
from incentives.policy import DEFAULTS_DIR
from ledger.models import PayPeriod
from paysetup import services
from paysetup.errors import PaySetupErrorCode as Code
from paysetup.tests.conftest import scheme
from policies.models import PolicyVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


def tax_version(version: str, effective_from: date, **changes) -> PolicyVersion:
    """A new approved income-tax version: the 2023 rules with `changes` (caps under "caps")."""
    params = json.loads((DEFAULTS_DIR / "IIT_2023.json").read_text(encoding="utf-8"))
    params["version"] = version
    params["additional_caps"].update(changes.pop("caps", {}))
    params.update(changes)
    return PolicyVersion.objects.create(
        document_no="IIT",
        version=version,
        title=params["title"],
        effective_from=effective_from,
        status="approved",
        parameters=params,
        approved_at=timezone.now(),
    )


# Who writes ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["finance", "gm", "manager", "li_user", "supervisor"])
def test_only_hr_clerks_write_pay_set_ups(pay_company, role):
    c = pay_company
    user = getattr(c, role)
    calls = [
        (services.pay_scheme_create, {"engineer": c.li, "data": scheme()}),
        (
            services.deduction_claim_add,
            {
                "engineer": c.li,
                "kind": "housing_rent",
                "monthly_amount": Decimal(1500),
                "first_month": date(2026, 1, 1),
            },
        ),
        (services.bonus_tax_choice_set, {"engineer": c.li, "year": 2026, "separately": True}),
        (
            services.bank_account_set,
            {"engineer": c.li, "bank_code": "ICBC", "account_no": "6222021234567890128", "account_name": "李娜"},
        ),
    ]
    for call, kwargs in calls:
        with pytest.raises(PermissionDeniedError) as caught:
            call(user=user, **kwargs)
        assert caught.value.code == Code.HR_ONLY
    assert not PayScheme.objects.exists() and not SpecialDeductionClaim.objects.exists()
    assert not AnnualBonusTaxChoice.objects.exists() and not BankAccount.objects.exists()


def test_an_hr_clerk_never_changes_their_own_pay(pay_company):
    c = pay_company
    c.li_user.groups.add(c.hr.groups.get())
    with pytest.raises(PermissionDeniedError) as caught:
        services.pay_scheme_create(user=c.li_user, engineer=c.li, data=scheme())
    assert caught.value.code == Code.OWN_PAY
    services.pay_scheme_create(user=c.li_user, engineer=c.zhang, data=scheme())  # someone else's: fine


# Pay schemes ---------------------------------------------------------------------------------------------


def test_a_new_scheme_is_saved_with_its_author_in_the_history(pay_company):
    c = pay_company
    saved = services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme(base_wage=Decimal("3500")))
    row = PayScheme.objects.get()
    assert (row.base_wage, row.post_wage, row.probation_rate, row.contribution_city) == (
        Decimal("3500.00"),
        Decimal("800.00"),
        Decimal("0.8000"),
        "FS",
    )
    assert saved.notes == []  # 6,000 is inside every one of Foshan's limits
    [record] = row.history.all()
    assert (record.history_type, record.history_user) == ("+", c.hr)


def test_a_change_of_pay_is_a_new_row_and_the_old_one_stays(pay_company):
    c = pay_company
    services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme())
    services.pay_scheme_create(
        user=c.hr, engineer=c.li, data=scheme(effective_from=date(2027, 3, 16), base_wage=Decimal("3800.00"))
    )
    assert list(c.li.pay_schemes.values_list("effective_from", "base_wage")) == [
        (date(2027, 3, 16), Decimal("3800.00")),
        (date(2026, 12, 1), Decimal("3500.00")),
    ]
    error = refused(services.pay_scheme_create, user=c.hr, engineer=c.li, data=scheme(base_wage=Decimal(1)))
    assert error.code == Code.SCHEME_SAME_DAY
    assert error.fields == {
        "effective_from": ["李娜 already has a pay scheme from 2026-12-01: correct that one instead."]
    }


def test_every_broken_field_is_named_at_once_and_nothing_is_saved(pay_company):
    c = pay_company
    error = refused(
        services.pay_scheme_create,
        user=c.hr,
        engineer=c.li,
        data=scheme(
            base_wage=Decimal("-1.00"),
            post_wage=Decimal("100.005"),
            probation_rate=Decimal("1.2"),
            contribution_city="BJ",
            contribution_base=Decimal("1e12"),
        ),
    )
    assert error.fields == {
        "base_wage": ["Base wage cannot be negative."],
        "post_wage": ["Post wage is in yuan to the fen: at most two decimals."],
        "contribution_base": ["Contribution base is too large."],
        "probation_rate": ["The probation pay rate is a percentage from 0 % to 100 % of base and post wage."],
        "contribution_city": [
            "BJ has no social insurance rules in force on 2026-12-01: choose one of "
            "佛山市(FS)、广州市(GZ)、深圳市(SZ), or none."
        ],
    }
    assert error.code == Code.AMOUNT_NEGATIVE
    assert not PayScheme.objects.exists()


def test_probation_rate_is_from_the_wage_policy_floor_to_100_percent_to_the_hundredth(pay_company):
    c = pay_company
    for day, rate in (
        (date(2026, 12, 1), Decimal("0.8")),
        (date(2026, 12, 2), Decimal("1")),
        (date(2026, 12, 3), "0.8525"),
    ):
        services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme(effective_from=day, probation_rate=rate))
    error = refused(
        services.pay_scheme_create, user=c.hr, engineer=c.li, data=scheme(probation_rate=Decimal("0.85255"))
    )
    assert error.fields == {"probation_rate": ["Give the probation pay rate to 0.01 % at most."]}
    # The law's floor, as the wage policy in force states it (the close would refuse a rate below it).
    error = refused(services.pay_scheme_create, user=c.hr, engineer=c.li, data=scheme(probation_rate=Decimal("0.7")))
    assert error.fields == {
        "probation_rate": [
            "The probation pay rate 70% is below the floor of KF-PAY 2019: at least 80% of the agreed wage "
            "(劳动合同法 第二十条)."
        ]
    }


def test_a_city_must_have_rules_in_force_on_the_first_day(pay_company):
    c = pay_company
    error = refused(services.pay_scheme_create, user=c.hr, engineer=c.li, data=scheme(effective_from=date(2025, 6, 30)))
    # Foshan's rules apply from 2025-07-01; October 2026 being closed is checked after the fields.
    assert error.fields == {
        "contribution_city": ["No city's social insurance rules are in force on 2025-06-30: leave the city empty."]
    }


def test_a_base_outside_the_city_limits_is_saved_with_what_the_close_will_use(pay_company):
    c = pay_company
    low = services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme(contribution_base=Decimal("3000.00")))
    assert low.notes == [
        "The contribution base ¥3,000.00 is below 佛山市's lower limit: the close uses ¥4,588.00 for Pension "
        "insurance、Unemployment insurance、Work-injury insurance; ¥5,284.00 for Medical insurance、Maternity "
        "insurance."
    ]
    high = services.pay_scheme_create(
        user=c.hr, engineer=c.li, data=scheme(effective_from=date(2027, 1, 1), contribution_base=Decimal("27000"))
    )
    assert high.notes == [
        "The contribution base ¥27,000.00 is above 佛山市's upper limit: the close uses ¥26,421.00 for Pension "
        "insurance、Medical insurance、Unemployment insurance、Work-injury insurance、Maternity insurance."
    ]
    none = services.pay_scheme_create(
        user=c.hr,
        engineer=c.li,
        data=scheme(effective_from=date(2027, 2, 1), contribution_city="", contribution_base=Decimal(5000)),
    )
    assert none.notes == ["No social insurance city: nothing is deducted, whatever the contribution base."]


def test_a_new_scheme_never_starts_in_a_closed_month(pay_company):
    c = pay_company
    error = refused(
        services.pay_scheme_create, user=c.hr, engineer=c.li, data=scheme(effective_from=date(2026, 10, 16))
    )
    assert error.code == Code.SCHEME_CLOSED_MONTH
    assert error.fields == {
        "effective_from": [
            "Pay period 2026-10 is Closed, so 2026-10-16 is in a month already paid: a new scheme starts in an "
            "open month, from 2026-11-01 on. Pay a difference for a closed month as an adjustment."
        ]
    }
    services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme(effective_from=date(2026, 11, 1)))


def test_a_closing_month_protects_its_schemes_too(pay_company):
    c = pay_company
    PayPeriod.objects.create(year=2026, month=11, status="closing")
    error = refused(
        services.pay_scheme_create, user=c.hr, engineer=c.li, data=scheme(effective_from=date(2026, 11, 20))
    )
    assert error.code == Code.SCHEME_CLOSED_MONTH


def test_a_scheme_a_closed_month_used_is_never_edited_nor_deleted(pay_company):
    c = pay_company
    PayPeriod.objects.filter(pk=c.october.pk).update(status="open")
    used = services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme(effective_from=date(2026, 9, 1))).obj
    PayPeriod.objects.filter(pk=c.october.pk).update(status="closed")
    message = (
        "The scheme from 2026-09-01 was used by pay period 2026-10 (Closed): what a closed month used is never "
        "changed. Enter a new scheme from an open month (from 2026-11-01 on) instead."
    )
    error = refused(services.pay_scheme_correct, user=c.hr, scheme=used, data=scheme(effective_from=date(2026, 9, 1)))
    assert (error.code, error.fields) == (Code.SCHEME_CLOSED_MONTH, {"effective_from": [message]})
    error = refused(services.pay_scheme_delete, user=c.hr, scheme=used)
    assert (error.code, error.message) == (Code.SCHEME_CLOSED_MONTH, message)
    used.refresh_from_db()
    assert used.base_wage == Decimal("3500.00") and used.history.count() == 1


def test_a_scheme_only_in_open_months_is_corrected_or_deleted_with_its_history(pay_company):
    c = pay_company
    future = services.pay_scheme_create(user=c.hr, engineer=c.li, data=scheme()).obj
    hr2 = c.hr.__class__.objects.create_user("hr2")
    hr2.groups.add(c.hr.groups.get())
    services.pay_scheme_correct(
        user=hr2, scheme=future, data=scheme(effective_from=date(2026, 11, 16), base_wage=Decimal("3600.00"))
    )
    future.refresh_from_db()
    assert (future.effective_from, future.base_wage) == (date(2026, 11, 16), Decimal("3600.00"))
    # Moving it into the closed month is refused like a new scheme would be.
    error = refused(
        services.pay_scheme_correct, user=c.hr, scheme=future, data=scheme(effective_from=date(2026, 10, 1))
    )
    assert error.code == Code.SCHEME_CLOSED_MONTH
    services.pay_scheme_delete(user=c.hr, scheme=future)
    assert not PayScheme.objects.exists()
    history = list(PayScheme.history.order_by("history_id").values_list("history_type", "history_user__username"))
    assert history == [("+", "hr"), ("~", "hr2"), ("-", "hr")]


# Special additional deduction claims ---------------------------------------------------------------------


def claim(c, **changes):
    values = {
        "user": c.hr,
        "engineer": c.li,
        "kind": "children_education",
        "monthly_amount": Decimal("2000.00"),
        "first_month": date(2026, 1, 1),
        "last_month": None,
    }
    return services.deduction_claim_add(**{**values, **changes})


def test_a_claim_may_start_earlier_in_the_year_and_the_close_catches_up(pay_company):
    c = pay_company
    saved = claim(c)
    assert saved.obj.first_month == date(2026, 1, 1) and saved.obj.last_month is None
    assert saved.notes == [
        "Months 2026-01 to 2026-10 are already closed: the next close's income tax catches up, as the cumulative "
        "withholding method does."
    ]
    assert saved.obj.history.get().history_user == c.hr
    assert claim(c, first_month=date(2026, 12, 1), kind="infant_care").notes == []


def test_the_cap_comes_from_the_tax_rules_in_force_and_the_message_names_it(pay_company):
    c = pay_company
    error = refused(claim, c=c, kind="housing_rent", monthly_amount=Decimal("1500.01"))
    assert (error.code, error.fields) == (
        Code.CLAIM_CAP,
        {
            "monthly_amount": [
                "¥1,500.01 a month is above the cap for Housing rent: at most ¥1,500.00 a month under IIT 2023 "
                "(in force from 2026-01-01)."
            ]
        },
    )
    claim(c, kind="housing_rent", monthly_amount=Decimal("1500.00"))
    # A new version raising a cap from 2027 allows more from then on, not before.
    tax_version("2027", date(2027, 1, 1), caps={"children_education": "2500"})
    claim(c, engineer=c.zhang, monthly_amount=Decimal("2500"), first_month=date(2027, 1, 1))
    error = refused(claim, c=c, engineer=c.wang, monthly_amount=Decimal("2500"), first_month=date(2026, 12, 1))
    assert "at most ¥2,000.00 a month under IIT 2023" in error.message


def test_a_later_version_lowering_a_cap_refuses_an_open_ended_claim_above_it(pay_company):
    c = pay_company
    tax_version("2027", date(2027, 1, 1), caps={"elderly_support": "2500"})
    error = refused(claim, c=c, kind="elderly_support", monthly_amount=Decimal("3000"))
    assert error.message == (
        "¥3,000.00 a month is above the cap for Elderly support: at most ¥2,500.00 a month under IIT 2027 "
        "(in force from 2027-01-01)."
    )
    saved = claim(c, kind="elderly_support", monthly_amount=Decimal("3000"), last_month=date(2026, 12, 1))
    assert saved.obj.monthly_amount == Decimal("3000.00")


def test_a_kind_the_rules_in_force_do_not_know_is_refused(pay_company):
    c = pay_company
    error = refused(claim, c=c, kind="infant_care", first_month=date(2021, 6, 1), monthly_amount=Decimal(1000))
    assert (error.code, error.message) == (
        Code.CLAIM_KIND,
        "Infant care is not a special additional deduction under IIT 2019 (in force on 2021-06-01).",
    )


def test_claim_amounts_and_months_are_checked(pay_company):
    c = pay_company
    error = refused(claim, c=c, monthly_amount=Decimal("0"), first_month=date(2026, 3, 2), last_month=date(2026, 2, 15))
    assert error.fields == {
        "monthly_amount": ["Amount per month must be above zero."],
        "first_month": ["A month is given as its first day, e.g. 2026-03-01."],
        "last_month": ["A month is given as its first day, e.g. 2026-03-01."],
    }
    error = refused(claim, c=c, first_month=date(2026, 3, 1), last_month=date(2026, 2, 1))
    assert error.fields == {"last_month": ["The last month cannot be before the first."]}
    assert refused(claim, c=c, kind="lottery").code == Code.CLAIM_KIND
    assert not SpecialDeductionClaim.objects.exists()


def test_the_same_deduction_is_not_claimed_twice_but_each_child_is(pay_company):
    c = pay_company
    claim(c, kind="housing_rent", monthly_amount=Decimal(1500), last_month=date(2026, 6, 1))
    error = refused(claim, c=c, kind="housing_loan", monthly_amount=Decimal(1000), first_month=date(2026, 6, 1))
    assert error.message == (
        "李娜 already claims Housing rent from 2026-01 until 2026-06: housing loan interest and housing rent are "
        "never claimed in the same month. End that claim first."
    )
    claim(c, kind="housing_loan", monthly_amount=Decimal(1000), first_month=date(2026, 7, 1))
    claim(c, kind="continuing_education", monthly_amount=Decimal(400))
    error = refused(claim, c=c, kind="continuing_education", monthly_amount=Decimal(400), first_month=date(2026, 9, 1))
    assert error.message == "李娜 already claims Continuing education from 2026-01: end that claim first."
    claim(c)
    claim(c)  # two children, two claims
    assert c.li.deduction_claims.filter(kind="children_education").count() == 2


def test_ending_a_claim_earlier_is_caught_up_within_its_tax_year(pay_company):
    c = pay_company
    rent = claim(c, kind="housing_rent", monthly_amount=Decimal(1500)).obj
    saved = services.deduction_claim_end(user=c.hr, claim=rent, last_month=date(2026, 8, 1))
    assert saved.obj.last_month == date(2026, 8, 1)
    assert saved.notes[0].startswith("Months 2026-09 to 2026-10 are already closed")
    error = refused(services.deduction_claim_end, user=c.hr, claim=rent, last_month=date(2025, 12, 1))
    assert error.fields == {"last_month": ["The last month cannot be before the first (2026-01)."]}
    assert [h.history_type for h in rent.history.order_by("history_id")] == ["+", "~"]


def test_a_closed_tax_year_is_no_longer_changed(pay_company):
    c = pay_company
    PayPeriod.objects.create(year=2025, month=12, status="closed")
    error = refused(claim, c=c, first_month=date(2025, 11, 1))
    assert (error.code, error.fields) == (
        Code.CLAIM_TAX_YEAR_CLOSED,
        {
            "first_month": [
                "The tax year 2025 is over (pay period 2025-12 is Closed): its deductions can no longer be caught "
                "up here, they go in the engineer's annual tax return. Change months from 2026-01 on."
            ]
        },
    )
    old = SpecialDeductionClaim.objects.create(
        engineer=c.li, kind="elderly_support", monthly_amount=Decimal(3000), first_month=date(2025, 1, 1)
    )
    assert refused(services.deduction_claim_end, user=c.hr, claim=old, last_month=date(2025, 6, 1)).code == (
        Code.CLAIM_TAX_YEAR_CLOSED
    )
    assert refused(services.deduction_claim_delete, user=c.hr, claim=old).code == Code.CLAIM_TAX_YEAR_CLOSED
    services.deduction_claim_end(user=c.hr, claim=old, last_month=date(2025, 12, 1))  # changes 2026 on: fine
    this_year = claim(c, kind="housing_rent", monthly_amount=Decimal(1500)).obj
    services.deduction_claim_delete(user=c.hr, claim=this_year)
    assert list(
        SpecialDeductionClaim.history.filter(id=this_year.pk)
        .order_by("history_id")
        .values_list("history_type", "history_user")
    ) == [("+", c.hr.pk), ("-", c.hr.pk)]


# The annual-bonus tax choice -----------------------------------------------------------------------------


def test_bonus_tax_choice_follows_the_rules_in_force_for_december(pay_company):
    c = pay_company
    saved = services.bonus_tax_choice_set(user=c.hr, engineer=c.li, year=2027, separately=True)
    assert saved.obj.separately and saved.obj.history.get().history_user == c.hr
    error = refused(services.bonus_tax_choice_set, user=c.hr, engineer=c.li, year=2028, separately=True)
    assert (error.code, error.fields) == (
        Code.BONUS_NOT_ALLOWED,
        {
            "separately": [
                "IIT 2023, in force for December 2028, allowed taxing the bonus separately only until 2027-12-31."
            ]
        },
    )
    services.bonus_tax_choice_set(user=c.hr, engineer=c.li, year=2028, separately=False)  # with wages: always
    # A new version extending the rule makes 2028 possible.
    tax_version("2028", date(2028, 1, 1), annual_bonus_separate_until="2030-12-31")
    services.bonus_tax_choice_set(user=c.hr, engineer=c.li, year=2028, separately=True)
    assert dict(c.li.bonus_tax_choices.values_list("year", "separately")) == {2027: True, 2028: True}
    assert AnnualBonusTaxChoice.history.filter(year=2028).count() == 2


def test_bonus_tax_choice_of_a_closed_december_is_refused(pay_company):
    c = pay_company
    PayPeriod.objects.create(year=2025, month=12, status="closed")
    error = refused(services.bonus_tax_choice_set, user=c.hr, engineer=c.li, year=2025, separately=True)
    assert error.message == "Pay period 2025-12 is Closed: its annual bonus was taxed as chosen then."
    assert refused(services.bonus_tax_choice_set, user=c.hr, engineer=c.li, year=1999, separately=False).code == (
        Code.BONUS_YEAR
    )


# The bank account ----------------------------------------------------------------------------------------


def test_the_bank_account_is_kept_in_place_with_its_history(pay_company):
    c = pay_company
    saved = services.bank_account_set(
        user=c.hr, engineer=c.li, bank_code="ICBC", account_no="6222 0212 3456 7890 128", account_name="李娜"
    )
    assert saved.obj.account_no == "6222021234567890128" and saved.notes == []
    services.bank_account_set(
        user=c.hr, engineer=c.li, bank_code="CMB", account_no="6214830212345671", account_name="李娜", branch="佛山分行"
    )
    account = BankAccount.objects.get()
    assert (account.bank_code, account.account_no, account.branch) == ("CMB", "6214830212345671", "佛山分行")
    assert [(h.history_type, h.history_user) for h in account.history.order_by("history_id")] == [
        ("+", c.hr),
        ("~", c.hr),
    ]


def test_a_card_failing_luhn_or_another_holder_is_kept_with_a_warning(pay_company):
    c = pay_company
    saved = services.bank_account_set(
        user=c.hr, engineer=c.li, bank_code="ABC", account_no="6228480012345678901", account_name="李强"
    )
    assert saved.notes == [
        "The card number 6228 **** **** 8901 fails the card check digit (Luhn): compare it with the card. A few "
        "banks' cards do not use it, so it is kept as entered.",
        "The holder (李强) is not 李娜: banks refuse payroll into an account in another name.",
    ]
    # A passbook account of 12–15 digits has no check digit: no warning.
    short = services.bank_account_set(
        user=c.hr, engineer=c.li, bank_code="PSBC", account_no="440012345678901", account_name="李娜"
    )
    assert short.notes == []


def test_bank_account_fields_are_checked(pay_company):
    c = pay_company
    error = refused(
        services.bank_account_set, user=c.hr, engineer=c.li, bank_code="XYZ", account_no="6222-0212", account_name=" "
    )
    assert error.fields == {
        "bank_code": ["Choose the bank from the list."],
        "account_no": ["The account number is digits only (spaces are ignored)."],
        "account_name": ["Enter the account holder's name as the bank has it."],
    }
    error = refused(
        services.bank_account_set,
        user=c.hr,
        engineer=c.li,
        bank_code="OTHER",
        account_no="12345678901",
        account_name="李娜",
    )
    assert error.fields == {
        "account_no": ["The account number has 11 digits: a bank card or account number has 12 to 19."],
        "branch": ["For a bank not in the list, name the bank and its branch here."],
    }
    assert not BankAccount.objects.exists()


def test_messages_speak_chinese_by_default(pay_company):
    c = pay_company
    with translation.override("zh-hans"):
        error = refused(claim, c=c, kind="housing_rent", monthly_amount=Decimal("1600"))
        assert "¥1,500.00" in error.message and "IIT 2023" in error.message and "住房租金" in error.message
