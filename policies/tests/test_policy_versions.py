"""Policy versions: GM-only approval with four-eyes, immutable once approved, in force by date."""

from datetime import date
from decimal import Decimal

import pytest

from conftest import make_user
from core.errors import DomainError, PermissionDeniedError
from policies.models import PolicyVersion
from policies.selectors import policy_in_force, policy_version_in_force
from policies.services import policy_approve, policy_draft_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return {
        "hr": make_user("hr", "hr_clerk"),
        "manager": make_user("manager", "dept_manager"),
        "gm": make_user("gm", "general_manager"),
        "gm2": make_user("gm2", "general_manager"),
        "manager2": make_user("manager2", "dept_manager"),
    }


def reviewed(people, draft):
    from policies.services import policy_review

    return policy_review(user=people["manager2"], version=draft)


def a3_draft(user, **changes):
    params = PolicyVersion.objects.get(version="A/2").parameters
    params["individual"]["monthly_cap"] = changes.pop("cap", "600.00")
    return policy_draft_save(
        user=user,
        version="A/3",
        title="综合激励方案(修订)",
        effective_from=date(2027, 1, 1),
        parameters=params,
        **changes,
    )


def test_a2_is_seeded_and_in_force(people):
    assert policy_version_in_force(date(2026, 11, 21)).version == "A/2"
    assert policy_in_force(date(2026, 11, 21)).individual.monthly_cap == Decimal("500.00")
    with pytest.raises(DomainError) as err:
        policy_version_in_force(date(2009, 3, 31))
    assert err.value.code == "policy.none_in_force"


def test_a_new_version_takes_over_from_its_effective_date(people):
    draft = a3_draft(people["hr"])
    assert policy_in_force(date(2027, 1, 1)).individual.monthly_cap == Decimal("500.00")  # still a draft
    policy_approve(user=people["gm"], version=reviewed(people, draft))
    assert policy_in_force(date(2026, 12, 31)).version == "A/2"
    assert policy_in_force(date(2027, 1, 1)).individual.monthly_cap == Decimal("600.00")
    assert PolicyVersion.objects.get(version="A/2").status == "approved"  # the old one stays readable


@pytest.mark.parametrize("approver", ["hr", "manager"])
def test_only_a_general_manager_approves(people, approver):
    draft = reviewed(people, a3_draft(people["hr"]))
    with pytest.raises(PermissionDeniedError) as err:
        policy_approve(user=people[approver], version=draft)
    assert err.value.code == "policy.approver_role"
    assert PolicyVersion.objects.get(pk=draft.pk).status == "reviewed"


def test_nobody_approves_a_version_they_compiled(people):
    draft = a3_draft(people["gm"])
    with pytest.raises(PermissionDeniedError) as err:
        policy_approve(user=people["gm"], version=reviewed(people, draft))
    assert err.value.code == "policy.four_eyes"
    policy_approve(user=people["gm2"], version=draft)
    assert PolicyVersion.objects.get(pk=draft.pk).approved_by == people["gm2"]


def test_an_approved_version_cannot_be_edited_only_superseded(people):
    draft = a3_draft(people["hr"])
    policy_approve(user=people["gm"], version=reviewed(people, draft))
    with pytest.raises(DomainError) as err:
        a3_draft(people["hr"], instance=PolicyVersion.objects.get(pk=draft.pk))
    assert err.value.code == "policy.not_draft"
    assert PolicyVersion.objects.get(pk=draft.pk).parameters["individual"]["monthly_cap"] == "600.00"


def test_invalid_parameters_are_refused_naming_the_field(people):
    params = PolicyVersion.objects.get(version="A/2").parameters
    params["kpi"]["sources"][0]["weight"] = "0.50"
    with pytest.raises(DomainError) as err:
        policy_draft_save(
            user=people["hr"], version="A/9", title="x", effective_from=date(2027, 1, 1), parameters=params
        )
    assert err.value.code == "policy.invalid"
    assert "kpi.sources" in err.value.message
    assert not PolicyVersion.objects.filter(version="A/9").exists()


def test_every_change_is_in_the_history(people):
    draft = a3_draft(people["hr"])
    policy_approve(user=people["gm"], version=reviewed(people, draft))
    history = list(PolicyVersion.history.filter(id=draft.pk).order_by("history_id"))
    assert [(h.status, h.history_user) for h in history] == [
        ("draft", people["hr"]),
        ("reviewed", people["manager2"]),
        ("approved", people["gm"]),
    ]


