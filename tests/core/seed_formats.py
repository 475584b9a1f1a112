"""Seed plans converted to the file formats publishers use, to test how robust parsing is to the format.

A seed is plain text with a little markdown: ``#`` headings, ``**bold**``, ``*italic*``,
``<sup>n</sup>`` footnote marks, ``---`` rules before a translator's footnote, blank lines, and
(seed 000) an indicator table printed one cell per line. Each converter writes the same content the
way a real file of that format carries it:

- ``md``: the text as is; ``md-spaced``: one blank line between paragraphs, as markdown editors save
  (a line ending in a markdown hard break, two spaces, stays with the next line).
- ``docx``: one Word paragraph per non-blank line; headings in Heading N styles; bold, italic and
  superscript runs; a rule becomes a page break. ``docx-table``: the indicator table as a Word table.
- ``html``: ``<h1>``-``<h6>``, one ``<p>`` per line, ``<sup>`` kept, ``<hr>`` for rules.
  ``html-table``: the indicator table as a ``<table>``.
- ``pdf``: A4, fpdf2, DejaVu Sans (Droid Sans Fallback for Chinese), every paragraph hard-wrapped to
  the page width, headings in bold and larger, page numbers in the footer, footnote marks as raised
  digits, a rule as a short separator line with the footnote under it in small type and a page
  break after it (a page-foot footnote; one that would not fit starts a page). ``pdf-justified``:
  the same, justified as Word exports usually are. ``pdf-table``: the indicator table drawn as a
  table (fpdf2 ``table()``: long names wrap inside their cell). Without the Unicode fonts (Debian
  fonts-dejavu-core and fonts-droid-fallback, see ``UNICODE_FONTS``) the core Helvetica is used and
  non-Latin-1 characters are folded to ASCII, which changes the text ("——" becomes "--").

A line ending in a markdown hard break (two spaces) and the line after it are one paragraph with a
line break inside: a Word soft break, an HTML ``<br>``, a forced line in the PDF.

Only the table variants depend on the seed: they exist for seeds with a one-cell-per-line table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.shared import Mm
from docx.text.paragraph import Paragraph
from fpdf import FPDF

__all__ = [
    "UNICODE_FONTS",
    "VARIANTS",
    "Item",
    "Seg",
    "Variant",
    "convert",
    "find_cell_tables",
    "read_seed",
    "variants_for",
    "write_docx",
    "write_html",
    "write_md",
    "write_md_spaced",
    "write_pdf",
]

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")  # Debian fonts-dejavu-core
DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")  # Debian fonts-droid-fallback

_HEADING = re.compile(r"^\s{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^\s*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_INLINE = re.compile(
    r"<sup>(?P<sup>.*?)</sup>"
    r"|\\(?P<esc>[!-/:-@\[-`{-~])"
    r"|\[(?P<ltext>[^\]]+)\]\((?:[^()\s]|\([^)]*\))*\)"
    r"|<(?P<auto>https?://[^>\s]+)>"
    r"|(?P<stars>\*{1,3})",
    re.IGNORECASE,
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TABLE_HEADER = re.compile(r"^(?:main\s+)?indicators?$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?\s*%?$")


# -- reading a seed -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Seg:
    """A run of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False


BREAK = Seg("\n")  # a line break inside a paragraph (markdown hard break): Word soft break, HTML <br>


@dataclass(frozen=True)
class Item:
    """One unit of the seed: a heading, a paragraph (one source line), a blank, a rule or a table."""

    kind: str  # heading | para | blank | rule | table
    segs: tuple[Seg, ...] = ()  # BREAK separates the lines of a paragraph with markdown hard breaks
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    hard_break: bool = False  # the source line ends in a markdown hard break (two spaces)

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segs)


@dataclass
class _Emphasis:
    bold: bool = False
    italic: bool = False


def _inline(line: str, state: _Emphasis) -> tuple[Seg, ...]:
    """Markdown inline markup to runs; emphasis may stay open to the next line of the paragraph."""
    segs: list[Seg] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            segs.append(Seg("".join(buf), state.bold, state.italic))
            buf.clear()

    pos = 0
    for m in _INLINE.finditer(line):
        buf.append(line[pos : m.start()])
        pos = m.end()
        if m.group("sup") is not None:
            flush()
            segs.append(Seg(m.group("sup"), state.bold, state.italic, sup=True))
        elif m.group("esc") is not None:
            buf.append(m.group("esc"))
        elif m.group("ltext") is not None:
            buf.append(_ESCAPE.sub(r"\1", m.group("ltext")))
        elif m.group("auto") is not None:
            buf.append(m.group("auto"))
        else:
            flush()
            stars = len(m.group("stars"))
            if stars == 3:
                both = state.bold and state.italic
                state.bold = state.italic = not both
            elif stars == 2:
                state.bold = not state.bold
            else:
                state.italic = not state.italic
    buf.append(line[pos:])
    flush()
    return tuple(s for s in segs if s.text)


