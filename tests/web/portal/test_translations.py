"""No missing translations: complete catalogues, compiled files in step, every UI string catalogued."""

from __future__ import annotations

import gettext
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

from ipstrategy.core.indicator_catalogue import CATALOGUE
from ipstrategy.web.indicators.units import UNITS

from .po import Entry, po_read

WEB = Path(__file__).resolve().parents[3] / "src" / "ipstrategy" / "web"
LOCALE = WEB / "locale"
LANGUAGES = ("zh_Hans", "en")


def _entries(language: str) -> list[Entry]:
    return [e for e in po_read(LOCALE / language / "LC_MESSAGES" / "django.po") if e.msgid]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    entries = _entries(language)
    assert len(entries) > 200
    assert [e.key for e in entries if not e.translated] == []
    assert [e.key for e in entries if "fuzzy" in e.flags] == []


def test_chinese_translations_keep_their_placeholders() -> None:
    import re

    placeholders = re.compile(r"%\(\w+\)s")
    wrong = [
        e.msgid
        for e in _entries("zh_Hans")
        if sorted(placeholders.findall(e.msgid)) != sorted(placeholders.findall(e.msgstr[0]))
    ]
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_its_source(language: str) -> None:
    """The committed .mo is what `make messages` would compile from the committed .po."""
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for e in _entries(language):
        if e.msgid_plural is None:
            expected[e.key] = e.msgstr[0]
        else:
            expected.update({(e.key, i): text for i, text in enumerate(e.msgstr)})
    compiled = {k: v for k, v in compiled.items() if k != ""}  # the header
    assert compiled == expected, "run `make messages` and commit the .mo files"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
def test_every_string_in_the_code_and_templates_is_in_the_catalogue(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Extract the strings afresh into a copy of the tree and compare ids with the committed catalogue."""
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo", "static"))
    (copy / "locale").mkdir()
    monkeypatch.chdir(copy)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command(
            "makemessages",
            locale=["zh_Hans"],
            no_location=True,
            verbosity=0,
        )
    fresh = {e.key for e in po_read(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po") if e.msgid}
    committed = {e.key for e in _entries("zh_Hans")}
    assert len(fresh) > 200  # the extraction found the portal's strings
    assert sorted(fresh - committed) == [], "new strings: run `make messages` and translate them"


def test_every_catalogue_unit_is_marked_for_translation() -> None:
    assert {k.unit for k in CATALOGUE} <= set(UNITS)


@pytest.mark.django_db
def test_a_chinese_reader_gets_chinese_ui_and_department_names(client: Client) -> None:
    html = client.get("/agencies/CNIPA/", HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "国家知识产权局" in html and "部门" in html and "以 SIPO 名义" in html
    english = client.get("/agencies/CNIPA/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "as SIPO" in english and "China National Intellectual Property Administration" in english
