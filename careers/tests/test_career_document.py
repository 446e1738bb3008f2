"""KF-CAREER is a policy version like the others: revised in its form, checked by the engine's parser, printed;
a revision in force from a later day changes what a candidacy is checked against from that day."""

from datetime import date

import pytest
from django.utils import timezone

from careers.selectors import career_policy_on
from policies.models import PolicyVersion
from policies.pay_forms import FORMS

pytestmark = pytest.mark.django_db


def _form_data(**changes):
    base = PolicyVersion.objects.get(document_no="KF-CAREER", version="A/0")
    form = FORMS["career"](document_no="KF-CAREER", base_parameters=base.parameters)
    data = {name: value for name, value in form.initial.items() if value not in ("", None)}
    data.update(version="A/1", effective_from="2026-12-01", revision_note="初级工程员 KPI 要求提高到 78")
    data.update(changes)
    return data


def test_hr_revises_the_ladder_in_its_form_and_the_pdf_prints(client, career):
    client.force_login(career.hr)
    page = client.get("/payroll/policies/revise/KF-CAREER/")
    assert page.status_code == 200 and "rungs_junior_engineer_min_kpi_mean" in page.content.decode()
    response = client.post("/payroll/policies/revise/KF-CAREER/", _form_data(rungs_junior_engineer_min_kpi_mean="78"))
    assert response.status_code == 302, response.content.decode()[:3000]
    draft = PolicyVersion.objects.get(document_no="KF-CAREER", version="A/1")
    row = next(r for r in draft.parameters["rungs"] if r["code"] == "junior_engineer")
    assert row["min_kpi_mean"] == "78" and row["post_wage"] == "600.00"
    assert (
        next(r for r in draft.parameters["rungs"] if r["code"] == "manager_assistant")["min_technical_grade"]
        == "junior"
    )
    in_force = PolicyVersion.objects.get(document_no="KF-CAREER", version="A/0")
    pdf = client.get(f"/payroll/policies/{in_force.pk}/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_bad_revision_is_refused(client, career):
    client.force_login(career.hr)
    response = client.post("/payroll/policies/revise/KF-CAREER/", _form_data(rungs_junior_engineer_min_csat="120"))
    assert response.status_code == 400
    assert not PolicyVersion.objects.filter(document_no="KF-CAREER", version="A/1").exists()


def test_the_version_in_force_on_the_day_decides(career):
    params = PolicyVersion.objects.get(document_no="KF-CAREER", version="A/0").parameters
    rungs = [dict(r, min_kpi_mean="81") if r["code"] == "junior_engineer" else r for r in params["rungs"]]
    PolicyVersion.objects.create(
        document_no="KF-CAREER",
        version="A/1",
        title=params["title"],
        effective_from=date(2026, 12, 1),
        status="approved",
        approved_at=timezone.now(),
        parameters=dict(params, version="A/1", rungs=rungs),
    )
    assert career_policy_on(date(2026, 11, 30)).rung("junior_engineer").min_kpi_mean == 75
    assert career_policy_on(date(2026, 12, 1)).rung("junior_engineer").min_kpi_mean == 81
