"""Training records, certificates as special skills and study rewards, through the real services.

Numbers by hand from KF-STUDY A/0 (incentives/policies/KF-STUDY_A0.json): electrician special-operation
certificate 300.00, intermediate level 400.00, senior 800.00; expiry warning 60 days. Today is 2026-11-18."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from engineers.models import EngineerSkill
from incentives.rules.individual import eligibility
from ledger.models import PayableItem
from policies.models import PolicyVersion
from policies.selectors import policy_in_force
from training import services
from training.errors import TrainingErrorCode
from training.models import StudyReward
from training.selectors import expiring_certificates, study_policy_in_force
from workorders.bonus.facts import candidate_for

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 18)


def record(c, engineer=None, **kw):
    fields = {
        "user": c.hr,
        "engineer": engineer or c.li,
        "skill": "electrician",
        "level": "intermediate",
        "certificate_no": "DG-2026-0001",
        "issuer": "佛山市人力资源和社会保障局",
        "issued_on": date(2026, 11, 17),
        "expires_on": date(2030, 11, 16),
    }
    fields.update(kw)
    return services.certificate_record(**fields)


def test_a_pass_becomes_the_special_skill_and_a_waiting_reward_of_the_standard(trained):
    c = trained
    recorded = record(c, session=c.session)
    skill = EngineerSkill.objects.get(engineer=c.li, skill="electrician")
    assert (skill.level, skill.issuer, skill.certificate_no) == (
        "intermediate",
        "佛山市人力资源和社会保障局",
        "DG-2026-0001",
    )
    reward = recorded.reward
    assert reward.status == "waiting"
    assert reward.amount == Decimal("400.00")
    assert reward.policy_version == "KF-STUDY A/0"
    assert reward.trace["steps"][0]["rule"] == "training.study_reward"
    assert reward.trace["steps"][0]["inputs"]["standard"] == "400.00"
    assert reward.session == c.session
    assert not PayableItem.objects.filter(source=reward.source).exists()  # nothing paid before approval


def test_a_renewal_replaces_the_certificate_keeps_the_old_in_history_and_pays_no_second_reward(trained):
    c = trained
    record(c, level="operation", certificate_no="T-OLD", issued_on=date(2020, 12, 1), expires_on=date(2026, 12, 1))
    record(
        c,
        level="operation",
        certificate_no="T-NEW",
        issued_on=date(2026, 11, 1),
        expires_on=date(2032, 11, 1),
        reward=False,
    )
    skills = EngineerSkill.objects.filter(engineer=c.li, skill="electrician")
    assert [s.certificate_no for s in skills] == ["T-NEW"]
    assert [h.certificate_no for h in skills[0].history.order_by("history_date")] == ["T-OLD", "T-NEW"]
    with pytest.raises(ConflictError) as err:
        record(c, level="operation", certificate_no="T-NEW", issued_on=date(2026, 11, 1))
    assert err.value.code == TrainingErrorCode.REWARD_ALREADY
    # A higher level is a new pass: 800.00 for senior.
    assert record(c, level="senior", certificate_no="GJ-1").reward.amount == Decimal("800.00")


def test_an_expired_certificate_stops_counting_for_the_individual_incentive(trained):
    c = trained
    policy = policy_in_force(TODAY)

    def reasons(on):
        c.chen.refresh_from_db()
        return eligibility(candidate_for(c.chen, on=on, rated_excellent=True, policy=policy), policy).reasons

    assert "no_special_skill_or_service_years" in reasons(TODAY)
    record(c, engineer=c.chen, level="operation", issued_on=date(2024, 12, 1), expires_on=TODAY, reward=False)
    assert reasons(TODAY) == ()  # its last valid day still counts
    assert "no_special_skill_or_service_years" in reasons(TODAY + timedelta(days=1))


def test_four_eyes_and_who_decides(trained):
    c = trained
    li_reward = record(c).reward
    chen_reward = record(c, engineer=c.chen, level="operation").reward
    own = record(c, user=c.hr_gm, skill="welder", level="junior").reward

    def refused(user, reward):
        with pytest.raises(PermissionDeniedError) as err:
            services.study_reward_decide(user=user, reward=reward, action="approve")
        return err.value.code

    assert refused(c.hr, li_reward) == TrainingErrorCode.REWARD_APPROVER  # HR records, never decides
    assert refused(c.other_manager, li_reward) == TrainingErrorCode.REWARD_APPROVER  # not D01's manager
    assert refused(c.gm2, chen_reward) == TrainingErrorCode.REWARD_OWN  # it pays gm2 (陈刚's login)
    assert refused(c.hr_gm, own) == TrainingErrorCode.REWARD_OWN  # recorded it
    assert StudyReward.objects.filter(status="waiting").count() == 3
    assert services.study_reward_decide(user=c.gm, reward=chen_reward, action="approve").status == "approved"


def test_approval_pays_a_payable_item_in_the_open_month_with_the_trace(trained):
    c = trained
    reward = record(c).reward
    reward = services.study_reward_decide(user=c.manager, reward=reward, action="approve")
    item = PayableItem.objects.get(source=f"study_reward:{reward.pk}")
    assert (item.engineer, item.kind, item.amount) == (c.li, "study_reward", Decimal("400.00"))
    assert (item.period.year, item.period.month) == (2026, 11)
    assert item.rule == "training.study_reward" and item.policy_version == "KF-STUDY A/0"
    assert "学习奖励" in item.reason and "DG-2026-0001" in item.reason
    assert reward.payable_item == item and reward.decided_by == c.manager
    with pytest.raises(ConflictError) as err:
        services.study_reward_decide(user=c.gm, reward=reward, action="approve")
    assert err.value.code == TrainingErrorCode.REWARD_DECIDED
    assert PayableItem.objects.filter(source=f"study_reward:{reward.pk}").count() == 1


def test_a_rejection_needs_a_reason_and_frees_the_level_for_a_new_pass(trained):
    c = trained
    reward = record(c).reward
    with pytest.raises(DomainError) as err:
        services.study_reward_decide(user=c.manager, reward=reward, action="reject")
    assert err.value.code == TrainingErrorCode.REASON_REQUIRED
    services.study_reward_decide(user=c.manager, reward=reward, action="reject", reason="证书编号核对不符")
    assert record(c, certificate_no="DG-2026-0002").reward.amount == Decimal("400.00")
    assert not PayableItem.objects.filter(source=f"study_reward:{reward.pk}").exists()


def _new_version(amount: str, effective_from: date, warning_days: int = 60):
    params = study_policy_in_force(TODAY).to_dict()
    params["version"] = "A/1"
    params["expiry_warning_days"] = warning_days
    for row in params["rewards"]:
        if row["code"] == "electrician.intermediate":
            row["amount"] = amount
    return PolicyVersion.objects.create(
        document_no="KF-STUDY",
        version="A/1",
        title=params["title"],
        effective_from=effective_from,
        status="approved",
        parameters=params,
        approved_at=timezone.now(),
    )


def test_the_standard_is_the_version_in_force_on_the_day_passed(trained):
    c = trained
    _new_version("450.00", date(2026, 7, 1))
    before = record(c, issued_on=date(2026, 6, 30), certificate_no="A").reward
    assert (before.amount, before.policy_version) == (Decimal("400.00"), "KF-STUDY A/0")
    after = record(c, engineer=c.zhang, issued_on=date(2026, 7, 1), certificate_no="B").reward
    assert (after.amount, after.policy_version) == (Decimal("450.00"), "KF-STUDY A/1")


def test_a_certificate_the_document_pays_nothing_for_earns_no_reward(trained):
    c = trained
    _new_version("0.00", date(2026, 1, 1))
    with pytest.raises(DomainError) as err:
        record(c)
    assert err.value.code == TrainingErrorCode.REWARD_NONE
    assert not EngineerSkill.objects.filter(engineer=c.li).exists()  # all or nothing
    assert record(c, reward=False).reward is None


def test_an_expired_or_future_certificate_is_refused_a_reward(trained):
    c = trained
    with pytest.raises(DomainError) as err:
        record(c, issued_on=date(2020, 1, 1), expires_on=date(2026, 11, 17))
    assert err.value.code == TrainingErrorCode.CERTIFICATE_EXPIRED
    with pytest.raises(DomainError) as err:
        record(c, issued_on=date(2026, 11, 19))
    assert err.value.code == TrainingErrorCode.CERTIFICATE_DATES
    with pytest.raises(DomainError) as err:
        record(c, session=c.session, engineer=c.zhao)
    assert err.value.code == TrainingErrorCode.NOT_ATTENDED


def test_expiring_list_is_the_warning_window_inclusive(trained):
    c = trained
    policy = study_policy_in_force(TODAY)
    record(c, engineer=c.li, expires_on=date(2027, 1, 17), reward=False)  # 60 days left: listed
    record(c, engineer=c.zhang, expires_on=date(2027, 1, 18), reward=False)  # 61: not yet
    record(c, engineer=c.zhao, issued_on=date(2020, 1, 1), expires_on=date(2026, 11, 17), reward=False)  # expired
    listed = list(expiring_certificates(c.hr, TODAY, policy))
    assert [s.engineer for s in listed] == [c.li]
    assert list(expiring_certificates(c.wang_user, TODAY, policy)) == []  # only what the user may see
    _new_version("400.00", date(2026, 11, 1), warning_days=61)
    assert expiring_certificates(c.hr, TODAY, study_policy_in_force(TODAY)).count() == 2


def test_only_hr_records(trained):
    c = trained
    for user in (c.supervisor, c.manager, c.li_user):
        with pytest.raises(PermissionDeniedError):
            record(c, user=user)
        with pytest.raises(PermissionDeniedError):
            services.attendance_set(user=user, session=c.session, engineer=c.zhao)


def _paid_training(c, make_work_order, engineer, days):
    from workorders.bonus import services as bonus

    wo = make_work_order(
        reported=date(2026, 11, 10),
        resolved=date(2026, 11, 12),
        is_special=True,
        lines=(("AZ-101", "2"),),
        people=((c.li, "2"), (c.zhao, "2")),
    )
    return bonus.bonus_request_propose(
        user=c.supervisor, kind="training", work_order=wo, engineer=engineer, training_days=Decimal(days)
    )


def test_paid_training_is_linked_to_the_session_it_paid_for(trained, make_work_order):
    c = trained
    request = _paid_training(c, make_work_order, c.li, "2")
    row = services.paid_training_link(user=c.supervisor, attendance=c.li_at, request=request)
    assert row.paid_training == request
    assert services.paid_training_link(user=c.hr, attendance=c.li_at, request=None).paid_training is None

    too_long = _paid_training(c, make_work_order, c.li, "2.5")
    with pytest.raises(DomainError) as err:
        services.paid_training_link(user=c.hr, attendance=c.li_at, request=too_long)
    assert err.value.code == TrainingErrorCode.PAID_TRAINING_DAYS

    zhao_request = _paid_training(c, make_work_order, c.zhao, "1")
    with pytest.raises(DomainError) as err:
        services.paid_training_link(user=c.hr, attendance=c.li_at, request=zhao_request)
    assert err.value.code == TrainingErrorCode.PAID_TRAINING_ENGINEER
    zhao_at = services.attendance_set(user=c.hr, session=c.session, engineer=c.zhao, status="absent")
    with pytest.raises(DomainError) as err:
        services.paid_training_link(user=c.hr, attendance=zhao_at, request=zhao_request)
    assert err.value.code == TrainingErrorCode.NOT_ATTENDED
    with pytest.raises(PermissionDeniedError):
        services.paid_training_link(user=c.manager, attendance=c.li_at, request=request)


def test_a_linked_attendance_stays_attended(trained, make_work_order):
    c = trained
    request = _paid_training(c, make_work_order, c.li, "1")
    services.paid_training_link(user=c.hr, attendance=c.li_at, request=request)
    with pytest.raises(DomainError) as err:
        services.attendance_set(user=c.hr, session=c.session, engineer=c.li, status="absent")
    assert err.value.code == TrainingErrorCode.PAID_TRAINING_LINKED


def test_the_payslip_explains_the_reward_in_words(trained):
    from django.utils import translation

    from policies.explain import explain_step

    c = trained
    step = record(c).reward.trace["steps"][0]
    with translation.override("en"):
        assert explain_step(step) == (
            "Study reward for passing the certificate Electrician · Intermediate worker (level 4): "
            "the standard is ¥400.00."
        )
    with translation.override("zh-hans"):
        assert explain_step(step) == "考证通过的学习奖励:电工 · 中级工(四级),标准 400.00 元。"
