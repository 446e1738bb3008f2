"""Seed 001, 适用范围: who is outside assessment, each of the five reasons."""

from datetime import date, timedelta

import pytest

from incentives.assessment import AssessmentPolicy, EngineerFacts, absence_runs, assess
from incentives.errors import IncentiveError
from incentives.policy import Policy

NOV = {"period_start": date(2026, 11, 1), "period_end": date(2026, 11, 30), "policy": Policy.load_default()}


def facts(**kw):
    return EngineerFacts(**{"employment_type": "regular", "hire_date": date(2020, 1, 1), **kw})


def test_a_regular_engineer_is_inside():
    assert assess(facts(), **NOV).inside


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"employment_type": "outsourced"}, "outsourced"),
        ({"employment_type": "temporary"}, "temporary"),
        ({"employment_type": "probation"}, "probation"),
        ({"probation_end": date(2026, 11, 30), "hire_date": date(2026, 10, 1)}, "probation"),
        ({"leaving_date": date(2026, 11, 20)}, "left"),
        ({"absences": [(date(2026, 11, 1), date(2026, 11, 30))]}, "long_absence"),
    ],
)
def test_each_exclusion_names_its_reason(kw, code):
    result = assess(facts(**kw), **NOV)
    assert not result.inside
    assert result.codes == (code,)


def test_probation_ended_before_the_assessment_date_is_inside():
    assert assess(facts(hire_date=date(2026, 9, 1), probation_end=date(2026, 11, 29)), **NOV).inside


def test_leaving_on_the_assessment_date_itself_is_inside():
    assert assess(facts(leaving_date=date(2026, 11, 30)), **NOV).inside


def _absent(days: int, start=date(2026, 11, 1)):
    return facts(absences=[(start, start + timedelta(days=days - 1))])


def test_29_consecutive_days_absent_is_inside():
    assert assess(_absent(29), **NOV).inside


def test_30_consecutive_days_absent_is_outside():
    result = assess(_absent(30), **NOV)
    assert result.codes == ("long_absence",)
    assert result.exclusions[0].detail["days"] == 30


def test_back_to_back_absences_count_as_one_run():
    f = facts(absences=[(date(2026, 11, 1), date(2026, 11, 15)), (date(2026, 11, 16), date(2026, 11, 30))])
    assert assess(f, **NOV).codes == ("long_absence",)


def test_a_gap_day_breaks_the_run():
    f = facts(absences=[(date(2026, 11, 1), date(2026, 11, 15)), (date(2026, 11, 17), date(2026, 11, 30))])
    assert assess(f, **NOV).inside


def test_a_run_starting_last_month_counts_when_it_reaches_into_the_period():
    f = facts(absences=[(date(2026, 10, 10), date(2026, 11, 8))])  # 30 days
    assert assess(f, **NOV).codes == ("long_absence",)


def test_days_after_the_assessment_date_are_not_counted():
    f = facts(absences=[(date(2026, 11, 20), date(2026, 12, 31))])  # only 11 days by 30 Nov
    assert assess(f, **NOV).inside


def test_several_reasons_are_all_reported():
    f = facts(employment_type="outsourced", leaving_date=date(2026, 11, 10))
    assert set(assess(f, **NOV).codes) == {"outsourced", "left"}


def test_absence_runs_merge_overlaps():
    runs = absence_runs([(date(2026, 1, 5), date(2026, 1, 9)), (date(2026, 1, 1), date(2026, 1, 6))])
    assert runs == [(date(2026, 1, 1), date(2026, 1, 9))]


def test_the_policy_is_required():
    with pytest.raises(TypeError):
        assess(facts(), period_start=date(2026, 11, 1), period_end=date(2026, 11, 30))  # type: ignore[call-arg]
    with pytest.raises(IncentiveError) as err:
        assess(facts(), period_start=date(2026, 11, 1), period_end=date(2026, 11, 30), policy=None)
    assert (err.value.code, err.value.params["parameter"]) == ("assessment.policy_required", "policy")


def test_the_policy_in_force_decides_the_long_absence_threshold():
    # A version with a 20-day threshold puts 25 days outside; the default 30 keeps them inside.
    absent = _absent(25)
    stricter = AssessmentPolicy(long_absence_days=20)
    assert assess(absent, **{**NOV, "policy": stricter}).codes == ("long_absence",)
    assert assess(absent, **{**NOV, "policy": stricter.__class__()}).inside
    assert assess(absent, **NOV).inside  # the whole Policy is accepted too (its assessment section)
