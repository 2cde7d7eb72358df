"""The HTTP side of the load benchmarks: gunicorn on loopback and the clients that load it.

The load comes from wrk (bench/wrk_requests.lua: prepared raw requests, one JSON line of
figures) when it is installed (`make bench` installs Debian's wrk where it can), else from
a Python asyncio client in BENCH_CLIENT_PROCS processes. The two are not interchangeable:
on this 2-core machine the Python client takes about half the CPU that gunicorn needs (a
trivial Django view measured ~790 req/s with it and ~2,400 req/s with wrk), so every
figure says which one produced it (`# load generator: …`); paced loads (think time) always
use the Python client (see `load`).

Closed loop (think_ms=0): each connection sends its next request as soon as the last one
is answered, the saturation rate; its latency is mostly the queue (N connections in flight
on 2 workers: by Little's law the mean is N / rate). With think_ms > 0 each connection
waits a random time around think_ms between an answer and its next request (a person who
reads the next question), so N connections offer about N / think_ms requests per second,
and the latency shows whether the server carries that rate.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import os
import random
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Two workers as the issues state; the worker class and threads as docs/operations.md says.
GUNICORN = os.environ.get("BENCH_GUNICORN", "-w 2 -k sync")
CLIENT_PROCS = int(os.environ.get("BENCH_CLIENT_PROCS", "2"))
WRK = shutil.which("wrk")
GENERATOR = "wrk" if WRK else "python"


@dataclass
class Load:
    rate: float  # answered requests per second
    p50: float  # ms
    p99: float  # ms
    answered: int
    failed: int  # not 200, or a socket error


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raw(method: str, path: str, token: str | None = None, body: bytes | None = None) -> bytes:
    head = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    if token:
        head.append(f"Authorization: Token {token}")
    if body is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + (body or b"")


async def _send(port: int, request: bytes) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    data = await reader.read()  # the sync worker closes the connection after the answer
    writer.close()
    try:
        return int(data[9:12])
    except ValueError:
        return 0


def request_once(port: int, request: bytes) -> int:
    try:
        return asyncio.run(_send(port, request))
    except OSError:
        return 0


def start_gunicorn(port: int, app: str = "redis_view_wsgi:application") -> subprocess.Popen:
    """gunicorn serving the site plus the trivial Redis view (bench/redis_view_wsgi.py)."""
    env = {**os.environ, "DEBUG": "false", "SECURE_SSL_REDIRECT": "false", "LOG_LEVEL": "ERROR"}
    proc = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), app,
         "--pythonpath", f"{ROOT},{ROOT / 'bench'}", *GUNICORN.split(),
         "-b", f"127.0.0.1:{port}", "--backlog", "2048", "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if request_once(port, raw("GET", "/bench/redis/")) == 200:
            return proc
        time.sleep(0.3)
    stop_gunicorn(proc)
    raise SystemExit("gunicorn did not start")


def stop_gunicorn(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def load(port: int, clients: list[list[bytes]], *, seconds: float, think_ms: float = 0) -> Load:
    """len(clients) concurrent clients, each cycling through its own requests.

    With think time the Python client is used even where wrk is installed: wrk opens the
    next connection before it waits, and a sync gunicorn worker that accepted it then
    waits with it for the request, so the think time would be the server's (in production
    nginx forwards only complete requests; the Python client, like nginx, connects when it
    has a request to send)."""
    if WRK and not think_ms:
        return _wrk(port, clients, seconds)
    return _python(port, clients, seconds, think_ms)


# --- wrk ------------------------------------------------------------------------------


def _wrk(port: int, clients: list[list[bytes]], seconds: float) -> Load:
    # One wrk thread: it needs a fraction of a core at these rates, and every core it does
    # not take is the server's. The requests interleave the clients (first of each, second
    # of each, …) so that consecutive requests come from different members.
    longest = max(len(c) for c in clients)
    ordered = [c[i % len(c)] for i in range(longest) for c in clients]
    with tempfile.NamedTemporaryFile("wb", suffix=".req", delete=False) as f:
        f.write(b"\0".join(ordered))
        path = f.name
    try:
        out = subprocess.run(
            [WRK, "-t1", f"-c{len(clients)}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
             "-s", str(ROOT / "bench/wrk_requests.lua"), f"http://127.0.0.1:{port}/",
             "--", path, "1"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(path)
    line = next(x for x in out.splitlines() if x.startswith("wrkjson "))
    d = json.loads(line[len("wrkjson ") :])
    errors = d["connect"] + d["read"] + d["write"] + d["timeout"]
    return Load(
        rate=d["requests"] / (d["duration_us"] / 1e6),
        p50=d["p50_us"] / 1000,
        p99=d["p99_us"] / 1000,
        answered=d["requests"],
        failed=d["bad"] + errors,
    )


# --- the Python client (when wrk is missing) -------------------------------------------


async def _client(port, requests, deadline, think, times, failures):
    loop = asyncio.get_running_loop()
    i = 0
    while loop.time() < deadline:
        start = loop.time()
        try:
            status = await _send(port, requests[i % len(requests)])
        except OSError:
            status = 0
        i += 1
        times.append(loop.time() - start)
        if status != 200:
            failures.append(status)
        if think:
            await asyncio.sleep(random.uniform(think / 2, think * 3 / 2))


def _client_proc(port, clients, seconds, think, queue) -> None:
    async def run():
        deadline = asyncio.get_running_loop().time() + seconds
        times: list[float] = []
        failures: list[int] = []
        await asyncio.gather(*(_client(port, c, deadline, think, times, failures) for c in clients))
        return times, failures

    queue.put(asyncio.run(run()))


def _python(port: int, clients: list[list[bytes]], seconds: float, think_ms: float) -> Load:
    queue = mp.Queue()
    parts = [clients[i::CLIENT_PROCS] for i in range(CLIENT_PROCS)]
    procs = [
        mp.Process(target=_client_proc, args=(port, p, seconds, think_ms / 1000, queue))
        for p in parts
        if p
    ]
    began = time.monotonic()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    elapsed = time.monotonic() - began
    for p in procs:
        p.join()
    times = sorted(t for r in results for t in r[0])
    failures = [f for r in results for f in r[1]]
    if not times:
        raise SystemExit("no answers")
    return Load(
        rate=len(times) / max(elapsed, seconds),
        p50=times[len(times) // 2] * 1000,
        p99=times[min(int(len(times) * 0.99), len(times) - 1)] * 1000,
        answered=len(times),
        failed=len(failures),
    )
