"""The demo company's full pay: a pay scheme, a social-insurance city, tax claims, a bank account and
attendance for every engineer, and the year's opening tax figures from "the earlier payroll", so the
closed months show net pay, income tax and the company's cost, and finance can download a bank file."""

from __future__ import annotations

import calendar
import random
from datetime import date
from decimal import Decimal

from attendance.models import AttendanceMonth
from engineers.models import (
    AnnualBonusTaxChoice,
    BankAccount,
    CareerRank,
    EmploymentType,
    Engineer,
    EngineerStatus,
    PayScheme,
    SpecialDeductionClaim,
    TaxYearOpening,
)
from incentives.rules.contributions import contributions
from incentives.rules.income_tax import YearBefore, wage_tax
from policies.selectors import pay_rules_in_force

CITY_OF_DEPARTMENT = {"D01": "FS", "D02": "GZ", "D03": "SZ"}
BANKS = ("ICBC", "CCB", "ABC", "BOC", "CMB")
# Debit-card number prefixes (BIN) per bank, so the demo numbers look like real cards.
BIN = {"ICBC": "622202", "CCB": "621700", "ABC": "622848", "BOC": "621661", "CMB": "621483"}
CLAIMS = (
    ("children_education", "2000.00"),
    ("elderly_support", "3000.00"),
    ("elderly_support", "1500.00"),
    ("housing_rent", "1500.00"),
    ("housing_loan", "1000.00"),
    ("infant_care", "2000.00"),
)
PAY_MODELS = (AttendanceMonth, PayScheme, SpecialDeductionClaim, BankAccount, AnnualBonusTaxChoice, TaxYearOpening)


def wipe() -> None:
    for model in PAY_MODELS:
        model.objects.all().delete()
        model.history.all().delete()


