"""config.serving: the sync worker closes a finished connection at once only when no byte
waits unread in it; otherwise gunicorn's lingering close runs."""

import socket
from types import SimpleNamespace

import pytest
from gunicorn.workers import sync

from config import serving


@pytest.fixture
def pair():
    server, client = socket.socketpair()
    yield server, client
    server.close()
    client.close()


def test_nothing_to_read_when_the_client_sent_nothing_more(pair):
    server, _client = pair
    assert serving.nothing_to_read(server)


def test_nothing_to_read_when_the_client_has_closed(pair):
    server, client = pair
    client.close()
    assert serving.nothing_to_read(server)


def test_bytes_waiting_are_something_to_read_and_stay_unread(pair):
    server, client = pair
    client.sendall(b"GET /next HTTP/1.1\r\n")
    assert not serving.nothing_to_read(server)
    assert server.recv(3) == b"GET"  # peeked, not consumed


def _worker(is_ssl: bool = False) -> serving.SyncWorker:
    worker = serving.SyncWorker.__new__(serving.SyncWorker)  # no arbiter: only the close
    worker.cfg = SimpleNamespace(is_ssl=is_ssl)
    return worker


@pytest.fixture
def answered(monkeypatch):
    """gunicorn's own handling replaced by nothing: the answer is taken as sent."""
    monkeypatch.setattr(sync.SyncWorker, "handle_request", lambda *args: None)


def test_the_connection_is_closed_once_answered(pair, answered):
    server, _client = pair
    _worker().handle_request(None, None, server, None)
    assert server.fileno() == -1


def test_unread_bytes_leave_the_close_to_gunicorn(pair, answered):
    server, client = pair
    client.sendall(b"more")
    _worker().handle_request(None, None, server, None)
    assert server.fileno() != -1


def test_a_tls_connection_is_left_to_gunicorn(pair, answered):
    server, _client = pair
    _worker(is_ssl=True).handle_request(None, None, server, None)
    assert server.fileno() != -1
