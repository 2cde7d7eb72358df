"""Fail when a Python module of the apps passes 600 lines (migrations aside).

A module that long has seams; split it into a package along them (developers' guide).
"""

import sys
import tomllib
from pathlib import Path

LIMIT = 600
ROOT = Path(__file__).resolve().parent.parent
# The project's own packages: the ones the layer contracts name (pyproject.toml).
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


def oversized() -> list[tuple[Path, int]]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines > LIMIT:
                found.append((path.relative_to(ROOT), lines))
    return found


if __name__ == "__main__":
    too_long = oversized()
    for path, lines in too_long:
        print(f"{path}: {lines} lines (limit {LIMIT}); split it along its seams")
    sys.exit(1 if too_long else 0)
