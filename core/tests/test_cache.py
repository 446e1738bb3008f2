"""The Redis cache keeps one client per connection pool; what it stores and ends is Django's."""

import os
import uuid

import pytest

from core.cache import RedisCache

needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="the embedded default has no Redis")


def test_each_pool_keeps_its_client_and_pools_are_not_mixed():
    """No connection is made here (a client only borrows one when it runs a command), so this holds on
    every leg: a writer and a replica, each with one client however often it is asked for."""
    cache = RedisCache("redis://127.0.0.1:1/0,redis://127.0.0.1:2/0", {})
    writer, reader = cache._cache.get_client(write=True), cache._cache.get_client()
    assert writer is not reader
    assert writer.connection_pool.connection_kwargs["port"] == 1
    assert reader.connection_pool.connection_kwargs["port"] == 2
    assert cache._cache.get_client(write=True) is writer and cache._cache.get_client() is reader


@needs_redis
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


@needs_redis
def test_the_site_uses_it_when_redis_is_configured():
    from django.core.cache import caches

    assert isinstance(caches["default"], RedisCache)
