"""The report as one self-contained HTML file: styles inline, charts as ``data:`` images, no links out."""

from __future__ import annotations

import base64
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from ipstrategy.web.evaluation.report_content import TEXT, ReportContent, cell_text, generated_on


def write(content: ReportContent, progress: Callable[[int, str], None]) -> bytes:
    """The HTML bytes (UTF-8) of ``content``."""
    progress(60, content.title)
    sections = [
        {
            "heading": s.heading,
            "paragraphs": s.paragraphs,
            "tables": [
                {
                    "title": t.title,
                    "headers": [(c.header, c.kind != TEXT) for c in t.columns],
                    "rows": [
                        [(cell_text(v, c.kind), c.kind != TEXT) for v, c in zip(row, t.columns, strict=True)]
                        for row in t.rows
                    ],
                }
                for t in s.tables
            ],
            "charts": [(c.caption, base64.b64encode(c.png).decode("ascii")) for c in s.charts],
        }
        for s in content.sections
    ]
    with override(content.language):
        html = render_to_string(
            "evaluation/report.html",
            {
                "content": content,
                "sections": sections,
                "lang": "zh-Hans" if content.language.startswith("zh") else "en",
                "generated": generated_on(timezone.localdate()),
            },
        )
    return html.encode("utf-8")
