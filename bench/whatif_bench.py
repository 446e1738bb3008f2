#!/usr/bin/env python
"""What-if benchmark on PostgreSQL: three closed months replayed beside one close, and the replay check.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/incentive_bench .venv/bin/python bench/whatif_bench.py
    … --engineers 500 --lines 20000            (smaller)

Builds the payroll bench's company (N engineers, M work-order lines a month) for March, April and May
2026, paid in full, and closes the three months in order (the close's time is printed for each; the
best is "one close"). Then prints: a simulation of the three months under the version that closed them
(wall time, peak memory traced, and its ratio to one close: target ≤ 3×), the differences it found
(target: 0 engineer-months, 0 line kinds: it replays the same inputs), and a simulation of a draft that
raises the seniority award's cap from 300 to 400 yuan, with its change in gross pay (every engineer has
8 years, 400 yuan uncapped: 100 more a month each, to the fen).
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import time
import tracemalloc
from datetime import date
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/incentive_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engineers", type=int, default=5000)
    parser.add_argument("--lines", type=int, default=200_000)
    args = parser.parse_args()

    from payroll_bench import add_full_pay, build, ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("TRUNCATE whatif_simulation, whatif_simulationrow, whatif_draftapproval CASCADE")
    periods = build(args.engineers, args.lines, months=(3, 4, 5))
    add_full_pay(periods)
    one_close = min(close(period) for period in periods)
    in_force = policy_version("A/2")
    seconds, _peak, simulation = simulate(in_force, periods, traced=False)  # timed without tracemalloc
    _seconds, peak, _simulation = simulate(in_force, periods)  # its peak memory, timed apart (tracemalloc is slow)
    print(
        f"what-if, 3 months × {args.engineers} engineers under the version in force: {seconds:.2f} s, "
        f"peak {peak / 2**20:.0f} MiB (tracemalloc, a run of its own); "
        f"{seconds / one_close:.2f}× one close of {one_close:.2f} s "
        "(target: ≤ 3×)"
    )
    print(f"what-if of the version that closed the months: {differences(simulation)} (target: 0 and 0)")
    draft = a_draft(in_force, periods[0].bench_user)
    seconds, _peak, simulation = simulate(draft, periods, traced=False)
    change = sum(Decimal(m["gross"][1]) - Decimal(m["gross"][0]) for m in simulation.result["months"])
    expected = Decimal(100 * len(periods) * args.engineers)
    print(
        f"what-if of a draft raising the seniority cap from 300 to 400 yuan: {seconds:.2f} s; gross pay "
        f"{change:+,} yuan over {len(periods)} months (8 years × 50 = 400: 100 more a month each, "
        f"{expected:+,} expected)"
    )


def close(period) -> float:
    from payroll.close import period_close

    started = time.perf_counter()
    period_close(user=period.bench_user, period=period)
    seconds = time.perf_counter() - started
    print(f"close {period}: {seconds:.2f} s")
    return seconds


def policy_version(version: str):
    from policies.models import PolicyVersion

    return PolicyVersion.objects.get(document_no="FS-MS-KF-13", version=version)


def a_draft(base, user):
    from policies.models import PolicyVersion
    from policies.services import policy_draft_save

    PolicyVersion.objects.filter(document_no="FS-MS-KF-13", version="BENCH").delete()  # an earlier run's
    params = copy.deepcopy(base.parameters)
    params["seniority"]["cap"] = "400.00"
    return policy_draft_save(
        user=user, version="BENCH", title="基准试算", effective_from=date(2027, 1, 1), parameters=params
    )


def simulate(version, periods, traced: bool = True):
    from whatif.services import simulation_run, simulation_start

    simulation = simulation_start(user=periods[0].bench_user, version=version, periods=periods)
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    simulation = simulation_run(simulation)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    if traced:
        tracemalloc.stop()
    return seconds, peak, simulation


def differences(simulation) -> str:
    from django.db.models import F, Q

    from whatif.models import SimulationRow

    rows = SimulationRow.objects.filter(simulation=simulation).filter(
        ~Q(old_gross=F("new_gross")) | ~Q(old_net=F("new_net")) | ~Q(old_band=F("new_band"))
    )
    kinds = sum(1 for m in simulation.result["months"] for k in m["kinds"] if k["old"] != k["new"])
    return f"{rows.count()} engineer-months and {kinds} line kinds differ"


if __name__ == "__main__":
    main()
