"""A chunk of a chunked close is a span of engineer ids; every read of the close can be limited to one."""

from __future__ import annotations

Span = tuple[int, int]  # engineers with lo <= id <= hi; None stands for everyone


def within(qs, span: Span | None, field: str = "engineer_id"):
    """The rows of the span's engineers only: a chunk reads what its engineers need, never the company."""
    # gte/lte: a foreign key takes no `range` lookup.
    return qs if span is None else qs.filter(**{f"{field}__gte": span[0], f"{field}__lte": span[1]})