def test_retiring_a_version_brings_back_the_one_before(people):
    from policies.services import policy_retire

    draft = a3_draft(people["hr"])
    policy_approve(user=people["gm"], version=reviewed(people, draft))
    with pytest.raises(PermissionDeniedError):
        policy_retire(user=people["hr"], version=draft)
    policy_retire(user=people["gm"], version=draft)
    assert policy_version_in_force(date(2027, 6, 1)).version == "A/2"


def test_a_revision_is_reviewed_by_a_department_manager_before_approval(people):
    from policies.services import policy_review

    draft = a3_draft(people["hr"])
    with pytest.raises(DomainError) as err:
        policy_approve(user=people["gm"], version=draft)
    assert err.value.code == "policy.not_reviewed"
    with pytest.raises(PermissionDeniedError):
        policy_review(user=people["gm"], version=draft)
    policy_review(user=people["manager"], version=draft)
    assert PolicyVersion.objects.get(pk=draft.pk).reviewed_by == people["manager"]


def test_the_policy_in_force_is_the_parameters_of_the_version_in_force_on_every_day(people):
    """policy_in_force reads the parameters with SQL written once; policy_version_in_force is the ORM's
    answer. Around a later version, a draft and another document's version, day by day: the same."""
    from datetime import timedelta

    from incentives.policy import Policy

    a2 = PolicyVersion.objects.get(version="A/2")
    a3 = a3_draft(people["hr"], cap="600.00")
    a3 = policy_approve(user=people["gm"], version=reviewed(people, a3))
    later = {**a3.parameters, "individual": {**a3.parameters["individual"], "monthly_cap": "700.00"}}
    PolicyVersion.objects.create(version="A/4", title="草稿", effective_from=date(2027, 2, 1), parameters=later)
    PolicyVersion.objects.create(
        document_no="FS-MS-KF-99",
        version="Z/1",
        title="另一文件",
        effective_from=date(2027, 1, 15),
        status="approved",
        approved_at=a3.approved_at,
        approved_by=a3.approved_by,
        parameters={**a3.parameters, "individual": {**a3.parameters["individual"], "monthly_cap": "1.00"}},
    )
    day, seen = a2.effective_from - timedelta(days=2), set()
    while day <= date(2027, 3, 1):
        try:
            expected = Policy.from_dict(policy_version_in_force(day).parameters)
        except DomainError:
            with pytest.raises(DomainError):
                policy_in_force(day)
        else:
            assert policy_in_force(day) == expected, day
            seen.add(expected.individual.monthly_cap)
        day += timedelta(days=1)
    assert seen == {Decimal("500.00"), Decimal("600.00")}  # the draft's 700 and the other document's 1 never
    assert policy_in_force(date(2026, 12, 31)).individual.monthly_cap == Decimal("500.00")
    assert policy_in_force(date(2027, 1, 1)).individual.monthly_cap == Decimal("600.00")  # on its first day


def test_a_version_parsed_once_is_shared_and_changed_parameters_are_parsed_again(people):
    """policy_in_force keeps the Policy parsed from a version's parameters, keyed by their text: two days
    of one version share one object, and parameters changed in the database (however: approved versions
    are never edited through the services, but a row can be) give the changed Policy on the next read."""
    a2 = PolicyVersion.objects.get(version="A/2")
    first = policy_in_force(date(2026, 12, 4))
    assert policy_in_force(date(2026, 12, 31)) is first
    changed = {**a2.parameters, "individual": {**a2.parameters["individual"], "monthly_cap": "450.00"}}
    PolicyVersion.objects.filter(pk=a2.pk).update(parameters=changed)
    assert policy_in_force(date(2026, 12, 4)).individual.monthly_cap == Decimal("450.00")
    assert first.individual.monthly_cap == Decimal("500.00")  # what a page already holds stays as it read it


def test_a_version_the_sql_missed_is_read_through_the_orm(people, monkeypatch):
    """A version approved between the SQL's read and the ORM's (the SQL found none, the ORM finds one)
    is the policy in force, not a server error; with none in force at all the page's message stays."""
    from policies import selectors

    found_nothing = selectors._in_force_sql() + " OFFSET 1000"
    monkeypatch.setattr(selectors, "_in_force_sql", lambda: found_nothing)
    assert policy_in_force(date(2026, 12, 4)).individual.monthly_cap == Decimal("500.00")
    with pytest.raises(DomainError):
        policy_in_force(date(2000, 1, 1))
