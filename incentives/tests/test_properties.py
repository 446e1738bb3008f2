"""Properties over thousands of generated cases: conservation, bounds, monotonicity, the cap."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from incentives.policy import Policy
from incentives.rules.crew import CrewMember, crew_split
from incentives.rules.individual import Candidate, eligibility, individual_incentive

POLICY = Policy.load_default()
fen = st.integers(min_value=0, max_value=5_000_000).map(lambda f: Decimal(f) / 100)
days = st.integers(min_value=0, max_value=60).map(lambda h: Decimal(h) / 2)  # half days
pcts = st.integers(min_value=0, max_value=100).map(Decimal)
crews = st.lists(st.tuples(days, pcts), min_size=1, max_size=10).filter(lambda ms: any(d * p > 0 for d, p in ms))


def members(rows):
    return [CrewMember(key=i, days=d, pct=p) for i, (d, p) in enumerate(rows)]


@settings(max_examples=2000)
@given(pool=fen, rows=crews)
def test_crew_shares_add_up_to_the_pool_never_negative_within_a_fen(pool, rows):
    shares = crew_split(pool=pool, members=members(rows), policy=POLICY)
    amounts = [shares[i].amount for i in range(len(rows))]
    assert sum(amounts) == pool
    assert all(a >= 0 for a in amounts)
    weight_sum = sum(d * p for d, p in rows)
    for (d, p), amount in zip(rows, amounts, strict=True):
        assert abs(amount - pool * d * p / weight_sum) < Decimal("0.01")


@settings(max_examples=2000)
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


@settings(max_examples=1000)
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
