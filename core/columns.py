"""Helpers for SQL written once from the models (the hot reads that skip the ORM's query building):
a field's column, and the placeholders of an IN list."""

from __future__ import annotations


def column(model, field: str) -> str:
    """The database column of `model`'s field (a foreign key's "…_id")."""
    return model._meta.get_field(field).column


def placeholders(count: int) -> str:
    """ "%s, %s, …" for an IN list of `count` values."""
    return ", ".join(["%s"] * count)
