"""Properties of full pay over generated engineer-months and years: the payslip adds up, tax is never
negative, what is withheld only grows, contribution bases stay within the limits, prorated wages stay
between 0 and the month's wage."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from incentives.money import ZERO, round_half_up
from incentives.pay_policy import ADDITIONAL_KINDS, PER_CHILD_KINDS, ContributionPolicy, TaxPolicy, WagePolicy
from incentives.rules.contributions import contributions
from incentives.rules.income_tax import (
    Claim,
    YearBefore,
    additional_deductions_to_date,
    annual_bonus_tax,
    net_pay,
    wage_tax,
)
from incentives.rules.wages import Attendance, fixed_wage, meal_allowance, monthly_wage, overtime_pay

WAGE = WagePolicy.load_default()
TAX = TaxPolicy.load_default()
CITIES = [ContributionPolicy.load_default(f"SI-{c}_2025") for c in ("FS", "GZ", "SZ")]

fen = st.integers(min_value=0, max_value=10_000_000).map(lambda f: Decimal(f) / 100)  # 0 … 100,000.00
wages = st.integers(min_value=0, max_value=5_000_000).map(lambda f: Decimal(f) / 100)  # 0 … 50,000.00
halves = st.integers(min_value=0, max_value=62).map(lambda h: Decimal(h) / 2)
hours = st.integers(min_value=0, max_value=200).map(lambda h: Decimal(h) / 2)
rates = st.integers(min_value=8000, max_value=10000).map(lambda r: Decimal(r) / 10000)  # probation 80–100 %


@st.composite
def attendances(draw):
    """Days adding up to at most 31, in half days, and overtime hours of each kind."""
    left, days = 62, []
    for _ in range(4):
        n = draw(st.integers(min_value=0, max_value=left))
        days.append(Decimal(n) / 2)
        left -= n
    return Attendance(*days, draw(hours), draw(hours), draw(hours))


# ---- prorated wages ----


@settings(max_examples=500, deadline=None)
@given(amount=wages, attendance=attendances(), whole=st.booleans(), probation=st.booleans(), rate=rates)
def test_a_prorated_wage_is_never_above_the_months_wage_nor_below_zero(amount, attendance, whole, probation, rate):
    paid = fixed_wage(
        kind="base_wage",
        amount=amount,
        on_probation=probation,
        probation_rate=rate,
        whole_month=whole,
        attendance=attendance,
        policy=WAGE,
    ).amount
    monthly = monthly_wage(amount=amount, on_probation=probation, probation_rate=rate)
    assert Decimal(0) <= paid <= round_half_up(monthly)
    assert str(paid) != "-0.00"


@settings(max_examples=300, deadline=None)
@given(amount=wages, attendance=attendances(), extra=st.integers(min_value=1, max_value=10))
def test_more_unpaid_absence_never_pays_more(amount, attendance, extra):
    def pay(a):
        return fixed_wage(
            kind="post_wage",
            amount=amount,
            on_probation=False,
            probation_rate=Decimal("0.8"),
            whole_month=True,
            attendance=a,
            policy=WAGE,
        ).amount

    # At most the month's 31 days (more is refused as bad input, which is not what this property is about).
    more = Attendance(unpaid_absence_days=min(attendance.unpaid_absence_days + extra, Decimal(31)))
    assert pay(more) <= pay(Attendance(unpaid_absence_days=attendance.unpaid_absence_days))


# ---- contributions ----


@st.composite
def cities(draw):
    """A city document with random limits and rates (housing fund at most 12 %)."""
    items = []
    for code in ("pension", "medical", "unemployment", "work_injury", "maternity", "housing_fund"):
        low = draw(st.integers(min_value=0, max_value=2_000_000))
        high = low + draw(st.integers(min_value=0, max_value=5_000_000))
        top = 1200 if code == "housing_fund" else 10000
        employee, employer = (draw(st.integers(min_value=0, max_value=top)) for _ in range(2))
        items.append(
            {
                "code": code,
                "base_range": [str(Decimal(low) / 100), str(Decimal(high) / 100)],
                "employee_rate": str(Decimal(employee) / 10000),
                "employer_rate": str(Decimal(employer) / 10000),
            }
        )
    return ContributionPolicy.from_dict({"document_no": "SI-XX", "version": "t", "city_code": "XX", "items": items})


@settings(max_examples=300, deadline=None)
@given(declared=fen, city=st.one_of(st.sampled_from(CITIES), cities()))
def test_the_contribution_base_is_always_within_the_citys_limits(declared, city):
    for share, item in zip(contributions(declared_base=declared, policy=city), city.items, strict=True):
        base = share.employee.steps[0].inputs["base"]
        assert item.base_range.low <= base <= item.base_range.high
        if item.base_range.low <= declared <= item.base_range.high:
            assert base == declared
        assert share.employee.amount <= 0 <= share.employer.amount
        assert share.employee.amount == -round_half_up(base * Fraction(item.employee_rate))


# ---- tax ----


@settings(max_examples=500, deadline=None)
@given(
    income=fen,
    contributed=wages,
    additional=wages,
    months=st.integers(min_value=1, max_value=12),
    before_income=fen,
    withheld=wages,
)
def test_wage_tax_is_never_negative(income, contributed, additional, months, before_income, withheld):
    result = wage_tax(
        income=income,
        contributions=contributed,
        additional_to_date=additional,
        months=months,
        before=YearBefore(income=before_income, contributions=ZERO, tax_withheld=withheld),
        policy=TAX,
    )
    assert result.traced.amount <= 0 and str(result.traced.amount) != "-0.00"
    assert result.taxable_to_date >= 0 and result.tax_to_date >= 0


@settings(max_examples=500, deadline=None)
@given(taxable=st.integers(min_value=0, max_value=200_000_000), step=st.integers(min_value=1, max_value=100_000))
def test_the_cumulative_tax_has_no_jump_at_any_threshold(taxable, step):
    """More taxable income never lowers the tax and raises it by at most 45 % of the increase (plus a fen)."""

    def tax(fen_):
        return wage_tax(
            income=Decimal(5000) + Decimal(fen_) / 100,
            contributions=ZERO,
            additional_to_date=ZERO,
            months=1,
            before=YearBefore(),
            policy=TAX,
        ).tax_to_date

    low, high = tax(taxable), tax(taxable + step)
    assert low <= high <= low + Decimal(step) / 100 * Decimal("0.45") + Decimal("0.01")


@settings(max_examples=500, deadline=None)
@given(bonus=fen)
def test_the_tax_on_a_bonus_taxed_apart_is_never_negative_nor_above_the_bonus(bonus):
    tax = -annual_bonus_tax(bonus=bonus, policy=TAX).amount
    assert 0 <= tax <= bonus


@dataclass(frozen=True)
class Month:
    income: Decimal
    contributions: Decimal


late_claims = st.lists(
    st.tuples(
        st.sampled_from(PER_CHILD_KINDS),  # kinds that may be claimed more than once
        st.integers(min_value=1, max_value=300_000).map(lambda f: Decimal(f) / 100),
        st.integers(min_value=1, max_value=12),  # first month
        st.integers(min_value=1, max_value=12),  # the month whose close first knows it
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(
    months=st.lists(st.builds(Month, fen, st.integers(0, 500_000).map(lambda f: Decimal(f) / 100)), min_size=12,
                    max_size=12),
    claims=late_claims,
    single=st.tuples(st.sampled_from(sorted(set(ADDITIONAL_KINDS) - set(PER_CHILD_KINDS))), wages),
)  # fmt: skip
def test_over_a_year_tax_withheld_only_grows_and_is_the_highest_cumulative_tax_so_far(months, claims, single):
    """Each month withholds max(cumulative tax − withheld, 0): what was withheld never falls (a claim entered late
    only stops the tax for a while) and always equals the highest cumulative tax reached so far."""
    before, highest = YearBefore(), ZERO
    for n, month in enumerate(months, start=1):
        known = [Claim(kind, amount, date(2026, first, 1)) for kind, amount, first, entered in claims if entered <= n]
        known.append(Claim(single[0], single[1], date(2026, 1, 1)))
        additional = additional_deductions_to_date(claims=known, year=2026, first_month=1, month=n, policy=TAX)
        result = wage_tax(
            income=month.income,
            contributions=month.contributions,
            additional_to_date=additional.amount,
            months=n,
            before=before,
            policy=TAX,
        )
        tax = -result.traced.amount
        assert tax >= 0
        after = YearBefore(before.income + month.income, before.contributions + month.contributions,
                           before.tax_withheld + tax)  # fmt: skip
        assert after.tax_withheld >= before.tax_withheld
        highest = max(highest, result.tax_to_date)
        assert after.tax_withheld == highest
        before = after


# ---- the payslip adds up ----


@settings(max_examples=300, deadline=None)
@given(
    base=wages,
    post=wages,
    attendance=attendances(),
    whole=st.booleans(),
    probation=st.booleans(),
    rate=rates,
    other=fen,
    declared=fen,
    city=st.sampled_from(CITIES),
    income_before=fen,
    withheld=wages,
    months=st.integers(min_value=1, max_value=12),
    bonus=st.one_of(st.just(ZERO), fen),
    penalty_share=st.integers(min_value=0, max_value=20),
)
def test_net_is_gross_less_contributions_tax_and_after_tax_deductions_and_the_lines_add_up_to_it(
    base, post, attendance, whole, probation, rate, other, declared, city, income_before, withheld, months, bonus,
    penalty_share,
):  # fmt: skip
    earnings = [
        fixed_wage(kind=kind, amount=amount, on_probation=probation, probation_rate=rate, whole_month=whole,
                   attendance=attendance, policy=WAGE).amount
        for kind, amount in (("base_wage", base), ("post_wage", post))
    ]  # fmt: skip
    earnings.append(meal_allowance(days_worked=attendance.days_worked, policy=WAGE).amount)
    monthly = sum(monthly_wage(amount=a, on_probation=probation, probation_rate=rate) for a in (base, post))
    for kind in ("weekday", "rest_day", "holiday"):
        hours_ = attendance.overtime_hours(kind)
        earnings.append(overtime_pay(kind=kind, hours=hours_, monthly=monthly, policy=WAGE).amount)
    earnings += [other, bonus]
    gross = sum(earnings, ZERO)
    employee_lines = [s.employee.amount for s in contributions(declared_base=declared, policy=city)]
    contributed = -sum(employee_lines, ZERO)
    wage_line = wage_tax(
        income=gross - bonus,
        contributions=contributed,
        additional_to_date=ZERO,
        months=months,
        before=YearBefore(income=income_before, contributions=ZERO, tax_withheld=withheld),
        policy=TAX,
    ).traced.amount
    bonus_line = annual_bonus_tax(bonus=bonus, policy=TAX).amount
    penalty_line = -round_half_up(Fraction(gross) * Fraction(penalty_share, 100))  # after tax, within 20 % of the pay
    net = net_pay(
        gross=gross,
        contributions=contributed,
        tax=-(wage_line + bonus_line),
        after_tax=-penalty_line,
        label=TAX.label,
    ).amount
    assert net == gross - contributed - (-(wage_line + bonus_line)) - (-penalty_line)
    # the payslip as printed: every line, earnings positive and deductions negative, adds up to the net
    assert net == sum([*earnings, *employee_lines, wage_line, bonus_line, penalty_line], ZERO)
    assert str(net) != "-0.00"
