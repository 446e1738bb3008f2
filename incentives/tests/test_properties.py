"""Properties over thousands of generated cases: conservation, bounds, monotonicity, the cap."""

import math
from decimal import Decimal
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from incentives.money import in_fen, split_largest_remainder
from incentives.policy import Policy
from incentives.rules.awards import annual_award
from incentives.rules.crew import CrewMember, Inspection, crew_incentive, crew_split
from incentives.rules.individual import Candidate, eligibility, individual_incentive
from incentives.rules.kpi import scorecard
from incentives.rules.payslip import DeductionSpec, month_deductions
from incentives.rules.piece_rate import Participant, piece_rate_shares

POLICY = Policy.load_default()
CATEGORIES = POLICY.crew.categories
fen = st.integers(min_value=0, max_value=5_000_000).map(lambda f: Decimal(f) / 100)
days = st.integers(min_value=0, max_value=60).map(lambda h: Decimal(h) / 2)  # half days
pcts = st.integers(min_value=0, max_value=200).map(Decimal)  # coefficients up to the policy's 200 %
crews = st.lists(st.tuples(days, pcts), min_size=1, max_size=10).filter(lambda ms: any(d * p > 0 for d, p in ms))


def members(rows):
    return [CrewMember(key=i, days=d, pct=p) for i, (d, p) in enumerate(rows)]


@settings(max_examples=1000, deadline=None)
@given(pool=fen, rows=crews)
def test_crew_shares_add_up_to_the_pool_never_negative_within_a_fen(pool, rows):
    shares = crew_split(pool=pool, members=members(rows), policy=POLICY)
    amounts = [shares[i].amount for i in range(len(rows))]
    assert sum(amounts) == pool
    assert all(a >= 0 for a in amounts)
    weight_sum = sum(Fraction(d * p) for d, p in rows)
    for (d, p), amount in zip(rows, amounts, strict=True):
        assert abs(Fraction(amount) - Fraction(pool) * Fraction(d * p) / weight_sum) < Fraction(1, 100)


@settings(max_examples=1000, deadline=None)
@given(pool=fen, rows=crews, who=st.integers(min_value=0, max_value=9), extra=st.integers(min_value=1, max_value=20))
def test_more_days_never_means_less_money(pool, rows, who, extra):
    who %= len(rows)
    before = crew_split(pool=pool, members=members(rows), policy=POLICY)[who].amount
    more = list(rows)
    more[who] = (rows[who][0] + Decimal(extra) / 2, rows[who][1])
    after = crew_split(pool=pool, members=members(more), policy=POLICY)[who].amount
    assert after >= before


ELIGIBLE = eligibility(
    Candidate(
        inside_assessment=True, probation_passed=True, has_special_skill=True, service_years=5, rated_excellent=True
    ),
    POLICY,
)
rates = st.integers(min_value=300, max_value=500).map(lambda r: Decimal(r) / 10000)


@settings(max_examples=1000, deadline=None)
@given(requests=st.lists(st.tuples(fen, rates), min_size=1, max_size=15))
def test_no_sequence_of_individual_awards_passes_the_monthly_cap(requests):
    awarded = Decimal("0.00")
    for project_total, rate in requests:
        amount = individual_incentive(
            project_total=project_total, rate=rate, already_awarded=awarded, eligible=ELIGIBLE, policy=POLICY
        ).amount
        assert amount >= 0
        awarded += amount
        assert awarded <= POLICY.individual.monthly_cap


# ---- exact arithmetic: every amount equals an independent exact calculation rounded once ----


def half_up_fen(num: int, den: int) -> int:
    """Independent reference: num/den yuan (≥ 0) to whole fen, half up, in integers only."""
    return (200 * num + den) // (2 * den)


rationals = st.fractions(min_value=0, max_value=1000, max_denominator=60)
unique_keys = st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=10, unique=True)


@settings(max_examples=500, deadline=None)
@given(pool_fen=st.integers(min_value=0, max_value=5_000_000), data=st.data())
def test_any_rational_weights_split_exactly_by_largest_remainder_ties_to_the_lowest_key(pool_fen, data):
    keys = data.draw(unique_keys)
    # Repeated weights make exact ties common.
    weights = data.draw(
        st.lists(
            st.sampled_from([Fraction(1), Fraction(1, 3), Fraction(5, 2)]) | rationals,
            min_size=len(keys),
            max_size=len(keys),
        )
    )
    assume(sum(weights) > 0)
    shares = split_largest_remainder(Decimal(pool_fen) / 100, weights, keys)
    fen = [int(s * 100) for s in shares]
    assert sum(fen) == pool_fen
    total_weight = sum(weights)
    exact_fen = [pool_fen * w / total_weight for w in weights]
    floors = [math.floor(e) for e in exact_fen]
    # Independent largest remainder: the leftover fen go to the largest exact remainders, ties to the lowest key.
    order = sorted(range(len(keys)), key=lambda i: (-(exact_fen[i] - floors[i]), keys[i]))
    bonus = set(order[: pool_fen - sum(floors)])
    assert fen == [f + (i in bonus) for i, f in enumerate(floors)]


@settings(max_examples=500, deadline=None)
@given(pool_fen=st.integers(min_value=0, max_value=1_000_000), data=st.data())
def test_a_split_does_not_depend_on_the_order_participants_are_listed(pool_fen, data):
    rows = data.draw(st.lists(st.tuples(days, st.integers(0, 200).map(Decimal)), min_size=1, max_size=8))
    assume(any(d * p > 0 for d, p in rows))
    members_ = members(rows)
    shuffled = data.draw(st.permutations(members_))
    pool = Decimal(pool_fen) / 100
    first = {k: t.amount for k, t in crew_split(pool=pool, members=members_, policy=POLICY).items()}
    second = {k: t.amount for k, t in crew_split(pool=pool, members=shuffled, policy=POLICY).items()}
    assert first == second


