"""Migration operations the apps share."""

from __future__ import annotations

from django.db import migrations


def fill_factor(table: str, percent: int) -> migrations.RunPython:
    """Leave (100 - percent)% of each new page of `table` free, so that updates of columns no
    index covers are done in place (PostgreSQL's HOT updates: no index entry written).
    PostgreSQL only; reversed to full pages."""

    def set_to(value: int):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {int(value)})")

        return run

    return migrations.RunPython(set_to(percent), set_to(100))
