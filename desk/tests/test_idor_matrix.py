"""IDOR matrix: every role × every URL that names an object × every method.

The URLs come from the URLconf itself (django.urls.get_resolver), so a new URL with an
object id and no entry here fails `test_every_object_url_is_in_the_matrix`. The objects all
belong to 李娜 (D01, crew C01, led by 张伟) and to their department's manager, none of whom is
a role under test; each role is told which objects are in its scope (read, and write, which
is not sent). Out of read scope: 403/404 (405 where the method does not exist) for every
method. In read scope but not a writer: the write is refused (an API answers ≥ 400, a page
may re-render or redirect with the refusal) and, in both cases, nothing in the database changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from conftest import make_user

pytestmark = pytest.mark.django_db

ROLES = (
    "engineer",  # 赵敏: same department and crew as the owner, not on the owner's work order
    "other_engineer",  # 王强: another department
    "crew_leader",  # leads another crew (C02)
    "qs_officer",
    "supervisor",
    "other_manager",  # manages D02, not the owner's department
    "hr",
    "finance",
    "gm",
)
ALL = frozenset(ROLES)
WORK = frozenset({"qs_officer", "supervisor", "hr", "finance", "gm"})  # core.roles.COMPANY_WIDE_READERS
PAY = frozenset({"hr", "finance", "gm"})  # core.roles.COMPANY_WIDE_PAY_READERS
SUPERVISION = PAY | {"supervisor"}  # feedback.selectors.reads_all_feedback: the world seats the supervisor in the group
NONE: frozenset[str] = frozenset()
METHODS = ("get", "post", "put", "patch", "delete")
DIMS = ("attitude", "skill", "efficiency", "customer", "cost")


@dataclass(frozen=True)
class Entry:
    kwargs: object  # world -> URL kwargs
    read: frozenset[str]
    write: frozenset[str] = NONE  # allowed writers: their writes are not sent
    data: object = None  # world -> body of the write requests
    query: object = None  # world -> query string of every request
    exists: bool = True  # an in-scope GET answers < 400 (False: say why)


def _inspection(role):
    return {
        "inspector_role": role,
        "inspector_name": "检查员",
        "inspected_on": "2026-11-18",
        "safety": "90",
        "quality": "90",
        "communication": "90",
        "rules": "90",
    }


# URL name → the object outside most roles' scope and who is inside it.
MATRIX: dict[str, Entry] = {
    # API
    "department-detail": Entry(lambda w: {"pk": w.d1.pk}, ALL, {"hr"}, lambda w: {"code": "D01", "name": "改名"}),
    "crew-detail": Entry(lambda w: {"pk": w.crew.pk}, WORK | {"engineer"}, {"hr"}, lambda w: {"name": "改名"}),
    "engineer-detail": Entry(lambda w: {"pk": w.li.pk}, WORK, {"hr"}, lambda w: {"name": "改名"}),
    "scorecard-detail": Entry(lambda w: {"pk": w.card.pk}, WORK),
    "scorecard-scores": Entry(
        lambda w: {"pk": w.card.pk},
        WORK,
        {"hr", "supervisor"},
        lambda w: {"source": "supervisor", "scores": {d: "100" for d in DIMS}},
    ),
    "award-detail": Entry(lambda w: {"pk": w.award.pk}, WORK),
    "award-decide": Entry(lambda w: {"pk": w.award.pk}, WORK, {"hr"}, lambda w: {"approve": True, "note": "同意"}),
    # D01's Q3 bonus, submitted: its pay readers see it; only a general manager decides, nobody tested edits it
    "period-bonus-detail": Entry(lambda w: {"pk": w.bonus_round.pk}, PAY),
    "period-bonus-amounts": Entry(
        lambda w: {"pk": w.bonus_round.pk},
        PAY,
        data=lambda w: {"lines": [{"engineer": w.li.pk, "amount": "1200.00", "note": "改"}]},
    ),
    "period-bonus-transition": Entry(
        lambda w: {"pk": w.bonus_round.pk}, PAY, {"gm"}, lambda w: {"action": "approve", "note": "同意"}
    ),
    "grade-campaign-detail": Entry(lambda w: {"pk": w.campaign.pk}, ALL),
    "grade-campaign-applications": Entry(lambda w: {"pk": w.campaign.pk}, ALL),  # the list is scoped per user
    "grade-campaign-apply": Entry(
        lambda w: {"pk": w.campaign.pk},
        ALL,
        {"engineer", "other_engineer", "crew_leader", "hr"},  # each applies for themself; HR files for others
        lambda w: {"target_grade": "junior", "self_assessment": "申请初级"},
    ),
    "grade-application-act": Entry(
        lambda w: {"pk": w.application.pk},
        frozenset({"hr", "gm", "supervisor"}),
        {"gm", "supervisor"},
        lambda w: {"action": "reject", "text": "不同意"},
    ),
    # Careers: every signed-in user sees the reviews (to apply); candidacies are HR's, the GM's, supervisors', the
    # owner's and their department manager's; only the general manager decides, only HR publishes and closes.
    "promotion-review-detail": Entry(lambda w: {"pk": w.promotion_review.pk}, ALL),
    "promotion-review-candidates": Entry(
        lambda w: {"pk": w.promotion_review.pk},
        ALL,
        {"engineer", "other_engineer", "crew_leader"},  # each applies for themself
        lambda w: {"statement": "申请晋升"},
    ),
    "promotion-review-act": Entry(
        lambda w: {"pk": w.promotion_review.pk}, ALL, {"hr"}, lambda w: {"action": "publish"}
    ),
    "promotion-candidate-detail": Entry(lambda w: {"pk": w.candidate.pk}, frozenset({"hr", "gm", "supervisor"})),
    "promotion-candidate-act": Entry(
        lambda w: {"pk": w.candidate.pk},
        frozenset({"hr", "gm", "supervisor"}),
        {"gm"},
        lambda w: {"action": "reject", "text": "不同意"},
    ),
    "payslip-detail": Entry(lambda w: {"pk": w.payslip.pk}, PAY),
    # Commission: a franchisee is read by pay readers of who serves it; a settlement's lines are pay.
    "commission-franchisee-detail": Entry(lambda w: {"pk": w.franchisee.pk}, PAY, {"hr"}, lambda w: {"name": "改名"}),
    "commission-franchisee-assign": Entry(
        lambda w: {"pk": w.franchisee.pk},
        PAY,
        {"hr"},
        lambda w: {"role": "serves", "engineer": None, "start": "2026-12"},
    ),
    "commission-settlement-detail": Entry(lambda w: {"pk": w.settlement.pk}, PAY),
    "commission-settlement-decide": Entry(
        lambda w: {"pk": w.settlement.pk}, PAY, {"finance", "gm"}, lambda w: {"approve": True}
    ),
    "commission:settlement": Entry(
        lambda w: {"pk": w.settlement.pk}, PAY, {"finance", "gm"}, lambda w: {"decision": "approve"}
    ),
    "commission:franchisee": Entry(
        lambda w: {"pk": w.franchisee.pk}, PAY, {"hr"}, lambda w: {"role": "serves", "engineer": "", "start": "2026-12"}
    ),
    # Attendance is read like pay (what base wage and overtime are paid by); only HR writes it.
    "attendance-detail": Entry(lambda w: {"pk": w.attendance.pk}, PAY, {"hr"}, lambda w: {"days_worked": "1"}),
    "workorder-detail": Entry(lambda w: {"pk": w.wo.pk}, WORK, {"hr"}, lambda w: {"customer_name": "改名"}),
    "piecerate-table-detail": Entry(lambda w: {"pk": w.table.pk}, ALL, {"hr"}),
    "piecerate-table-activate": Entry(lambda w: {"pk": w.table.pk}, ALL, {"hr"}),
    "bonus-request-detail": Entry(
        lambda w: {"pk": w.bonus.pk}, WORK, {"qs_officer", "supervisor"}, lambda w: {"rate": "0.05"}
    ),
    "bonus-request-timeline": Entry(lambda w: {"pk": w.bonus.pk}, WORK),
    "bonus-request-transition": Entry(
        lambda w: {"pk": w.bonus.pk}, WORK, {"qs_officer", "supervisor"}, lambda w: {"action": "approve"}
    ),
    "api-inspections": Entry(
        lambda w: {"pk": w.wo.pk}, WORK, {"qs_officer", "supervisor"}, lambda w: _inspection("qs_officer")
    ),
    "api-self-assessment": Entry(
        lambda w: {"pk": w.wo.pk},
        WORK,
        NONE,  # only the order's crew leader, who is not a role here
        lambda w: {"quality_assessment": "改", "plan": [{"engineer": w.li.pk, "pct": "100"}]},
    ),
    # The pay set-up is pay: its pay readers read it (the owner and their manager are not roles here), HR writes.
    "pay-scheme-detail": Entry(lambda w: {"pk": w.scheme.pk}, PAY, {"hr"}, lambda w: {"base_wage": "9999.00"}),
    "deduction-claim-detail": Entry(lambda w: {"pk": w.claim.pk}, PAY, {"hr"}),
    "deduction-claim-end": Entry(lambda w: {"pk": w.claim.pk}, PAY, {"hr"}, lambda w: {"last_month": "2026-12-01"}),
    "bonus-tax-choice-detail": Entry(lambda w: {"pk": w.bonus_choice.pk}, PAY),
    "engineer-bank-account": Entry(
        lambda w: {"pk": w.li.pk},
        PAY,
        {"hr"},
        lambda w: {"bank_code": "CMB", "account_no": "6214830212345671", "account_name": "李娜"},
    ),
    # Customer requests: company-wide readers read the owner's request (assigned to 李娜); only 李娜 (not a role
    # here) moves it from "assigned", so the step sent is refused for everyone; dispatchers assign on the page.
    "service-request-detail": Entry(lambda w: {"pk": w.sr.pk}, WORK),
    "service-request-transition": Entry(lambda w: {"pk": w.sr.pk}, WORK, data=lambda w: {"action": "accept"}),
    # Suggestions and policy reviews: the supervision group (the supervisor, in this world), HR, general managers
    # and finance read them (the author, 李娜, is not a role here); a group member answers, a general manager closes.
    "feedback-detail": Entry(lambda w: {"pk": w.feedback.pk}, SUPERVISION),
    "feedback-answer": Entry(
        lambda w: {"pk": w.feedback.pk}, SUPERVISION, {"supervisor"}, lambda w: {"status": "declined", "answer": "否"}
    ),
    "policy-review-detail": Entry(lambda w: {"pk": w.policy_review.pk}, SUPERVISION),
    "policy-review-close": Entry(
        lambda w: {"pk": w.policy_review.pk}, SUPERVISION, {"gm"}, lambda w: {"conclusion": "结论"}
    ),
    # Pages
    "feedback:detail": Entry(
        lambda w: {"pk": w.feedback.pk},
        SUPERVISION,
        {"supervisor"},
        lambda w: {"action": "answer", "status": "declined", "answer": "否"},
    ),
    "feedback:review": Entry(
        lambda w: {"pk": w.policy_review.pk}, SUPERVISION, {"gm"}, lambda w: {"conclusion": "结论"}
    ),
    # Welfare and honours are read like pay; only HR writes. The grant is 李娜's honour certificate.
    "welfare-grant-detail": Entry(lambda w: {"pk": w.grant.pk}, PAY),
    "welfare-batch-detail": Entry(lambda w: {"pk": w.batch.pk}, PAY),
    "leave-balance-detail": Entry(lambda w: {"pk": w.li.pk}, PAY),
    "welfare:grant": Entry(lambda w: {"pk": w.grant.pk}, PAY),
    "welfare:certificate": Entry(lambda w: {"pk": w.grant.pk}, PAY),
    "welfare:batch": Entry(lambda w: {"pk": w.batch.pk}, PAY),
    "welfare:leave_detail": Entry(lambda w: {"pk": w.li.pk}, PAY, {"hr"}, lambda w: {"started_on": "2010-01-01"}),
    "welfare:certificates_issue": Entry(
        lambda w: {"pk": w.honour.pk}, frozenset({"hr"}), {"hr"}, exists=False
    ),  # POST only
    "servicedesk:detail": Entry(lambda w: {"pk": w.sr.pk}, WORK),
    "servicedesk:assign": Entry(
        lambda w: {"pk": w.sr.pk},
        frozenset({"hr", "supervisor"}),
        {"hr", "supervisor"},
        lambda w: {"engineer": w.zhang.pk},
    ),
    "servicedesk:transition": Entry(
        lambda w: {"pk": w.sr.pk}, WORK, data=lambda w: {"action": "accept"}, exists=False
    ),  # POST only
    "engineers:detail": Entry(lambda w: {"pk": w.li.pk}, WORK),
    "engineers:crew_detail": Entry(lambda w: {"pk": w.crew.pk}, WORK | {"engineer"}),
    "workorders:engineer_orders": Entry(lambda w: {"pk": w.li.pk}, WORK),
    "workorders:crew_orders": Entry(lambda w: {"pk": w.crew.pk}, WORK | {"engineer"}),
    "workorders:detail": Entry(lambda w: {"pk": w.wo.pk}, WORK),
    "workorders:edit": Entry(lambda w: {"pk": w.wo.pk}, frozenset({"hr"}), {"hr"}),
    "workorders:forms_pdf": Entry(lambda w: {"pk": w.wo.pk}, WORK),
    "workorders:rate_table_detail": Entry(
        lambda w: {"pk": w.table.pk}, frozenset({"hr", "supervisor", "other_manager", "gm", "finance"}), {"hr"}
    ),
    "workorders:rate_table_copy": Entry(lambda w: {"pk": w.table.pk}, frozenset({"hr"}), {"hr"}),
    "bonus:detail": Entry(lambda w: {"pk": w.bonus.pk}, WORK),
    "bonus:edit": Entry(
        lambda w: {"pk": w.bonus.pk},
        WORK,
        {"qs_officer", "supervisor"},
        lambda w: {"engineer": w.li.pk, "rate": "5", "rated_excellent": "on"},
    ),
    "bonus:transition": Entry(
        lambda w: {"pk": w.bonus.pk},
        WORK,
        {"qs_officer", "supervisor"},
        lambda w: {"action": "approve"},
    ),
    "bonus:propose": Entry(
        lambda w: {"pk": w.wo.pk, "kind": "individual"},
        frozenset({"qs_officer", "supervisor"}),
        {"qs_officer", "supervisor"},
        lambda w: {"engineer": w.li.pk, "rate": "4"},
    ),
    "bonus:preview": Entry(
        lambda w: {"pk": w.wo.pk}, WORK, query=lambda w: {"engineer": w.li.pk, "rate": "4"}
    ),  # eligibility and headroom: proposers and pay readers
    "bonus:crew": Entry(lambda w: {"pk": w.wo.pk}, WORK, {"supervisor"}, lambda w: {"ratio": "15"}),
    "bonus:self_assessment": Entry(
        lambda w: {"pk": w.wo.pk},
        WORK,
        NONE,
        lambda w: {"quality_assessment": "改", f"pct_{w.li.pk}": "100", f"pct_{w.zhang.pk}": "100"},
    ),
    "bonus:inspection": Entry(
        lambda w: {"pk": w.wo.pk, "role": "qs_officer"},
        WORK,
        {"qs_officer", "supervisor"},
        lambda w: {k: v for k, v in _inspection("qs_officer").items() if k != "inspector_role"},
    ),
    "kpi:scorecard": Entry(lambda w: {"pk": w.card.pk}, WORK),
    "kpi:quarter_report": Entry(lambda w: {"pk": w.d1.pk, "year": 2026, "quarter": 4}, WORK),
    "kpi:summary_engineer": Entry(lambda w: {"pk": w.li.pk}, WORK),
    "kpi:campaign": Entry(
        lambda w: {"pk": w.campaign.pk},
        ALL,
        {"gm", "supervisor"},  # the page's form acts on the application named in the body
        lambda w: {"op": "reject", "application": w.application.pk, "text": "不同意"},
    ),
    "kpi:notice": Entry(lambda w: {"pk": w.campaign.pk}, ALL, exists=False),  # public once published; not yet
    "careers:review": Entry(lambda w: {"pk": w.promotion_review.pk}, ALL, {"hr"}, lambda w: {"op": "publish"}),
    "careers:notice": Entry(
        lambda w: {"pk": w.promotion_review.pk}, ALL, exists=False
    ),  # public once published; not yet
    "careers:candidate": Entry(
        lambda w: {"pk": w.candidate.pk},
        frozenset({"hr", "gm", "supervisor"}),
        {"gm"},
        lambda w: {"op": "reject", "text": "不同意"},
    ),
    "kpi:award": Entry(lambda w: {"pk": w.award.pk}, WORK, {"hr"}, lambda w: {"decision": "approve", "note": "同意"}),
    "periodbonus:round": Entry(
        lambda w: {"pk": w.bonus_round.pk},
        PAY,
        data=lambda w: {f"amount_{w.li.pk}": "1200.00", f"note_{w.li.pk}": "改", "submit": "1"},
    ),
    "periodbonus:decide": Entry(
        lambda w: {"pk": w.bonus_round.pk}, PAY, {"gm"}, lambda w: {"action": "approve", "note": "同意"}
    ),
    # An approved version is what everyone's pay is computed under: everyone signed in reads it
    # (drafts stay with those who prepare them: payroll/tests/test_payroll_pages.py).
    "policies:policy": Entry(lambda w: {"pk": w.policy.pk}, ALL, data=lambda w: {"action": "approve"}),
    "policies:policy_pdf": Entry(lambda w: {"pk": w.policy.pk}, ALL),
    # HR and department managers propose a revision of any document (its version in force is the form's copy).
    "policies:document_revise": Entry(
        lambda w: {"document_no": "IIT"},
        frozenset({"hr", "other_manager"}),
        frozenset({"hr", "other_manager"}),
        lambda w: {"version": "2099", "effective_from": "2099-01-01", "revision_note": "x"},
    ),
    "payroll:period": Entry(
        lambda w: {"pk": w.period.pk}, PAY, {"gm"}, lambda w: {"action": "reopen", "reason": "更正"}
    ),
    "payroll:progress": Entry(lambda w: {"pk": w.period.pk}, PAY),
    "payroll:export": Entry(lambda w: {"pk": w.period.pk}, PAY),
    "payroll:bank_file": Entry(
        lambda w: {"pk": w.period.pk}, frozenset({"hr", "finance"}), {"hr", "finance"}, lambda w: {"layout": "generic"}
    ),
    "payroll:period_pdf": Entry(
        lambda w: {"pk": w.period.pk, "number": 1}, frozenset({"hr"}), exists=False
    ),  # the PDF is printed by the close; none here
    "payroll:period_pdf_status": Entry(lambda w: {"pk": w.period.pk, "number": 1}, frozenset({"hr"}), exists=False),
    "payroll:payslip": Entry(
        lambda w: {"pk": w.payslip.pk}, PAY, {"hr"}, lambda w: {"op": "adjust", "amount": "100", "reason": "补发"}
    ),
    "payroll:payslip_pdf": Entry(lambda w: {"pk": w.payslip.pk}, PAY),
    # What-if: the results name every engineer's pay, so pay readers only; HR and GMs run them.
    "whatif:version": Entry(lambda w: {"pk": w.policy.pk}, PAY, {"hr", "gm"}, lambda w: {"periods": [w.period.pk]}),
    "whatif:simulation": Entry(lambda w: {"pk": w.simulation.pk}, PAY),
    "whatif:progress": Entry(lambda w: {"pk": w.simulation.pk}, PAY),
    "whatif:export": Entry(lambda w: {"pk": w.simulation.pk}, PAY),
    "pay:engineer": Entry(lambda w: {"pk": w.li.pk}, PAY),
    "pay:history": Entry(lambda w: {"pk": w.li.pk}, PAY),
    # HR's forms: another pay reader is refused the form itself (403), like everyone outside.
    "pay:scheme_new": Entry(lambda w: {"pk": w.li.pk}, frozenset({"hr"}), {"hr"}),
    "pay:scheme_edit": Entry(lambda w: {"pk": w.scheme.pk}, frozenset({"hr"}), {"hr"}),
    "pay:scheme_delete": Entry(lambda w: {"pk": w.scheme.pk}, PAY, {"hr"}),  # POST only
    "pay:claim_new": Entry(lambda w: {"pk": w.li.pk}, frozenset({"hr"}), {"hr"}),
    "pay:claim_end": Entry(lambda w: {"pk": w.claim.pk}, frozenset({"hr"}), {"hr"}),
    "pay:claim_delete": Entry(lambda w: {"pk": w.claim.pk}, PAY, {"hr"}),  # POST only
    "pay:bank_account": Entry(lambda w: {"pk": w.li.pk}, frozenset({"hr"}), {"hr"}),
    "pay:bonus_tax": Entry(lambda w: {"pk": w.li.pk}, frozenset({"hr"}), {"hr"}),
    # Delivery: the receipts page is each pay reader's, scoped inside (a manager sees their departments'
    # engineers, none of the owner's here); publishing and reminding are HR's.
    "payroll:delivery": Entry(
        lambda w: {"pk": w.period.pk}, PAY | {"other_manager"}, {"hr"}, lambda w: {"action": "remind"}
    ),
    "payroll:delivery_export": Entry(lambda w: {"pk": w.period.pk}, frozenset({"hr"})),
    # Reading and confirming are the owner's alone (not a role here): pay readers are refused, the
    # rest do not find the payslip. GET answers 405: these URLs only take a POST.
    "payroll:payslip_read": Entry(lambda w: {"pk": w.payslip.pk}, PAY, exists=False),
    "payroll:payslip_confirm": Entry(lambda w: {"pk": w.payslip.pk}, PAY, exists=False),
    # Training: sessions are read by company-wide readers and every department manager (and the engineers on
    # them, none here); HR keeps attendance, HR or a supervisor links paid training (POST only: GET 405).
    "training:session": Entry(
        lambda w: {"pk": w.session.pk}, WORK | {"other_manager"}, {"hr"}, lambda w: {"engineer": w.li.pk}
    ),
    "training:paid_training_link": Entry(
        lambda w: {"pk": w.attendance_row.pk}, WORK | {"other_manager"}, {"hr", "supervisor"}, exists=False
    ),
    "training-session-detail": Entry(lambda w: {"pk": w.session.pk}, WORK | {"other_manager"}),
    "training-session-attendance": Entry(
        lambda w: {"pk": w.session.pk},
        WORK | {"other_manager"},
        {"hr"},
        lambda w: {"engineer": w.li.pk, "status": "absent"},
        exists=False,
    ),
    "training-paid-training": Entry(
        lambda w: {"pk": w.attendance_row.pk},
        WORK | {"other_manager"},
        {"hr", "supervisor"},
        lambda w: {"request": None},
        exists=False,
    ),
    # The engineer's certificates follow who sees the engineer; a study reward is pay, decided by the owner's
    # department manager (not a role here) or a general manager, never HR who recorded it.
    "training:engineer": Entry(lambda w: {"pk": w.li.pk}, WORK),
    "training:reward": Entry(lambda w: {"pk": w.reward.pk}, PAY, {"gm"}, lambda w: {"action": "approve"}),
    "study-reward-detail": Entry(lambda w: {"pk": w.reward.pk}, PAY),
    "study-reward-decide": Entry(
        lambda w: {"pk": w.reward.pk}, PAY, {"gm"}, lambda w: {"action": "approve"}, exists=False
    ),
}

# Writes that name the owner's objects in the body rather than the URL: URL name → (kwargs, body,
# allowed writers). Everyone else must leave the database as it was.
BODY_MATRIX: dict[str, tuple] = {
    "bonus-request-list": (  # POST a proposal on the owner's work order for the owner
        {},
        lambda w: {"kind": "individual", "work_order": w.wo.pk, "engineer": w.li.pk, "rate": "0.04"},
        {"qs_officer", "supervisor"},
    ),
    "award-list": (
        {},
        lambda w: {
            "kind": "deduction",
            "department": w.d1.pk,
            "members": [w.li.pk],
            "year": 2026,
            "month": 11,
            "reason": "未戴安全帽",
            "deduction_amount": "50",
        },
        {"hr", "supervisor"},
    ),
    "kpi:awards": (
        {},
        lambda w: {
            "kind": "deduction",
            "department": w.d1.pk,
            "members": [w.li.pk],
            "reason": "未戴安全帽",
            "deduction_amount": "50",
        },
        {"hr", "supervisor"},
    ),
    "bonus:bulk_approve": ({}, lambda w: {"ids": [w.bonus.pk]}, NONE),  # only the owner's manager
    "period-bonus-list": ({}, lambda w: {"department": w.d1.pk, "kind": "year", "year": 2025}, NONE),
    "periodbonus:list": ({}, lambda w: {"department": w.d1.pk, "kind": "year", "year": 2025}, NONE),
    "kpi:my": ({}, lambda w: {"scorecard": w.card.pk, "source": "self", **{d: "100" for d in DIMS}}, NONE),
    "kpi:grid_save": ({}, lambda w: None, {"hr", "supervisor"}),  # JSON body, below
    "payroll:appeals": ({}, lambda w: {"appeal": w.appeal.pk, "answer": "已核实"}, {"hr"}),
    "attendance-list": (
        {},
        lambda w: {"engineer": w.li.pk, "year": 2026, "month": 12, "days_worked": "20"},
        {"hr"},
    ),
    "attendance-bulk": (
        {},
        lambda w: {"year": 2026, "month": 11, "rows": [{"engineer": w.li.pk, "days_worked": "1"}]},
        {"hr"},
    ),
    "attendance:grid": (
        {},
        lambda w: {"department": w.d1.pk, "month": "2026-11", f"a-{w.li.pk}-days_worked": "1"},
        {"hr"},
    ),
    "pay-scheme-list": (
        {},
        lambda w: {"engineer": w.li.pk, "effective_from": "2027-01-01", "base_wage": "9999.00"},
        {"hr"},
    ),
    "deduction-claim-list": (
        {},
        lambda w: {"engineer": w.li.pk, "kind": "housing_rent", "monthly_amount": "1500", "first_month": "2026-11-01"},
        {"hr"},
    ),
    "bonus-tax-choice-list": ({}, lambda w: {"engineer": w.li.pk, "year": 2026, "separately": False}, {"hr"}),
    "service-request-list": ({}, lambda w: _call(w), {"hr", "supervisor"}),
    "welfare-grant-list": (
        {},
        lambda w: {"engineer": w.li.pk, "kind": "trophy", "given_on": "2026-11-02", "reason": "奖杯"},
        {"hr"},
    ),
    "welfare-batch-list": (
        {},
        lambda w: {"department": w.d1.pk, "kind": "holiday_gift", "given_on": "2026-11-02", "reason": "礼品"},
        {"hr"},
    ),
    "welfare-certificates-list": ({}, lambda w: {"award": w.honour_uncertified.pk}, {"hr"}),
    "welfare:record": (
        {},
        lambda w: {"engineer": w.li.pk, "kind": "trophy", "given_on": "2026-11-02", "reason": "奖杯"},
        {"hr"},
    ),
    "welfare:batch_issue": (
        {},
        lambda w: {"department": w.d1.pk, "kind": "holiday_gift", "given_on": "2026-11-02", "reason": "礼品"},
        {"hr"},
    ),
    "commission-pickup-bulk": (
        {},
        lambda w: {"month": "2026-11", "rows": [{"franchisee": w.franchisee.pk, "sales_amount": "1"}]},
        {"hr"},
    ),
    "commission-settlement-list": ({}, lambda w: {"month": "2026-11"}, {"hr"}),
    "commission-franchisee-list": ({}, lambda w: {"code": "F99", "name": "新网点"}, {"hr"}),
    "commission:grid": ({}, lambda w: {"month": "2026-11", f"s-{w.franchisee.pk}": "1"}, {"hr"}),
    "commission:settle": ({}, lambda w: {"month": "2026-11"}, {"hr"}),
    "commission:franchisees": ({}, lambda w: {"code": "F98", "name": "新网点"}, {"hr"}),
    "commission:staff": ({}, lambda w: {"employee_no": w.li.employee_no, "post": ""}, {"hr"}),
    "servicedesk:log": ({}, lambda w: {**_call(w), "channel": "phone"}, {"hr", "supervisor"}),
    "training-certificate-list": (
        {},
        lambda w: {
            "engineer": w.li.pk,
            "skill": "welder",
            "level": "senior",
            "certificate_no": "T-1",
            "issuer": "佛山市人社局",
            "issued_on": "2026-11-01",
        },
        {"hr"},
    ),
    "training:certificate_new": (
        {},
        lambda w: {
            "engineer": w.li.pk,
            "skill": "welder",
            "level": "senior",
            "certificate_no": "T-1",
            "issuer": "佛山市人社局",
            "issued_on": "2026-11-01",
            "reward": "on",
        },
        {"hr"},
    ),
}


def _call(w):
    return {
        "customer_name": "陈先生",
        "customer_phone": "13800138000",
        "address": "佛山市南海区桂城街道1号",
        "product": "SL-200",
        "fault_description": "不出热水",
        "category": "repair",
        "priority": "normal",
        "channel": "call_centre",
        "department": w.d1.pk,
    }


# URLs with parameters that are not objects, or that are public by design, each with a reason.
NOT_OBJECT = {
    "password_reset_confirm": "a reset token, not an object; Django's own view",
    "survey": "the customer's public survey: a signed, expiring token, no login (servicedesk/tests/test_survey.py "
    "covers forgery, expiry, replay and the rate limit)",
}
NOT_OBJECT_PREFIXES = {
    "admin:": "Django admin: staff only, and no role here is staff (core/tests/test_admin.py covers it)",
}


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}{p.name or ''}", p


def object_url_names() -> set[str]:
    """Every named URL whose pattern takes a parameter other than DRF's format suffix."""
    names = set()
    for _route, name, p in _walk(get_resolver().url_patterns):
        params = set(p.pattern.regex.groupindex) - {"format"}
        if not params or any(name.startswith(prefix) for prefix in NOT_OBJECT_PREFIXES):
            continue
        names.add(name)
    return names


