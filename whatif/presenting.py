"""A finished simulation's result shaped for its page: money as Decimal, kinds and people by name, and
the closed lines of the largest changes beside the replayed ones. Three queries."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from engineers.models import Engineer
from ledger.models import PayPeriod
from payroll.models import LineKind, PayslipLine, Section, section_of

from .models import Simulation


@dataclass
class Pair:
    old: Decimal
    new: Decimal

    @property
    def change(self) -> Decimal:
        return self.new - self.old


def _pair(values) -> Pair:
    return Pair(Decimal(values[0]), Decimal(values[1]))


@dataclass
class ShownLine:
    kind: str
    label: str
    description: str
    amount: Decimal
    steps: list


def simulation_page(simulation: Simulation) -> dict:
    result = simulation.result
    kinds = dict(LineKind.choices)
    months = [
        {
            "label": m["label"],
            "gross": _pair(m["gross"]),
            "net": _pair(m["net"]),
            "cost": _pair(m["cost"]),
            "earnings": _rows(m, kinds, {Section.EARNING}),
            "withheld": _rows(m, kinds, {Section.CONTRIBUTION, Section.TAX, Section.AFTER_TAX}),
            "employer": _rows(m, kinds, {Section.EMPLOYER}),
            "departments": [(d["name"], _pair(d["cost"]), _pair(d["net"])) for d in m["departments"]],
        }
        for m in result["months"]
    ]
    tops = [*result["gainers"], *result["losers"]]
    changes = [*result["band_changes"], *result["eligibility_changes"], *result.get("cap_changes", [])]
    people = {
        pk: (name, no)
        for pk, name, no in Engineer.objects.filter(pk__in={t["engineer"] for t in [*tops, *changes]}).values_list(
            "pk", "name", "employee_no"
        )
    }
    periods = {p.pk: str(p) for p in PayPeriod.objects.filter(pk__in={t["period"] for t in [*tops, *changes]})}
    closed_lines = _closed_lines(tops)

    def who(entry: dict) -> dict:
        name, no = people.get(entry["engineer"], ("?", ""))
        return {"name": name, "no": no, "period": periods.get(entry["period"], ""), "department": entry["department"]}

    def top(entry: dict) -> dict:
        new = [
            ShownLine(
                line["kind"],
                kinds.get(line["kind"], line["kind"]),
                line["description"],
                Decimal(line["amount"]),
                line["trace"].get("steps", []),
            )
            for line in entry["new_lines"]
        ]
        return {
            **who(entry),
            "gross": Pair(Decimal(entry["old_gross"]), Decimal(entry["new_gross"])),
            "net": Pair(Decimal(entry["old_net"]), Decimal(entry["new_net"])),
            "old_lines": closed_lines.get((entry["engineer"], entry["period"]), []),
            "new_lines": new,
        }

    totals = {
        key: Pair(sum((m[key].old for m in months), Decimal(0)), sum((m[key].new for m in months), Decimal(0)))
        for key in ("gross", "net", "cost")
    }
    return {
        "months": months,
        "totals": totals,
        "histogram": list(zip(result["histogram"]["labels"], result["histogram"]["counts"], strict=True)),
        "histogram_json": result["histogram"],
        "engineers": result["engineers"],
        "gainers": [top(e) for e in result["gainers"]],
        "losers": [top(e) for e in result["losers"]],
        "band_changes": [{**who(c), "old": c["old"], "new": c["new"]} for c in result["band_changes"]],
        "eligibility_changes": [{**who(c), "old": c["old"], "new": c["new"]} for c in result["eligibility_changes"]],
        "cap_changes": [
            {**who(c), "amount": Decimal(c["amount"]), "old": Decimal(c["old"]), "new": Decimal(c["new"])}
            for c in result.get("cap_changes", [])
        ],
        "counts": result["counts"],
    }


def _rows(month: dict, kinds: dict, sections: set[str]) -> list[tuple[str, Pair]]:
    """The month's line kinds of these payslip sections, as the payslip prints them."""
    return [
        (kinds.get(k["kind"], k["kind"]), _pair((k["old"], k["new"])))
        for k in month["kinds"]
        if section_of(k["kind"]) in sections
    ]


def _closed_lines(tops: list[dict]) -> dict[tuple[int, int], list[ShownLine]]:
    """The closed payslip lines of each engineer-month listed, in print order."""
    if not tops:
        return {}
    wanted = Q()
    for t in tops:
        wanted |= Q(payslip__engineer_id=t["engineer"], payslip__period_id=t["period"])
    kinds = dict(LineKind.choices)
    lines: dict[tuple[int, int], list[ShownLine]] = {}
    for engineer, period, kind, description, amount, trace in (
        PayslipLine.objects.filter(wanted)
        .order_by("pk")
        .values_list("payslip__engineer_id", "payslip__period_id", "kind", "description", "amount", "trace")
    ):
        trace = json.loads(trace) if isinstance(trace, str) else trace
        lines.setdefault((engineer, period), []).append(
            ShownLine(kind, kinds.get(kind, kind), description, amount, (trace or {}).get("steps", []))
        )
    return lines
