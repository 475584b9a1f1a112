"""The report as PDF, typeset by Typst (the ``typst`` wheel from PyPI: no system library needed).

Chinese needs a CJK font on the machine (Debian: ``fonts-noto-cjk``). The font files are looked up
and handed to Typst explicitly, so the result does not depend on a font cache; when the report has
Chinese text and no CJK font exists, ``FontMissing`` says what to install instead of printing
empty boxes. Why Typst and not WeasyPrint: docs/adr/0006-evaluation-reports-pdf-with-typst.md.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ipstrategy.web.evaluation.errors import EvaluationError
from ipstrategy.web.evaluation.report_content import TEXT, ReportContent, Table, cell_text, generated_on

TEMPLATE = Path(__file__).with_name("report.typ")
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
#: File names of CJK fonts, best first; their family names go to Typst in the same order.
CJK_FILES = (
    ("NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    ("SourceHanSerif", "Source Han Serif SC"),
    ("NotoSansSC", "Noto Sans SC"),
    ("wqy-zenhei.ttc", "WenQuanYi Zen Hei"),
    ("wqy-microhei.ttc", "WenQuanYi Micro Hei"),
    ("DroidSansFallbackFull.ttf", "Droid Sans Fallback"),
)
LATIN = "Libertinus Serif"  # bundled with Typst
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class FontMissing(EvaluationError):
    """The report has Chinese text and no CJK font is installed."""


@cache
def cjk_fonts(dirs: tuple[str, ...] = FONT_DIRS) -> tuple[tuple[Path, str], ...]:
    """The CJK font files found under ``dirs`` with their family names, best first."""
    found: list[tuple[Path, str]] = []
    files = [f for d in dirs for f in _files(Path(d).expanduser())]
    for pattern, family in CJK_FILES:
        match = next((f for f in files if f.name.startswith(pattern) or f.name == pattern), None)
        if match is not None:
            found.append((match, family))
    return tuple(found)


def _files(folder: Path) -> Iterable[Path]:
    return (p for p in folder.rglob("*") if p.suffix.lower() in {".ttf", ".ttc", ".otf"}) if folder.is_dir() else ()


def _has_chinese(content: ReportContent) -> bool:
    texts = [content.title, *content.title_lines]
    for s in content.sections:
        texts += [s.heading, *s.paragraphs, *(str(v) for t in s.tables for row in t.rows for v in row)]
    return any(HAN.search(t) for t in texts)


def _width(text: str) -> int:
    """Columns a text needs: a Chinese character is as wide as two Latin ones."""
    return len(text) + len(HAN.findall(text))


def _table_data(table: Table) -> dict[str, object]:
    longest = [
        max([_width(c.header) * 2 // 3, *(_width(cell_text(r[i], c.kind)) for r in table.rows)])
        for i, c in enumerate(table.columns)
    ]
    return {
        "title": table.title,
        "headers": [c.header for c in table.columns],
        "numeric": [c.kind != TEXT for c in table.columns],
        "widths": [min(max(n, 3), 40) for n in longest],
        "cells": [cell_text(v, c.kind) for row in table.rows for v, c in zip(row, table.columns, strict=True)],
    }


def write(content: ReportContent, progress: Callable[[int, str], None]) -> bytes:
    """The PDF bytes of ``content``; raises ``FontMissing`` when Chinese cannot be rendered."""
    import typst

    fonts = cjk_fonts()
    if not fonts and (content.language.startswith("zh") or _has_chinese(content)):
        with override(content.language):
            raise FontMissing(
                _(
                    "No Chinese font is installed, so the PDF cannot show Chinese. Install one, e.g. on Debian: apt-get install fonts-noto-cjk."
                )
            )
    progress(55, content.title)
    with tempfile.TemporaryDirectory(prefix="ipstrategy-report-") as tmp:
        folder = Path(tmp)
        sections = []
        for i, s in enumerate(content.sections):
            charts = []
            for j, chart in enumerate(s.charts):
                name = f"chart-{i}-{j}.png"
                (folder / name).write_bytes(chart.png)
                charts.append({"caption": chart.caption, "file": name})
            sections.append(
                {
                    "heading": s.heading,
                    "paragraphs": s.paragraphs,
                    "tables": [_table_data(t) for t in s.tables],
                    "charts": charts,
                }
            )
        with override(content.language):
            generated = generated_on(timezone.localdate())
        data = {
            "title": content.title,
            "lines": content.title_lines,
            "generated": generated,
            "lang": "zh" if content.language.startswith("zh") else "en",
            "fonts": [LATIN, *(family for _path, family in fonts)],
            "sections": sections,
        }
        (folder / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        (folder / "report.typ").write_text(TEMPLATE.read_text(encoding="utf-8"), encoding="utf-8")
        progress(70, _("Typesetting"))
        font_dirs = sorted({str(path.parent) for path, _family in fonts})
        return typst.compile(
            str(folder / "report.typ"), root=str(folder), font_paths=font_dirs, ignore_system_fonts=True
        )
