"""The audit log: every write recorded, entries immutable, the hash chain detects tampering."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction

from ipstrategy.cli import main
from ipstrategy.web.foundation.audit import audit_verify, entry_hash
from ipstrategy.web.foundation.audit_models import AuditEntry, AuditLogImmutable
from ipstrategy.web.tracking.models import ReportingPeriod
from ipstrategy.web.tracking.services import report_update

from .factories import GOOD, report_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(plan: Any, period: ReportingPeriod, people: Any) -> Any:
    report = report_make(
        task=plan.tasks.first(), period=period, actor=people.cnipa, status="returned", office=people.office
    )
    return report


def test_every_write_is_recorded_with_before_and_after(history: Any, people: Any) -> None:
    actions = list(
        AuditEntry.objects.filter(object_id=str(history.pk), object_type="tracking.progressreport").values_list(
            "action", "actor_name"
        )
    )
    assert actions == [("report.create", "t-cnipa"), ("report.submit", "t-cnipa"), ("report.return", "t-office")]
    report_update(
        report=history, actor=people.cnipa, data=GOOD.__class__(progress="delayed", percent=20, narrative="Late.")
    )
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "report.update"
    assert (entry.before["progress"], entry.after["progress"], entry.after["percent"]) == ("in_progress", "delayed", 20)


def test_entries_cannot_be_changed_or_deleted_through_the_app(history: Any) -> None:
    entry = AuditEntry.objects.first()
    entry.reason = "rewritten"
    with pytest.raises(AuditLogImmutable):
        entry.save()
    with pytest.raises(AuditLogImmutable):
        entry.delete()
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AuditLogImmutable):
        AuditEntry.objects.all().delete()


def test_admin_is_read_only(history: Any, people: Any, client: Any) -> None:
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("t-admin", password="x")
    client.force_login(admin)
    entry = AuditEntry.objects.first()
    assert client.get("/admin/foundation/auditentry/").status_code == 200
    assert client.get("/admin/foundation/auditentry/add/").status_code == 403
    assert client.post(f"/admin/foundation/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert (
        client.post(f"/admin/tracking/progressreport/{history.pk}/change/", {"status": "approved"}).status_code == 403
    )


def test_verify_passes_on_an_intact_chain(history: Any, capsys: Any) -> None:
    assert audit_verify().ok
    assert main(["audit", "verify"]) == 0
    assert f"audit log intact: {AuditEntry.objects.count()} entries" in capsys.readouterr().out


def test_verify_names_an_entry_altered_in_the_database(history: Any, capsys: Any) -> None:
    target = AuditEntry.objects.order_by("seq")[2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET reason = %s WHERE id = %s", ["nothing to see", target.pk]
        )
    result = audit_verify()
    assert result.broken.pk == target.pk and "do not match its hash" in result.reason
    assert main(["audit", "verify"]) == 1
    assert f"broken at entry #{target.seq} (id {target.pk}" in capsys.readouterr().out


def test_verify_detects_a_deleted_entry(history: Any) -> None:
    target = AuditEntry.objects.order_by("seq")[1]
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [target.pk])
    result = audit_verify()
    assert not result.ok and result.broken.seq == target.seq + 1


def _entry_after(previous: AuditEntry, *, seq: int) -> AuditEntry:
    """An entry numbered ``seq`` that links to ``previous``, hashed as the application hashes it."""
    entry = AuditEntry(seq=seq, created=previous.created, actor_name="t-forger", action="report.update",
                       object_type=previous.object_type, object_id=previous.object_id, prev_hash=previous.hash)  # fmt: skip
    entry.hash = entry_hash(entry)
    return entry


def test_two_appends_from_the_same_end_cannot_both_commit(history: Any) -> None:
    """The fork guard is ``seq``'s unique index (ADR 0009): an append built on a chain end that has
    moved on carries the number already taken."""
    last, before_last = AuditEntry.objects.order_by("-seq")[:2]
    with pytest.raises(IntegrityError), transaction.atomic():
        _entry_after(before_last, seq=last.seq).save()
    assert audit_verify().ok


def test_verify_detects_a_fork_numbered_past_the_end(history: Any) -> None:
    """A fork no application writer makes (an old entry linked, the next free number taken) is not
    refused at insert but ``audit verify`` names it."""
    first, last = AuditEntry.objects.order_by("seq").first(), AuditEntry.objects.order_by("-seq").first()
    forged = _entry_after(first, seq=last.seq + 1)
    forged.save()
    result = audit_verify()
    assert result.broken.pk == forged.pk and "does not link" in result.reason


def test_history_shows_on_the_task_page_and_exports_as_csv(client: Any, history: Any, people: Any) -> None:
    client.force_login(people.office)
    page = client.get(f"/tracking/tasks/{history.task_id}/").content.decode()
    assert "Report returned for revision" in page and 'data-action="report.return"' in page and "Needs figures." in page
    response = client.get(f"/tracking/audit.csv?task={history.task_id}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["action"] for r in rows] == ["report.create", "report.submit", "report.return"]
    client.force_login(people.most)
    assert "report.return" not in client.get(f"/tracking/tasks/{history.task_id}/").content.decode()
    assert client.get("/tracking/audit.csv").status_code == 403
