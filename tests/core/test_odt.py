"""The OpenDocument reader: headings, list labels as printed, line breaks, notes, tables, damage."""

from __future__ import annotations

import zipfile

import pytest

from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing import parse_document
from ipstrategy.core.parsing.readers import read_document

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
)
STYLES = """<office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
<text:list-style style:name="L1">
 <text:list-level-style-number text:level="1" style:num-prefix="(" style:num-suffix=")" style:num-format="1"/>
 <text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="i"/>
</text:list-style>
<text:list-style style:name="L2">
 <text:list-level-style-number text:level="1" style:num-suffix="、" style:num-format="一, 二, 三, ..."/>
</text:list-style>
</office:automatic-styles>"""


def write_odt(path, body: str) -> None:
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>{STYLES}<office:body><office:text>{body}</office:text></office:body></office:document-content>'
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", content)


def brief(blocks):
    return [(b.kind, b.text or b.rows) for b in blocks if b.kind != "blank"]


def test_headings_lists_breaks_notes_and_tables(tmp_path):
    path = tmp_path / "plan.odt"
    write_odt(
        path,
        '<text:h text:outline-level="2">I. General</text:h>'
        '<text:list text:style-name="L1">'
        '<text:list-item><text:p>Improve<text:s text:c="2"/>the law<text:span text:style-name="T1">1</text:span>.'
        "<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>A note.</text:p></text:note-body></text:note></text:p>"
        "<text:list><text:list-item><text:p>First point</text:p></text:list-item>"
        "<text:list-item><text:p>Second point</text:p></text:list-item></text:list></text:list-item>"
        "<text:list-item><text:p>One line<text:line-break/>and the next</text:p></text:list-item>"
        "</text:list>"
        '<text:list text:style-name="L2"><text:list-item><text:p>加强保护</text:p></text:list-item></text:list>'
        "<table:table><table:table-row><table:table-cell><text:p>Indicator</text:p></table:table-cell>"
        "<table:table-cell><text:p>2025</text:p></table:table-cell></table:table-row></table:table>",
    )
    assert brief(read_document(path).blocks) == [
        ("heading", "I. General"),
        ("line", "(1) Improve  the law."),
        ("line", "i. First point"),
        ("line", "ii. Second point"),
        ("line", "(2) One line"),  # a line break is a line end, read by the plain-text rules
        ("line", "and the next"),
        ("line", "一、加强保护"),
        ("table", (("Indicator", "2025"),)),
    ]


def test_an_odt_plan_parses_like_its_text(tmp_path):
    path = tmp_path / "plan.odt"
    write_odt(
        path,
        "<text:p>2023年知识产权强国建设推进计划</text:p><text:p>2023年6月2日</text:p>"
        '<text:h text:outline-level="1">一、完善制度</text:h>'
        '<text:list text:style-name="L1"><text:list-item><text:p>修改专利法实施细则。（国家知识产权局、司法部）</text:p></text:list-item></text:list>',
    )
    plan = parse_document(path)
    assert [(t.number, t.lead, t.participants) for t in plan.tasks] == [("1", "CNIPA", ("MOJ",))]


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"PK\x03\x04 not really a zip", "not a valid OpenDocument .odt file"),
        (None, "no content.xml"),
        ("<office:document-content", "content.xml"),
    ],
)
def test_a_damaged_odt_is_a_document_error(tmp_path, payload, reason):
    path = tmp_path / "bad.odt"
    if isinstance(payload, bytes):
        path.write_bytes(payload)
    else:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            if payload is not None:
                package.writestr("content.xml", payload)
    with pytest.raises(DocumentError, match=reason):
        read_document(path)


def test_entities_are_not_expanded(tmp_path):
    path = tmp_path / "bomb.odt"
    bomb = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            "content.xml",
            bomb
            + f"<office:document-content {NS}><office:body><office:text><text:p>x &b; y</text:p></office:text></office:body></office:document-content>",
        )
    texts = [b.text for b in read_document(path).blocks if b.kind == "line"]
    assert "aaaaaaaaaa" not in "".join(texts)
