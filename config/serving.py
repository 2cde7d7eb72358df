"""gunicorn's sync worker, closing a finished connection at once when nothing is left to read.

Run with `gunicorn config.wsgi -k config.serving.SyncWorker …` (docs/operations.md).

Why: since gunicorn 26 the sync worker ends every connection with a lingering close
(gunicorn.util.close_graceful, RFC 9112 section 9.6): it half-closes, then waits up to two
seconds for the client's FIN, draining what it still sends, so that unread request bytes do
not make the kernel reset the connection before the client has read the response. A sync
worker serves one connection at a time and answers every request with `Connection: close`,
so it sits idle for that wait after every request: on a loaded two-core host, until the
client (nginx, or a benchmark's load generator) is scheduled and closes its side. Measured
by bench/bench_showcase.py on a showcase of 100,000 posts: 1,346 likes/s (p99 80 ms) with
the lingering close, 1,653 (p99 36 ms) without.

The reset can only happen when bytes are waiting unread in the socket. So after the answer
has gone out this worker looks, without waiting, whether any are (MSG_PEEK): none, or the
client's FIN, and it closes at once; anything else and gunicorn's lingering close runs as
before. gunicorn's request parsing and its other hardening are untouched.
"""

from __future__ import annotations

import socket

from gunicorn.workers import sync


def nothing_to_read(client: socket.socket) -> bool:
    """True when no byte waits unread in the socket (or the peer has closed its side)."""
    try:
        data = client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except BlockingIOError:
        return True
    except OSError:
        return False  # let gunicorn's own close handle a broken socket
    return data == b""


class SyncWorker(sync.SyncWorker):
    def handle_request(self, listener, req, client, addr):
        super().handle_request(listener, req, client, addr)
        # A TLS socket cannot peek; TLS ends at nginx here (docs/operations.md).
        if not self.cfg.is_ssl and nothing_to_read(client):
            # gunicorn's close_graceful, which follows, finds the socket closed and returns.
            client.close()
