"""The report as a Word document (python-docx): title page, sections, tables, charts as images.

Chinese text is set in an East Asian font (Word picks the face per script from ``w:eastAsia``), so
the same document reads properly in Chinese and English editions of Word and in LibreOffice.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from copy import deepcopy

from django.utils import timezone
from django.utils.translation import override
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ipstrategy.web.evaluation.report_content import TEXT, ReportContent, Table, cell_text, generated_on, xml_safe

EAST_ASIAN_FONT = "SimSun"


def _fonts(document: DocxDocument) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Caption"):
        style = document.styles[name]
        rpr = style.element.get_or_add_rPr()
        rpr.get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    document.styles["Normal"].font.size = Pt(10.5)


def _title_page(document: DocxDocument, content: ReportContent) -> None:
    for _ in range(6):
        document.add_paragraph()
    title = document.add_paragraph(content.title, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in content.title_lines:
        p = document.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    with override(content.language):
        p = document.add_paragraph(generated_on(timezone.localdate()))
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run().add_break(WD_BREAK.PAGE)


def _table(document: DocxDocument, table: Table) -> None:
    """A grid table: the header set through python-docx, the body rows cloned from one styled row.

    python-docx finds a cell by walking the whole table, so setting 900 cells one by one takes
    seconds; copying a filled-in row element keeps the same XML at a fraction of the cost.
    """
    document.add_paragraph(table.title, style="Heading 2")
    grid = document.add_table(rows=2, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, template = grid.rows
    for cell, column in zip(header.cells, table.columns, strict=True):
        cell.text = column.header
        cell.paragraphs[0].runs[0].bold = True
    for cell, column in zip(template.cells, table.columns, strict=True):
        cell.text = "-"
        if column.kind != TEXT:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    model = template._tr
    body = model.getparent()
    body.remove(model)
    for row in table.rows:
        tr = deepcopy(model)
        for t, value, column in zip(tr.iter(qn("w:t")), row, table.columns, strict=True):
            t.text = xml_safe(cell_text(value, column.kind))
        body.append(tr)


def write(content: ReportContent, progress: Callable[[int, str], None]) -> bytes:
    """The DOCX bytes of ``content``."""
    document = Document()
    _fonts(document)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    _title_page(document, content)
    for i, part in enumerate(content.sections):
        progress(50 + 45 * i // len(content.sections), part.heading)
        document.add_heading(part.heading, level=1)
        for text in part.paragraphs:
            document.add_paragraph(text)
        for table in part.tables:
            _table(document, table)
        for chart in part.charts:
            document.add_picture(io.BytesIO(chart.png), width=Cm(15))
            document.add_paragraph(chart.caption, style="Caption")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
