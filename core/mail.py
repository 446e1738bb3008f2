"""Mail that can be held back: building demo data or a bulk back-fill sends no notifications.

Callers check `muted()` when they schedule a mail (usually in `transaction.on_commit`), so a mail
scheduled inside the block is dropped even though the commit comes after it."""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

_muted: ContextVar[bool] = ContextVar("notifications_muted", default=False)


@contextmanager
def mail_muted():
    """No notification mail is scheduled inside this block."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def muted() -> bool:
    return _muted.get()
