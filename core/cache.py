"""Django's Redis cache, keeping one client per connection pool.

Django's client makes a new redis.Redis for every call (~60 µs: its constructor sorts out some forty
options), and a page makes two or three calls: the session, the kept payslip pages. A redis.Redis only
borrows connections from its pool, so one per pool serves every call; each server thread has its own
cache object (django.core.cache.caches), and with it its own clients."""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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
