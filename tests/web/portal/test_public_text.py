"""Public pages say nothing meant for the office or the developers (issue 12): no placeholder
("will appear here", "coming soon"), no internal notes (the registry's curation notes, the seeds
the parser was built on), no stored file names or row ids as text."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils.html import escape

from ipstrategy.web.agencies.models import Agency
from ipstrategy.web.indicators.models import Indicator
from ipstrategy.web.plans.models import Plan

pytestmark = pytest.mark.django_db

#: What no public page may say (case-insensitive), and why.
FORBIDDEN = {
    r"will appear here|coming soon|to be added|not (yet )?implemented|lorem ipsum|\bTODO\b|\bFIXME\b": "a placeholder",
    r'class="placeholder"|<h2[^>]*>[^<]*</h2>\s*</section>': "a placeholder (or a heading over nothing)",
    r"\bseeds?\b\s*\d{3}|\bthe seeds\b|not mapped here|gold standard": "a developer's note",
    r"\b\d{3}_[0-9a-f]{16}\.\w+": "a stored file name",
}


def _public_urls() -> list[str]:
    plan = Plan.objects.get(source_filename__startswith="001")
    task = plan.tasks.order_by("order").first()
    indicator = Indicator.objects.order_by("code").first()
    urls = ["/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/print/", f"/tasks/{task.pk}/", "/agencies/"]
    urls += [f"/agencies/{a.code}/" for a in Agency.objects.exclude(notes="")]
    urls += ["/indicators/", f"/indicators/{indicator.code}/", "/find/?q=patent", "/data/"]
    return urls


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_public_pages_have_no_placeholders_internal_notes_or_stored_names(client: Client, language: str) -> None:
    found = []
    for url in _public_urls():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        html = response.content.decode()
        found += [
            (url, why, m.group(0)) for pattern, why in FORBIDDEN.items() for m in re.finditer(pattern, html, re.I)
        ]
    assert found == [], "\n".join(map(str, found))


def test_the_registry_s_notes_are_for_the_office(client: Client, admin_client: Client) -> None:
    """``Agency.notes`` are curation notes (the open-data package leaves them out too)."""
    mof = Agency.objects.get(code="MOF")
    assert mof.notes
    assert escape(mof.notes) not in client.get("/agencies/MOF/").content.decode()
    assert client.get("/api/v1/agencies/MOF").json()["notes"] == ""
    assert escape(mof.notes) in admin_client.get("/agencies/MOF/").content.decode()
    assert admin_client.get("/api/v1/agencies/MOF").json()["notes"] == mof.notes
