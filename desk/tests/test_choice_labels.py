"""Every model's get_FOO_display answers what Django's own would, in each language, after the
replacement that reads a dict built once (core/choice_labels.py)."""

from functools import partialmethod

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation

from workorders.models import BonusRequest, RequestStatus


def _choice_fields():
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.local_fields:
            if field.choices is not None and f"get_{field.name}_display" in model.__dict__:
                yield model, field


def test_every_generated_display_is_replaced():
    fields = list(_choice_fields())
    assert len(fields) > 100  # the project's models have well over a hundred fields with choices
    left = [
        f"{m.__name__}.{f.name}"
        for m, f in fields
        if isinstance(m.__dict__[f"get_{f.name}_display"], partialmethod)
        and m.__dict__[f"get_{f.name}_display"].func is models.Model._get_FIELD_display
    ]
    assert left == []


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_label_is_djangos_in_the_active_language(language):
    checked = 0
    with translation.override(language):
        for model, field in _choice_fields():
            instance = model()
            for value, _label in field.flatchoices:
                setattr(instance, field.attname, value)
                ours = getattr(instance, f"get_{field.name}_display")()
                assert ours == models.Model._get_FIELD_display(instance, field), (model, field.name, value)
                checked += 1
    assert checked > 500


def test_the_label_follows_the_language_and_an_unknown_value_shows_as_stored():
    request = BonusRequest(status=RequestStatus.SUBMITTED)
    with translation.override("en"):
        assert request.get_status_display() == "Submitted"
    with translation.override("zh-hans"):
        assert request.get_status_display() == "已申报"
    request.status = "no-such-status"
    assert request.get_status_display() == "no-such-status"
