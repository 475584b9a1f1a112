"""PostgreSQL: an index of the Chinese character pairs of each entry, for Chinese terms trigrams cannot serve.

The trigram index (0002) needs three characters; the commonest Chinese words have two (专利, 商标),
so a search for one scanned every entry (300 ms over 60,000 at national scale).
``ipstrategy_cjk_bigrams(text)`` lists the distinct pairs of adjacent Chinese characters in a text;
the query (``search.query``) asks for the entries whose pairs contain the term's, then checks the
term itself. SQLite has nothing to add: its FTS5 table is the small installation's index.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

#: The characters ``core.textnorm.has_cjk`` counts as Chinese (U+3400 to U+9FFF), in runs of two or more.
POSTGRES_UP = [
    r"""CREATE OR REPLACE FUNCTION ipstrategy_cjk_bigrams(doc text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT substr(m[1], i, 2)), '{}')
      FROM regexp_matches(doc, '([\u3400-\u9fff]{2,})', 'g') AS m, generate_series(1, length(m[1]) - 1) AS i
    $$""",
    "CREATE INDEX search_entry_cjk_bigrams ON search_searchentry USING GIN "
    "(ipstrategy_cjk_bigrams(title || ' ' || body))",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_entry_cjk_bigrams",
    "DROP FUNCTION IF EXISTS ipstrategy_cjk_bigrams(text)",
]


def _run(statements: list[str]) -> Any:
    def run(_apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_text_index")]

    operations = [migrations.RunPython(_run(POSTGRES_UP), _run(POSTGRES_DOWN))]
