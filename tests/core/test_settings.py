"""Settings come from the environment and fail loudly on bad values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 60 + "-not-a-real-secret-but-long-and-random-enough",
    "ALLOWED_HOSTS": "contests.example.org",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "name,value",
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "mysql://x@y/z"),
        ("REDIS_URL", "http://127.0.0.1:6379"),
        ("CONN_MAX_AGE", "soon"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(name, value):
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"} if name == "CONN_MAX_AGE" else {}
    result = manage("check", **(env | {name: value}))
    assert result.returncode != 0
    assert name in result.stderr


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_off_with_a_short_secret_key_refuses_to_start():
    result = manage("check", **(PRODUCTION | {"SECRET_KEY": "xxx"}))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "50" in result.stderr
