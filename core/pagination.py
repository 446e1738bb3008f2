"""A paginator for long lists that does not count every row on every page.

Up to EXACT_UP_TO rows it counts exactly (a bounded count: it stops there). Past that, on PostgreSQL it
takes the planner's estimate of the rows (EXPLAIN, no scan) and the page says "about N"; the pages are
still read exactly (one row more than the page tells whether there is a next one), so an estimate that
is off only moves the "last page" figure, never hides or invents a row. SQLite has no estimate: it
counts.

An estimate is kept for ESTIMATE_KEPT_SECONDS per query (database, SQL and parameters, so a user's
scope is part of it): the next page, or the same list for the next clerk, reuses it instead of
counting 10,001 rows and asking the planner again (~4 ms of HR's work-order list at 50,000
engineers). Nothing exact is kept; a list that shrinks under EXACT_UP_TO is counted exactly again
once its estimate expires. Without the cache (Redis down) the list counts, as it did before.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import EmptyPage, Page, Paginator
from django.db import connections
from django.utils.functional import cached_property

from .cache import database_where, quiet_get, quiet_set

EXACT_UP_TO = 10_000
ESTIMATE_KEPT_SECONDS = 60


class EstimatedCountPaginator(Paginator):
    estimated = False

    @cached_property
    def count(self) -> int:
        qs = self.object_list.order_by()
        if connections[qs.db].vendor != "postgresql":
            return qs.count()
        try:
            key = _estimate_key(qs)
        except EmptyResultSet:  # .none(), or an IN over nothing: no SQL to run, no rows
            return 0
        if (kept := quiet_get(cache, key, "estimated count")) is not None:
            self.estimated = True
            return kept
        bounded = qs[: EXACT_UP_TO + 1].count()
        if bounded <= EXACT_UP_TO:
            return bounded
        plan = json.loads(qs.explain(format="json"))
        self.estimated = True
        estimate = max(int(plan[0]["Plan"]["Plan Rows"]), EXACT_UP_TO + 1)
        quiet_set(cache, key, estimate, ESTIMATE_KEPT_SECONDS, "estimated count")
        return estimate

    def validate_number(self, number):
        self.count  # noqa: B018 (counting decides whether the count is an estimate)
        if not self.estimated:
            return super().validate_number(number)
        try:  # past the estimate: whether the page exists is known once it is read
            number = int(number)
        except (TypeError, ValueError):
            return super().validate_number(number)
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number

    def page(self, number):
        number = self.validate_number(number)
        if not self.estimated:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return EstimatedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)


def _estimate_key(qs) -> str:
    sql, params = qs.query.sql_with_params()
    digest = hashlib.sha256(repr((database_where(qs.db), sql, params)).encode()).hexdigest()
    return f"estimated-count:{digest}"


class EstimatedPage(Page):
    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


@dataclass(frozen=True)
class KeptPaginator:
    count: int
    num_pages: int
    estimated: bool


@dataclass(frozen=True)
class KeptPage:
    """What _pagination.html reads of a page, as plain values: kept with a page's computed part
    (core/live_pages.py) without its rows or its query."""

    number: int
    paginator: KeptPaginator
    has_next: bool
    has_previous: bool

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @classmethod
    def of(cls, page: Page) -> KeptPage:
        paginator = page.paginator
        kept = KeptPaginator(paginator.count, paginator.num_pages, getattr(paginator, "estimated", False))
        return cls(page.number, kept, page.has_next(), page.has_previous())
