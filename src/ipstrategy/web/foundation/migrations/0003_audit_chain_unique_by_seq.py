"""The audit chain's unique key is ``seq`` alone: ``hash`` and ``prev_hash`` lose their unique indexes.

On PostgreSQL this drops four B-tree indexes (each column's unique constraint and its
``varchar_pattern_ops`` twin); docs/adr/0009-audit-chain-unique-seq.md says why the chain cannot
fork without them.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("foundation", "0002_rollups"),
        ("tracking", "0001_initial"),  # creates the table (``foundation.0001`` only takes over its state)
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(editable=False, max_length=64, verbose_name="previous hash"),
        ),
    ]