def find_cell_tables(lines: list[str]) -> list[tuple[int, int, tuple[tuple[str, ...], ...]]]:
    """Tables printed one cell per line: (first line, line after the table, rows with the header row).

    The shape of seed 000: a line "Indicators", one line per year, then for every row its name and
    one value per year, with blank lines anywhere in between.
    """
    found = []
    i = 0
    while i < len(lines):
        if not _TABLE_HEADER.match(lines[i].strip()):
            i += 1
            continue
        j, years = i + 1, []
        while j < len(lines) and _YEAR.match(lines[j].strip()):
            years.append(lines[j].strip())
            j += 1
        rows: list[tuple[str, ...]] = []
        end = j
        while True:
            cells = _next_filled(lines, end, 1 + len(years))
            if cells is None:
                break
            (name, _), *values = cells
            if _NUMBER.match(name.strip()) or not all(_NUMBER.match(v.strip()) for v, _ in values):
                break
            rows.append((name.strip(), *(v.strip() for v, _ in values)))
            end = values[-1][1] + 1
        if len(years) >= 2 and rows:
            found.append((i, end, ((lines[i].strip(), *years), *rows)))
            i = end
        else:
            i += 1
    return found


def _next_filled(lines: list[str], start: int, count: int) -> list[tuple[str, int]] | None:
    out = []
    for k in range(start, len(lines)):
        if lines[k].strip():
            out.append((lines[k], k))
            if len(out) == count:
                return out
    return None


def read_seed(text: str, *, tables: bool = False) -> list[Item]:
    """The seed as items, one per source line; with ``tables`` a one-cell-per-line table is one item."""
    lines = text.replace("\r\n", "\n").split("\n")
    spans = {start: (end, rows) for start, end, rows in find_cell_tables(lines)} if tables else {}
    items: list[Item] = []
    state = _Emphasis()
    i = 0
    while i < len(lines):
        if i in spans:
            end, rows = spans[i]
            items.append(Item("table", rows=rows))
            i = end
            continue
        line = lines[i]
        i += 1
        heading = _HEADING.match(line)
        if not line.strip():
            state = _Emphasis()
            items.append(Item("blank"))
        elif _RULE.match(line):
            state = _Emphasis()
            items.append(Item("rule"))
        elif heading:
            items.append(Item("heading", _inline(heading.group(2), _Emphasis()), level=len(heading.group(1))))
        else:
            segs = _inline(line.rstrip(), state)
            if items and items[-1].kind == "para" and items[-1].hard_break:  # same paragraph, new line
                segs = (*items.pop().segs, BREAK, *segs)
            items.append(Item("para", segs, hard_break=line.endswith("  ")))
    while items and items[-1].kind == "blank":
        items.pop()
    return items


# -- markdown --------------------------------------------------------------------------------------
def write_md(text: str, path: Path) -> None:
    """The seed as it is, saved as .md."""
    path.write_text(text, encoding="utf-8")


def write_md_spaced(text: str, path: Path) -> None:
    """One blank line between paragraphs, trailing blanks trimmed, hard-break lines kept together."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        if out and not out[-1].endswith("  "):
            out.append("")
        out.append(line if line.endswith("  ") else line.rstrip())
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# -- Word -----------------------------------------------------------------------------------------
def write_docx(text: str, path: Path, *, tables: bool = False) -> None:
    """One Word paragraph per non-blank line, headings styled, runs formatted, rules as page breaks."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for item in read_seed(text, tables=tables):
        if item.kind == "heading":
            _runs(document.add_heading(level=min(item.level, 9)), item.segs)
        elif item.kind == "para":
            _runs(document.add_paragraph(), item.segs)
        elif item.kind == "rule":
            document.add_page_break()
        elif item.kind == "table":
            ncols = max(len(r) for r in item.rows)
            table = document.add_table(rows=len(item.rows), cols=ncols)
            table.style = "Table Grid"
            for r, row in enumerate(item.rows):
                for c, cell in enumerate(row):
                    run = table.cell(r, c).paragraphs[0].add_run(cell)
                    run.bold = r == 0
    document.save(str(path))


def _runs(paragraph: Paragraph, segs: tuple[Seg, ...]) -> None:
    for seg in segs:
        if seg is BREAK:
            paragraph.add_run().add_break()  # a soft line break (Shift+Enter)
            continue
        run = paragraph.add_run(seg.text)
        run.bold = seg.bold or None
        run.italic = seg.italic or None
        if seg.sup:
            run.font.superscript = True


