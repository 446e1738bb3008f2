"""The model's own rules, checked by the API before it writes."""

from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers


class ModelRulesMixin:
    """A ModelSerializer that checks the row as it will be saved against the model's field
    rules, clean() and constraints (CheckConstraint, UniqueConstraint), so a broken rule is
    a 400 with its message, never an IntegrityError (500) from the database.

    An edit is checked as the stored row with the sent fields on top (a PATCH sends only
    some): a copy of the instance, which Django knows is not new, so its own unique values
    do not clash with themselves. Nested and reverse fields are left to the serializer."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        concrete = {f.name for f in model._meta.concrete_fields}
        row = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name in concrete:
                setattr(row, name, value)
        try:
            # Field rules only for what was sent; clean() and every constraint on the whole row.
            row.clean_fields(exclude=concrete - set(attrs))
            row.clean()
            row.validate_constraints()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from exc
        return attrs
