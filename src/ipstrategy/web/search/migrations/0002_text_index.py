"""The database's own text index over ``SearchEntry``: FTS5 (trigram) on SQLite, GIN on PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, body, content='search_searchentry', content_rowid='id', tokenize='trigram')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_entry_fulltext ON search_searchentry USING GIN (to_tsvector('english', title || ' ' || body))",
    "CREATE INDEX search_entry_trigram ON search_searchentry USING GIN ((title || ' ' || body) gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS search_entry_fulltext", "DROP INDEX IF EXISTS search_entry_trigram"]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(_apps: Any, schema_editor: Any) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
