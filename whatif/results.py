"""What a what-if found, summed as it runs: cost by month, line kind and department, the spread of
per-engineer changes, who changes band or eligibility, the largest changes. JSON-ready strings for money."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from ledger.models import PayPeriod
from payroll.models import LineKind

from .replay import ZERO, EngineerMonth

# Change in gross pay over the months replayed, per engineer, in yuan: a fall or a rise of up to 50,
# up to 200, up to 500, or more; and exactly unchanged. Presentation, not pay policy.
BIN_BOUNDS = (Decimal(50), Decimal(200), Decimal(500))
CENT = Decimal("0.01")
CHANGES_KEPT = 200  # band and eligibility changes listed on the page; the workbook has every row


def bin_labels() -> list[str]:
    a, b, c = (str(x) for x in BIN_BOUNDS)
    return [
        f"< −{c}",
        f"−{c} … −{b}",
        f"−{b} … −{a}",
        f"−{a} … 0",
        "0",
        f"0 … {a}",
        f"{a} … {b}",
        f"{b} … {c}",
        f"> {c}",
    ]


def bin_of(change: Decimal) -> int:
    """The histogram bin of a change: the falls by size, 0, then the rises by size (a bound belongs to the
    smaller change: a fall of exactly 50 is in −50 … 0)."""
    if change == 0:
        return len(BIN_BOUNDS) + 1
    size = sum(1 for bound in BIN_BOUNDS if abs(change) > bound)
    return len(BIN_BOUNDS) - size if change < 0 else len(BIN_BOUNDS) + 2 + size


def fen(amount: Decimal) -> str:
    """Money as JSON text, always to the fen (SQLite's sums come back as 66 or 66.0)."""
    return str(Decimal(amount).quantize(CENT))


class Summary:
    def __init__(self, periods: list[PayPeriod]):
        self.labels = {p.pk: str(p) for p in periods}
        self.order = [p.pk for p in periods]
        self.months = {pk: {"old": defaultdict(lambda: ZERO), "new": defaultdict(lambda: ZERO)} for pk in self.order}
        self.departments: dict[tuple[int, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
        self.per_engineer: dict[int, Decimal] = defaultdict(lambda: ZERO)
        self.band_changes: list[dict] = []
        self.eligibility_changes: list[dict] = []
        self.cap_changes: list[dict] = []
        self.counts = {"band": 0, "eligibility": 0, "cap": 0, "engineer_months": 0}

    def add(self, m: EngineerMonth) -> None:
        month = self.months[m.period_id]
        for side, kinds in (("old", m.old_kinds), ("new", m.new_kinds)):
            for kind, amount in kinds.items():
                month[side][kind] += amount
        month["old"]["_gross"] += m.old_gross
        month["new"]["_gross"] += m.new_gross
        month["old"]["_net"] += m.old_net
        month["new"]["_net"] += m.new_net
        dept = self.departments[(m.period_id, m.department)]
        employer_old = m.old_kinds.get(LineKind.EMPLOYER_CONTRIBUTION, ZERO)
        employer_new = m.new_kinds.get(LineKind.EMPLOYER_CONTRIBUTION, ZERO)
        dept[0] += m.old_gross + employer_old
        dept[1] += m.new_gross + employer_new
        dept[2] += m.old_net
        dept[3] += m.new_net
        self.per_engineer[m.engineer_id] += m.change
        self.counts["engineer_months"] += 1
        who = {"engineer": m.engineer_id, "period": m.period_id, "department": m.department}
        if m.old_band != m.new_band:
            self.counts["band"] += 1
            if len(self.band_changes) < CHANGES_KEPT:
                self.band_changes.append({**who, "old": m.old_band, "new": m.new_band})
        if m.cap_binds_differently:
            self.counts["cap"] += 1
            if len(self.cap_changes) < CHANGES_KEPT:
                self.cap_changes.append(
                    {**who, "amount": fen(m.individual), "old": fen(m.old_cap), "new": fen(m.new_cap)}
                )
        if m.old_inside != m.new_inside:
            self.counts["eligibility"] += 1
            if len(self.eligibility_changes) < CHANGES_KEPT:
                self.eligibility_changes.append({**who, "old": m.old_inside, "new": m.new_inside})

    def as_json(self, *, gainers: list[dict], losers: list[dict]) -> dict:
        months = []
        for pk in self.order:
            old, new = self.months[pk]["old"], self.months[pk]["new"]
            kinds = [
                {"kind": kind, "old": fen(old.get(kind, ZERO)), "new": fen(new.get(kind, ZERO))}
                for kind in LineKind.values
                if kind in old or kind in new
            ]
            cost_old = old["_gross"] + old.get(LineKind.EMPLOYER_CONTRIBUTION, ZERO)
            cost_new = new["_gross"] + new.get(LineKind.EMPLOYER_CONTRIBUTION, ZERO)
            months.append(
                {
                    "period": pk,
                    "label": self.labels[pk],
                    "gross": [fen(old["_gross"]), fen(new["_gross"])],
                    "net": [fen(old["_net"]), fen(new["_net"])],
                    "cost": [fen(cost_old), fen(cost_new)],
                    "kinds": kinds,
                    "departments": [
                        {"name": name, "cost": [fen(v[0]), fen(v[1])], "net": [fen(v[2]), fen(v[3])]}
                        for (period, name), v in sorted(self.departments.items(), key=lambda kv: kv[0][1])
                        if period == pk
                    ],
                }
            )
        histogram = [0] * (2 * len(BIN_BOUNDS) + 3)
        for change in self.per_engineer.values():
            histogram[bin_of(change)] += 1
        return {
            "months": months,
            "histogram": {"labels": bin_labels(), "counts": histogram},
            "engineers": len(self.per_engineer),
            "gainers": gainers,
            "losers": losers,
            "band_changes": self.band_changes,
            "eligibility_changes": self.eligibility_changes,
            "cap_changes": self.cap_changes,
            "counts": self.counts,
        }
