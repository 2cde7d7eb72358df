"""The HTTP side of the load benchmarks: gunicorn on loopback and the clients that load it.

The load comes from wrk (bench/wrk_requests.lua: prepared raw requests, one JSON line of
figures) when it is installed (`make bench` installs Debian's wrk where it can), else from
a Python asyncio client in BENCH_CLIENT_PROCS processes. The two are not interchangeable:
on this 2-core machine the Python client takes about half the CPU that gunicorn needs (a
trivial Django view measured ~790 req/s with it and ~2,400 req/s with wrk), so every
figure says which one produced it (`# load generator: …`); paced loads (think time) go
through nginx, as in production (see `load`).

Closed loop (think_ms=0): each connection sends its next request as soon as the last one
is answered, the saturation rate; its latency is mostly the queue (N connections in flight
on 2 workers: by Little's law the mean is N / rate). With think_ms > 0 each connection
waits a random time around think_ms between an answer and its next request (a person who
reads the next question), so N connections offer about N / think_ms requests per second,
and the latency shows whether the server carries that rate.
"""

from __future__ import annotations

import asyncio
import contextlib
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
GUNICORN = os.environ.get("BENCH_GUNICORN", "-w 2 -k config.serving.SyncWorker")
CLIENT_PROCS = int(os.environ.get("BENCH_CLIENT_PROCS", "2"))
WRK = shutil.which("wrk")
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
GENERATOR = (
    ("wrk; paced: wrk through nginx" if NGINX else "wrk; paced: python") if WRK else "python"
)


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


def _closing(request: bytes) -> bytes:
    """The request with `Connection: close`: _send reads the answer to the connection's end,
    which a keep-alive server (nginx in front) would hold open for its idle timeout."""
    head = request.split(b"\r\n\r\n", 1)[0]
    if b"\r\nConnection: close" in head:
        return request
    line, rest = request.split(b"\r\n", 1)
    return line + b"\r\nConnection: close\r\n" + rest


def request_once(port: int, request: bytes) -> int:
    try:
        return asyncio.run(_send(port, _closing(request)))
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

    With think time wrk goes through nginx (`nginx_in_front`), as in production
    (docs/operations.md): wrk opens its next connection before it thinks, and a sync
    gunicorn worker that accepted it would wait with it, so the think time would be the
    server's; nginx holds the waiting connections and hands gunicorn complete requests.
    Without wrk or nginx, the Python client, which connects when it has a request to send."""
    if WRK and not think_ms:
        return _wrk(port, clients, seconds)
    if WRK and NGINX:
        with nginx_in_front(port) as front:
            # Kept alive between nginx and wrk: nginx closes only gunicorn's side.
            alive = [[r.replace(b"Connection: close\r\n", b"") for r in c] for c in clients]
            return _wrk(front, alive, seconds, think_ms)
    return _python(port, clients, seconds, think_ms)


@contextlib.contextmanager
def nginx_in_front(upstream: int):
    """nginx on a free local port proxying to gunicorn (buffered, as docs/operations.md)."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="gj-nginx-") as tmp:
        temps = " ".join(
            f"{kind}_temp_path {tmp}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf = Path(tmp, "nginx.conf")
        conf.write_text(
            f"worker_processes 1; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;"
            " events { worker_connections 4096; }"
            f" http {{ access_log off; {temps}"
            f" upstream app {{ server 127.0.0.1:{upstream}; }}"
            f" server {{ listen 127.0.0.1:{port}; keepalive_requests 1000000;"
            " location / { proxy_pass http://app; proxy_set_header Host $http_host; } } }"
        )
        proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", tmp], start_new_session=True)
        try:
            deadline = time.monotonic() + 10
            while request_once(port, raw("GET", "/bench/redis/")) != 200:
                if time.monotonic() > deadline:
                    raise SystemExit("nginx did not start")
                time.sleep(0.1)
            yield port
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)


# --- wrk ------------------------------------------------------------------------------


def _wrk(port: int, clients: list[list[bytes]], seconds: float, think_ms: float = 0) -> Load:
    # One wrk thread: it needs a fraction of a core at these rates, and every core it does
    # not take is the server's. The requests interleave the clients (first of each, second
    # of each, …) so that consecutive requests come from different members.
    # wrk counts answers of 400 and above itself (bench/wrk_requests.lua); a redirect would
    # pass unseen, so one request is checked for a 200 first.
    status = request_once(port, clients[0][0])
    if status != 200:
        return Load(rate=0, p50=0, p99=0, answered=1, failed=1)
    longest = max(len(c) for c in clients)
    ordered = [c[i % len(c)] for i in range(longest) for c in clients]
    with tempfile.NamedTemporaryFile("wb", suffix=".req", delete=False) as f:
        f.write(b"\0".join(ordered))
        path = f.name
    env = {**os.environ, "WRK_THINK": "1"} if think_ms else None
    try:
        out = subprocess.run(
            [WRK, "-t1", f"-c{len(clients)}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
             "-s", str(ROOT / "bench/wrk_requests.lua"), f"http://127.0.0.1:{port}/",
             "--", path, "1", str(int(think_ms))],
            capture_output=True, text=True, check=True, env=env,
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
