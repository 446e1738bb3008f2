"""What a live page computes from the database, kept for its next read while nothing was written.

HR's work-order list, the KPI grid and the bonus inbox are read again and again between writes: at
50,000 engineers each read costs 8–11 ms of Python and SQL (bench/load_bench.py), three times a page
with nothing in it. A page's computed part (rows, counts, filter form: plain strings and numbers,
never the CSRF token, messages or anything of the session) is kept under a key made of
- the user, their roles and whether they are a superuser (read before the version: a role taken away
  in between is in the key, so never served from a read made with it);
- what the page asked for (its query string), the language, today's date in Asia/Shanghai (the inbox
  quotes what approving today would pay), and the code's version (a deploy renders afresh);
and stored with the write version (core/write_version.py) it was computed at. The version moves when
any transaction that wrote the application's tables commits, and a kept part is used only at the
version it was computed at: never older than the last commit before the read, so a user who saves and
reloads sees what they saved. One entry per key (the last part computed; a slow read may put back an
older version's, which the next read computes again).

Nothing is kept on SQLite (no write version there), with LIVE_PAGES_KEPT_SECONDS = 0, or when the
cache fails (a miss, never a failed page)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .cache import database_where, quiet_get, quiet_set
from .code_version import code_version
from .roles import roles_of
from .write_version import write_version

T = TypeVar("T")


def kept_live(user, what: tuple, read: Callable[[], T]) -> T:
    """`read()`'s value for this user and `what`, from the cache when nothing was written since the same
    read kept it. `read` must return only plain, picklable values (strings, numbers, tuples, dicts)."""
    seconds = settings.LIVE_PAGES_KEPT_SECONDS
    key = live_key(user, what) if seconds else None
    version = write_version() if key else None
    if version is None:
        return read()
    found = quiet_get(cache, key, "live pages")
    if found is not None and found[0] == version:
        return found[1]
    value = read()
    quiet_set(cache, key, (version, value), seconds, "live pages")
    return value


def live_key(user, what: tuple) -> str:
    parts = (
        database_where(),
        code_version(),
        user.pk,
        user.is_superuser,
        sorted(roles_of(user)),
        what,
        translation.get_language(),
        timezone.localdate(),
    )
    return f"live-page:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
