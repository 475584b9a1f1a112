"""Writers of an evaluation report: one module per format, each laying out the same ``ReportContent``.

``write_report(content, fmt)`` returns the file's bytes; ``progress(percent, step)`` is called as
the work advances (the background job shows it).
"""

from __future__ import annotations

from collections.abc import Callable

from ipstrategy.web.evaluation.report_content import ReportContent

Progress = Callable[[int, str], None]

#: format -> (file extension, MIME type)
FORMATS: dict[str, tuple[str, str]] = {
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "html": ("html", "text/html; charset=utf-8"),
    "pdf": ("pdf", "application/pdf"),
}


def write_report(content: ReportContent, fmt: str, progress: Progress | None = None) -> bytes:
    """The report in ``fmt`` (docx, xlsx, html or pdf)."""
    from ipstrategy.web.evaluation.writers import docx, html, pdf, xlsx

    writer = {"docx": docx.write, "xlsx": xlsx.write, "html": html.write, "pdf": pdf.write}.get(fmt)
    if writer is None:
        raise ValueError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return writer(content, progress or (lambda _p, _s: None))
