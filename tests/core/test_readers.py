"""The document readers, each on a real file built here (txt, md, html, docx, pdf), and every refusal."""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from pypdf import PdfReader
from seed_formats import UNICODE_FONTS, convert

import ipstrategy
from ipstrategy.core.errors import DocumentError
from ipstrategy.core.parsing.blocks import Block
from ipstrategy.core.parsing.readers import SUPPORTED_EXTENSIONS, read_document
from ipstrategy.core.parsing.readers import pdf as pdf_reader
from ipstrategy.core.parsing.readers.decode import decode_bytes, looks_chinese
from ipstrategy.core.parsing.readers.html import html_to_blocks
from ipstrategy.core.parsing.readers.pdf import pages_to_blocks
from ipstrategy.core.parsing.readers.pdf_content import FontCache, LayoutUnavailable, read_page
from ipstrategy.core.parsing.readers.pdf_tables import Table, merge_tables
from ipstrategy.core.parsing.readers.text import text_to_blocks

PLANS = Path(ipstrategy.__file__).parent / "data" / "plans"
CJK_FONT = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")  # Debian fonts-droid-fallback
DUTY = "（知识产权局牵头，教育部、科技部按职责分工负责）"
DUTY_TRADITIONAL = "（知識產權局牽頭，教育部、科技部按職責分工負責）"


def brief(blocks: tuple[Block, ...] | list[Block]) -> list[tuple[object, ...]]:
    """Blocks as short tuples, so a whole document can be compared in one assertion."""
    out: list[tuple[object, ...]] = []
    for block in blocks:
        if block.kind == "line":
            out.append(("line", block.text))
        elif block.kind == "heading":
            out.append(("heading", block.level, block.text))
        elif block.kind == "table":
            out.append(("table", block.rows))
        else:
            out.append((block.kind,))
    return out


# -- plain text and markdown ----------------------------------------------------------------------
MARKDOWN = """# Action Plan (2014-2020) #
## **II. Improving the macro control**

　　一、总体要求\x20\x20
####### seven hashes is text
#hashtag is text
---
* * *
___
| Indicator | 2013 | 2015 | 2020 |
|:---|---:|:--:|---|
| Invention patents per 10,000 people | 4 | 6.3 | 14 |
| a \\| b | x |
After the table
#
"""


def test_markdown_is_read_block_by_block() -> None:
    blocks = text_to_blocks(MARKDOWN)
    assert brief(blocks) == [
        ("heading", 1, "Action Plan (2014-2020)"),
        ("heading", 2, "**II. Improving the macro control**"),
        ("blank",),
        ("line", "　　一、总体要求  "),  # exactly as printed: full-width indent and trailing spaces kept
        ("line", "####### seven hashes is text"),
        ("line", "#hashtag is text"),
        ("rule",),
        ("rule",),
        ("rule",),
        (
            "table",
            (
                ("Indicator", "2013", "2015", "2020"),
                ("Invention patents per 10,000 people", "4", "6.3", "14"),
                ("a | b", "x"),
            ),
        ),
        ("line", "After the table"),
        ("blank",),  # a heading with no text
    ]
    assert [block.lineno for block in blocks] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15]


def test_setext_equals_makes_the_line_above_a_heading_and_is_a_rule_elsewhere() -> None:
    blocks = text_to_blocks("Several Opinions\n=====\n\n====\ntext\n---\n")
    assert brief(blocks) == [
        ("heading", 1, "Several Opinions"),
        ("blank",),
        ("rule",),
        ("line", "text"),
        ("rule",),  # dashes under text stay a rule: plain-text plans use them as separators
    ]
    assert blocks[0].lineno == 1


def test_consecutive_pipe_lines_form_one_table_and_a_blank_line_ends_it() -> None:
    blocks = text_to_blocks("| a | b |\n| c | d |\n\n| e |\n| - |\n| x |\n|---|\n")
    assert brief(blocks) == [
        ("table", (("a", "b"), ("c", "d"))),
        ("blank",),
        ("table", (("e",), ("x",), ("---",))),  # only the row right under the first is alignment
    ]
    assert [block.lineno for block in blocks] == [1, 3, 4]


def test_newlines_and_form_feeds_are_normalised_and_line_numbers_kept() -> None:
    text, _ = decode_bytes(b"one\r\ntwo\rthree\n\f\nfour\ffive\n", "x.txt")
    blocks = text_to_blocks(text)
    assert brief(blocks) == [
        ("line", "one"),
        ("line", "two"),
        ("line", "three"),
        ("blank",),
        ("line", "four"),
        ("blank",),
        ("line", "five"),
    ]
    assert [block.lineno for block in blocks[:5]] == [1, 2, 3, 4, 5]  # a form feed alone keeps its line


def test_final_newline_does_not_add_a_blank() -> None:
    assert brief(text_to_blocks("a\nb\n")) == brief(text_to_blocks("a\nb")) == [("line", "a"), ("line", "b")]