def test_every_object_url_is_in_the_matrix():
    found = object_url_names()
    missing = sorted(found - set(MATRIX) - set(NOT_OBJECT))
    assert not missing, f"object URLs without a matrix entry: {missing}"
    stale = sorted((set(MATRIX) | set(NOT_OBJECT)) - found)
    assert not stale, f"matrix entries for URLs that no longer exist: {stale}"


class World:
    pass


@pytest.fixture
def world(bonus_people, make_work_order):
    from appraisal.awards import services as awards
    from appraisal.grades import services as grades
    from appraisal.scorecards import services as kpi
    from engineers.models import Engineer
    from ledger.models import PayPeriod
    from payroll.delivery import payslips_publish
    from payroll.models import Payslip, PayslipAppeal, PayslipLine
    from paysetup import services as pay
    from policies.models import PolicyVersion
    from workorders.bonus import services as bonus

    c = bonus_people
    w = World()
    w.d1, w.crew, w.li, w.zhang, w.table = c.d1, c.crew, c.li, c.zhang, c.table_b
    zhao_user = make_user("zhao", "engineer")
    Engineer.objects.filter(pk=c.zhao.pk).update(user=zhao_user)
    leader2 = make_user("leader2", "crew_leader", "engineer")
    sun = Engineer.objects.create(
        employee_no="E005", name="孙涛", department=c.d2, hire_date=date(2020, 1, 1), user=leader2
    )
    c.other_crew.leader = sun
    c.other_crew.save()
    w.users = {
        "engineer": zhao_user,
        "other_engineer": c.wang_user,
        "crew_leader": leader2,
        "qs_officer": c.qs,
        "supervisor": c.supervisor,
        "other_manager": c.other_manager,
        "hr": c.hr,
        "finance": c.finance,
        "gm": c.gm,
    }
    today = timezone.localdate()
    w.wo = make_work_order(
        reported=today - timedelta(days=1),
        resolved=today,
        is_special=True,
        lines=(("AZ-101", "3"),),
        people=((c.li, "5"), (c.zhang, "5")),
    )
    bonus.self_assessment_save(
        user=c.leader_user, work_order=w.wo, quality_assessment="合格", plan={c.li.pk: Decimal(100), c.zhang.pk: 100}
    )
    scores = {k: Decimal(90) for k in ("safety", "quality", "communication", "rules")}
    bonus.inspection_record(
        user=c.supervisor,
        work_order=w.wo,
        inspector_role="supervisor",
        inspector_name="何建国",
        inspected_on=today,
        scores=scores,
    )
    w.bonus = bonus.bonus_request_propose(
        user=c.qs, kind="individual", work_order=w.wo, engineer=c.li, rate=Decimal("0.04"), rated_excellent=True
    )
    bonus.bonus_request_transition(user=c.supervisor, request=w.bonus, action="submit")
    month = kpi.Month(today.year, today.month)
    kpi.grid_save(user=c.hr, department=c.d1, month=month, source="supervisor", rows={c.li.pk: {d: 80 for d in DIMS}})
    from appraisal.models import Scorecard

    w.card = Scorecard.objects.get(engineer=c.li, year=today.year, month=today.month)
    w.award = awards.award_propose(
        user=c.supervisor,
        kind="deduction",
        department=c.d1,
        members=[c.li],
        month=month,
        reason="未戴安全帽",
        deduction_amount=Decimal("50"),
    )
    w.campaign = grades.campaign_open(user=c.hr, year=2026, half=2, name="2026 下半年")
    w.application = grades.application_submit(
        user=c.hr, engineer=c.li, campaign=w.campaign, target_grade="junior", self_assessment="申请初级"
    )
    from careers import services as careers
    from policies.defaults import seed_career_documents

    seed_career_documents(PolicyVersion, timezone.now())
    w.promotion_review = careers.review_open(
        user=c.hr, kind="annual", name="2026 年度晋升评审", effective_from=date(2026, 12, 1)
    )
    w.candidate = careers.candidate_add(user=c.hr, review=w.promotion_review, statement="推荐李娜", engineer=c.li)
    from attendance.months import Month
    from attendance.services import attendance_save

    attendance_save(user=c.hr, month=Month(today.year, today.month), rows={c.li.pk: {"days_worked": Decimal(20)}})
    w.attendance = c.li.attendance.get(year=today.year, month=today.month)
    w.period = PayPeriod.objects.create(year=2026, month=10, status="closed", closed_at=timezone.now())
    w.payslip = Payslip.objects.create(
        period=w.period, engineer=c.li, department_name=c.d1.name, gross_amount=Decimal("4321.00"), policy_version="A/2"
    )
    PayslipLine.objects.create(
        payslip=w.payslip, kind="piece_rate", description="计件", amount=Decimal("4321.00"), rule="x", trace={}
    )
    payslips_publish(user=c.hr, period=w.period)  # a receipt to read, confirm and remind about
    w.policy = PolicyVersion.objects.get(document_no="FS-MS-KF-13", version="A/2")
    from servicedesk import services as service_requests

    w.sr = service_requests.request_log(
        user=c.hr,
        data=service_requests.RequestInput(**{k: v for k, v in _call(w).items() if k != "department"}, department=c.d1),
    )
    service_requests.request_assign(user=c.hr, request=w.sr, engineer=c.li, crew=c.crew)
    from whatif.services import simulation_run, simulation_start

    w.simulation = simulation_run(simulation_start(user=c.hr, version=w.policy, periods=[w.period]))
    w.scheme = pay.pay_scheme_create(
        user=c.hr,
        engineer=c.li,
        data=pay.SchemeInput(effective_from=date(2026, 12, 1), base_wage=Decimal("3500.00"), contribution_city="FS"),
    ).obj
    w.claim = pay.deduction_claim_add(
        user=c.hr, engineer=c.li, kind="children_education", monthly_amount=Decimal(2000), first_month=date(2026, 1, 1)
    ).obj
    w.bonus_choice = pay.bonus_tax_choice_set(user=c.hr, engineer=c.li, year=2026, separately=True).obj
    pay.bank_account_set(
        user=c.hr, engineer=c.li, bank_code="ICBC", account_no="6222021234567890128", account_name="李娜"
    )
    from welfare import services as welfare

    def honour(kind):
        a = awards.award_propose(
            user=c.supervisor,
            kind=kind,
            department=c.d1,
            members=[c.li],
            month=month,
            reason="客户表扬",
        )
        awards.award_decide(user=c.manager, award=a, approve=True)
        return awards.award_decide(user=c.hr, award=a, approve=True)

    w.honour, w.honour_uncertified = honour("excellent_individual_month"), honour("innovation")
    w.grant = welfare.certificates_issue(user=c.hr, award=w.honour, given_on=today)[0]
    w.batch = welfare.batch_issue(
        user=c.hr, department=c.d1, kind="holiday_gift", given_on=today, reason="中秋节礼品", value_amount="200"
    ).batch
    from commission import services as commission

    november = date(2026, 11, 1)
    commission.post_set(user=c.hr, engineer=c.li, post="customer_service")
    w.franchisee = commission.franchisee_save(user=c.hr, data=commission.FranchiseeInput(code="F01", name="禅城网点"))
    commission.assignment_set(user=c.hr, franchisee=w.franchisee, role="serves", engineer=c.li, start=november)
    commission.pickups_save(user=c.hr, month=november, rows={w.franchisee.pk: (Decimal("20000.00"), None)})
    with time_machine.travel(date(2026, 12, 1), tick=True):  # a month is settled once it is over
        w.settlement = commission.settlement_propose(user=c.hr, month=november)
    from training import services as training

    course = training.course_save(user=c.hr, code="PX-01", name="电工取证培训", category="professional")
    w.session = training.session_create(
        user=c.hr,
        course=course,
        starts_on=today - timedelta(days=2),
        ends_on=today - timedelta(days=1),
        hours=Decimal(16),
        trainer="黄工",
        place="佛山培训中心",
    )
    w.attendance_row = training.attendance_set(user=c.hr, session=w.session, engineer=c.li, status="attended")
    w.reward = training.certificate_record(
        user=c.hr,
        engineer=c.li,
        skill="electrician",
        level="operation",
        certificate_no="T123",
        issuer="应急管理局",
        issued_on=today - timedelta(days=1),
        expires_on=today + timedelta(days=2000),
        session=w.session,
    ).reward
    w.appeal = PayslipAppeal.objects.create(
        period=w.period,
        engineer=c.li,
        line_kind="piece_rate",
        line_description="计件",
        line_amount=Decimal("4321.00"),
        comment="计件少算了",
    )
    from feedback import services as feedback

    feedback.member_add(user=c.hr, member=c.supervisor)
    w.feedback = feedback.feedback_submit(
        user=c.li_user, category="complaint", document_no="FS-MS-KF-13", text="扣款不透明", anonymous=True
    )
    w.policy_review = feedback.review_start(user=c.hr, year=2026)

    from periodbonus.services import Period, bonus_round_propose, bonus_round_submit

    for m in (7, 8, 9):  # 李娜's third quarter, submitted: 90.00, band A
        Scorecard.objects.create(engineer=c.li, year=2026, month=m, score=Decimal(90), status="submitted")
    w.bonus_round = bonus_round_propose(user=c.manager, department=c.d1, period=Period("quarter", 2026, 3))
    bonus_round_submit(user=c.manager, bonus_round=w.bonus_round)
    return w


