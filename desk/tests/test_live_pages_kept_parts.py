"""On every leg (SQLite has no write version, so nothing else keeps a page there): each live page's kept
part survives the cache (pickled and back) and the page served from it is the page computed afresh,
byte for byte but for the CSRF token."""

import re
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache

from conftest import submitted_request

pytestmark = pytest.mark.django_db


def _without_tokens(html: bytes) -> bytes:
    return re.sub(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', b"", html)


@pytest.mark.parametrize("path", ["/kpi/grid/", "/bonus/inbox/", "/workorders/"])
def test_a_page_served_from_its_kept_part_is_the_page_computed_afresh(
    client, bonus_people, special_order, path, settings, monkeypatch
):
    from core import live_pages

    c = bonus_people
    submitted_request(c, special_order, c.li)
    client.force_login(c.manager if path == "/bonus/inbox/" else c.hr)
    fresh = client.get(path).content

    store = LocMemCache(f"live-pages-{uuid.uuid4()}", {})  # a name of its own: LocMemCache shares by name
    monkeypatch.setattr(live_pages, "cache", store)
    monkeypatch.setattr(live_pages, "write_version", lambda: 7)
    settings.LIVE_PAGES_KEPT_SECONDS = 300
    computed = client.get(path).content
    assert len(store._cache) == 1  # kept: one entry, pickled by the cache
    kept = client.get(path).content

    assert _without_tokens(kept) == _without_tokens(computed) == _without_tokens(fresh)
    assert b"<tr" in kept
