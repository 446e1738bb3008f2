"""What a live page's kept part is keyed by: each of these alone gives another key."""

from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import time_machine
from django.utils import translation

from core.live_pages import live_key


def reader(pk=1, superuser=False, roles=("hr_clerk",)):
    return SimpleNamespace(pk=pk, is_superuser=superuser, is_authenticated=True, _role_codes=frozenset(roles))


def test_the_user_their_roles_the_page_the_language_and_the_day_each_change_the_key():
    shanghai = ZoneInfo("Asia/Shanghai")
    with time_machine.travel(datetime(2026, 12, 4, 23, 59, tzinfo=shanghai), tick=False):
        base = live_key(reader(), ("workorders", ""))
        assert live_key(reader(), ("workorders", "")) == base
        others = {
            live_key(reader(pk=2), ("workorders", "")),
            live_key(reader(superuser=True), ("workorders", "")),
            live_key(reader(roles=("hr_clerk", "finance")), ("workorders", "")),
            live_key(reader(), ("workorders", "page=2")),
        }
        with translation.override("en"):
            others.add(live_key(reader(), ("workorders", "")))
    with time_machine.travel(datetime(2026, 12, 5, 0, 1, tzinfo=shanghai), tick=False):  # past midnight there
        others.add(live_key(reader(), ("workorders", "")))
    assert base not in others and len(others) == 6