scores_3dp = st.integers(min_value=0, max_value=100_000)  # a score in thousandths: 0.000–100.000


@settings(max_examples=1000, deadline=None)
@given(
    inspectors=st.lists(st.tuples(scores_3dp, scores_3dp, scores_3dp, scores_3dp), min_size=1, max_size=4),
    total_fen=st.integers(min_value=0, max_value=10_000_000),
    ratio_pct=st.integers(min_value=10, max_value=20),
)
def test_crew_pool_equals_the_exact_value_rounded_once(inspectors, total_fen, ratio_pct):
    result = crew_incentive(
        inspections=[
            Inspection(str(n), dict(zip(CATEGORIES, (Decimal(s) / 1000 for s in row), strict=True)))
            for n, row in enumerate(inspectors)
        ],
        project_total=Decimal(total_fen) / 100,
        ratio=Decimal(ratio_pct) / 100,
        members=[CrewMember(1, Decimal(1), Decimal(100))],
        policy=POLICY,
    )
    # pool = (Σ scores ÷ 1000 ÷ inspectors ÷ 4) ÷ 100 × total_fen ÷ 100 × ratio_pct ÷ 100, in integers
    num = sum(map(sum, inspectors)) * total_fen * ratio_pct
    den = 1000 * len(inspectors) * 4 * 100 * 100 * 100
    assert int(result.pool.amount * 100) == half_up_fen(num, den)
    assert sum(t.amount for t in result.shares.values()) == result.pool.amount


kpi_score = st.integers(min_value=0, max_value=10_000)  # hundredths: 0.00–100.00
DIM_BP = {d.code: int(d.weight * 100) for d in POLICY.kpi.dimensions}  # weights in hundredths
SRC_BP = {s.code: int(s.weight * 100) for s in POLICY.kpi.sources}


@settings(max_examples=1000, deadline=None)
@given(
    card=st.dictionaries(
        st.sampled_from(sorted(SRC_BP)),
        st.dictionaries(st.sampled_from(sorted(DIM_BP)), kpi_score, min_size=1),
        min_size=1,
    )
)
def test_kpi_score_equals_the_exact_re_weighted_value_rounded_once(card):
    result = scorecard(
        scores={s: {d: Decimal(v) / 100 for d, v in dims.items()} for s, dims in card.items()}, policy=POLICY
    )
    # Independent: source_s = Σ v·w / Σ w (as num/den), month = Σ source·W / Σ W, all in integers.
    num, den = 0, 1
    src_weight = sum(SRC_BP[s] for s in card)
    for s, dims in card.items():
        s_num = sum(v * DIM_BP[d] for d, v in dims.items())  # in hundredths of a point × weight units
        s_den = sum(DIM_BP[d] for d in dims) * 100
        num, den = num * s_den + den * s_num * SRC_BP[s], den * s_den
    den *= src_weight
    expected = Decimal((200 * num + den) // (2 * den)) / 100
    assert result.score == expected
    assert result.band == next(b for b in POLICY.kpi.bands if expected >= b.min_score)


@settings(max_examples=1000, deadline=None)
@given(
    pay_fen=st.integers(min_value=0, max_value=2_000_000),
    specs=st.lists(
        st.one_of(
            st.integers(min_value=1, max_value=500_000).map(lambda f: DeductionSpec(fixed_amount=Decimal(f) / 100)),
            st.integers(min_value=1, max_value=10_000).map(lambda r: DeductionSpec(pay_rate=Decimal(r) / 10_000)),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_deductions_never_pass_the_limit_even_by_a_fraction_of_a_fen(pay_fen, specs):
    pay = Decimal(pay_fen) / 100
    cuts = month_deductions(pay=pay, deductions=specs, policy=POLICY)
    taken = -sum(t.amount for t in cuts)
    assert Fraction(taken) <= Fraction(pay) * Fraction(POLICY.penalties.max_deduction_rate)
    assert all(t.amount <= 0 and str(t.amount) != "-0.00" and in_fen(t.amount) for t in cuts)


@settings(max_examples=1000, deadline=None)
@given(total_fen=st.integers(min_value=0, max_value=5_000_000), data=st.data())
def test_piece_rate_shares_add_up_for_any_days(total_fen, data):
    keys = data.draw(unique_keys)
    ds = data.draw(st.lists(days, min_size=len(keys), max_size=len(keys)))
    assume(sum(ds) > 0)
    shares = piece_rate_shares(
        total=Decimal(total_fen) / 100, participants=[Participant(k, d) for k, d in zip(keys, ds, strict=True)]
    )
    assert sorted(shares) == sorted(keys)
    assert sum(t.amount for t in shares.values()) == Decimal(total_fen) / 100


@settings(max_examples=500, deadline=None)
@given(
    total_fen=st.integers(min_value=0, max_value=10_000_000),
    rate_bp=st.integers(min_value=300, max_value=500),
    months=st.integers(min_value=0, max_value=12),
)
def test_individual_incentive_and_annual_award_equal_the_exact_value_rounded_once(total_fen, rate_bp, months):
    raw = individual_incentive(
        project_total=Decimal(total_fen) / 100,
        rate=Decimal(rate_bp) / 10_000,
        already_awarded=Decimal(0),
        eligible=ELIGIBLE,
        policy=POLICY,
    ).steps[0]
    assert int(raw.result * 100) == half_up_fen(total_fen * rate_bp, 100 * 10_000)
    annual = annual_award(kind="safety", months=months, disqualified=False, policy=POLICY).amount
    assert int(annual * 100) == half_up_fen(int(POLICY.annual.safety_amount * 100) * months, 100 * 12)
