"""A storage backend in Redis for tests of the multi-host layout: the Celery worker writes
a file there and the web process can reach it only through Django's storage API (it is
in no directory either process shares)."""

from __future__ import annotations

import datetime as dt
import os

import redis
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible


@deconstructible
class RedisStorage(Storage):
    def __init__(self, prefix: str | None = None):
        self.prefix = prefix or os.environ.get("GJ_TEST_STORAGE_PREFIX", "gj-test-storage")
        self.client = redis.Redis.from_url(settings.REDIS_URL)

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def _save(self, name, content):
        content.seek(0)
        body = content.read()
        now = dt.datetime.now(dt.UTC).timestamp()
        self.client.hset(self._key(name), mapping={"body": body, "mtime": now})
        return name

    def _open(self, name, mode="rb"):
        body = self.client.hget(self._key(name), "body")
        if body is None:
            raise FileNotFoundError(name)
        return ContentFile(body, name=name)

    def exists(self, name):
        return bool(self.client.exists(self._key(name)))

    def delete(self, name):
        self.client.delete(self._key(name))

    def size(self, name):
        return self.client.hstrlen(self._key(name), "body")

    def get_modified_time(self, name):
        return dt.datetime.fromtimestamp(float(self.client.hget(self._key(name), "mtime")), dt.UTC)

    def listdir(self, path):
        start = self._key(path.rstrip("/") + "/")
        files = set()
        for key in self.client.scan_iter(match=start + "*"):
            rest = key.decode()[len(start) :]
            if "/" not in rest:
                files.add(rest)
        return [], sorted(files)

    def url(self, name):
        raise NotImplementedError

    def clear(self) -> None:
        for key in self.client.scan_iter(match=f"{self.prefix}:*"):
            self.client.delete(key)