def _luhn_digit(number: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            d -= 9 if d > 9 else 0
        total += d
    return str((10 - total % 10) % 10)


def _card(rng: random.Random, bank: str) -> str:
    body = BIN[bank] + "".join(str(rng.randint(0, 9)) for _ in range(12))
    return body + _luhn_digit(body)


def working_days(year: int, month: int) -> int:
    """Monday–Friday in the month (the demo ignores public holidays)."""
    return sum(1 for week in calendar.monthcalendar(year, month) for d in week[:5] if d)


def pay_setup(rng: random.Random, today: date, engineers: list[Engineer]) -> None:
    """Schemes, cities, claims, bank accounts, bonus-tax choices; a few edge cases on purpose."""
    year_start = date(today.year, 1, 1)
    schemes, claims, accounts = [], [], []
    for i, e in enumerate(engineers):
        base = Decimal(rng.choice(["2800.00", "3200.00", "3600.00", "4000.00", "4350.00", "5000.00"]))
        post = Decimal(rng.choice(["500.00", "800.00", "1000.00", "1200.00", "1500.00"]))
        if e.career_rank == CareerRank.ASSISTANT:  # below the junior rung's (KF-CAREER): a promotion raises it
            post = min(post, Decimal("500.00"))
        declared = base + post
        if i % 17 == 3:
            declared = Decimal("3000.00")  # below every city's lower limit: the engine raises it
        if i % 23 == 5:
            declared = Decimal("40000.00")  # above the upper limit: the engine caps it
        city = "" if e.employment_type in (EmploymentType.OUTSOURCED, EmploymentType.TEMPORARY) else None
        schemes.append(
            PayScheme(
                engineer=e,
                effective_from=e.hire_date,
                base_wage=base,
                post_wage=post,
                probation_rate=Decimal("0.8000"),
                piece_rate_mode="replaces" if e.employment_type == EmploymentType.TEMPORARY else "adds",
                contribution_city=CITY_OF_DEPARTMENT[e.department.code] if city is None else city,
                contribution_base=declared,
                note="入职定薪",
            )
        )
        if i % 9 == 0 and e.hire_date < year_start:  # a raise this year: the later scheme applies from its day
            schemes.append(
                PayScheme(
                    engineer=e,
                    effective_from=date(today.year, 7, 1),
                    base_wage=base + Decimal("300.00"),
                    post_wage=post,
                    probation_rate=Decimal("0.8000"),
                    contribution_city=CITY_OF_DEPARTMENT[e.department.code],
                    contribution_base=declared,
                    note="年中调薪",
                )
            )
        if rng.random() < 0.45:
            kind, amount = rng.choice(CLAIMS)
            first = year_start if rng.random() < 0.7 else date(today.year, rng.randint(2, 9), 1)
            claims.append(
                SpecialDeductionClaim(engineer=e, kind=kind, monthly_amount=Decimal(amount), first_month=first)
            )
        if e.status == EngineerStatus.ACTIVE:
            bank = rng.choice(BANKS)
            accounts.append(BankAccount(engineer=e, bank_code=bank, account_no=_card(rng, bank), account_name=e.name))
    PayScheme.objects.bulk_create(schemes)
    SpecialDeductionClaim.objects.bulk_create(claims)
    BankAccount.objects.bulk_create(accounts)
    AnnualBonusTaxChoice.objects.bulk_create(
        AnnualBonusTaxChoice(engineer=e, year=today.year, separately=True) for e in engineers[:60:4]
    )


def attendance(rng: random.Random, year: int, month: int, engineers: list[Engineer]) -> None:
    """A month of attendance: most engineers every working day, some leave, absence and overtime."""
    days = working_days(year, month)
    month_start, month_end = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    rows = []
    for e in engineers:
        if e.hire_date > month_end or (e.leaving_date and e.leaving_date < month_start):
            continue
        worked = Decimal(days)
        if e.hire_date > month_start:  # joined this month: the working days from the hire date
            worked = Decimal(
                sum(1 for d in range(e.hire_date.day, month_end.day + 1) if date(year, month, d).weekday() < 5)
            )
        row = AttendanceMonth(engineer=e, year=year, month=month, days_worked=worked)
        roll = rng.random()
        if roll < 0.08:
            row.unpaid_absence_days = Decimal(rng.choice(["0.5", "1", "2"]))
        elif roll < 0.15:
            row.sick_leave_days = Decimal(rng.choice(["1", "2", "3"]))
        elif roll < 0.22:
            row.paid_leave_days = Decimal(rng.choice(["1", "2"]))
        row.days_worked -= row.unpaid_absence_days + row.sick_leave_days + row.paid_leave_days
        if rng.random() < 0.35:
            row.overtime_weekday_hours = Decimal(rng.choice(["4", "6", "8", "10", "12"]))
        if rng.random() < 0.2:
            row.overtime_rest_day_hours = Decimal(rng.choice(["8", "16"]))
        if month == 10 and rng.random() < 0.15:  # National Day
            row.overtime_holiday_hours = Decimal("8")
        rows.append(row)
    AttendanceMonth.objects.bulk_create(rows)


def tax_openings(year: int, through_month: int, engineers: list[Engineer]) -> None:
    """The year's figures before the system's first closed month, as the earlier payroll left them: the
    scheme's wage and the city's contributions each month, and the tax the cumulative method withheld."""
    if through_month < 1:
        return
    rules = pay_rules_in_force(date(year, through_month, 1))
    rows = []
    for e in engineers:
        scheme = e.pay_schemes.order_by("effective_from").first()
        first = 1 if e.hire_date.year < year else e.hire_date.month
        if scheme is None or e.hire_date.year > year or first > through_month:
            continue
        monthly = scheme.base_wage + scheme.post_wage + Decimal("1500.00")  # wages and the usual incentives
        city = rules.cities.get(scheme.contribution_city)
        paid_in = (
            -sum(c.employee.amount for c in contributions(declared_base=scheme.contribution_base, policy=city))
            if city
            else Decimal("0.00")
        )
        before = YearBefore()
        for m in range(first, through_month + 1):
            taxed = wage_tax(
                income=monthly,
                contributions=paid_in,
                additional_to_date=Decimal("0.00"),
                months=m - first + 1,
                before=before,
                policy=rules.tax,
            )
            before = YearBefore(
                before.income + monthly, before.contributions + paid_in, before.tax_withheld - taxed.traced.amount
            )
        rows.append(
            TaxYearOpening(
                engineer=e,
                year=year,
                through_month=through_month,
                income=before.income,
                contributions=before.contributions,
                tax_withheld=before.tax_withheld,
            )
        )
    TaxYearOpening.objects.bulk_create(rows)