def test_bundled_plan_with_markdown_reads_headings_rules_and_footnotes() -> None:
    document = read_document(PLANS / "004_7ca9520cd5ea7a07.txt")
    headings = [block for block in document.blocks if block.kind == "heading"]
    assert (headings[0].level, headings[0].text, headings[0].lineno) == (2, "Translation", 3)
    assert (2, "V. Strengthening Top-Level Design and Organization and Implementation") in [
        (heading.level, heading.text) for heading in headings
    ]
    rules = [block.lineno for block in document.blocks if block.kind == "rule"]
    assert rules[:2] == [105, 122]
    footnote = next(block for block in document.blocks if block.lineno == 107)
    assert footnote.text.startswith("<sup>1</sup> Translator's note")  # markup in .txt is the structure stage's
    assert document.encoding == "utf-8"


@pytest.mark.parametrize("name", sorted(path.name for path in PLANS.glob("*.txt")))
def test_every_bundled_plan_reads_one_block_per_line_with_text_as_printed(name: str) -> None:
    lines = (PLANS / name).read_text(encoding="utf-8").splitlines()
    document = read_document(PLANS / name)
    assert [block.lineno for block in document.blocks] == list(range(1, len(lines) + 1))  # no tables
    for block in document.blocks:
        if block.kind == "line":
            assert block.text == lines[block.lineno - 1]


def test_md_and_markdown_extensions_use_the_text_reader(tmp_path: Path) -> None:
    for name in ("plan.md", "plan.MARKDOWN", "plan.text"):
        path = tmp_path / name
        path.write_text("## I. General\n| a | b |\n", encoding="utf-8")
        assert brief(read_document(path).blocks) == [("heading", 2, "I. General"), ("table", (("a", "b"),))]


# -- encodings --------------------------------------------------------------------------------------
SAMPLE = f"1. 完善专利法 {DUTY}\nSecond line\n"


