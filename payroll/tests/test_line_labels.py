"""A payslip line's label is its kind's, in the reader's language, as get_kind_display gives it."""

import pytest
from django.utils import translation

from payroll.models import PayslipLine


@pytest.mark.parametrize("kind", [k for k, _label in PayslipLine._meta.get_field("kind").choices])
def test_each_kind_reads_as_get_kind_display_in_both_languages(kind):
    line = PayslipLine(kind=kind)
    for language in ("zh-hans", "en"):
        with translation.override(language):
            assert line.kind_label == line.get_kind_display()


def test_a_kind_no_longer_offered_shows_as_stored():
    assert PayslipLine(kind="retired_kind").kind_label == "retired_kind"