PRODUCT_APPS = (
    "engineers",
    "attendance",
    "workorders",
    "servicedesk",
    "training",
    "appraisal",
    "payroll",
    "ledger",
    "policies",
    "feedback",
    "welfare",
    "commission",
    "periodbonus",
)


def fingerprint() -> tuple:
    """The database's state, cheaply: row count and highest id of every product table (history
    tables included, and every audited change writes a history row), plus every row of the
    models without a history (payslips, transitions, period events, peer assignments) and of users."""
    models = [m for label in PRODUCT_APPS for m in apps.get_app_config(label).get_models(include_auto_created=True)]
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f"SELECT '{m._meta.db_table}', COUNT(*), MAX({m._meta.pk.column}) FROM {m._meta.db_table}"
                for m in models
            )
        )
        counts = sorted(cursor.fetchall())
    unaudited = [
        list(m.objects.order_by("pk").values_list())
        for m in models
        if not m._meta.auto_created and not hasattr(m, "history") and not m.__name__.startswith("Historical")
    ]
    users = list(User.objects.order_by("pk").values_list("pk", "password", "is_active", "username"))
    return counts, unaudited, users


def _send(client, method, url, body, is_api, query):
    if query:
        url = f"{url}?{'&'.join(f'{k}={v}' for k, v in query.items())}"
    if method == "get":
        return client.get(url)
    if is_api:
        return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")
    if method == "post":
        return client.post(url, data=body or {})
    return getattr(client, method)(url)


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_an_object_outside_its_scope(client, world, role):
    client.force_login(world.users[role])
    failures, sent = [], 0
    before = fingerprint()
    for name, entry in MATRIX.items():
        url = reverse(name, kwargs=entry.kwargs(world))
        is_api = url.startswith("/api/")
        query = entry.query(world) if entry.query else None
        for method in METHODS:
            if method != "get" and role in entry.write:
                continue  # an allowed writer: the services' own tests cover what it does
            body = entry.data(world) if entry.data and method != "get" else None
            response = _send(client, method, url, body, is_api, query)
            sent += 1
            status = response.status_code
            after = fingerprint()
            if after != before:
                before = after
                failures.append(f"{method.upper()} {url} changed the database ({status})")
            if role not in entry.read:
                if status not in (403, 404, 405):
                    failures.append(f"{method.upper()} {url} is out of scope but answered {status}")
            elif method == "get":
                if entry.exists and status >= 400 and status != 405:  # 405: a write-only URL
                    failures.append(f"GET {url} is in scope but answered {status} (is the object there?)")
            elif status >= 500 or (is_api and status < 400):
                failures.append(f"{method.upper()} {url} is not this role's to write but answered {status}")
    assert sent > 0
    assert not failures, f"{role}:\n" + "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
def test_no_role_writes_to_an_object_named_in_the_body_outside_its_scope(client, world, role):
    client.force_login(world.users[role])
    failures = []
    before = fingerprint()
    for name, (kwargs, data, writers) in BODY_MATRIX.items():
        if role in writers:
            continue
        url = reverse(name, kwargs=kwargs)
        if name == "kpi:grid_save":
            body = {"department": world.d1.pk, "month": "2026-11", "source": "supervisor"}
            body["rows"] = {str(world.li.pk): {d: "100" for d in DIMS}}
            response = client.post(url, data=json.dumps(body), content_type="application/json")
        elif url.startswith("/api/"):
            response = client.post(url, data=json.dumps(data(world)), content_type="application/json")
        else:
            response = client.post(url, data=data(world))
        after = fingerprint()
        if after != before:
            before = after
            failures.append(f"POST {url} changed the database ({response.status_code})")
        if response.status_code >= 500 or (url.startswith("/api/") and response.status_code < 400):
            failures.append(f"POST {url} answered {response.status_code}")
    assert not failures, f"{role}:\n" + "\n".join(failures)
