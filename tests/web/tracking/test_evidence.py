"""Evidence files: checked by content, size-limited, stored under random names, served safely."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from ipstrategy.web.tracking.errors import EvidenceRefused, NotAllowed
from ipstrategy.web.tracking.evidence import evidence_add, evidence_path
from ipstrategy.web.tracking.models import Evidence, ReportingPeriod

from .factories import report_make

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def draft(plan: Any, period: ReportingPeriod, people: Any) -> Any:
    return report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)


def add(report: Any, name: str, content: bytes, actor: Any) -> Evidence:
    return evidence_add(report=report, name=name, content=io.BytesIO(content), size=len(content), actor=actor)


@pytest.mark.parametrize(
    ("name", "content"),
    [("a.pdf", PDF), ("b.PNG", PNG), ("c.docx", docx()), ("照片.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 20)],
)
def test_allowed_types_are_stored_under_random_names_outside_the_web_root(
    name: str, content: bytes, draft: Any, people: Any, settings: Any
) -> None:
    evidence = add(draft, name, content, people.cnipa)
    path = evidence_path(evidence)
    assert path.read_bytes() == content and path.parent == Path(settings.EVIDENCE_ROOT)
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    # The stored name is ours: 32 random hex digits and the checked extension in lower case, nothing
    # else of the uploader's name (a substring test would be meaningless: "a" may occur in hex).
    assert re.fullmatch(r"[0-9a-f]{32}\.(pdf|png|docx|jpg)", path.name), path.name
    assert path.suffix == Path(name).suffix.lower() and evidence.original_name == name
    again = add(draft, name, content, people.cnipa)  # the same name twice: two files, neither overwritten
    assert again.stored_name != evidence.stored_name and path.read_bytes() == evidence_path(again).read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "not what its name says"),
        ("report.pdf", PNG, "not what its name says"),
        ("page.html", b"<html></html>", "Only PDF"),
        ("fake.docx", b"PK\x03\x04" + b"\0" * 30, "not what its name says"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_disguised_or_wrong_files_are_refused(
    name: str, content: bytes, message: str, draft: Any, people: Any, settings: Any
) -> None:
    with pytest.raises(EvidenceRefused, match=message):
        add(draft, name, content, people.cnipa)
    assert not Evidence.objects.exists()
    assert not any(Path(settings.EVIDENCE_ROOT).glob("*")) if Path(settings.EVIDENCE_ROOT).exists() else True


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.pdf",
        "..\\..\\boot.pdf",
        "/etc/x.pdf",
        "a/b.pdf",
        "C:evil.pdf",
        "x\x00.pdf",
        ".hidden.pdf",
        "..",
    ],
)
def test_path_traversal_names_are_refused(name: str, draft: Any, people: Any) -> None:
    with pytest.raises(EvidenceRefused, match="not allowed"):
        add(draft, name, PDF, people.cnipa)
    assert not Evidence.objects.exists()


def test_oversized_files_are_refused_even_when_the_size_is_not_declared(draft: Any, people: Any, settings: Any) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024
    big = PDF + b"0" * 2000
    with pytest.raises(EvidenceRefused, match="larger than"):
        add(draft, "big.pdf", big, people.cnipa)
    with pytest.raises(EvidenceRefused, match="larger than"):
        evidence_add(report=draft, name="big.pdf", content=io.BytesIO(big), size=None, actor=people.cnipa)
    assert not Evidence.objects.exists() and not list(Path(settings.EVIDENCE_ROOT).glob("*"))


def test_only_the_reporting_department_adds_evidence(draft: Any, people: Any) -> None:
    for who in (people.most, people.office, people.evaluator):
        with pytest.raises(NotAllowed):
            add(draft, "a.pdf", PDF, who)


def test_upload_page_refuses_oversized_and_disguised_files(
    client: Client, draft: Any, people: Any, settings: Any
) -> None:
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(people.cnipa)
    for name, content in (("big.pdf", PDF + b"0" * 4096), ("x.pdf", b"<html>hi</html>"), ("../../x.html", b"<html>")):
        upload = io.BytesIO(content)
        upload.name = name
        assert client.post(f"/tracking/reports/{draft.pk}/evidence/", {"file": upload}).status_code == 400
    assert not Evidence.objects.exists()


def test_a_pdf_is_served_as_an_attachment_with_nosniff_only_to_permitted_users(draft: Any, people: Any) -> None:
    evidence = add(draft, "minutes.pdf", PDF, people.cnipa)
    url = f"/tracking/evidence/{evidence.pk}/"
    for who in (people.cnipa, people.office, people.evaluator):
        client = Client()
        client.force_login(who)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'attachment; filename="minutes.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF
    for who in (people.most, people.outsider):
        client = Client()
        client.force_login(who)
        assert client.get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the sign-in page


def test_evidence_of_an_approved_report_stays_private(plan: Any, period: ReportingPeriod, people: Any) -> None:
    report = report_make(task=plan.tasks.first(), period=period, actor=people.cnipa)
    evidence = add(report, "minutes.pdf", PDF, people.cnipa)
    from ipstrategy.web.tracking.services import report_transition

    report_transition(report=report, action="submit", actor=people.cnipa)
    report_transition(report=report, action="approve", actor=people.office)
    client = Client()
    client.force_login(people.outsider)
    assert client.get(f"/tracking/reports/{report.pk}/").status_code == 200
    assert client.get(f"/tracking/evidence/{evidence.pk}/").status_code == 404
