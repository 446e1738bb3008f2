"""Individual, paid-training and crew requests through the services: amounts, payable items,
refusals with clear messages, and nothing half-saved."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from core.errors import DomainError, PermissionDeniedError
from ledger.models import PayableItem, PayPeriod, PeriodStatus
from workorders.bonus import services
from workorders.models import BonusRequest, CrewSelfAssessment, RequestTransition, SiteInspection

pytestmark = pytest.mark.django_db
D = Decimal


def propose_individual(c, wo, rate="0.04", user=None, engineer=None):
    return services.bonus_request_propose(
        user=user or c.qs,
        kind="individual",
        work_order=wo,
        engineer=engineer or c.li,
        rate=D(rate),
        rated_excellent=True,
    )


def test_individual_request_proposed_applied_approved_becomes_a_payable_item(
    bonus_people, special_order, django_capture_on_commit_callbacks
):
    c, wo = bonus_people, special_order
    assert wo.piece_rate_total_amount == D("530.00")
    with django_capture_on_commit_callbacks(execute=True):
        request = propose_individual(c, wo)
        services.bonus_request_transition(user=c.supervisor, request=request, action="submit")
        services.bonus_request_transition(user=c.manager, request=request, action="approve")
    request.refresh_from_db()
    assert (request.status, request.amount) == ("approved", D("21.20"))  # 530.00 × 4 %
    item = PayableItem.objects.get()
    today = timezone.localdate()
    assert (item.engineer, item.kind, item.amount) == (c.li, "individual_incentive", D("21.20"))
    assert (item.period.year, item.period.month) == (today.year, today.month)
    assert item.trace["steps"][0]["formula_en"].startswith("individual incentive")
    assert item.policy_version == "FS-MS-KF-13 A/2"
    timeline = [(t.action, t.from_status, t.to_status, t.actor.username) for t in request.transitions.all()]
    assert timeline == [
        ("propose", "", "draft", "qs"),
        ("submit", "draft", "submitted", "supervisor"),
        ("approve", "submitted", "approved", "manager"),
    ]
    recipients = [set(m.to) for m in mail.outbox]
    assert {"supervisor@example.cn", "supervisor2@example.cn"} in recipients  # QS proposal → supervisors
    assert {"manager@example.cn"} in recipients  # applied → department manager
    assert {"qs@example.cn", "supervisor@example.cn"} in recipients  # decided → proposer and applicant
    assert {"li@example.cn"} in recipients  # the engineer hears of the award


def test_the_monthly_cap_trims_a_second_award(bonus_people, special_order, make_work_order):
    c = bonus_people
    today = timezone.localdate()
    big, other = (
        make_work_order(
            reported=today, resolved=today, is_special=True, lines=(("AZ-101", "80"),), people=((c.li, "5"),)
        )
        for _ in range(2)
    )  # 80 × 130.00 = 10,400.00; 4 % = 416.00
    for wo, rate in ((big, "0.04"), (other, "0.05")):
        r = propose_individual(c, wo, rate=rate)
        services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
        services.bonus_request_transition(user=c.manager, request=r, action="approve")
    amounts = list(PayableItem.objects.order_by("id").values_list("amount", flat=True))
    assert amounts == [D("416.00"), D("84.00")]  # 520.00 asked, 84.00 left under the 500 cap
    assert "trimmed to 84.00" in PayableItem.objects.order_by("id").last().trace["steps"][1]["note"]


def test_paid_training_is_days_times_the_day_rate(bonus_people, special_order):
    c = bonus_people
    r = services.bonus_request_propose(
        user=c.supervisor, kind="training", work_order=special_order, engineer=c.zhao, training_days=D("2.5")
    )
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="approve")
    assert PayableItem.objects.get().amount == D("150.00")


def crew_ready(c, wo):
    services.self_assessment_save(
        user=c.leader_user,
        work_order=wo,
        quality_assessment="按图施工,现场整洁,无安全事故。",
        plan={c.zhang.pk: D(100), c.li.pk: D(100), c.zhao.pk: D(80)},
    )
    today = timezone.localdate()
    scores = {"safety": D(90), "quality": D(85), "communication": D(80), "rules": D(95)}
    services.inspection_record(
        user=c.qs, work_order=wo, inspector_role="qs_officer", inspector_name="郑超", inspected_on=today, scores=scores
    )
    services.inspection_record(
        user=c.supervisor,
        work_order=wo,
        inspector_role="supervisor",
        inspector_name="何建国",
        inspected_on=today,
        scores=scores,
    )
    services.inspection_record(
        user=c.qs,
        work_order=wo,
        inspector_role="qc_inspector",
        inspector_name="甲方质检 王工",
        inspected_on=today,
        scores=scores,
    )


def test_crew_request_from_self_assessment_to_gm_approval_matches_the_engine(bonus_people, special_order):
    c, wo = bonus_people, special_order
    crew_ready(c, wo)
    preview = services.crew_preview(work_order=wo, ratio=D("0.15"), on=timezone.localdate())
    # Scores 90/85/80/95 → 87.5; pool = 0.875 × 530.00 × 0.15 = 69.5625 → 69.56
    assert (preview.total_score, preview.pool.amount) == (D("87.5"), D("69.56"))
    r = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=wo, ratio=D("0.15"))
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="review")
    with pytest.raises(PermissionDeniedError):
        services.bonus_request_transition(user=c.manager, request=r, action="approve")
    services.bonus_request_transition(user=c.gm, request=r, action="approve")
    items = {i.engineer_id: i.amount for i in PayableItem.objects.filter(kind="crew_incentive")}
    assert items == {k: t.amount for k, t in preview.shares.items()}
    assert sum(items.values()) == D("69.56")


def test_crew_request_needs_all_three_inspections(bonus_people, special_order):
    c, wo = bonus_people, special_order
    crew_ready(c, wo)
    SiteInspection.objects.filter(inspector_role="qc_inspector").delete()
    r = services.bonus_request_propose(user=c.supervisor, kind="crew", work_order=wo, ratio=D("0.15"))
    with pytest.raises(DomainError) as err:
        services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    assert err.value.code == "crew.inspections_missing"
    assert BonusRequest.objects.get(pk=r.pk).status == "draft"


@pytest.mark.parametrize(
    ("fields", "code", "field", "shown"),
    [
        ({"kind": "individual", "rate": D("0.06")}, "individual.rate_out_of_range", "rate", "6%"),
        ({"kind": "individual", "rate": D("0.02")}, "individual.rate_out_of_range", "rate", "3%–5%"),
        ({"kind": "crew", "ratio": D("0.25")}, "crew.ratio_out_of_range", "ratio", "10%–20%"),
        ({"kind": "training", "training_days": D("0")}, "training.days_out_of_range", "training_days", "0.5–30"),
    ],
)
def test_out_of_range_requests_are_refused_and_nothing_is_saved(
    bonus_people, special_order, fields, code, field, shown
):
    c = bonus_people
    kind = fields.pop("kind")
    extra = {} if kind == "crew" else {"engineer": c.li}
    with pytest.raises(DomainError) as err:
        services.bonus_request_propose(user=c.supervisor, kind=kind, work_order=special_order, **extra, **fields)
    assert (err.value.code, list(err.value.fields)) == (code, [field])
    assert shown in str(err.value.message)
    assert not BonusRequest.objects.exists() and not RequestTransition.objects.exists()


def test_score_101_is_refused_and_nothing_is_saved(bonus_people, special_order):
    c = bonus_people
    with pytest.raises(DomainError) as err:
        services.inspection_record(
            user=c.qs,
            work_order=special_order,
            inspector_role="qs_officer",
            inspector_name="郑超",
            inspected_on=timezone.localdate(),
            scores={"safety": D(101), "quality": D(80), "communication": D(80), "rules": D(80)},
        )
    assert err.value.code == "crew.score_out_of_range" and "safety" in err.value.fields
    assert not SiteInspection.objects.exists()


def test_a_leader_coefficient_above_100_is_kept_up_to_the_policy_ceiling(bonus_people, special_order):
    c = bonus_people
    assessment = services.self_assessment_save(
        user=c.leader_user,
        work_order=special_order,
        quality_assessment="自评",
        plan={c.zhang.pk: D(120), c.li.pk: D(100), c.zhao.pk: D(200)},
    )
    assert sorted(assessment.lines.values_list("pct", flat=True)) == [D(100), D(120), D(200)]


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        ({"zhang": 201, "li": 100, "zhao": 100}, "self_assessment.pct_out_of_range"),  # A/2 allows up to 200
        ({"zhang": -5, "li": 100, "zhao": 100}, "self_assessment.pct_out_of_range"),
        ({"zhang": 0, "li": 0, "zhao": 0}, "self_assessment.nobody_shares"),
        ({"zhang": 100, "li": 100}, "self_assessment.incomplete"),
        ({"zhang": 100, "li": 100, "zhao": 100, "wang": 100}, "self_assessment.not_participant"),
    ],
)
def test_percentages_that_make_no_sense_are_refused(bonus_people, special_order, plan, code):
    c = bonus_people
    with pytest.raises(DomainError) as err:
        services.self_assessment_save(
            user=c.leader_user,
            work_order=special_order,
            quality_assessment="自评",
            plan={getattr(c, name).pk: D(pct) for name, pct in plan.items()},
        )
    assert err.value.code == code
    assert not CrewSelfAssessment.objects.exists()


def test_a_request_on_an_ordinary_work_order_is_refused(bonus_people, make_work_order):
    c = bonus_people
    today = timezone.localdate()
    wo = make_work_order(reported=today, resolved=today, people=((c.li, "1"),))
    with pytest.raises(DomainError) as err:
        propose_individual(c, wo)
    assert err.value.code == "bonus.not_special"
    assert "not a special/key project" in str(err.value.message) or "不是特殊、重点工程" in str(err.value.message)


def test_approval_into_a_closed_period_is_refused_and_changes_nothing(bonus_people, special_order):
    c = bonus_people
    r = propose_individual(c, special_order)
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    today = timezone.localdate()
    PayPeriod.objects.create(year=today.year, month=today.month, status=PeriodStatus.CLOSED)
    with pytest.raises(DomainError) as err:
        services.bonus_request_transition(user=c.manager, request=r, action="approve")
    assert err.value.code == "period.closed"
    assert BonusRequest.objects.get(pk=r.pk).status == "submitted"
    assert not PayableItem.objects.exists()
    assert r.transitions.count() == 2


def test_an_engineer_outside_assessment_is_refused_with_the_reason(bonus_people, special_order):
    c = bonus_people
    r = propose_individual(c, special_order)
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    c.li.employment_type = "temporary"
    c.li.save()
    with pytest.raises(DomainError) as err:
        services.bonus_request_transition(user=c.manager, request=r, action="approve")
    assert err.value.code == "bonus.outside_assessment"
    assert "李娜" in str(err.value.message)
    assert not PayableItem.objects.exists()


def test_return_needs_a_reason_and_the_proposer_can_fix_and_resubmit(bonus_people, special_order):
    c = bonus_people
    r = propose_individual(c, special_order)
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    with pytest.raises(DomainError) as err:
        services.bonus_request_transition(user=c.manager, request=r, action="return", reason="  ")
    assert err.value.code == "bonus.reason_required"
    services.bonus_request_transition(user=c.manager, request=r, action="return", reason="比例偏高,请按 3% 申报")
    services.bonus_request_update(user=c.qs, request=r, rate=D("0.03"))
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="approve")
    assert PayableItem.objects.get().amount == D("15.90")
    assert r.transitions.get(action="return").reason == "比例偏高,请按 3% 申报"


def test_late_month_check_uses_the_month_of_approval(bonus_people, special_order):
    # The item lands in the period of the approval date, whatever the work order's month.
    c = bonus_people
    r = propose_individual(c, special_order)
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    services.bonus_request_transition(user=c.manager, request=r, action="approve")
    period = PayableItem.objects.get().period
    assert (period.year, period.month) == (timezone.localdate().year, timezone.localdate().month)
    assert period.status == "open"
    assert timedelta(0) <= timezone.now() - r.transitions.last().at < timedelta(minutes=5)


def test_a_work_order_under_review_cannot_be_edited_until_the_request_is_withdrawn(bonus_people, special_order):
    from workorders.services import LineInput, ParticipantInput, work_order_save

    c, wo = bonus_people, special_order
    lines = [LineInput(ln.item_code, ln.quantity + 1) for ln in wo.lines.all()]
    people = [ParticipantInput(p.engineer, p.days_worked, p.split_pct) for p in wo.participants.all()]
    r = propose_individual(c, wo)
    work_order_save(user=c.hr, work_order=wo, lines=lines, participants=people)  # a draft freezes nothing
    edited_total = wo.piece_rate_total_amount
    assert edited_total > D("530.00")
    services.bonus_request_transition(user=c.supervisor, request=r, action="submit")
    with pytest.raises(DomainError) as err:
        work_order_save(user=c.hr, work_order=wo, lines=lines[:1], participants=people)
    assert err.value.code == "workorder.request_under_review"
    assert wo.number in str(err.value.message)  # the message names the order
    wo.refresh_from_db()
    assert wo.piece_rate_total_amount == edited_total and wo.lines.count() == len(lines)  # nothing changed
    services.bonus_request_transition(user=c.supervisor, request=r, action="withdraw")
    work_order_save(user=c.hr, work_order=wo, lines=lines[:1], participants=people)
    assert wo.lines.count() == 1
