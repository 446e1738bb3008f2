"""A what-if replays closed months under another version: the version that closed them gives every
payslip back to the fen, a draft changes exactly what it changes, and nothing else is written."""

import copy
from datetime import date
from decimal import Decimal as D

import pytest

from ledger.models import PayableItem
from payroll.models import Payslip, PayslipLine
from policies.models import PolicyVersion
from policies.services import policy_draft_save
from whatif.models import SimulationRow, SimulationStatus
from whatif.services import simulation_run, simulation_start

pytestmark = pytest.mark.django_db


def in_force() -> PolicyVersion:
    return PolicyVersion.objects.get(document_no="FS-MS-KF-13", version="A/2")


def draft(user, **changes) -> PolicyVersion:
    params = copy.deepcopy(in_force().parameters)
    for path, value in changes.items():
        *parents, leaf = path.split("__")
        node = params
        for key in parents:
            node = node[key]
        node[leaf] = value
    return policy_draft_save(user=user, version="A/3", title="试算", effective_from=date(2027, 1, 1), parameters=params)


def ledger_snapshot(period):
    return (
        sorted(
            Payslip.objects.filter(period=period).values_list("engineer_id", "gross_amount", "net_amount", "tax_amount")
        ),
        sorted(
            PayslipLine.objects.filter(payslip__period=period).values_list("payslip__engineer_id", "kind", "amount")
        ),
        sorted(PayableItem.objects.values_list("pk", "amount", "period_id")),
        (period.status, period.closed_at),
    )


def run(user, version, periods):
    return simulation_run(simulation_start(user=user, version=version, periods=periods))


def test_the_version_that_closed_the_month_gives_back_every_payslip_to_the_fen(bonus_people, closed):
    simulation = run(bonus_people.hr, in_force(), [closed])
    assert simulation.status == SimulationStatus.DONE
    rows = SimulationRow.objects.filter(simulation=simulation)
    assert rows.count() == Payslip.objects.filter(period=closed).count() >= 4
    assert [(r.engineer_id, r.old_gross, r.old_net) for r in rows] == [
        (r.engineer_id, r.new_gross, r.new_net) for r in rows
    ]
    assert all(r.old_band == r.new_band and r.old_inside == r.new_inside for r in rows)
    month = simulation.result["months"][0]
    assert month["gross"][0] == month["gross"][1] and month["net"][0] == month["net"][1]
    assert [k for k in month["kinds"] if k["old"] != k["new"]] == []  # every line kind, tax and contributions too
    assert simulation.result["gainers"] == [] and simulation.result["losers"] == []
    counts = simulation.result["histogram"]["counts"]
    assert counts[4] == sum(counts) == simulation.result["engineers"]  # everyone in the "0" bin


def test_a_draft_changes_what_it_changes_and_writes_nothing_else(bonus_people, closed):
    c = bonus_people
    before = ledger_snapshot(closed)
    # Seniority 50 → 60 a year (cap 300 stays); band B needs 85 instead of 80.
    version = draft(c.hr, seniority__per_year="60.00")
    version.parameters["kpi"]["bands"][1]["min_score"] = "85"
    version.save(update_fields=["parameters"])
    simulation = run(c.hr, version, [closed])
    rows = {r.engineer_id: r for r in SimulationRow.objects.filter(simulation=simulation)}
    zhang, li, zhao = rows[c.zhang.pk], rows[c.li.pk], rows[c.zhao.pk]
    assert zhang.change == D("0.00")  # 6 years: 360 is over the 300 cap either way
    assert (li.old_band, li.new_band) == ("B", "C")
    assert li.change == D("30.00") + (D("1200.00") * D("0.8") - D("1200.00"))  # 3 × 10 more; 1,200 × (0.8 − 1.0)
    assert zhao.change == D("10.00")  # 1 year × 10 more
    assert li.new_net < li.old_net and zhao.new_net > zhao.old_net  # tax and all follow the gross
    month = simulation.result["months"][0]
    kinds = {k["kind"]: (D(k["old"]), D(k["new"])) for k in month["kinds"]}
    assert kinds["seniority"][1] - kinds["seniority"][0] == sum(
        (r.change for r in rows.values() if r.engineer_id != c.li.pk), D(0)
    ) + D("30.00")
    assert kinds["kpi_pay"][1] - kinds["kpi_pay"][0] == D("-240.00")
    assert D(month["gross"][1]) - D(month["gross"][0]) == sum((r.change for r in rows.values()), D(0))
    # The largest fall is 李娜's, with her closed lines and the replayed ones, traces included.
    loser = simulation.result["losers"][0]
    assert loser["engineer"] == c.li.pk and D(loser["change"]) == D("-210.00")
    kpi_line = next(line for line in loser["new_lines"] if line["kind"] == "kpi_pay")
    assert kpi_line["amount"] == "960.00" and kpi_line["trace"]["policy_version"] == version.document_no + " A/3"
    assert simulation.result["band_changes"] == [
        {"engineer": c.li.pk, "period": closed.pk, "department": li.department_name, "old": "B", "new": "C"}
    ]
    assert ledger_snapshot(closed) == before  # no payslip, line, item or period touched


def test_the_approved_amounts_of_items_replay_as_approved(bonus_people, closed):
    """A draft with a lower individual cap does not rewrite an incentive a manager approved."""
    version = draft(bonus_people.hr, individual__monthly_cap="10.00")
    simulation = run(bonus_people.hr, version, [closed])
    month = simulation.result["months"][0]
    individual = next(k for k in month["kinds"] if k["kind"] == "individual_incentive")
    assert individual["old"] == individual["new"] == "66.00"
    # …and says whom the lower cap would have stopped: 李娜's 66.00 is above a cap of 10.00.
    c = bonus_people
    assert simulation.result["cap_changes"] == [
        {
            "engineer": c.li.pk,
            "period": closed.pk,
            "department": c.d1.name,
            "amount": "66.00",
            "old": "500.00",
            "new": "10.00",
        }
    ]
    assert simulation.result["counts"]["cap"] == 1


def test_the_largest_changes_come_largest_first_rises_and_falls_alike():
    from whatif.services import largest_first

    # (size, -order seen, shown): a fall of 30 seen first, one of 500, another of 30 seen later
    kept = [(D("30"), 0, "first 30"), (D("500"), -1, "500"), (D("30"), -2, "later 30")]
    assert largest_first(kept) == ["500", "first 30", "later 30"]
