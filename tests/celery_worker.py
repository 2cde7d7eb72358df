"""Start real Celery worker processes for tests of the production path.

The worker is a separate OS process (`celery -A config worker`) talking to the real Redis
broker and the pytest-django test database, on a queue of its own so that parallel test
runs or other workers on the machine never take its tasks.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    s = connection.settings_dict
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    user = s.get("USER") or "postgres"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{s['NAME']}"


class WorkerProcess:
    def __init__(self, queue: str | None = None, concurrency: int = 1, extra_env=None):
        self.queue = queue or f"gj-test-{uuid.uuid4().hex[:8]}"
        self.concurrency = concurrency
        self.extra_env = extra_env or {}
        self.proc: subprocess.Popen | None = None
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"celery-{self.queue}.log"

    def start(self) -> WorkerProcess:
        env = {
            **os.environ,
            # Tagged, so stop() can wait for the worker's sessions to end.
            "DATABASE_URL": f"{database_url()}?application_name={self.queue}",
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_QUEUE": self.queue,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CONN_MAX_AGE": "0",
            **self.extra_env,
        }
        cmd = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", self.queue,
            "--concurrency", str(self.concurrency), "--pool", "prefork", "--loglevel", "INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"{self.queue}@%h",
        ]  # fmt: skip
        self._logf = self.log.open("w")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self._logf, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"celery worker exited:\n{self.log.read_text()[-3000:]}")
            if "ready." in self.log.read_text():
                return
            time.sleep(0.2)
        raise TimeoutError(f"celery worker not ready:\n{self.log.read_text()[-3000:]}")

    def child_pids(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True
        ).stdout
        return [int(p) for p in out.split()]

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self.proc:
            self._logf.close()
        self._wait_for_sessions_to_end()

    def _wait_for_sessions_to_end(self, timeout: float = 10) -> None:
        """A stopped worker's PostgreSQL sessions end a moment after its processes do, and the
        test database cannot be dropped while one lingers ("being accessed by other users").
        Watched from the maintenance database, so the watch adds no session to the test one."""
        if connection.vendor != "postgresql":
            return
        import psycopg

        s = connection.settings_dict
        conninfo = {
            "host": s.get("HOST") or "127.0.0.1",
            "port": s.get("PORT") or 5432,
            "user": s.get("USER") or "postgres",
            "password": s.get("PASSWORD") or None,
            "dbname": "postgres",
        }
        query = "SELECT pid FROM pg_stat_activity WHERE application_name = %s"
        with psycopg.connect(**{k: v for k, v in conninfo.items() if v}, autocommit=True) as db:
            deadline = time.monotonic() + timeout
            while db.execute(query, [self.queue]).fetchall():
                if time.monotonic() > deadline:
                    db.execute(
                        f"SELECT pg_terminate_backend(pid) FROM ({query}) AS s", [self.queue]
                    )
                    return
                time.sleep(0.1)
