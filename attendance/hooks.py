"""Checks a higher app adds to saving attendance, without attendance importing it (a higher app registers
its function in its AppConfig.ready: the dependency points down, as the layers require).

The paid-leave check (welfare's balances) answers, for the rows just saved, engineer id → a warning when
the paid leave entered passes the engineer's balance for the year. Warnings only: the save stands."""

from __future__ import annotations

from collections.abc import Callable, Iterable

_paid_leave_checks: list[Callable] = []


def register_paid_leave_check(check: Callable) -> None:
    """`check(rows=[AttendanceMonth …]) -> {engineer_id: message}`; registering twice keeps one."""
    if check not in _paid_leave_checks:
        _paid_leave_checks.append(check)


def paid_leave_warnings(rows: Iterable) -> dict[int, str]:
    """Each registered check's warnings over the saved rows that have paid leave."""
    rows = [r for r in rows if r.paid_leave_days]
    found: dict[int, str] = {}
    if not rows:
        return found
    for check in _paid_leave_checks:
        found.update(check(rows=rows))
    return found
