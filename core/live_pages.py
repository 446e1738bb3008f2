"""What a live page computes from the database, kept for its next read while nothing was written.

HR's work-order list, the KPI grid and the bonus inbox are read again and again between writes: at
50,000 engineers each read costs 8–11 ms of Python and SQL (bench/load_bench.py), ten times a page
with nothing in it. A page's computed part (rows, counts, filter form: plain strings and numbers,
never the CSRF token, messages or anything of the session) is kept under a key made of
- the write version (core/write_version.py): it moves when any transaction that wrote the
  application's tables commits, so a kept part is never older than the last commit before the read;
  a user who saves and reloads sees what they saved;
- the user (whose rows these are follows from their roles and departments, kept in tracked tables);
- what the page asked for (its query string), the language, today's date in Asia/Shanghai (the inbox
  quotes what approving today would pay), and the code's own version (a deploy renders afresh).

So the only thing a kept part saves is work: it is what the same read would compute now. Nothing is
kept on SQLite (no write version there), with LIVE_PAGES_KEPT_SECONDS = 0, or when the cache fails
(a miss, never a failed page)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .cache import database_where, quiet_get, quiet_set
from .write_version import write_version

T = TypeVar("T")


def kept_live(user, what: tuple, read: Callable[[], T]) -> T:
    """`read()`'s value for this user and `what`, from the cache when nothing was written since the same
    read kept it. `read` must return only plain, picklable values (strings, numbers, tuples, dicts)."""
    seconds = settings.LIVE_PAGES_KEPT_SECONDS
    version = write_version() if seconds else None
    if version is None:
        return read()
    key = _key(user.pk, what, version)
    found = quiet_get(cache, key, "live pages")
    if found is not None:
        return found
    value = read()
    quiet_set(cache, key, value, seconds, "live pages")
    return value


def _key(user_id, what: tuple, version: int) -> str:
    parts = (
        database_where(),
        settings.CODE_VERSION,
        version,
        user_id,
        what,
        translation.get_language(),
        timezone.localdate(),
    )
    return f"live-page:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
