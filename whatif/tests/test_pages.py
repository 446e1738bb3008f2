"""The what-if pages as HR, finance and the general manager use them: run on chosen months, read the
results and the workbook, approve with the simulation on record; everyone else is kept out."""

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

from ledger.models import PayPeriod
from policies.models import PolicyStatus
from policies.services import policy_review
from whatif.models import DraftApproval, Simulation, SimulationStatus

from .test_replay import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(bonus_people, closed):
    """HR's draft (seniority 60 a year, band B from 85), reviewed by the department manager."""
    version = draft(bonus_people.hr, seniority__per_year="60.00")
    version.parameters["kpi"]["bands"][1]["min_score"] = "85"
    version.save(update_fields=["parameters"])
    return policy_review(user=bonus_people.manager, version=version)


def run_from_page(client, user, version, periods, django_capture_on_commit_callbacks):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/whatif/versions/{version.pk}/", {"periods": [p.pk for p in periods]})
    return response


def test_hr_runs_a_what_if_and_reads_it_on_the_page_and_in_the_workbook(
    client, bonus_people, closed, reviewed, django_capture_on_commit_callbacks
):
    c = bonus_people
    client.force_login(c.hr)
    page = client.get(f"/whatif/versions/{reviewed.pk}/").content.decode()
    assert f'value="{closed.pk}" checked' in page  # the last closed months are chosen already
    response = run_from_page(client, c.hr, reviewed, [closed], django_capture_on_commit_callbacks)
    simulation = Simulation.objects.get(version=reviewed)
    assert response.status_code == 302 and response["Location"] == f"/whatif/{simulation.pk}/"
    assert simulation.status == SimulationStatus.DONE
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="whatif-results"' in page
    assert "李娜" in page and "-¥210.00" in page  # the largest fall, with both sets of lines
    # Her KPI line explained both ways: as closed (band B) and under the draft (band C).
    assert "绩效工资 = 基数 1,200.00 元 × B 级系数 1 = 1,200.00 元。" in page
    assert "绩效工资 = 基数 1,200.00 元 × C 级系数 0.8 = 960.00 元。" in page
    workbook = client.get(f"/whatif/{simulation.pk}/what-if.xlsx")
    assert workbook.status_code == 200
    wb = load_workbook(io.BytesIO(workbook.content))
    rows = list(wb.worksheets[2].iter_rows(values_only=True))
    li = next(r for r in rows if r[2] == "李娜")
    assert (li[0], D(str(li[6])), li[9], li[10]) == (str(closed), D("-210.00"), "B", "C")
    kinds = {r[1]: D(str(r[4])) for r in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert kinds["绩效工资"] == D("-240.00")


def test_only_closed_months_and_only_hr_or_a_general_manager_run_one(
    client, bonus_people, closed, reviewed, django_capture_on_commit_callbacks
):
    c = bonus_people
    december = PayPeriod.objects.create(year=2026, month=12)
    client.force_login(c.hr)
    response = client.post(f"/whatif/versions/{reviewed.pk}/", {"periods": [december.pk]}, follow=True)
    assert "只能试算已结算的月份:2026-12 尚未结算。" in response.content.decode()
    response = run_from_page(client, c.finance, reviewed, [closed], django_capture_on_commit_callbacks)
    assert response.status_code == 403  # finance reads what-ifs, and does not run them
    for user in (c.manager, c.li_user, c.supervisor):
        client.force_login(user)
        assert client.get(f"/whatif/versions/{reviewed.pk}/").status_code == 403
    assert not Simulation.objects.exists()


def test_the_general_manager_approves_with_the_simulation_on_record(
    client, bonus_people, closed, reviewed, django_capture_on_commit_callbacks
):
    c = bonus_people
    run_from_page(client, c.hr, reviewed, [closed], django_capture_on_commit_callbacks)
    simulation = Simulation.objects.get(version=reviewed)
    # The policy page sends the approver to the what-if; HR sees a link to it, and no approve form there.
    client.force_login(c.gm)
    assert (
        f'href="/whatif/versions/{reviewed.pk}/" data-testid="policy-approve-whatif"'
        in client.get(f"/payroll/policies/{reviewed.pk}/").content.decode()
    )
    page = client.get(f"/whatif/versions/{reviewed.pk}/").content.decode()
    assert 'data-testid="whatif-approve"' in page and f'name="simulation" value="{simulation.pk}"' in page
    client.force_login(c.hr)
    assert 'data-testid="whatif-approve"' not in client.get(f"/whatif/versions/{reviewed.pk}/").content.decode()
    assert client.post(f"/whatif/versions/{reviewed.pk}/", {"action": "approve"}).status_code == 403
    client.force_login(c.gm)
    response = client.post(f"/whatif/versions/{reviewed.pk}/", {"action": "approve", "simulation": simulation.pk})
    assert response.status_code == 302
    reviewed.refresh_from_db()
    assert reviewed.status == PolicyStatus.APPROVED and reviewed.approved_by == c.gm
    approval = DraftApproval.objects.get(version=reviewed)
    assert (approval.simulation, approval.approved_by) == (simulation, c.gm)
    assert approval.history.get().history_user == c.gm


def test_approving_without_a_simulation_is_recorded_as_such(client, bonus_people, reviewed):
    client.force_login(bonus_people.gm)
    page = client.get(f"/whatif/versions/{reviewed.pk}/").content.decode()
    assert 'data-testid="whatif-approve-blind"' in page
    client.post(f"/whatif/versions/{reviewed.pk}/", {"action": "approve"})
    assert DraftApproval.objects.get(version=reviewed).simulation is None
