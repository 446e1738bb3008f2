"""The Redis cache keeps one client per connection pool; what it stores and ends is Django's."""

import os
import uuid

import pytest

from core.cache import RedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the embedded default has no Redis")


def test_one_client_serves_every_call_and_the_cache_behaves_as_djangos():
    cache = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"test-cache-{uuid.uuid4()}"})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client  # one server: reads and writes share its pool
    cache.set("a", {"amount": "500.00"}, 60)
    assert cache.get("a") == {"amount": "500.00"}
    assert cache.get_many(["a", "b"]) == {"a": {"amount": "500.00"}}
    assert cache.add("a", "other") is False and cache.add("b", 2) is True
    cache.delete("a")
    assert cache.get("a") is None and cache.get("b") == 2
    cache.set("c", 1, 0)  # a non-positive timeout ends it at once, as Django's does
    assert cache.get("c") is None
    cache.delete_many(["b"])
    assert cache._cache.get_client() is client


def test_the_site_uses_it_when_redis_is_configured():
    from django.core.cache import caches

    assert isinstance(caches["default"], RedisCache)
