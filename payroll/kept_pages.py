"""Pages of closed months' payslips kept in the cache, for the next reader who asks for the same page.

A closed month's payslips do not change while it stays closed: amounts change only through a reopen
and a new close, which move the period's status and `closed_at`, and an engineer reads a month only
once its current close is published (a publication row). So a page read from them is kept under a
key made of
- whose payslips the user may read, as `visible_payslips` says: everyone's, or their own (so two
  users share a page only where they may read the same payslips);
- what the page asked for (cursor, month, search, engineer, language, columns);
- every period's id, status and close, its newest event (each close and reopen writes one, however
  fast the clock) and its publications (count, newest): one small query asked on every request, so a
  close, a reopen or a publication shows on the next page at once.

An engineer's name or employee no. on a kept page may be up to PAYSLIP_PAGES_KEPT_SECONDS old, and so
may whose payslips an "own" page lists when HR links a login to another engineer. A department
manager's pages are not kept: whom their department holds is read live, and an engineer who moves
to another department leaves the old manager's list at once. The cache only saves work: a cache that
fails is a miss, never a failed page.

A payslip's statement (its lines with their explanations, the year so far) is kept the same way, for
whoever may read that payslip (the page checks that first, every time); the appeal forms in it carry
a placeholder the page replaces with the reader's CSRF token.

HR, finance and the general managers read the same company-wide pages, and an engineer comes back
to their own list and payslip: at 50,000 engineers a kept page is read in ~1 ms instead of 8–14
(bench/load_bench.py)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Max
from django.utils import translation

from core.cache import database_where, quiet_get, quiet_set
from core.roles import Role, reads_all_pay, roles_of
from ledger.models import PayPeriod

T = TypeVar("T")


def kept(user, what: tuple, read: Callable[[], T]) -> T:
    """`read()`'s value for this user and `what`, from the cache when the same page was read while
    the closed months stood as they stand now."""
    scope = _scope(user)
    if scope is None:
        return read()
    return _kept((scope, what), read)


def kept_statement(payslip, what: tuple, read: Callable[[], T]) -> T:
    """`read()`'s value for one payslip the caller has already found the user may read: the same
    for every such reader, but for `what` (whether it is their own)."""
    return _kept(("payslip", payslip.pk, what), read)


def _kept(asked: tuple, read: Callable[[], T]) -> T:
    seconds = settings.PAYSLIP_PAGES_KEPT_SECONDS
    if not seconds:
        return read()
    key = _key(asked)
    found = quiet_get(cache, key, "kept payslip pages")
    if found is not None:
        return found
    value = read()
    quiet_set(cache, key, value, seconds, "kept payslip pages")
    return value


def _scope(user) -> tuple | None:
    """Whose payslips the user reads, as `visible_payslips` says, named for the key: everyone's (HR,
    finance and general managers share these pages) or the user's own (an engineer: published months
    only). None where no page is kept: nobody logged in, and a department manager, who reads their
    departments' engineers as they are now. Named rather than compiled: building the scoped query's
    SQL cost ~2 ms of a 10 ms page."""
    if not user.is_authenticated:
        return None
    if reads_all_pay(user):
        return ("all",)
    if Role.DEPT_MANAGER in roles_of(user):
        return None
    return ("own", user.pk)


def closed_months_state() -> tuple:
    """What a kept page depends on besides the scope: each period's status, close and newest event,
    and its publications. One query over the periods (twelve a year), its SQL built once a process."""
    sql, params = _state_sql(connections["default"].vendor)
    with connections["default"].cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(cursor.fetchall())


@functools.cache
def _state_sql(vendor: str) -> tuple[str, tuple]:
    # Compiled once a process: it must stay a query without values of its own (a date, a user), which
    # would be kept for the life of the process.
    return (
        PayPeriod.objects.order_by("pk")
        .annotate(
            event=Max("events__pk"),
            published=Count("publications", distinct=True),
            newest=Max("publications__closed_at"),
        )
        .values_list("pk", "status", "closed_at", "event", "published", "newest")
        .query.sql_with_params()
    )


def _key(asked: tuple) -> str:
    parts = (database_where(), asked, translation.get_language(), closed_months_state())
    return f"payslip-page:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
