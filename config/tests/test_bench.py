"""The benchmark still runs: a tiny company through bench/payroll_bench.py on PostgreSQL.

The bench writes raw SQL against table names and runs only on PostgreSQL (COPY); when a
model moves, this catches it before someone needs the figures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql", reason="the bench needs PostgreSQL"
)
def test_the_payroll_bench_runs_end_to_end_on_a_tiny_company():
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/incentive_bench_smoke"
    result = subprocess.run(
        [sys.executable, "bench/payroll_bench.py", "--engineers", "40", "--lines", "400", "--pdf-pages", "3"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for figure in ("close:", "payslip PDFs:", "xlsx:"):
        assert figure in result.stdout, result.stdout
