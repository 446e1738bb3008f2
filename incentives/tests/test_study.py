"""Study reward and certificate standing: no database."""

from datetime import date
from decimal import Decimal

import pytest

from incentives.errors import IncentiveError
from incentives.rules.study import EXPIRED, EXPIRING, NOT_YET_VALID, VALID, days_left, standing, study_reward
from incentives.study_policy import LEVELS, SKILLS, StudyPolicy


@pytest.fixture
def policy():
    return StudyPolicy.load_default()


def test_default_document_has_a_standard_for_every_skill_and_level(policy):
    assert len(policy.rewards) == len(SKILLS) * len(LEVELS) == 30
    assert policy.expiry_warning_days == 60
    assert policy.label == "KF-STUDY A/0"


@pytest.mark.parametrize(
    ("skill", "level", "amount"),
    [
        ("electrician", "operation", "300.00"),
        ("pipefitter", "operation", "200.00"),
        ("welder", "intermediate", "400.00"),
        ("electrician", "senior_technician", "2500.00"),
    ],
)
def test_reward_is_the_standard_of_kind_and_level(policy, skill, level, amount):
    traced = study_reward(skill=skill, level=level, policy=policy)
    assert traced.amount == Decimal(amount)
    step = traced.steps[0]
    assert step.rule == "training.study_reward"
    assert step.inputs == {"skill": skill, "level": level, "standard": Decimal(amount)}
    assert traced.policy_version == "KF-STUDY A/0"


def test_a_missing_combination_is_refused_naming_it(policy):
    data = policy.to_dict()
    data["rewards"] = [r for r in data["rewards"] if r["code"] != "welder.senior"]
    with pytest.raises(IncentiveError) as err:
        StudyPolicy.from_dict(data)
    assert "welder.senior" in str(err.value)


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("amount", "-1.00", "rewards[0].amount"),
        ("amount", "10.005", "rewards[0].amount"),
        ("code", "astronaut.junior", "rewards[0].code"),
    ],
)
def test_bad_rows_name_their_path(policy, field, value, path):
    data = policy.to_dict()
    data["rewards"][0][field] = value
    with pytest.raises(IncentiveError) as err:
        StudyPolicy.from_dict(data)
    assert err.value.params["parameter"] == path


def test_warning_days_must_be_whole_and_in_range(policy):
    data = policy.to_dict()
    data["expiry_warning_days"] = 400
    with pytest.raises(IncentiveError):
        StudyPolicy.from_dict(data)
    data["expiry_warning_days"] = "30"
    assert StudyPolicy.from_dict(data).expiry_warning_days == 30


def test_round_trip(policy):
    assert StudyPolicy.from_dict(policy.to_dict()) == policy


TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("expires_on", "expected", "left"),
    [
        (None, VALID, None),
        (date(2027, 1, 17), VALID, 60),  # 12 (Nov 19–30) + 31 + 17 = 60 days
        (date(2027, 1, 16), EXPIRING, 59),
        (date(2026, 11, 18), EXPIRING, 0),  # the last valid day is today
        (date(2026, 11, 17), EXPIRED, -1),
    ],
)
def test_standing_around_the_warning_window(expires_on, expected, left):
    assert days_left(expires_on=expires_on, today=TODAY) == left
    assert standing(issued_on=date(2024, 1, 1), expires_on=expires_on, today=TODAY, warning_days=59) == expected


def test_sixty_days_left_is_expiring_under_a_sixty_day_window():
    assert standing(issued_on=date(2024, 1, 1), expires_on=date(2027, 1, 17), today=TODAY, warning_days=60) == EXPIRING


def test_not_yet_valid_before_issue():
    assert standing(issued_on=date(2026, 12, 1), expires_on=None, today=TODAY, warning_days=60) == NOT_YET_VALID
