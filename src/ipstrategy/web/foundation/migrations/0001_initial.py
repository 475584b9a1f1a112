"""The audit log's model moves from tracking to foundation; its table stays ``tracking_auditentry``.

State only: the table was created by ``tracking.0001_initial`` (on a fresh database too) and is
neither created nor renamed here, so existing logs and their hash chains are untouched on SQLite
and PostgreSQL alike. ``tracking.0002`` then drops the model from tracking's state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("seq", models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="number")),
                        ("created", models.DateTimeField(editable=False, verbose_name="when")),
                        (
                            "actor_name",
                            models.CharField(blank=True, editable=False, max_length=150, verbose_name="who"),
                        ),
                        ("action", models.CharField(editable=False, max_length=40, verbose_name="action")),
                        ("object_type", models.CharField(editable=False, max_length=60, verbose_name="object type")),
                        ("object_id", models.CharField(editable=False, max_length=64, verbose_name="object id")),
                        (
                            "object_repr",
                            models.CharField(blank=True, editable=False, max_length=300, verbose_name="object"),
                        ),
                        (
                            "task_ref",
                            models.PositiveBigIntegerField(
                                blank=True, db_index=True, editable=False, null=True, verbose_name="task"
                            ),
                        ),
                        ("before", models.JSONField(blank=True, editable=False, null=True, verbose_name="before")),
                        ("after", models.JSONField(blank=True, editable=False, null=True, verbose_name="after")),
                        ("reason", models.TextField(blank=True, editable=False, verbose_name="reason")),
                        (
                            "prev_hash",
                            models.CharField(editable=False, max_length=64, unique=True, verbose_name="previous hash"),
                        ),
                        ("hash", models.CharField(editable=False, max_length=64, unique=True, verbose_name="hash")),
                        (
                            "actor",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "audit entry",
                        "verbose_name_plural": "audit entries",
                        "db_table": "tracking_auditentry",
                        "ordering": ["seq"],
                        "indexes": [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
