"""A year of full pay (2026) computed by hand, to the fen: three engineers, 24 monthly cases.

Every input and every expected figure below is written out by hand, with its arithmetic in the
comments; nothing here calls the engine. `test_full_pay_year.py` runs each engineer's year month by
month through the rules (and through `incentives.rules.full_pay` once it exists) and checks every
figure; the close's own test can build the same engineers, schemes, claims, attendance and earnings
in the database and compare its payslips with the same expectations.

Rules in force (the default documents): KF-PAY 2019 (21.75 paid days, 8 hours, meal allowance 15.00
a day worked, sick day paid at 80 %, overtime 1.5 / 2 / 3, probation at least 80 %), IIT 2023 (5,000 a
month, the 7-bracket annual table, the monthly-converted table for a bonus taxed apart until
2027-12-31), and the cities' SI-FS / SI-GZ / SI-SZ 2025 (in force from 2025-07-01).

How a month is composed (the same as the close does it):
- whole month: employed from the month's first day to its last; otherwise base and post wage are
  paid for the days paid (worked + paid leave + sick days × 80 %). On probation: probation lasts to
  the month's last day; base and post are then × the probation rate.
- fixed lines: base wage (none when piece-rate pay replaces it), post wage, meal allowance
  (15.00 × days worked), overtime by kind on (base + post, at the probation rate while on probation)
  ÷ 21.75 ÷ 8 × hours × 1.5 / 2 / 3: the replaced base wage still counts in the overtime's hourly wage.
- gross = the fixed lines + `other_earnings` (piece rate, incentives, seniority, KPI pay, honours:
  every other earning line) + `annual_awards`.
- contributions: the declared base held within each item's limits × the employee's rate, every month.
- wage income = gross − the annual awards when taxed apart (`bonus_apart` and the rules allow it).
- cumulative withholding from January (or the hire month), with the claims on file at that month's
  close (`ClaimCase.entered`): a claim entered late counts from its first month, so it catches up.
- net = gross − contributions − wage tax − bonus tax − penalties (penalties come after tax).

Deductions are positive amounts here; payslip lines show them negative. A figure of 0.00 for base
or post wage, meal allowance or an overtime kind means the payslip has no such line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal as D

YEAR = 2026
ZERO = D("0.00")
OVERTIME_NONE = {"weekday": ZERO, "rest_day": ZERO, "holiday": ZERO}


@dataclass(frozen=True)
class SchemeCase:
    """The pay scheme in force all year (the close's PayScheme)."""

    base_wage: D
    post_wage: D
    probation_rate: D
    piece_rate_mode: str  # "adds" or "replaces" (policies.choices.PieceRateMode)
    city: str  # contribution city code: FS, GZ, SZ
    declared_base: D  # the yearly declared contribution base


@dataclass(frozen=True)
class ClaimCase:
    """A special additional deduction, and the first month whose close knows it (`entered`)."""

    kind: str
    monthly_amount: D
    first_month: date
    last_month: date | None
    entered: int


@dataclass(frozen=True)
class Days:
    """A month's attendance (the close's AttendanceMonth)."""

    days_worked: D = D(0)
    paid_leave_days: D = D(0)
    sick_leave_days: D = D(0)
    unpaid_absence_days: D = D(0)
    overtime_weekday_hours: D = D(0)
    overtime_rest_day_hours: D = D(0)
    overtime_holiday_hours: D = D(0)


@dataclass(frozen=True)
class Expected:
    base_wage: D
    post_wage: D
    meal_allowance: D
    overtime: dict[str, D]  # by kind: weekday, rest_day, holiday
    contributions: dict[str, D]  # the employee's share by item, positive
    contributions_total: D
    employer_total: D
    gross: D
    additional_to_date: D  # special additional deductions to date
    taxable_to_date: D  # 累计应纳税所得额
    wage_tax: D  # withheld this month on wages
    bonus_tax: D  # on the annual awards taxed apart
    after_tax: D  # penalties
    net: D


@dataclass(frozen=True)
class MonthCase:
    month: int
    attendance: Days
    other_earnings: D
    annual_awards: D
    penalties: D
    whole_month: bool  # follows from the dates; stated so a test can check its own reading of them
    on_probation: bool
    expected: Expected
    note: str = ""


@dataclass(frozen=True)
class EngineerYear:
    key: str
    name: str
    hire_date: date
    probation_end: date
    leaving_date: date | None
    scheme: SchemeCase
    claims: tuple[ClaimCase, ...]
    bonus_apart: bool  # HR chose to tax the year's annual awards apart
    months: tuple[MonthCase, ...] = field(default=())


def _month(
    month: int,
    attendance: Days,
    *,
    shares: dict[str, D],
    employer: D,
    other: D,
    base: D,
    post: D,
    meal: D,
    gross: D,
    additional: D,
    taxable: D,
    wage_tax: D,
    net: D,
    overtime: dict[str, D] | None = None,
    awards: D = ZERO,
    bonus_tax: D = ZERO,
    penalties: D = ZERO,
    whole: bool = True,
    probation: bool = False,
    note: str = "",
) -> MonthCase:
    return MonthCase(
        month=month,
        attendance=attendance,
        other_earnings=other,
        annual_awards=awards,
        penalties=penalties,
        whole_month=whole,
        on_probation=probation,
        note=note,
        expected=Expected(
            base_wage=base,
            post_wage=post,
            meal_allowance=meal,
            overtime={**OVERTIME_NONE, **(overtime or {})},
            contributions=shares,
            contributions_total=sum(shares.values(), ZERO),
            employer_total=employer,
            gross=gross,
            additional_to_date=additional,
            taxable_to_date=taxable,
            wage_tax=wage_tax,
            bonus_tax=bonus_tax,
            after_tax=penalties,
            net=net,
        ),
    )


# =============================================================================================
# 王强 Wang Qiang: Foshan, employed since 2019, base 10,000 + post 5,000 = 15,000 a month,
# declared base 30,000 (above every upper limit), children's education 2,000 a month all year,
# the annual awards taxed apart. Covers: a base above the limits; weekday, rest-day and holiday
# overtime; unpaid absence; a sick day; a month of large incentives crossing the 36,000 bracket;
# penalties after tax; December's annual awards taxed apart.
#
# Daily wage: base 10,000 ÷ 21.75 = 459.770114…; post 5,000 ÷ 21.75 = 229.885057…
# Hourly wage for overtime: (10,000 + 5,000) ÷ 21.75 ÷ 8 = 15,000 ÷ 174 = 86.206896…
#
# Contributions (SI-FS 2025), the same every month; 30,000 is held to each item's own upper limit:
#   pension       base min(30,000, 26,421) = 26,421: employee × 8 %   = 2,113.68
#                                                    employer × 15 %  = 3,963.15
#   medical       base 26,421: employee × 2 %   = 528.42;  employer × 5.5 % = 1,453.155 → 1,453.16 (half up)
#   unemployment  base 26,421: employee × 0.2 % = 52.842 → 52.84; employer × 0.8 % = 211.368 → 211.37
#   work injury   base 26,421: employee none;             employer × 0.2 % = 52.842 → 52.84
#   maternity     base 26,421: employee none;             employer × 1 %   = 264.21
#   housing fund  base min(30,000, 28,000) = 28,000: employee × 5 % = 1,400.00; employer × 5 % = 1,400.00
#   employee 2,113.68 + 528.42 + 52.84 + 1,400.00 = 4,094.94
#   employer 3,963.15 + 1,453.16 + 211.37 + 52.84 + 264.21 + 1,400.00 = 7,344.73
# Basic deduction 5,000 × months from January; children's education 2,000 × months.
# =============================================================================================
WANG_SHARES = {
    "pension": D("2113.68"),
    "medical": D("528.42"),
    "unemployment": D("52.84"),
    "work_injury": ZERO,
    "maternity": ZERO,
    "housing_fund": D("1400.00"),
}


def _wang(month: int, attendance: Days, **figures) -> MonthCase:
    return _month(month, attendance, shares=WANG_SHARES, employer=D("7344.73"), **figures)


# fmt: off
WANG = EngineerYear(
    key="wang",
    name="王强",
    hire_date=date(2019, 3, 1),
    probation_end=date(2019, 5, 31),
    leaving_date=None,
    scheme=SchemeCase(D("10000.00"), D("5000.00"), D("0.8000"), "adds", "FS", D("30000.00")),
    claims=(ClaimCase("children_education", D("2000.00"), date(2026, 1, 1), None, entered=1),),
    bonus_apart=True,
    months=(
        # January. meal 21 × 15 = 315.00; gross 10,000 + 5,000 + 315 + 3,000 = 18,315.00
        # taxable 18,315.00 − 5,000 − 4,094.94 − 2,000 = 7,220.06 (≤ 36,000: 3 %)
        # tax to date 7,220.06 × 3 % = 216.6018 → 216.60; before 0 → 216.60
        # net 18,315.00 − 4,094.94 − 216.60 = 14,003.46
        _wang(1, Days(days_worked=D(21)), other=D("3000.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("315.00"), gross=D("18315.00"),
              additional=D("2000.00"), taxable=D("7220.06"), wage_tax=D("216.60"), net=D("14003.46")),
        # February: 14 days worked, 2 days paid leave (full wage), 10 hours weekday overtime.
        # meal 14 × 15 = 210.00; weekday 15,000 ÷ 174 × 10 × 1.5 = 1,293.103448… → 1,293.10
        # gross 10,000 + 5,000 + 210 + 1,293.10 + 2,500 = 19,003.10
        # income to date 18,315.00 + 19,003.10 = 37,318.10; contributions 4,094.94 × 2 = 8,189.88
        # taxable 37,318.10 − 10,000 − 8,189.88 − 4,000 = 15,128.22; × 3 % = 453.8466 → 453.85
        # tax 453.85 − 216.60 = 237.25; net 19,003.10 − 4,094.94 − 237.25 = 14,670.91
        _wang(2, Days(days_worked=D(14), paid_leave_days=D(2), overtime_weekday_hours=D(10)), other=D("2500.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("210.00"), overtime={"weekday": D("1293.10")},
              gross=D("19003.10"), additional=D("4000.00"), taxable=D("15128.22"), wage_tax=D("237.25"),
              net=D("14670.91")),
        # March: a special project pays 20,000.00 of incentives: the cumulative income crosses 36,000.
        # meal 22 × 15 = 330.00; gross 10,000 + 5,000 + 330 + 20,000 = 35,330.00
        # income to date 37,318.10 + 35,330.00 = 72,648.10; contributions 4,094.94 × 3 = 12,284.82
        # taxable 72,648.10 − 15,000 − 12,284.82 − 6,000 = 39,363.28 (> 36,000: 10 %, quick deduction 2,520)
        # tax to date 39,363.28 × 10 % − 2,520 = 1,416.328 → 1,416.33; tax 1,416.33 − 453.85 = 962.48
        # net 35,330.00 − 4,094.94 − 962.48 = 30,272.58
        _wang(3, Days(days_worked=D(22)), other=D("20000.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("330.00"), gross=D("35330.00"),
              additional=D("6000.00"), taxable=D("39363.28"), wage_tax=D("962.48"), net=D("30272.58"),
              note="large incentives cross the 36,000 bracket"),
        # April: 2 days unpaid absence (事假), a 200.00 penalty after tax.
        # base 10,000 − 459.770114… × 2 = 9,080.459770… → 9,080.46
        # post 5,000 − 229.885057… × 2 = 4,540.229885… → 4,540.23
        # meal 19 × 15 = 285.00; gross 9,080.46 + 4,540.23 + 285 + 3,000 = 16,905.69
        # income to date 72,648.10 + 16,905.69 = 89,553.79; contributions 16,379.76
        # taxable 89,553.79 − 20,000 − 16,379.76 − 8,000 = 45,174.03; × 10 % − 2,520 = 1,997.403 → 1,997.40
        # tax 1,997.40 − 1,416.33 = 581.07; net 16,905.69 − 4,094.94 − 581.07 − 200.00 = 12,029.68
        _wang(4, Days(days_worked=D(19), unpaid_absence_days=D(2)), other=D("3000.00"), penalties=D("200.00"),
              base=D("9080.46"), post=D("4540.23"), meal=D("285.00"), gross=D("16905.69"),
              additional=D("8000.00"), taxable=D("45174.03"), wage_tax=D("581.07"), net=D("12029.68")),
        # May: 16 hours on rest days (no compensatory rest): 200 %.
        # rest day 15,000 ÷ 174 × 16 × 2 = 480,000 ÷ 174 = 2,758.620689… → 2,758.62
        # meal 17 × 15 = 255.00; gross 10,000 + 5,000 + 255 + 2,758.62 + 3,500 = 21,513.62
        # income to date 89,553.79 + 21,513.62 = 111,067.41; contributions 20,474.70
        # taxable 111,067.41 − 25,000 − 20,474.70 − 10,000 = 55,592.71; × 10 % − 2,520 = 3,039.271 → 3,039.27
        # tax 3,039.27 − 1,997.40 = 1,041.87; net 21,513.62 − 4,094.94 − 1,041.87 = 16,376.81
        _wang(5, Days(days_worked=D(17), overtime_rest_day_hours=D(16)), other=D("3500.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("255.00"), overtime={"rest_day": D("2758.62")},
              gross=D("21513.62"), additional=D("10000.00"), taxable=D("55592.71"), wage_tax=D("1041.87"),
              net=D("16376.81")),
        # June. meal 21 × 15 = 315.00; gross 18,315.00
        # income to date 111,067.41 + 18,315.00 = 129,382.41; contributions 24,569.64
        # taxable 129,382.41 − 30,000 − 24,569.64 − 12,000 = 62,812.77; × 10 % − 2,520 = 3,761.277 → 3,761.28
        # tax 3,761.28 − 3,039.27 = 722.01; net 18,315.00 − 4,094.94 − 722.01 = 13,498.05
        _wang(6, Days(days_worked=D(21)), other=D("3000.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("315.00"), gross=D("18315.00"),
              additional=D("12000.00"), taxable=D("62812.77"), wage_tax=D("722.01"), net=D("13498.05")),
        # July: 6 hours weekday overtime. weekday 15,000 ÷ 174 × 6 × 1.5 = 135,000 ÷ 174 = 775.862068… → 775.86
        # meal 23 × 15 = 345.00; gross 10,000 + 5,000 + 345 + 775.86 + 4,000 = 20,120.86
        # income to date 129,382.41 + 20,120.86 = 149,503.27; contributions 28,664.58
        # taxable 149,503.27 − 35,000 − 28,664.58 − 14,000 = 71,838.69; × 10 % − 2,520 = 4,663.869 → 4,663.87
        # tax 4,663.87 − 3,761.28 = 902.59; net 20,120.86 − 4,094.94 − 902.59 = 15,123.33
        _wang(7, Days(days_worked=D(23), overtime_weekday_hours=D(6)), other=D("4000.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("345.00"), overtime={"weekday": D("775.86")},
              gross=D("20120.86"), additional=D("14000.00"), taxable=D("71838.69"), wage_tax=D("902.59"),
              net=D("15123.33")),
        # August: 1 sick day, paid at 80 %: 20 % of a day is deducted.
        # base 10,000 − 459.770114… × 1 × 20 % = 10,000 − 91.954022… = 9,908.045977… → 9,908.05
        # post 5,000 − 229.885057… × 20 % = 5,000 − 45.977011… = 4,954.022988… → 4,954.02
        # meal 20 × 15 = 300.00; gross 9,908.05 + 4,954.02 + 300 + 3,000 = 18,162.07
        # income to date 149,503.27 + 18,162.07 = 167,665.34; contributions 32,759.52
        # taxable 167,665.34 − 40,000 − 32,759.52 − 16,000 = 78,905.82; × 10 % − 2,520 = 5,370.582 → 5,370.58
        # tax 5,370.58 − 4,663.87 = 706.71; net 18,162.07 − 4,094.94 − 706.71 = 13,360.42
        _wang(8, Days(days_worked=D(20), sick_leave_days=D(1)), other=D("3000.00"),
              base=D("9908.05"), post=D("4954.02"), meal=D("300.00"), gross=D("18162.07"),
              additional=D("16000.00"), taxable=D("78905.82"), wage_tax=D("706.71"), net=D("13360.42")),
        # September. meal 21 × 15 = 315.00; gross 18,315.00
        # income to date 167,665.34 + 18,315.00 = 185,980.34; contributions 36,854.46
        # taxable 185,980.34 − 45,000 − 36,854.46 − 18,000 = 86,125.88; × 10 % − 2,520 = 6,092.588 → 6,092.59
        # tax 6,092.59 − 5,370.58 = 722.01; net 13,498.05
        _wang(9, Days(days_worked=D(21)), other=D("3000.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("315.00"), gross=D("18315.00"),
              additional=D("18000.00"), taxable=D("86125.88"), wage_tax=D("722.01"), net=D("13498.05")),
        # October: 3 National Day holidays worked, 24 hours at 300 %.
        # holiday 15,000 ÷ 174 × 24 × 3 = 1,080,000 ÷ 174 = 6,206.896551… → 6,206.90
        # meal 17 × 15 = 255.00; gross 10,000 + 5,000 + 255 + 6,206.90 + 3,000 = 24,461.90
        # income to date 185,980.34 + 24,461.90 = 210,442.24; contributions 40,949.40
        # taxable 210,442.24 − 50,000 − 40,949.40 − 20,000 = 99,492.84; × 10 % − 2,520 = 7,429.284 → 7,429.28
        # tax 7,429.28 − 6,092.59 = 1,336.69; net 24,461.90 − 4,094.94 − 1,336.69 = 19,030.27
        _wang(10, Days(days_worked=D(17), overtime_holiday_hours=D(24)), other=D("3000.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("255.00"), overtime={"holiday": D("6206.90")},
              gross=D("24461.90"), additional=D("20000.00"), taxable=D("99492.84"), wage_tax=D("1336.69"),
              net=D("19030.27")),
        # November: a 100.00 penalty after tax. meal 21 × 15 = 315.00; gross 18,315.00
        # income to date 210,442.24 + 18,315.00 = 228,757.24; contributions 45,044.34
        # taxable 228,757.24 − 55,000 − 45,044.34 − 22,000 = 106,712.90; × 10 % − 2,520 = 8,151.29
        # tax 8,151.29 − 7,429.28 = 722.01; net 18,315.00 − 4,094.94 − 722.01 − 100.00 = 13,398.05
        _wang(11, Days(days_worked=D(21)), other=D("3000.00"), penalties=D("100.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("315.00"), gross=D("18315.00"),
              additional=D("22000.00"), taxable=D("106712.90"), wage_tax=D("722.01"), net=D("13398.05")),
        # December: annual awards 2,000.00 (safety 1,000 + quality 1,000), taxed apart.
        # meal 23 × 15 = 345.00; gross 10,000 + 5,000 + 345 + 3,000 + 2,000 = 20,345.00
        # wage income 20,345.00 − 2,000.00 = 18,345.00; income to date 228,757.24 + 18,345.00 = 247,102.24
        # taxable 247,102.24 − 60,000 − 49,139.28 − 24,000 = 113,962.96; × 10 % − 2,520 = 8,876.296 → 8,876.30
        # tax 8,876.30 − 8,151.29 = 725.01
        # bonus 2,000 ÷ 12 = 166.67 ≤ 3,000: 3 %, no quick deduction: 2,000 × 3 % = 60.00
        #   (taxed with the wages it would have cost 2,000 × 10 % = 200.00)
        # net 20,345.00 − 4,094.94 − 725.01 − 60.00 = 15,465.05
        _wang(12, Days(days_worked=D(23)), other=D("3000.00"), awards=D("2000.00"),
              base=D("10000.00"), post=D("5000.00"), meal=D("345.00"), gross=D("20345.00"),
              additional=D("24000.00"), taxable=D("113962.96"), wage_tax=D("725.01"), bonus_tax=D("60.00"),
              net=D("15465.05"), note="annual awards taxed apart"),
    ),
)
# fmt: on


# =============================================================================================
# 李娜 Li Na: Guangzhou, hired Monday 2026-07-13, probation to 2026-09-12 at 80 %, base 5,000 +
# post 1,000 = 6,000 a month (on probation 4,000 + 800 = 4,800), declared base 3,000 (below the
# lower limits of every item but the housing fund's), housing rent 1,500 a month from September.
# Covers: a mid-year hire (basic deduction and claims counted from July), a part month, probation
# pay, overtime on probation, a base below the lower limit, a sick day, unpaid absence, a deduction
# starting mid-year, December's annual awards taxed with the wages (no choice made).
#
# Daily wage on probation: base 4,000 ÷ 21.75 = 183.908045…; post 800 ÷ 21.75 = 36.781609…
# Daily wage after: base 5,000 ÷ 21.75 = 229.885057…; post 1,000 ÷ 21.75 = 45.977011…
# Hourly wage: on probation 4,800 ÷ 174 = 27.586206…; after 6,000 ÷ 174 = 34.482758…
#
# Contributions (SI-GZ 2025), every month from July; 3,000 is raised to each item's lower limit:
#   pension       base max(3,000, 4,588) = 4,588: employee × 8 %   = 367.04; employer × 15 %  = 688.20
#   medical       base max(3,000, 6,000) = 6,000: employee × 2 %   = 120.00; employer × 5.5 % = 330.00
#   unemployment  base 4,588: employee × 0.2 % = 9.176 → 9.18;  employer × 0.8 % = 36.704 → 36.70
#   work injury   base 4,588: employee none;                   employer × 0.2 % = 9.176 → 9.18
#   maternity     base 6,000: employee none;                   employer × 1 %   = 60.00
#   housing fund  base 3,000 (within 2,300–36,072, kept): employee × 5 % = 150.00; employer × 5 % = 150.00
#   employee 367.04 + 120.00 + 9.18 + 150.00 = 646.22
#   employer 688.20 + 330.00 + 36.70 + 9.18 + 60.00 + 150.00 = 1,274.08
# Basic deduction 5,000 × months from July (the hire month).
# =============================================================================================
LI_SHARES = {
    "pension": D("367.04"),
    "medical": D("120.00"),
    "unemployment": D("9.18"),
    "work_injury": ZERO,
    "maternity": ZERO,
    "housing_fund": D("150.00"),
}


def _li(month: int, attendance: Days, **figures) -> MonthCase:
    return _month(month, attendance, shares=LI_SHARES, employer=D("1274.08"), **figures)


# fmt: off
LI = EngineerYear(
    key="li",
    name="李娜",
    hire_date=date(2026, 7, 13),
    probation_end=date(2026, 9, 12),
    leaving_date=None,
    scheme=SchemeCase(D("5000.00"), D("1000.00"), D("0.8000"), "adds", "GZ", D("3000.00")),
    claims=(ClaimCase("housing_rent", D("1500.00"), date(2026, 9, 1), None, entered=9),),
    bonus_apart=False,
    months=(
        # July: joined on the 13th, on probation: paid for 15 days (13–31 July, Monday to Friday).
        # base 4,000 ÷ 21.75 × 15 = 2,758.620689… → 2,758.62; post 800 ÷ 21.75 × 15 = 551.724137… → 551.72
        # meal 15 × 15 = 225.00; weekday overtime 4,800 ÷ 174 × 4 × 1.5 = 28,800 ÷ 174 = 165.517241… → 165.52
        # gross 2,758.62 + 551.72 + 225 + 165.52 + 600 = 4,300.86
        # taxable 4,300.86 − 5,000 × 1 − 646.22 < 0 → 0.00; tax 0.00
        # net 4,300.86 − 646.22 = 3,654.64
        _li(7, Days(days_worked=D(15), overtime_weekday_hours=D(4)), other=D("600.00"), whole=False, probation=True,
            base=D("2758.62"), post=D("551.72"), meal=D("225.00"), overtime={"weekday": D("165.52")},
            gross=D("4300.86"), additional=ZERO, taxable=ZERO, wage_tax=ZERO, net=D("3654.64"),
            note="hired mid-month, on probation"),
        # August: the whole month on probation, 1 sick day.
        # base 4,000 − 183.908045… × 20 % = 4,000 − 36.781609… = 3,963.218390… → 3,963.22
        # post 800 − 36.781609… × 20 % = 800 − 7.356321… = 792.643678… → 792.64
        # meal 20 × 15 = 300.00; gross 3,963.22 + 792.64 + 300 + 1,500 = 6,555.86
        # income to date 4,300.86 + 6,555.86 = 10,856.72; basic 5,000 × 2 (July, August) = 10,000
        # taxable 10,856.72 − 10,000 − 1,292.44 < 0 → 0.00; tax 0.00
        # net 6,555.86 − 646.22 = 5,909.64
        _li(8, Days(days_worked=D(20), sick_leave_days=D(1)), other=D("1500.00"), probation=True,
            base=D("3963.22"), post=D("792.64"), meal=D("300.00"), gross=D("6555.86"),
            additional=ZERO, taxable=ZERO, wage_tax=ZERO, net=D("5909.64")),
        # September: probation ended on the 12th, so the month is paid at the full wage. Housing rent
        # 1,500 from September (entered this month).
        # meal 20 × 15 = 300.00; gross 5,000 + 1,000 + 300 + 2,000 = 8,300.00
        # income to date 10,856.72 + 8,300.00 = 19,156.72; basic 15,000; contributions 646.22 × 3 = 1,938.66
        # taxable 19,156.72 − 15,000 − 1,938.66 − 1,500 = 718.06; × 3 % = 21.5418 → 21.54; tax 21.54
        # net 8,300.00 − 646.22 − 21.54 = 7,632.24
        _li(9, Days(days_worked=D(20)), other=D("2000.00"),
            base=D("5000.00"), post=D("1000.00"), meal=D("300.00"), gross=D("8300.00"),
            additional=D("1500.00"), taxable=D("718.06"), wage_tax=D("21.54"), net=D("7632.24"),
            note="probation over; housing rent from this month"),
        # October: 1 day unpaid absence; 8 hours on a rest day, 8 hours on a National Day holiday.
        # base 5,000 − 229.885057… = 4,770.114942… → 4,770.11; post 1,000 − 45.977011… = 954.022988… → 954.02
        # rest day 6,000 ÷ 174 × 8 × 2 = 96,000 ÷ 174 = 551.724137… → 551.72
        # holiday 6,000 ÷ 174 × 8 × 3 = 144,000 ÷ 174 = 827.586206… → 827.59
        # meal 16 × 15 = 240.00; gross 4,770.11 + 954.02 + 240 + 551.72 + 827.59 + 2,500 = 9,843.44
        # income to date 19,156.72 + 9,843.44 = 29,000.16; basic 20,000; contributions 2,584.88
        # taxable 29,000.16 − 20,000 − 2,584.88 − 3,000 = 3,415.28; × 3 % = 102.4584 → 102.46
        # tax 102.46 − 21.54 = 80.92; net 9,843.44 − 646.22 − 80.92 = 9,116.30
        _li(10, Days(days_worked=D(16), unpaid_absence_days=D(1), overtime_rest_day_hours=D(8),
                     overtime_holiday_hours=D(8)), other=D("2500.00"),
            base=D("4770.11"), post=D("954.02"), meal=D("240.00"),
            overtime={"rest_day": D("551.72"), "holiday": D("827.59")},
            gross=D("9843.44"), additional=D("3000.00"), taxable=D("3415.28"), wage_tax=D("80.92"),
            net=D("9116.30")),
        # November. meal 21 × 15 = 315.00; gross 5,000 + 1,000 + 315 + 3,000 = 9,315.00
        # income to date 29,000.16 + 9,315.00 = 38,315.16; basic 25,000; contributions 3,231.10
        # taxable 38,315.16 − 25,000 − 3,231.10 − 4,500 = 5,584.06; × 3 % = 167.5218 → 167.52
        # tax 167.52 − 102.46 = 65.06; net 9,315.00 − 646.22 − 65.06 = 8,603.72
        _li(11, Days(days_worked=D(21)), other=D("3000.00"),
            base=D("5000.00"), post=D("1000.00"), meal=D("315.00"), gross=D("9315.00"),
            additional=D("4500.00"), taxable=D("5584.06"), wage_tax=D("65.06"), net=D("8603.72")),
        # December: annual awards 1,000.00 (500 + 500: six months employed), taxed with the wages.
        # meal 23 × 15 = 345.00; gross 5,000 + 1,000 + 345 + 3,000 + 1,000 = 10,345.00
        # income to date 38,315.16 + 10,345.00 = 48,660.16; basic 30,000; contributions 3,877.32
        # taxable 48,660.16 − 30,000 − 3,877.32 − 6,000 = 8,782.84; × 3 % = 263.4852 → 263.49
        # tax 263.49 − 167.52 = 95.97; net 10,345.00 − 646.22 − 95.97 = 9,602.81
        _li(12, Days(days_worked=D(23)), other=D("3000.00"), awards=D("1000.00"),
            base=D("5000.00"), post=D("1000.00"), meal=D("345.00"), gross=D("10345.00"),
            additional=D("6000.00"), taxable=D("8782.84"), wage_tax=D("95.97"), net=D("9602.81"),
            note="annual awards taxed with the wages"),
    ),
)
# fmt: on


# =============================================================================================
# 赵敏 Zhao Min: Shenzhen, employed since 2021, left on Friday 2026-06-19. Piece-rate pay replaces
# her base wage (2,600, so no base-wage line); post wage 1,400; declared base 8,000 (within every
# limit); elderly support 3,000 a month from January, but entered only for April's close.
# Covers: piece rate replacing the base wage, the base wage still counting for overtime, unpaid
# absence, sick leave, overtime of each kind, a deduction claimed late that catches up from
# January (April's tax falls to 0.00: never negative), a penalty after tax, a month left part-way.
#
# Daily post wage 1,400 ÷ 21.75 = 64.367816…
# Hourly wage for overtime: (2,600 + 1,400) ÷ 174 = 4,000 ÷ 174 = 22.988505…
#
# Contributions (SI-SZ 2025), every month; 8,000 is within every item's limits:
#   pension       employee 8,000 × 8 %   = 640.00; employer × 15 %  = 1,200.00
#   medical       employee 8,000 × 2 %   = 160.00; employer × 5.5 % =   440.00  (limits 7,480–37,398)
#   unemployment  employee 8,000 × 0.3 % =  24.00; employer × 0.7 % =    56.00
#   work injury   employee none;                   employer × 0.2 % =    16.00
#   maternity     employee none;                   employer × 1 %   =    80.00
#   housing fund  employee 8,000 × 5 %   = 400.00; employer × 5 %   =   400.00
#   employee 640 + 160 + 24 + 400 = 1,224.00; employer 1,200 + 440 + 56 + 16 + 80 + 400 = 2,192.00
# =============================================================================================
ZHAO_SHARES = {
    "pension": D("640.00"),
    "medical": D("160.00"),
    "unemployment": D("24.00"),
    "work_injury": ZERO,
    "maternity": ZERO,
    "housing_fund": D("400.00"),
}


def _zhao(month: int, attendance: Days, **figures) -> MonthCase:
    return _month(month, attendance, shares=ZHAO_SHARES, employer=D("2192.00"), base=ZERO, **figures)


# fmt: off
ZHAO = EngineerYear(
    key="zhao",
    name="赵敏",
    hire_date=date(2021, 5, 10),
    probation_end=date(2021, 7, 9),
    leaving_date=date(2026, 6, 19),
    scheme=SchemeCase(D("2600.00"), D("1400.00"), D("0.8000"), "replaces", "SZ", D("8000.00")),
    claims=(ClaimCase("elderly_support", D("3000.00"), date(2026, 1, 1), None, entered=4),),
    bonus_apart=False,
    months=(
        # January: 1 day unpaid absence, 8 hours weekday overtime, piece rate 11,000.00.
        # post 1,400 − 64.367816… = 1,335.632183… → 1,335.63
        # weekday 4,000 ÷ 174 × 8 × 1.5 = 48,000 ÷ 174 = 275.862068… → 275.86; meal 20 × 15 = 300.00
        # gross 1,335.63 + 300 + 275.86 + 11,000 = 12,911.49
        # taxable 12,911.49 − 5,000 − 1,224.00 = 6,687.49; × 3 % = 200.6247 → 200.62
        # net 12,911.49 − 1,224.00 − 200.62 = 11,486.87
        _zhao(1, Days(days_worked=D(20), unpaid_absence_days=D(1), overtime_weekday_hours=D(8)), other=D("11000.00"),
              post=D("1335.63"), meal=D("300.00"), overtime={"weekday": D("275.86")}, gross=D("12911.49"),
              additional=ZERO, taxable=D("6687.49"), wage_tax=D("200.62"), net=D("11486.87"),
              note="piece rate replaces the base wage"),
        # February: 15 days worked, 3 days paid leave. meal 15 × 15 = 225.00
        # gross 1,400 + 225 + 9,000 = 10,625.00; income to date 12,911.49 + 10,625.00 = 23,536.49
        # taxable 23,536.49 − 10,000 − 2,448.00 = 11,088.49; × 3 % = 332.6547 → 332.65
        # tax 332.65 − 200.62 = 132.03; net 10,625.00 − 1,224.00 − 132.03 = 9,268.97
        _zhao(2, Days(days_worked=D(15), paid_leave_days=D(3)), other=D("9000.00"),
              post=D("1400.00"), meal=D("225.00"), gross=D("10625.00"),
              additional=ZERO, taxable=D("11088.49"), wage_tax=D("132.03"), net=D("9268.97")),
        # March: 8 hours on a rest day. rest day 4,000 ÷ 174 × 8 × 2 = 64,000 ÷ 174 = 367.816091… → 367.82
        # meal 22 × 15 = 330.00; gross 1,400 + 330 + 367.82 + 12,500 = 14,597.82
        # income to date 23,536.49 + 14,597.82 = 38,134.31
        # taxable 38,134.31 − 15,000 − 3,672.00 = 19,462.31; × 3 % = 583.8693 → 583.87
        # tax 583.87 − 332.65 = 251.22; net 14,597.82 − 1,224.00 − 251.22 = 13,122.60
        _zhao(3, Days(days_worked=D(22), overtime_rest_day_hours=D(8)), other=D("12500.00"),
              post=D("1400.00"), meal=D("330.00"), overtime={"rest_day": D("367.82")}, gross=D("14597.82"),
              additional=ZERO, taxable=D("19462.31"), wage_tax=D("251.22"), net=D("13122.60")),
        # April: 2 sick days; the elderly-support claim from January is entered: 4 months × 3,000 = 12,000.
        # post 1,400 − 64.367816… × 2 × 20 % = 1,400 − 25.747126… = 1,374.252873… → 1,374.25
        # meal 19 × 15 = 285.00; gross 1,374.25 + 285 + 12,000 = 13,659.25
        # income to date 38,134.31 + 13,659.25 = 51,793.56
        # taxable 51,793.56 − 20,000 − 4,896.00 − 12,000 = 14,897.56; × 3 % = 446.9268 → 446.93
        # 446.93 − 583.87 withheld is negative: tax 0.00 (the 136.94 comes back at the annual reconciliation)
        # net 13,659.25 − 1,224.00 = 12,435.25
        _zhao(4, Days(days_worked=D(19), sick_leave_days=D(2)), other=D("12000.00"),
              post=D("1374.25"), meal=D("285.00"), gross=D("13659.25"),
              additional=D("12000.00"), taxable=D("14897.56"), wage_tax=ZERO, net=D("12435.25"),
              note="deduction claimed late catches up from January; tax not below zero"),
        # May: 8 hours on the May Day holiday, a 300.00 penalty after tax.
        # holiday 4,000 ÷ 174 × 8 × 3 = 96,000 ÷ 174 = 551.724137… → 551.72
        # meal 18 × 15 = 270.00; gross 1,400 + 270 + 551.72 + 12,000 = 14,221.72
        # income to date 51,793.56 + 14,221.72 = 66,015.28
        # taxable 66,015.28 − 25,000 − 6,120.00 − 15,000 = 19,895.28; × 3 % = 596.8584 → 596.86
        # tax 596.86 − 583.87 = 12.99; net 14,221.72 − 1,224.00 − 12.99 − 300.00 = 12,684.73
        _zhao(5, Days(days_worked=D(18), overtime_holiday_hours=D(8)), other=D("12000.00"), penalties=D("300.00"),
              post=D("1400.00"), meal=D("270.00"), overtime={"holiday": D("551.72")}, gross=D("14221.72"),
              additional=D("15000.00"), taxable=D("19895.28"), wage_tax=D("12.99"), net=D("12684.73")),
        # June: left on the 19th (the Dragon Boat holiday, a paid day): 14 days worked + 1 paid = 15 days paid.
        # post 1,400 ÷ 21.75 × 15 = 965.517241… → 965.52; meal 14 × 15 = 210.00
        # gross 965.52 + 210 + 7,000 = 8,175.52; income to date 66,015.28 + 8,175.52 = 74,190.80
        # taxable 74,190.80 − 30,000 − 7,344.00 − 18,000 = 18,846.80; × 3 % = 565.404 → 565.40
        # 565.40 − 596.86 withheld is negative: tax 0.00; net 8,175.52 − 1,224.00 = 6,951.52
        _zhao(6, Days(days_worked=D(14), paid_leave_days=D(1)), other=D("7000.00"), whole=False,
              post=D("965.52"), meal=D("210.00"), gross=D("8175.52"),
              additional=D("18000.00"), taxable=D("18846.80"), wage_tax=ZERO, net=D("6951.52"),
              note="left mid-month"),
    ),
)
# fmt: on

ENGINEERS: tuple[EngineerYear, ...] = (WANG, LI, ZHAO)
# The flat table: one row per engineer-month, in month order per engineer.
CASES: tuple[tuple[EngineerYear, MonthCase], ...] = tuple((e, m) for e in ENGINEERS for m in e.months)