# -- HTML -----------------------------------------------------------------------------------------
def write_html(text: str, path: Path, *, tables: bool = False) -> None:
    """A web page: <hN> headings, one <p> per line, <sup> marks, <hr> rules, optionally a <table>."""
    body: list[str] = []
    for item in read_seed(text, tables=tables):
        if item.kind == "heading":
            level = min(item.level, 6)
            body.append(f"<h{level}>{_html_runs(item.segs)}</h{level}>")
        elif item.kind == "para":
            body.append(f"<p>{_html_runs(item.segs)}</p>")
        elif item.kind == "rule":
            body.append("<hr>")
        elif item.kind == "table":
            head, *rows = item.rows
            lines = ['<table border="1">', "<tr>" + "".join(f"<th>{_esc(c)}</th>" for c in head) + "</tr>"]
            lines += ["<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows]
            body.append("\n".join([*lines, "</table>"]))
    title = next((i.text for i in read_seed(text) if i.kind in ("heading", "para")), "")
    page = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_esc(title.strip())}</title>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    path.write_text(page, encoding="utf-8")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _html_runs(segs: tuple[Seg, ...]) -> str:
    out = []
    for seg in segs:
        if seg is BREAK:
            out.append("<br>")
            continue
        piece = _esc(seg.text)
        if seg.sup:
            piece = f"<sup>{piece}</sup>"
        if seg.italic:
            piece = f"<em>{piece}</em>"
        if seg.bold:
            piece = f"<strong>{piece}</strong>"
        out.append(piece)
    return "".join(out)


# -- PDF ------------------------------------------------------------------------------------------
_ASCII = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "‘": "'",
        "’": "'",
        "—": "-",
        "–": "-",
        "－": "-",
        "≈": "~",
        "≥": ">=",
        "≤": "<=",
        "\u3000": " ",
        "（": "(",
        "）": ")",
        "，": ",",
        "、": ",",
        "：": ":",
        "；": ";",
        "。": ".",
    }
)
_BODY_SIZE, _NOTE_SIZE, _LINE = 11, 8, 5.5


def _unicode_fonts() -> bool:
    names = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf")
    return DROID.exists() and all((DEJAVU / n).exists() for n in names)


#: True when the PDFs are written with real Unicode fonts, so their text layer is the seed's text.
UNICODE_FONTS = _unicode_fonts()


def write_pdf(text: str, path: Path, *, tables: bool = False, justify: bool = False) -> None:
    """An A4 PDF whose text layer is hard-wrapped at the page width, as PDF plans are."""
    _PdfWriter(justify=justify).write(read_seed(text, tables=tables), path)


