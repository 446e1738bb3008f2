"""Template-wide rules that a page-by-page test would miss in the next template."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))


def test_no_template_rounds_a_rate_to_a_whole_percent():
    """`{% widthratio rate 1 100 %}` rounds to a whole number: 3.5 % and 4.5 % both read "4%".
    Rates go through the exact `percent` filter (core/templatetags/money.py)."""
    offenders = [
        f"{path.relative_to(settings.BASE_DIR)}:{n}"
        for path in TEMPLATES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"{%\s*widthratio\b", line)
    ]
    assert TEMPLATES and offenders == []
