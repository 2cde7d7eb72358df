"""A TCP proxy a test can cut: a server "restarting" for the clients behind it only.

The machine's PostgreSQL and Redis are shared, so tests never stop them. A process pointed at
`proxy.port` instead reaches them through this proxy; `down()` drops every open connection
and refuses new ones (accepted, then closed at once, as a server shutting down does), `up()`
lets them through again.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class TcpProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.is_down = False
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.is_down:
                client.close()
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._open.update((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(source, target)

    def _drop(self, *sockets: socket.socket) -> None:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
            with self._lock:
                self._open.discard(sock)

    def down(self) -> None:
        """Drop every connection through the proxy and refuse new ones."""
        self.is_down = True
        with self._lock:
            live = list(self._open)
        self._drop(*live)

    def up(self) -> None:
        self.is_down = False

    def close(self) -> None:
        self._closed = True
        self.down()
        self.listener.close()
