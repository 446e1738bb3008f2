"""Django's Redis cache, keeping one client per connection pool.

Django's client makes a new redis.Redis for every call (~60 µs: its constructor sorts out some forty
options), and a page makes two or three calls: the session, the kept payslip pages. A redis.Redis only
borrows connections from its pool, so one per pool serves every call; each server thread has its own
cache object (django.core.cache.caches), and with it its own clients."""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import connections

log = logging.getLogger(__name__)


class _KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClientRedisCacheClient


# What a page keeps in the cache only saves work: a cache that fails is a miss, never a failed page.
def quiet_get(store, key: str, what: str):
    """`store`'s value for `key`, or None when there is none or the cache did not answer (logged as `what`)."""
    try:
        return store.get(key)
    except Exception:  # any backend's connection error
        log.warning("%s: the cache did not answer", what, exc_info=True)
        return None


def quiet_set(store, key: str, value, seconds: int, what: str) -> None:
    try:
        store.set(key, value, seconds)
    except Exception:
        log.warning("%s: the cache did not keep it", what, exc_info=True)


def database_where(alias: str = "default") -> tuple:
    """Which database a key is about: two installations may share a Redis."""
    database = connections[alias].settings_dict
    return (database["HOST"], database["PORT"], database["NAME"])
