import copy
from decimal import Decimal

import pytest

from incentives.errors import IncentiveError
from incentives.policy import Policy


def test_default_version_is_a2_with_domain_numbers(policy):
    assert policy.label == "FS-MS-KF-13 A/2"
    assert (policy.individual.rate_range.low, policy.individual.rate_range.high) == (Decimal("0.03"), Decimal("0.05"))
    assert policy.individual.monthly_cap == Decimal("500.00")
    assert (policy.crew.ratio_range.low, policy.crew.ratio_range.high) == (Decimal("0.10"), Decimal("0.20"))
    assert policy.training.day_rate == Decimal("60.00")
    assert [(b.code, b.min_score, b.coefficient) for b in policy.kpi.bands] == [
        ("A", 90, Decimal("1.2")),
        ("B", 80, Decimal("1.0")),
        ("C", 60, Decimal("0.8")),
        ("D", 0, Decimal("0.5")),
    ]
    assert policy.honour("excellent_team_month").basis == "per_team"


def test_round_trip_through_json_is_lossless(policy):
    assert Policy.from_dict(policy.to_dict()) == policy


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("kpi", "sources", 0, "weight"), "0.5", "add up to 1"),
        (("individual", "rate_range"), ["0.05", "0.03"], "above high"),
        (("individual", "monthly_cap"), 500.0, "strings"),
        (("kpi", "bands", 0, "min_score"), "50", "highest first"),
        (("commission", "tiers", 2, "lower"), "5000", "increasing"),
        (("crew", "max_member_pct"), "90", "100–1000"),
    ],
)
def test_invalid_policy_names_the_path_and_the_rule(policy, path, value, message):
    data = copy.deepcopy(policy.to_dict())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(IncentiveError) as err:
        Policy.from_dict(data)
    assert err.value.code == "policy.invalid"
    assert message in err.value.message
    assert err.value.params["parameter"].startswith(path[0])


def test_unknown_honour_is_an_error_with_a_code(policy):
    with pytest.raises(IncentiveError) as err:
        policy.honour("best_smile")
    assert err.value.code == "honour.unknown_kind"


def test_personal_percentage_maximum_defaults_to_200_for_versions_saved_before_it_existed(policy):
    data = copy.deepcopy(policy.to_dict())
    assert data["crew"].pop("max_member_pct") == "200"
    assert Policy.from_dict(data).crew.max_member_pct == Decimal(200)
