"""Inputs for the fuzz suite: real documents in every format, and strategies that mutate or generate them.

The real documents are the bundled genre plans and the opening of each seed plan (the first
``EXCERPT`` characters: a mutated 60 KB plan parses no differently from a mutated 6 KB one, only
slower), written by the converters of ``seed_formats`` as .docx, .html and .pdf, plus the committed
writer fixtures (LibreOffice, pandoc) when present. Mutations work at the level a damaged file is
damaged: bytes (flips, cuts, insertions, truncation), zip members (a docx's or odt's XML changed
and re-zipped, its numbers made absurd), and text (markers, brackets, digit runs, Unicode spaces).
"""

from __future__ import annotations

import functools
import io
import re
import tempfile
import zipfile
from pathlib import Path

import seed_formats
from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parents[1]
GENRE = TESTS / "data" / "genre"
WRITERS = TESTS / "data" / "writers"
SEEDS = TESTS.parents[1] / "shared" / "seeds"
EXCERPT = 6000


@functools.cache
def corpus() -> tuple[tuple[str, bytes], ...]:
    """(file name, bytes) of every real document the mutations start from."""
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(GENRE.glob("*.*")) if p.suffix in (".txt", ".md")]
    texts += [(p.stem[:3], p.read_text(encoding="utf-8")[:EXCERPT]) for p in sorted(SEEDS.glob("*.txt"))]
    out: list[tuple[str, bytes]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for stem, text in texts:
            out.append((f"{stem}.txt", text.encode()))
            for variant in ("html", "docx", "pdf"):
                source = Path(tmp) / f"{stem}.txt"
                source.write_text(text, encoding="utf-8")
                path = seed_formats.convert(source, variant, Path(tmp))
                out.append((path.name, path.read_bytes()))
    for path in sorted(WRITERS.glob("*/*")) if WRITERS.is_dir() else []:
        if path.stat().st_size <= 150_000:
            out.append((path.name, path.read_bytes()))
    return tuple(out)


# -- byte mutations -------------------------------------------------------------------------------
@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with one to four byte-level edits."""
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not buf:
            break
        at = draw(st.integers(0, len(buf) - 1))
        op = draw(st.sampled_from(("flip", "cut", "insert", "truncate", "repeat")))
        if op == "flip":
            buf[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            del buf[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            buf[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "truncate":
            del buf[at:]
        else:
            buf[at:at] = buf[at : at + draw(st.integers(1, 32))] * draw(st.integers(2, 20))
    return bytes(buf)


_NUMBER_ATTR = re.compile(
    rb'(val|ilvl|start-value|level|outline-level|c|number-columns-spanned|number-columns-repeated)="(\d*)"'
)


@st.composite
def mutated_package(draw: st.DrawFn, data: bytes) -> bytes:
    """A zip package (docx, odt) with one member's XML edited: bytes changed or numbers made absurd."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = [(info.filename, package.read(info)) for info in package.infolist()]
    xml = [i for i, (name, _) in enumerate(members) if name.endswith(".xml")]
    index = draw(st.sampled_from(xml))
    name, content = members[index]
    if draw(st.booleans()):
        values = draw(st.lists(st.sampled_from((b"-1", b"0", b"99", b"999999999999", b"x", b"", b"10")), min_size=1))
        counter = iter(values * 10_000)
        content = _NUMBER_ATTR.sub(lambda m: m.group(1) + b'="' + next(counter) + b'"', content)
    else:
        content = draw(mutated_bytes(content))
    members[index] = (name, content)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for member, payload in members:
            package.writestr(member, payload)
    return out.getvalue()


@st.composite
def mutated_document(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real document, mutated at the level its format is damaged at."""
    name, data = draw(st.sampled_from(corpus()))
    if name.endswith((".docx", ".odt")) and draw(st.booleans()):
        return name, draw(mutated_package(data))
    if name.endswith((".txt", ".md", ".html")) and draw(st.booleans()):
        text = data.decode("utf-8", "replace")
        return name, draw(mutated_text(text)).encode("utf-8")
    return name, draw(mutated_bytes(data))


# -- text: mutated and generated -------------------------------------------------------------------
TOKENS = (
    "一、", "（一）", "(1)", "1.", "1、", "I.", "II.", "（1）", "①", "——", "第一章", "第一节",
    "加强知识产权保护", "完善制度", "Strengthen IP protection", "improve the system",
    "（国家知识产权局牵头，科技部、商务部按职责分工负责）", "(CNIPA, MOST)", "(Responsibility of SIPO and MOFCOM)",
    "（国家知识产权局、", "牵头", "配合", "负责", "takes the lead", "responsible according to their functions",
    "达到", "不少于", "以内", "以上", "左右", "within", "no fewer than", "less than", "percent", "%", "万件", "个月",
    "2025年", "3.15", "3月", "“", "”", "《", "》", '"', "*", "**", "#", "## ", "|", " | ", "\t", "<sup>1</sup>",
    "---", "===", "\u00a0", "\u3000", "\u2003", "\r\n", "\n", "\n\n", "  \n", " ", "。", "；", "，", ".", ";", ",",
    "(", ")", "（", "）", "[", "]", "123", "0", "9" * 40, "1,000", "4.5", "16", "30",
    "指标", "Indicator", "2020年", "注：", "Note:", "目标值", "Promotion Plan", "知识产权强国建设推进计划",
)  # fmt: skip


@st.composite
def generated_text(draw: st.DrawFn) -> str:
    """A plan-like text made of the genre's tokens: markers, bodies, numbers, brackets, breaks."""
    parts = draw(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=120))
    return "".join(parts)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """A real text with genre tokens spliced in, spans deleted or repeated, or line ends changed."""
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(("splice", "cut", "repeat", "crlf", "nbsp", "join")))
        if op == "splice":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif op == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif op == "repeat":
            text = text[:at] + text[at : at + draw(st.integers(1, 40))] * draw(st.integers(2, 50)) + text[at:]
        elif op == "crlf":
            text = text.replace("\n", "\r\n")
        elif op == "nbsp":
            text = text.replace(" ", "\u00a0")
        else:
            text = text.replace("\n\n", "\n")
    return text
