"""get_FOO_display() that looks the label up instead of rebuilding every choice on each call.

Django's Model._get_FIELD_display builds a dict of the field's choices per call and, to make them
hashable, hashes every lazy label, which translates each one: ~70 us for a field of twenty choices,
called per row and per cell on every list (the bonus inbox spent 9 % of its CPU there). Each
generated get_FOO_display is replaced, once all models are loaded, by one that reads a dict built
once per field. The labels stay lazy, so the language of the request still decides the text; a
value outside the choices shows as stored, as before."""

from __future__ import annotations

from functools import partialmethod

from django.db import models
from django.utils.encoding import force_str


def _display(self, *, field, labels: dict):
    value = getattr(self, field.attname)
    try:
        label = labels.get(value, value)
    except TypeError:  # an unhashable value (a JSON field's list) is never among the choices
        label = value
    return force_str(label, strings_only=True)


def speed_up_choice_displays(model_classes) -> None:
    """Replace Django's generated get_FOO_display on each model. A method the model defines itself, and
    choices given as a callable (read anew each time), are kept."""
    for model in model_classes:
        for field in model._meta.local_fields:
            name = f"get_{field.name}_display"
            generated = model.__dict__.get(name)
            if not (isinstance(generated, partialmethod) and generated.func is models.Model._get_FIELD_display):
                continue
            if not isinstance(field.choices, (list, tuple)):
                continue
            labels = {value: label for value, label in field.flatchoices}
            setattr(model, name, partialmethod(_display, field=field, labels=labels))
