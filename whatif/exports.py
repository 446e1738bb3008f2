"""A what-if as a workbook: the summary by month and line kind, by department, and every engineer's month."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.xlsx import text_cell
from payroll.models import LineKind

from .models import Simulation, SimulationRow

MONEY = "#,##0.00;[Red]-#,##0.00"


def _money(ws, value) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=Decimal(value))
    cell.number_format = MONEY
    return cell


def simulation_workbook(simulation: Simulation) -> bytes:
    wb = Workbook(write_only=True)
    kinds = dict(LineKind.choices)
    result = simulation.result
    ws = wb.create_sheet(_("By line kind"))
    ws.append([_("pay period"), _("line kind"), _("as closed"), _("under the draft"), _("change")])
    for month in result["months"]:
        for row in month["kinds"]:
            old, new = Decimal(row["old"]), Decimal(row["new"])
            ws.append(
                [
                    month["label"],
                    str(kinds.get(row["kind"], row["kind"])),
                    _money(ws, old),
                    _money(ws, new),
                    _money(ws, new - old),
                ]
            )
        for label, key in ((_("Gross pay"), "gross"), (_("Net pay"), "net"), (_("Company cost"), "cost")):
            old, new = (Decimal(v) for v in month[key])
            ws.append([month["label"], label, _money(ws, old), _money(ws, new), _money(ws, new - old)])
    ws = wb.create_sheet(_("By department"))
    ws.append(
        [_("pay period"), _("department"), _("company cost as closed"), _("company cost under the draft"), _("change")]
    )
    for month in result["months"]:
        for d in month["departments"]:
            old, new = (Decimal(v) for v in d["cost"])
            ws.append([month["label"], d["name"], _money(ws, old), _money(ws, new), _money(ws, new - old)])
    ws = wb.create_sheet(_("Engineers"))
    ws.append(
        [
            _("pay period"),
            _("employee no."),
            _("engineer"),
            _("department"),
            _("gross as closed"),
            _("gross under the draft"),
            _("change"),
            _("net as closed"),
            _("net under the draft"),
            _("band as closed"),
            _("band under the draft"),
            _("inside assessment as closed"),
            _("inside assessment under the draft"),
        ]
    )
    yes, no = _("yes"), _("no")
    rows = (
        SimulationRow.objects.filter(simulation=simulation)
        .order_by("period__year", "period__month", "department_name", "engineer__employee_no")
        .values_list(
            "period__year",
            "period__month",
            "engineer__employee_no",
            "engineer__name",
            "department_name",
            "old_gross",
            "new_gross",
            "old_net",
            "new_net",
            "old_band",
            "new_band",
            "old_inside",
            "new_inside",
        )
    )
    for year, month, no_, name, dept, og, ng, on, nn, ob, nb, oi, ni in rows.iterator(chunk_size=2000):
        ws.append(
            [
                f"{year}-{month:02d}",
                text_cell(ws, no_),
                name,
                dept,
                _money(ws, og),
                _money(ws, ng),
                _money(ws, ng - og),
                _money(ws, on),
                _money(ws, nn),
                ob,
                nb,
                yes if oi else no,
                yes if ni else no,
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
