"""The SLA document is a policy version like the pay documents: read, revised through the form, printed; a
revision approved for a later day changes the deadlines of requests logged from that day, not earlier ones."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from policies.models import PolicyVersion
from policies.pay_forms import FORMS

pytestmark = pytest.mark.django_db


def _form_data(**changes):
    base = PolicyVersion.objects.get(document_no="SLA", version="A/0")
    form = FORMS["sla"](document_no="SLA", base_parameters=base.parameters)
    data = {name: value for name, value in form.initial.items() if value not in ("", None)}
    data.update(version="A/1", effective_from="2026-12-01", revision_note="维修紧急响应缩短为 1 小时")
    data.update(changes)
    return data


def test_hr_revises_the_sla_document_in_its_form_and_the_pdf_prints(client, desk):
    client.force_login(desk.hr)
    page = client.get("/payroll/policies/revise/SLA/")
    assert page.status_code == 200 and "targets_repair.urgent_response_hours" in page.content.decode()
    response = client.post("/payroll/policies/revise/SLA/", _form_data(**{"targets_repair.urgent_response_hours": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = PolicyVersion.objects.get(document_no="SLA", version="A/1")
    row = next(t for t in draft.parameters["targets"] if t["code"] == "repair.urgent")
    assert row["response_hours"] == "1" and row["business_hours"] is False
    in_force = PolicyVersion.objects.get(document_no="SLA", version="A/0")
    pdf = client.get(f"/payroll/policies/{in_force.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_bad_revision_names_the_field_in_words(client, desk):
    client.force_login(desk.hr)
    response = client.post(
        "/payroll/policies/revise/SLA/",
        _form_data(**{"targets_repair.normal_resolution_hours": "2", "day_end": "07:00"}),
    )
    assert response.status_code == 400
    assert not PolicyVersion.objects.filter(document_no="SLA", version="A/1").exists()


def test_a_later_version_moves_only_the_deadlines_of_requests_logged_under_it(desk, log):
    before = log(priority="urgent")
    params = PolicyVersion.objects.get(document_no="SLA", version="A/0").parameters
    targets = [dict(t, response_hours="1") if t["code"] == "repair.urgent" else t for t in params["targets"]]
    PolicyVersion.objects.create(
        document_no="SLA",
        version="A/1",
        title=params["title"],
        effective_from=timezone.localdate() + timedelta(days=1),
        status="approved",
        approved_at=timezone.now(),
        parameters={**params, "version": "A/1", "targets": targets},
    )
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        after = log(priority="urgent", phone="13900000000")
    before.refresh_from_db()
    assert before.response_due - before.logged_at == timedelta(hours=2) and before.sla_version == "SLA A/0"
    assert after.response_due - after.logged_at == timedelta(hours=1) and after.sla_version == "SLA A/1"