@dataclass
class _PdfWriter:
    justify: bool = False
    family: str = "helvetica"
    unicode: bool = UNICODE_FONTS

    def write(self, items: list[Item], path: Path) -> None:
        family = "dejavu" if self.unicode else "helvetica"
        self.family = family

        class _Pdf(FPDF):
            def footer(self) -> None:
                self.set_y(-15)
                self.set_font(family, "", 9)
                self.cell(0, 10, str(self.page_no()), align="C")

        pdf = _Pdf(format="A4")
        pdf.set_margins(20, 20, 20)
        pdf.set_auto_page_break(True, margin=20)
        if self.unicode:
            for style, name in (("", ""), ("B", "-Bold"), ("I", "-Oblique"), ("BI", "-BoldOblique")):
                pdf.add_font("dejavu", style, str(DEJAVU / f"DejaVuSans{name}.ttf"))
            pdf.add_font("droid", "", str(DROID))
            pdf.set_fallback_fonts(["droid"], exact_match=False)
        pdf.add_page()
        pdf.set_font(family, "", _BODY_SIZE)
        footnote = ""  # "" outside a footnote, "rule" after its separator, "text" once its text began
        groups = list(_groups(items))
        for index, (kind, group) in enumerate(groups):
            if kind == "rule":
                if pdf.will_page_break(self._note_height(pdf, groups[index + 1 :]) + 5):
                    pdf.add_page()  # a footnote is not split across pages: it goes with a page of its own
                pdf.ln(2)
                pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + 50, pdf.get_y())
                pdf.ln(1)
                footnote = "rule"
            elif kind == "blank" and footnote == "text":
                pdf.add_page()  # the footnote sat at the foot of its page: the next page starts
                footnote = ""
            elif kind == "blank":
                pdf.ln(_LINE / 2)
            elif kind == "table":
                self._table(pdf, group[0])
            else:
                # a footnote is one source paragraph: its run of lines up to the next blank line
                self._flow(pdf, group, small=bool(footnote))
                footnote = "text" if footnote else ""
        pdf.output(str(path))

    def _note_height(self, pdf: FPDF, rest: list[tuple[str, list[Item]]]) -> float:
        """Height of the footnote after a rule: its first run of paragraphs, in small type."""
        note = next((group for kind, group in rest if kind == "flow"), [])
        pdf.set_font(self.family, "", _NOTE_SIZE)
        text = "\n".join(self._text(item.text) for item in note)
        height = pdf.multi_cell(0, _NOTE_SIZE * 0.5, text, dry_run=True, output="HEIGHT") if text else 0.0
        pdf.set_font(self.family, "", _BODY_SIZE)
        return float(height)

    def _text(self, text: str) -> str:
        if self.unicode:
            return text
        return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")

    def _flow(self, pdf: FPDF, items: list[Item], *, small: bool) -> None:
        """Headings and paragraphs, each wrapped at the page width by fpdf2's line breaker."""
        align = "J" if self.justify else "L"
        with pdf.text_columns(text_align=align, l_margin=pdf.l_margin, r_margin=pdf.r_margin) as cols:
            for item in items:
                heading = item.kind == "heading"
                size = max(_BODY_SIZE + 4 - item.level, _BODY_SIZE) if heading else _NOTE_SIZE if small else _BODY_SIZE
                with cols.paragraph(
                    text_align="L" if heading else align, top_margin=2 if heading else 0, bottom_margin=1.5
                ) as par:
                    for seg in item.segs:
                        style = ("B" if seg.bold or heading else "") + ("I" if seg.italic else "")
                        pdf.set_font(self.family, style, size)
                        pdf.char_vpos = "SUP" if seg.sup else "LINE"
                        par.write(self._text(seg.text))
                    pdf.char_vpos = "LINE"
        pdf.set_font(self.family, "", _BODY_SIZE)

    def _table(self, pdf: FPDF, item: Item) -> None:
        ncols = max(len(r) for r in item.rows)
        widths = (100,) + (70 // (ncols - 1),) * (ncols - 1)
        pdf.set_font(self.family, "", _BODY_SIZE - 1)
        aligns = ("LEFT",) + ("RIGHT",) * (ncols - 1)
        with pdf.table(col_widths=widths, text_align=aligns, first_row_as_headings=True, line_height=5) as table:
            for row in item.rows:
                cells = table.row()
                for cell in row:
                    cells.cell(self._text(cell))
        pdf.set_font(self.family, "", _BODY_SIZE)
        pdf.ln(2)


def _groups(items: list[Item]) -> Iterator[tuple[str, list[Item]]]:
    """Runs of headings and paragraphs (written in one text region), and every other item alone."""
    run: list[Item] = []
    for item in items:
        if item.kind in ("heading", "para"):
            run.append(item)
            continue
        if run:
            yield "flow", run
            run = []
        yield item.kind, [item]
    if run:
        yield "flow", run


# -- the variants ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Variant:
    """One way a seed is published: a name for reports, the file suffix, and its writer."""

    name: str
    suffix: str
    writer: Callable[[str, Path], None]
    table: bool = False  # exists only for seeds that print a table one cell per line


VARIANTS: tuple[Variant, ...] = (
    Variant("md", ".md", write_md),
    Variant("md-spaced", ".md", write_md_spaced),
    Variant("html", ".html", write_html),
    Variant("html-table", ".html", lambda t, p: write_html(t, p, tables=True), table=True),
    Variant("docx", ".docx", write_docx),
    Variant("docx-table", ".docx", lambda t, p: write_docx(t, p, tables=True), table=True),
    Variant("pdf", ".pdf", write_pdf),
    Variant("pdf-justified", ".pdf", lambda t, p: write_pdf(t, p, justify=True)),
    Variant("pdf-table", ".pdf", lambda t, p: write_pdf(t, p, tables=True), table=True),
)
_BY_NAME = {v.name: v for v in VARIANTS}


def variants_for(text: str) -> list[Variant]:
    """The variants that make sense for a seed (table variants only when it has a cell-per-line table)."""
    has_table = bool(find_cell_tables(text.split("\n")))
    return [v for v in VARIANTS if has_table or not v.table]


def convert(seed: Path, variant: Variant | str, out_dir: Path) -> Path:
    """Write ``seed`` in the given variant into ``out_dir``; returns the new file's path."""
    chosen = _BY_NAME[variant] if isinstance(variant, str) else variant
    text = seed.read_text(encoding="utf-8")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{seed.stem}.{chosen.name}{chosen.suffix}"
    chosen.writer(text, path)
    return path