@pytest.mark.parametrize(
    ("payload", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe\x00\x00" + SAMPLE.encode("utf-32-le"), "utf-32-le"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.replace("\n", "\r\n").encode("gb2312"), "gb18030"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32le-bom",
        "gb18030",
        "gbk",
        "gb2312-crlf",
    ],
)
def test_text_in_every_supported_encoding_reads_the_same(tmp_path: Path, payload: bytes, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(payload)
    document = read_document(path)
    assert document.encoding == encoding
    assert brief(document.blocks) == [("line", f"1. 完善专利法 {DUTY}"), ("line", "Second line")]


def test_english_text_in_utf16_without_bom_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes("Action Plan\n\n(1) Improve laws. (SIPO, MOST)\n".encode("utf-16-le"))
    document = read_document(path)
    assert document.encoding == "utf-16-le"
    assert brief(document.blocks) == [
        ("line", "Action Plan"),
        ("blank",),
        ("line", "(1) Improve laws. (SIPO, MOST)"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "big5"])
def test_traditional_characters_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(DUTY_TRADITIONAL.encode(encoding))
    if encoding == "big5":
        with pytest.raises(DocumentError, match="cannot decode text"):
            read_document(path)  # Big5 is not supported: refused, not misread as GBK
    else:
        assert brief(read_document(path).blocks) == [("line", DUTY_TRADITIONAL)]


@pytest.mark.parametrize(
    "western",
    ["Müller Jürgen Gößmann Süddeutsche Größe", "Señor Peña año niño mañana", "Café crème brûlée"],
)
def test_latin1_western_text_is_refused_not_decoded_as_chinese(tmp_path: Path, western: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(western.encode("latin-1"))
    with pytest.raises(DocumentError, match="cannot decode text: not UTF-8, UTF-16 or GB18030"):
        read_document(path)


def test_latin1_that_gb18030_accepts_is_judged_implausible() -> None:
    junk = "Müller Jürgen Größe".encode("latin-1").decode("gb18030")  # valid GB18030, but not Chinese
    assert not looks_chinese(junk)
    assert looks_chinese(DUTY) and looks_chinese(DUTY_TRADITIONAL)


# -- HTML -------------------------------------------------------------------------------------------
HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Not text</title>
<style>p { color: red }</style></head>
<body>
Loose text
<h2>I. General &amp; Principles</h2>
<h3>(i) Guiding<br>ideology</h3>
<p>1. Improve the <b>patent</b>
   law.<sup>1</sup> See the 1<sup>st</sup> plan.<br>Second line&nbsp;here<sup>[2]</sup></p>
<script>document.write("<p>never</p>")</script>
<table>
  <thead><tr><th>Indicator</th><th>2013</th><th>2015</th></tr></thead>
  <tbody><tr><td><p>Patents per<br>10,000</p></td><td>4</td><td><span>6.3</span></td></tr></tbody>
</table>
<hr>
<ul><li>One</li><li>Two &#x4E2D;</li></ul>
<div>Tail</div>
</body></html>
"""


def test_html_is_read_block_by_block(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_text(HTML, encoding="utf-8")
    document = read_document(path)
    assert document.encoding == "utf-8"
    assert brief(document.blocks) == [
        ("line", "Loose text"),
        ("heading", 2, "I. General & Principles"),
        ("heading", 3, "(i) Guiding ideology"),
        ("line", "1. Improve the patent law. See the 1st plan."),  # cut by <br>: a line end like a plain-text one
        ("line", "Second line\xa0here"),
        ("blank",),
        ("table", (("Indicator", "2013", "2015"), ("Patents per 10,000", "4", "6.3"))),
        ("rule",),
        ("line", "One"),
        ("blank",),
        ("line", "Two 中"),
        ("blank",),
        ("line", "Tail"),
        ("blank",),
    ]
    assert document.blocks[1].lineno == 6


def test_html_meta_charset_gb2312_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "plan.htm"
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
        f"<body><p>{DUTY}</p></body></html>"
    )
    path.write_bytes(page.encode("gbk"))
    document = read_document(path)
    assert document.encoding == "gb18030"
    assert brief(document.blocks) == [("line", DUTY), ("blank",)]


def test_html_meta_charset_contradicted_by_utf8_bytes_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "plan.html"
    path.write_bytes(f'<meta charset="gbk"><p>{DUTY}</p>'.encode())
    assert brief(read_document(path).blocks) == [("line", DUTY), ("blank",)]


def test_html_nested_tables_flatten_into_the_outer_cell_and_unclosed_cells_close() -> None:
    blocks = html_to_blocks(
        "<table><caption>Table 1</caption><tr><td>a<table><tr><td>x</td><td>y</td></tr></table>"
        "<td>b<tr><td>c</table><pre>  keep\n  lines</pre>"
    )
    assert brief(blocks) == [
        ("line", "Table 1"),
        ("table", (("a x y", "b"), ("c",))),
        ("line", "  keep"),
        ("line", "  lines"),
        ("blank",),
    ]


def test_unclosed_head_does_not_hide_the_body() -> None:
    assert brief(html_to_blocks("<html><head><title>t</title><body><p>Body text</p>")) == [
        ("line", "Body text"),
        ("blank",),
    ]


# -- Word -------------------------------------------------------------------------------------------
def _word_plan(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Action Plan for Implementing the Strategy (2014-2020)", style="Title")
    document.add_heading("I. General Requirements", level=1)
    document.add_heading("(i) Guiding Ideology", level=2)
    paragraph = document.add_paragraph("(1) Improve the patent law")
    marker = paragraph.add_run("1")
    marker.font.superscript = True
    paragraph.add_run(". (SIPO, MOST)")
    paragraph = document.add_paragraph("(2) Hold the 1")
    paragraph.add_run("st").font.superscript = True  # superscript, but not a footnote mark
    paragraph.add_run(" meeting.")
    document.add_paragraph("")
    paragraph = document.add_paragraph("(3) Before the page break.")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    table = document.add_table(rows=3, cols=4)
    for r, row in enumerate(
        [("Indicator", "2013", "2015", "2020"), ("Invention patents per 10,000 people", "4", "6.3", "14")]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(2, 0).text = "Share of PCT"
    table.cell(2, 1).merge(table.cell(2, 3)).text = "n/a"  # one cell spanning three year columns
    paragraph = document.add_paragraph("Line one")
    paragraph.add_run().add_break()  # a soft line break (Shift+Enter)
    paragraph.add_run("line two")
    document.save(str(path))


def test_word_document_is_read_block_by_block(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    _word_plan(path)
    document = read_document(path)
    assert document.encoding == "docx"
    assert list(document.blocks) == [
        Block("heading", "Action Plan for Implementing the Strategy (2014-2020)", level=1, lineno=1),
        Block("heading", "I. General Requirements", level=1, lineno=2),
        Block("heading", "(i) Guiding Ideology", level=2, lineno=3),
        Block("line", "(1) Improve the patent law. (SIPO, MOST)", lineno=4),
        Block("blank", lineno=4),
        Block("line", "(2) Hold the 1st meeting.", lineno=5),
        Block("blank", lineno=5),
        Block("blank", lineno=6),
        Block("line", "(3) Before the page break.", lineno=7),
        Block("blank", lineno=7),
        Block(
            "table",
            rows=(
                ("Indicator", "2013", "2015", "2020"),
                ("Invention patents per 10,000 people", "4", "6.3", "14"),
                ("Share of PCT", "n/a"),
            ),
            lineno=8,
        ),
        Block("line", "Line one", lineno=9),  # a soft break: a line end, read by the plain-text rules
        Block("line", "line two", lineno=9),
        Block("blank", lineno=9),
    ]


def test_word_chinese_heading_styles_outline_levels_and_character_styles(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    mark = document.styles.add_style("Note Mark", WD_STYLE_TYPE.CHARACTER)
    mark.font.superscript = True
    document.add_paragraph("一、总体要求", style="标题 2")
    paragraph = document.add_paragraph("（一）指导思想")
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "2")
    paragraph._p.get_or_add_pPr().append(outline)
    paragraph = document.add_paragraph("完善专利法")
    paragraph.add_run("[3]", style="Note Mark")
    paragraph.add_run(DUTY)
    path = tmp_path / "计划.docx"
    document.save(str(path))
    assert brief(read_document(path).blocks) == [
        ("heading", 2, "一、总体要求"),
        ("heading", 3, "（一）指导思想"),
        ("line", f"完善专利法{DUTY}"),
        ("blank",),
    ]


def test_word_vertical_merge_repeats_per_row_and_nested_tables_flatten(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Patents"
    for r, c, text in ((0, 1, "2015"), (0, 2, "6.3"), (1, 1, "2020"), (1, 2, "14")):
        table.cell(r, c).text = text
    inner = table.cell(1, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "in", "ner"
    path = tmp_path / "table.docx"
    document.save(str(path))
    assert brief(read_document(path).blocks) == [
        ("table", (("Patents", "2015", "6.3"), ("Patents", "2020", "14 in ner"))),
    ]


# -- PDF --------------------------------------------------------------------------------------------
# PDFs are built here with fpdf2 as plans are printed: A4, proportional fonts, wrapped paragraphs,
# page numbers in the footer. The reader reads positions, so each rule is checked on real layout.
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core
NOTO_CJK = Path("/usr/share/fonts/opentype/noto")  # Debian fonts-noto-cjk
needs_dejavu = pytest.mark.skipif(
    not (DEJAVU / "DejaVuSans-Bold.ttf").exists(), reason="needs DejaVu Sans (apt package fonts-dejavu-core)"
)
needs_noto = pytest.mark.skipif(
    not (NOTO_CJK / "NotoSansCJK-Bold.ttc").exists(), reason="needs Noto Sans CJK (apt package fonts-noto-cjk)"
)
TASK = (
    "Improve the examination of patent applications and the quality of granted patents, strengthen the "
    "protection of trade secrets, build a national platform for intellectual property information services "
    "and train examiners for new fields of technology in every province and city of the country"
)
WORDS = TASK.split()


class _Plan(FPDF):
    """An A4 plan: DejaVu Sans (Noto Sans CJK SC with ``chinese``), a page number in each footer."""

    def __init__(self, *, chinese: bool = False, number: Callable[[int], str] = str) -> None:
        super().__init__(format="A4")
        self.number = number
        self.family = "noto" if chinese else "dejavu"
        if chinese:  # the Simplified Chinese faces of the collections
            self.add_font("noto", "", str(NOTO_CJK / "NotoSansCJK-Regular.ttc"), collection_font_number=2)
            self.add_font("noto", "B", str(NOTO_CJK / "NotoSansCJK-Bold.ttc"), collection_font_number=2)
        else:
            self.add_font("dejavu", "", str(DEJAVU / "DejaVuSans.ttf"))
            self.add_font("dejavu", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
        self.set_margins(25, 25, 25)
        self.set_auto_page_break(True, margin=25)
        self.add_page()
        self.set_font(self.family, "", 11)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family, "", 9)
        self.cell(0, 10, self.number(self.page_no()), align="C")

    def para(self, text: str, *, size: float = 11, bold: bool = False, align: str = "L", after: float = 3) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, size * 0.5, text, align=align, new_x="LMARGIN", new_y="NEXT")
        self.ln(after)
        self.set_font(self.family, "", 11)

    def indented(self, text: str, *, size: float = 11) -> None:
        """A paragraph whose first line is indented by two characters, with no space after it."""
        self.set_font(self.family, "", size)
        self.set_x(self.l_margin + 2 * size * 0.3528)  # points to mm
        self.write(size * 0.6, text)
        self.ln(size * 0.6)

    def full_last_line(self, opening: str, closing: str, then: str) -> str:
        """``opening`` + words + ``closing``: a paragraph whose last line leaves less room than the
        first word of ``then`` needs (so that word could not have been on it)."""
        for end in range(8, len(WORDS)):
            text = opening + " ".join(WORDS[:end]) + closing
            last = self.multi_cell(0, 5, text, dry_run=True, output="LINES")[-1]
            if self.get_string_width(last + " " + then.split()[0]) > self.epw:
                return text
        raise AssertionError("no word run fills a last line")

    def save(self, tmp_path: Path, name: str = "plan.pdf") -> Path:
        path = tmp_path / name
        self.output(str(path))
        return path


def texts(path: Path) -> list[tuple[object, ...]]:
    """The read blocks, blanks left out: paragraphs, headings (with level) and tables."""
    return [b for b in brief(read_document(path).blocks) if b != ("blank",)]


@needs_dejavu
@pytest.mark.parametrize("align", ["L", "J"])
def test_pdf_paragraph_ends_at_a_gap_or_a_short_line_and_a_full_one_runs_on(tmp_path: Path, align: str) -> None:
    pdf = _Plan()
    first = pdf.full_last_line("", ".", "Ensure")
    second = pdf.full_last_line("1. Improve the laws. ", ", so", "that")
    pdf.para("Action Plan for Implementing the National Intellectual Property Strategy (2014-2020)", size=14, bold=True)
    pdf.para(first, align=align, after=3)  # its last line is long: only the gap after it ends it
    pdf.para("Ensure it.", align=align, after=0)
    pdf.para(second, align=align, after=0)  # its last line is full, with no gap after it: it runs on
    pdf.para("that the rules are clear.", align=align, after=0)  # the paragraph ends short
    pdf.para("Protect trade secrets.", align=align, after=0)
    path = pdf.save(tmp_path)
    assert texts(path) == [
        ("heading", 1, "Action Plan for Implementing the National Intellectual Property Strategy (2014-2020)"),
        ("line", first),
        ("line", "Ensure it."),
        ("line", second + " that the rules are clear."),
        ("line", "Protect trade secrets."),
    ]


@needs_dejavu
def test_pdf_line_broken_at_a_hyphen_joins_without_a_space(tmp_path: Path) -> None:
    pdf = _Plan()
    first = next(  # a full line that ends at a hyphen, as Word breaks lines: "intensive" would not fit
        text
        for end in range(len(WORDS))
        if pdf.get_string_width(text := " ".join(WORDS[:end]) + " IP-") <= pdf.epw
        and pdf.get_string_width(text + "intensive") > pdf.epw
    )
    pdf.cell(0, 5.5, first, new_x="LMARGIN", new_y="NEXT")
    pdf.para("intensive industries.")
    assert texts(pdf.save(tmp_path)) == [("line", first + "intensive industries.")]


@needs_dejavu
def test_pdf_paragraph_runs_on_over_a_page_break_and_page_numbers_go(tmp_path: Path) -> None:
    pdf = _Plan(number=lambda n: f"- {n} -")
    pdf.para("Opening paragraph.")
    long = " ".join(WORDS * 14) + "."
    pdf.para(long, align="J")
    pdf.para("After it.")
    path = pdf.save(tmp_path)
    assert pdf.page_no() == 2
    assert texts(path) == [("line", "Opening paragraph."), ("line", long), ("line", "After it.")]


@needs_dejavu
def test_pdf_running_headers_and_watermarks_are_not_text(tmp_path: Path) -> None:
    class _Headed(_Plan):
        def header(self) -> None:
            self.set_font(self.family, "", 9)
            self.cell(0, 5, f"Action Plan (2014-2020), page {self.page_no()}", align="R")
            with self.rotation(45, 100, 150):
                self.set_font(self.family, "B", 60)
                self.text(60, 150, "DRAFT")
            self.set_xy(self.l_margin, 30)
            self.set_font(self.family, "", 11)

    pdf = _Headed()
    long = " ".join(" ".join(random.Random(n).sample(WORDS, len(WORDS))) for n in range(30)) + "."
    pdf.para(long, align="J")
    pdf.para("After it.")
    path = pdf.save(tmp_path)
    assert pdf.page_no() >= 3
    assert texts(path) == [("line", long), ("line", "After it.")]


@needs_dejavu
def test_pdf_headings_by_size_or_weight_and_a_bold_lead_in_stays_text(tmp_path: Path) -> None:
    pdf = _Plan()
    title = "2020 Promotion Plan for In-Depth Implementation of the National Intellectual Property Strategy"
    pdf.para(title + " and for Accelerating the Construction of China into a Powerhouse", size=16, bold=True)
    pdf.para(
        "I. Deepening Reforms in the Field of Intellectual Property Rights and of Their Protection", size=13, bold=True
    )
    pdf.para("(i) Reforming Policies", bold=True)
    pdf.para("1. Formulate policies that spur high-quality development.")
    pdf.set_font("dejavu", "B", 11)
    pdf.write(5.5, " ".join(WORDS[:16]) + " ")  # a bold lead-in that fills its line and runs on
    pdf.set_font("dejavu", "", 11)
    pdf.write(5.5, "and the rest in regular type.")
    path = pdf.save(tmp_path)
    assert texts(path) == [
        ("heading", 1, title + " and for Accelerating the Construction of China into a Powerhouse"),
        ("heading", 2, "I. Deepening Reforms in the Field of Intellectual Property Rights and of Their Protection"),
        ("heading", 3, "(i) Reforming Policies"),
        ("line", "1. Formulate policies that spur high-quality development."),
        ("line", " ".join(WORDS[:16]) + " and the rest in regular type."),
    ]


@needs_dejavu
def test_pdf_bare_page_numbers_go_but_a_number_opening_a_page_stays(tmp_path: Path) -> None:
    pdf = _Plan()
    pdf.para("Social satisfaction at IP protection (points)")
    pdf.add_page()
    pdf.para("65")  # a value printed one cell per line: the top of a page is not a header
    pdf.para("70")
    pdf.add_page()
    pdf.para("Closing words.")
    path = pdf.save(tmp_path)
    assert texts(path) == [
        ("line", "Social satisfaction at IP protection (points)"),
        ("line", "65"),
        ("line", "70"),
        ("line", "Closing words."),
    ]


@needs_dejavu
@pytest.mark.parametrize("rule", [True, False], ids=["under-a-rule", "opening-with-a-raised-mark"])
def test_pdf_footnote_marks_and_page_foot_footnotes_are_dropped(tmp_path: Path, rule: bool) -> None:
    pdf = _Plan()
    pdf.para("34. Improve the work of switching to genuine versions of software.", after=0)
    pdf.set_font("dejavu", "", 11)
    pdf.write(5.5, "Strictly implement “double random, one open”")
    pdf.char_vpos = "SUP"
    pdf.write(5.5, "1")
    pdf.char_vpos = "LINE"
    pdf.write(5.5, " regulatory work. (Responsibility of the Ministry of Commerce)")
    pdf.set_y(250)  # the footnote at the page foot, under a short rule, in small type
    if rule:
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 50, pdf.get_y())
    pdf.ln(2)
    pdf.set_font("dejavu", "", 8)
    pdf.char_vpos = "SUP"
    pdf.write(4, "1")
    pdf.char_vpos = "LINE"
    pdf.set_font("dejavu", "", 8)
    pdf.write(4, " Translator's note: a regulatory approach of random inspections by random inspectors.")
    pdf.add_page()
    pdf.para("35. Next task.")
    path = pdf.save(tmp_path)
    assert texts(path) == [
        ("line", "34. Improve the work of switching to genuine versions of software."),
        (
            "line",
            "Strictly implement “double random, one open” regulatory work. (Responsibility of the Ministry of Commerce)",
        ),
        ("line", "35. Next task."),
    ]


INDICATORS = [
    ("Indicators", "2013", "2015", "2020"),
    ("Number of invention patents possessed by every 10000 people", "4", "6", "14"),
    ("Number of patent applications submitted through the Patent Cooperation Treaty (in 10000)", "2.2", "3.0", "7.5"),
    ("Social satisfaction at IP protection (points)", "65", "70", "80"),
]


@needs_dejavu
def test_pdf_ruled_table_is_one_table_block_across_a_page_break(tmp_path: Path) -> None:
    pdf = _Plan()
    pdf.set_y(200)  # the table starts low: it goes on over the page, its header repeated
    rows = [INDICATORS[0], *INDICATORS[1:] * 4]
    with pdf.table(col_widths=(100, 20, 20, 20), text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT")) as table:
        for row in rows:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    pdf.para("After the table.")
    path = pdf.save(tmp_path)
    assert pdf.page_no() == 2
    assert texts(path) == [("table", tuple(rows)), ("line", "After the table.")]


def test_pdf_table_row_split_by_a_page_break_is_made_whole() -> None:
    head = ["Indicators", "2013", "2015"]
    first = Table([head, ["Patents (in 10000)", "4", "6"], ["Number of", "2.2", "3.0"]], page=0, top=200, bottom=50)
    rest = Table([head, ["patent applications (in 10000)", "", ""], ["Share (%)", "1.5", "2.0"]], 1, 800, 700)
    last = Table([["Royalties", "13.6", "20"]], page=2, top=800, bottom=780)
    assert merge_tables([first, rest, last]) == [
        Table(
            [
                head,
                ["Patents (in 10000)", "4", "6"],
                ["Number of patent applications (in 10000)", "2.2", "3.0"],
                ["Share (%)", "1.5", "2.0"],
                ["Royalties", "13.6", "20"],
            ],
            page=2,
            top=200,
            bottom=50,
        )
    ]


@needs_dejavu
@pytest.mark.parametrize("v_align", ["TOP", "MIDDLE"])
def test_pdf_table_without_rules_keeps_each_row_with_its_wrapped_name(tmp_path: Path, v_align: str) -> None:
    pdf = _Plan()
    pdf.para("Main indicators", after=1)
    with pdf.table(
        col_widths=(100, 20, 20, 20),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        borders_layout="NONE",
        v_align=v_align,
        first_row_as_headings=False,
    ) as table:
        for row in INDICATORS:
            cells = table.row()
            for cell in row:
                cells.cell(cell)
    pdf.ln(4)
    pdf.para("Notes: the values of 2013 are estimates.")
    path = pdf.save(tmp_path)
    assert texts(path) == [
        ("line", "Main indicators"),
        *[("line", " ".join(row)) for row in INDICATORS],
        ("line", "Notes: the values of 2013 are estimates."),
    ]


@needs_noto
def test_chinese_pdf_paragraphs_by_first_line_indent_headings_by_weight(tmp_path: Path) -> None:
    pdf = _Plan(chinese=True, number=lambda n: f"— {n} —")
    per_line = int(pdf.epw / (16 * 0.3528))  # characters of 16 pt on a line
    full = ("加强知识产权保护" * 20)[: 2 * per_line - 2]  # an indented paragraph that fills two lines exactly
    pdf.para("2023年知识产权强国建设推进计划" * 2, size=22, after=4)  # a title over two lines
    pdf.para("一、完善知识产权制度", size=16, bold=True, after=0)  # 黑体-like: the same size, bold
    pdf.indented(full)
    pdf.indented("推动专利法实施细则修订出台，做好配套规章的衔接工作。（知识产权局、司法部负责）")
    pdf.indented("（一）健全法律法规")
    path = pdf.save(tmp_path)
    assert texts(path) == [
        ("heading", 1, "2023年知识产权强国建设推进计划" * 2),
        ("heading", 2, "一、完善知识产权制度"),
        ("line", full),
        ("line", "推动专利法实施细则修订出台，做好配套规章的衔接工作。（知识产权局、司法部负责）"),
        ("line", "（一）健全法律法规"),
    ]


GENRE = Path(__file__).resolve().parents[1] / "data" / "genre"


@pytest.mark.skipif(not UNICODE_FONTS, reason="needs DejaVu Sans and Droid Sans Fallback (see seed_formats)")
@pytest.mark.parametrize("variant", ["pdf", "pdf-justified"])
@pytest.mark.parametrize(
    "plan", ["zh_promotion_plan", "zh_five_year_plan", "zh_action_plan", "zh_indicator_categories"]
)
def test_chinese_plans_printed_to_pdf_read_as_their_paragraphs(tmp_path: Path, plan: str, variant: str) -> None:
    """Chinese plans through the seed converter (fpdf2 wraps Chinese anywhere, fonts fall back from
    DejaVu to Droid run by run, and a run is sometimes shown with no font in force): every source
    line comes back as one paragraph, a cell per line included."""
    source = GENRE / f"{plan}.txt"
    path = convert(source, variant, tmp_path)
    lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [block[-1] for block in texts(path)] == lines


@needs_noto
def test_chinese_pdf_font_from_a_collection_is_measured_by_its_cids(tmp_path: Path) -> None:
    """fpdf2 embeds a CMap for a font collection; a glyph's width is that of the CID it maps to."""
    pdf = _Plan(chinese=True)
    pdf.para("知识产权2023年", size=10)
    reader = PdfReader(str(pdf.save(tmp_path)))
    fragment = next(f for f in read_page(reader.pages[0], FontCache()).fragments if f.text.startswith("知识"))
    assert fragment.text == "知识产权2023年"
    assert fragment.widths[:4] == pytest.approx([10.0] * 4)  # ideographs: one em
    assert 4 < fragment.widths[4] < 7  # a digit: about half an em


@pytest.mark.skipif(not CJK_FONT.exists(), reason="needs DroidSansFallbackFull.ttf (apt package fonts-droid-fallback)")
def test_chinese_pdf_is_read_and_chinese_page_numbers_dropped(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_auto_page_break(auto=False)
    pdf.add_font("droid", fname=str(CJK_FONT))
    for number in (1, 2):
        pdf.add_page()
        _write_mixed(pdf, f"第{number}页 共2页")
        _write_mixed(pdf, f"{number}. 完善知识产权法律法规，2020年底前完成。")
        _write_mixed(pdf, DUTY)
        pdf.set_y(-20)
        _write_mixed(pdf, f"第{number}页")
    path = tmp_path / "规划.pdf"
    pdf.output(str(path))
    assert texts(path) == [
        ("line", "1. 完善知识产权法律法规，2020年底前完成。"),
        ("line", DUTY),
        ("line", "2. 完善知识产权法律法规，2020年底前完成。"),
        ("line", DUTY),
    ]


def _write_mixed(pdf: FPDF, text: str) -> None:
    """Write one line, ASCII in Helvetica and Chinese in Droid (which has no Latin digits)."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        pdf.set_font("helvetica" if run.isascii() else "droid", size=11)
        pdf.write(8, run)
    pdf.ln(8)


class _FooterPdf(FPDF):
    """A PDF whose footer prints "- n -" like a printed plan."""

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", size=9)
        self.cell(0, 10, f"- {self.page_no()} -", align="C")


def _cells_pdf(tmp_path: Path) -> Path:
    pdf = _FooterPdf()
    pdf.set_font("helvetica", size=12)
    for page in (
        ["Action Plan (2014-2020)", "(1) Improve the patent law.", "(2) Strengthen enforcement."],
        ["(3) Build 12 centres by", "2020"],
    ):
        pdf.add_page()
        for line in page:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "plan.pdf"
    pdf.output(str(path))
    return path


def test_pdf_in_core_fonts_reads_lines_drops_page_numbers_and_counts_lines(tmp_path: Path) -> None:
    document = read_document(_cells_pdf(tmp_path))
    assert document.encoding == "pdf"
    assert brief(document.blocks) == [
        ("line", "Action Plan (2014-2020)"),
        ("blank",),
        ("line", "(1) Improve the patent law."),
        ("blank",),
        ("line", "(2) Strengthen enforcement."),
        ("blank",),
        ("line", "(3) Build 12 centres by"),
        ("blank",),
        ("line", "2020"),  # a year opening a page is text, not a page number
        ("blank",),
    ]
    assert [block.lineno for block in document.blocks if block.kind == "line"] == [1, 2, 3, 5, 6]


def test_pdf_falls_back_to_plain_text_when_positions_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unavailable(page: object, fonts: object) -> None:
        raise LayoutUnavailable("pypdf changed")

    monkeypatch.setattr(pdf_reader, "read_page", unavailable)
    assert brief(read_document(_cells_pdf(tmp_path)).blocks) == [
        ("line", "Action Plan (2014-2020)"),
        ("line", "(1) Improve the patent law."),
        ("line", "(2) Strengthen enforcement."),
        ("blank",),
        ("line", "(3) Build 12 centres by"),
        ("line", "2020"),  # a year closing a page is text, not a page number
    ]


@pytest.mark.parametrize("number", ["3", "- 3 -", "— 3 —", "第3页", "第 3 页", "Page 3 of 10", "page 3", "3/10"])
def test_page_number_lines_are_dropped_only_at_the_top_or_bottom_of_a_page(number: str) -> None:
    pages = [f"{number}\nFirst task\n{number}\nLast task\n\n{number}\n", "Next page"]
    assert brief(pages_to_blocks(pages)) == [
        ("line", "First task"),
        ("line", number),  # in the middle of a page it is text
        ("line", "Last task"),
        ("blank",),
        ("blank",),
        ("line", "Next page"),
    ]


def test_pdf_encrypted_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.set_font("helvetica")
    pdf.add_page()
    pdf.cell(0, 8, "Printing restricted, reading allowed")
    pdf.set_encryption(owner_password="owner")
    path = tmp_path / "restricted.pdf"
    pdf.output(str(path))
    assert texts(path) == [("line", "Printing restricted, reading allowed")]


# -- refusals ---------------------------------------------------------------------------------------
def _write(name: str, payload: bytes) -> Callable[[Path], Path]:
    def build(tmp_path: Path) -> Path:
        path = tmp_path / name
        path.write_bytes(payload)
        return path

    return build


def _directory(tmp_path: Path) -> Path:
    path = tmp_path / "plans.txt"
    path.mkdir()
    return path


def _zip_without_word(tmp_path: Path) -> Path:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a Word document")
    return path


def _encrypted_pdf(tmp_path: Path) -> Path:
    pdf = FPDF()
    pdf.set_font("helvetica")
    pdf.add_page()
    pdf.cell(0, 8, "secret")
    pdf.set_encryption(owner_password="owner", user_password="user")
    path = tmp_path / "secret.pdf"
    pdf.output(str(path))
    return path


def _scanned_pdf(tmp_path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 160, style="F")  # a picture of a page, no text layer
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    return path


def _blank_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("   ")
    path = tmp_path / "blank.docx"
    document.save(str(path))
    return path


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (lambda tmp: tmp / "missing.txt", "file not found"),
        (_directory, "is a directory"),
        (_write("plan.rtf", b"{\\rtf1 plan}"), "unsupported file type .rtf: use .txt, .text, .md"),
        (_write("plan", b"text"), "unsupported file type (no extension)"),
        (_write("empty.txt", b""), "empty file (0 bytes)"),
        (_write("empty.docx", b""), "empty file (0 bytes)"),
        (_write("empty.pdf", b""), "empty file (0 bytes)"),
        (_write("spaces.md", b" \r\n\t\n\xe3\x80\x80\n"), "empty file (only whitespace)"),
        (
            _write("blank.html", b"<html><head><title>t</title></head><body> </body></html>"),
            "empty document: no text",
        ),
        (_blank_docx, "empty document: no text"),
        (_write("image.txt", PNG), "binary content (NUL bytes)"),
        (_write("image.html", PNG + b"<p>x</p>"), "binary content (NUL bytes)"),
        (
            _write("latin1.txt", "Café crème".encode("latin-1")),
            "cannot decode text: not UTF-8, UTF-16 or GB18030",
        ),
        (_write("odd.txt", b"\xff\xfeA\x00\x00\xd8"), "cannot decode text: invalid UTF-16-LE"),
        (_write("text.docx", b"plain text, not a zip"), "not a valid Word .docx file"),
        (_zip_without_word, "not a valid Word .docx file"),
        (_write("legacy.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64), "legacy .doc"),
        (_write("text.pdf", b"Just some text"), "not a PDF file"),
        (_write("broken.pdf", b"%PDF-1.4\ngarbage\n"), "damaged PDF"),
        (_encrypted_pdf, "encrypted PDF"),
        (_scanned_pdf, "no text layer (scanned PDF?)"),
    ],
    ids=lambda value: value if isinstance(value, str) else getattr(value, "__name__", ""),
)
def test_bad_input_raises_document_error_naming_file_and_reason(
    tmp_path: Path, build: Callable[[Path], Path], reason: str
) -> None:
    path = build(tmp_path)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message
    assert caught.value.path == str(path)


def test_supported_extensions_are_the_documented_ones() -> None:
    assert SUPPORTED_EXTENSIONS == (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx", ".odt", ".pdf")


@needs_dejavu
def test_pdf_headings_of_one_style_part_where_the_next_line_opens_a_new_marker(tmp_path: Path) -> None:
    """Consecutive bold headings at line spacing ("(i) Laws" over "ii. Policies") are two headings; a
    heading wrapped over two lines stays one."""
    pdf = _Plan()
    pdf.para("2024 Work Plan", size=16, bold=True)
    pdf.para("I. Improving Rules", size=13, bold=True, after=0)
    pdf.para("(i) Laws", bold=True, after=0)
    pdf.para("ii. Policies", bold=True, after=0)
    pdf.para("(iii) Enforcement", bold=True, after=0)
    wrapped = (
        "(iv) Public services for the holders of patents, trademarks and copyrights in every province of the country"
    )
    pdf.para(wrapped, bold=True)
    for n in range(1, 6):  # a body in regular type, so that bold lines are headings
        pdf.para(f"{n}. Revise the regulations on patent agencies and publish the guidelines on trade secrets.")
    path = pdf.save(tmp_path)
    assert [b for b in texts(path) if b[0] == "heading"] == [
        ("heading", 1, "2024 Work Plan"),
        ("heading", 2, "I. Improving Rules"),
        ("heading", 3, "(i) Laws"),
        ("heading", 3, "ii. Policies"),
        ("heading", 3, "(iii) Enforcement"),
        ("heading", 3, wrapped),
    ]
