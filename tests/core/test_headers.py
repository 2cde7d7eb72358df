"""Security headers on every response: Content-Security-Policy, Permissions-Policy, and a
Server header without a version under gunicorn (the production server)."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [ROOT / "templates", *ROOT.glob("*/templates")]


@pytest.mark.parametrize(
    "path",
    ["/", "/en/accounts/login/", "/signup/", "/api/v1/regions/", "/api/docs/", "/no-such-page/"],
)
def test_every_response_has_a_csp_and_a_permissions_policy(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_api_answers_carry_the_headers_too():
    response = APIClient().post("/api/v1/auth/token/", {"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response


def test_the_api_docs_start_swagger_from_a_script_file_not_inline(client):
    page = client.get("/api/docs/").content.decode()
    assert "<style" not in page
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    script_url = re.findall(r'<script src="([^"]*script=[^"]*)"', page)[0].replace("&amp;", "&")
    script = client.get(script_url)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def test_no_template_has_inline_script_style_or_event_handlers():
    offenders = []
    for folder in TEMPLATES:
        for path in folder.rglob("*.html"):
            text = path.read_text()
            for pattern in (
                r"<script(?![^>]*\bsrc=)[^>]*>",  # a script without src
                r"<style\b",
                r"\sstyle=",
                r"\son[a-z]+=",
                r"javascript:",
            ):
                if re.search(pattern, text, re.I):
                    offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert offenders == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_says_no_version_in_the_server_header(tmp_path):
    port = free_port()
    env = os.environ | {"SQLITE_PATH": str(tmp_path / "db.sqlite3")}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        headers = None
        for _ in range(100):
            try:
                response = urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/accounts/login/", timeout=2
                )
                headers = response.headers
                break
            except OSError:
                time.sleep(0.1)
        assert headers is not None, "gunicorn did not answer"
        assert not re.search(r"\d", headers.get("Server", ""))
        assert "Content-Security-Policy" in headers
    finally:
        server.terminate()
        server.wait(timeout=10)
