"""What a PDF page draws, with positions: text fragments and the straight lines of rules and tables.

A small interpreter of the page's content stream (PDF 32000-1, sections 8 and 9) tracks the
graphics and text state (``q``/``Q``, ``cm``, ``BT``, ``Tf``, ``Tc``/``Tw``/``Tz``/``TL``/``Ts``/
``Tr``, ``Td``/``TD``/``Tm``/``T*``), follows form XObjects, and records:

- every string shown (``Tj``, ``TJ``, ``'``, ``"``) as a ``Fragment``: its text, the x where its
  first and last visible glyph start and end (spaces at either end left out), its baseline, its
  effective font size, whether the font is bold (by name, weight or fake bold drawn by stroking),
  and the advance of each character (to tell whether the first word of a line would have fitted
  on the line above);
- every horizontal or vertical straight line it paints (stroked segments, stroked rectangles,
  thin filled rectangles) as a ``Segment``: footnote separators and table borders.

pypdf does the rest: parsing the stream, and decoding strings and measuring glyphs with its font
model (``Font`` and ``TextStateParams`` of its layout mode; no public API offers glyph widths).
Those helpers are internal to pypdf, so ``read_page`` raises ``LayoutUnavailable`` when they are
missing or misbehave, and the reader falls back to pypdf's plain text.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, IndirectObject, StreamObject

try:  # pypdf internals (stable since the layout mode of pypdf 3.17/4.x), see the module docstring
    from pypdf._text_extraction._layout_mode import Font
    from pypdf._text_extraction._layout_mode._text_state_params import TextStateParams
except ImportError:  # pragma: no cover - depends on the installed pypdf
    Font = TextStateParams = None  # type: ignore[assignment,misc]

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|hei(?!ght)|黑", re.IGNORECASE)
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "\x00": "", "\xad": ""})
_MAX_FORM_DEPTH = 8


class LayoutUnavailable(Exception):
    """Positions cannot be read (pypdf's internals changed, or a stream pypdf cannot measure)."""


@dataclass(frozen=True)
class Fragment:
    """One string shown on the page, in page space (points, y upwards)."""

    text: str
    x0: float  # left edge of the first visible glyph
    x1: float  # right edge of the last visible glyph
    y: float  # baseline, text rise included
    size: float  # effective font size
    bold: bool
    rise: float = 0.0  # text rise (Ts) in page units: > 0 for a superscript
    widths: tuple[float, ...] = ()  # the advance of each character of ``text``
    spaced: bool = False  # a space was shown before or after the text (and is left out of it)


@dataclass(frozen=True)
class Segment:
    """A horizontal (y0 == y1) or vertical (x0 == x1) straight line, x0 <= x1 and y0 <= y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= abs(self.x1 - self.x0)


@dataclass
class PageContent:
    width: float
    height: float
    fragments: list[Fragment] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


def mult(m: Matrix, n: Matrix) -> Matrix:
    """The product m x n of two PDF matrices [a b c d e f]."""
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _point(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _num(value: Any, default: float = 0.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


@dataclass
class _State:
    """The graphics state the interpreter keeps (the text parameters survive BT/ET)."""

    ctm: Matrix = IDENTITY
    font: Any = None
    font_bold: bool = False
    size: float = 0.0
    tc: float = 0.0
    tw: float = 0.0
    tz: float = 100.0
    tl: float = 0.0
    ts: float = 0.0
    tr: float = 0.0

    def copy(self) -> _State:
        return _State(**self.__dict__)


class FontCache:
    """pypdf ``Font`` models of font dictionaries, built once per document, with their boldness."""

    def __init__(self) -> None:
        self._fonts: dict[int, tuple[Any, bool]] = {}

    def get(self, resource: Any) -> tuple[Any, bool]:
        obj = resource.get_object() if isinstance(resource, IndirectObject) else resource
        key = id(obj) if not isinstance(resource, IndirectObject) else resource.idnum * 100000 + resource.generation
        if key not in self._fonts:
            if not isinstance(obj, DictionaryObject):
                raise LayoutUnavailable("font resource is not a dictionary")
            font = Font.from_font_resource(obj)
            if obj.get("/Subtype") == "/Type0" and not isinstance(font.encoding, str):
                font = _with_embedded_cmap(font, obj)
            self._fonts[key] = (font, _is_bold(font))
        return self._fonts[key]


def _with_embedded_cmap(font: Any, obj: DictionaryObject) -> Any:
    """A composite font whose CMap is embedded rather than named (fpdf2 writes one for font
    collections): pypdf reads its codes one byte at a time and measures them as if they were CIDs.
    Its codes are two bytes wide; their glyph widths are those of the CIDs the CMap maps them to."""
    widths = dict(font.character_widths)
    cmap = obj.get("/Encoding")
    cmap = cmap.get_object() if cmap is not None else None
    if isinstance(cmap, StreamObject):
        text = cmap.get_data().decode("latin-1")
        default = widths.get("default", 1000)
        pairs: list[tuple[int, int]] = []
        for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
            pairs += [(int(c, 16), int(cid)) for c, cid in re.findall(r"<([0-9A-Fa-f]+)>\s*(\d+)", block)]
        for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
            for lo, hi, cid in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)", block):
                first, last = int(lo, 16), min(int(hi, 16), int(lo, 16) + 0xFFFF)
                pairs += [(code, int(cid) + code - first) for code in range(first, last + 1)]
        remapped = {chr(code): font.character_widths.get(chr(cid), default) for code, cid in pairs}
        widths = {**remapped, "default": default}
    return dataclasses.replace(font, encoding="utf-16-be", character_widths=widths)


def _is_bold(font: Any) -> bool:
    descriptor = font.font_descriptor
    weight = _num(getattr(descriptor, "weight", 0), 0.0)
    flags = int(_num(getattr(descriptor, "flags", 0), 0))
    names = f"{font.name} {getattr(descriptor, 'name', '')} {getattr(descriptor, 'family', '')}"
    return weight >= 600 or bool(flags & (1 << 18)) or bool(_BOLD_NAME.search(names))


def read_page(page: PageObject, fonts: FontCache) -> PageContent:
    """The fragments and segments one page draws (raises ``LayoutUnavailable`` when it cannot)."""
    if Font is None or TextStateParams is None:
        raise LayoutUnavailable("this pypdf has no layout-mode font model")
    box = page.mediabox
    content = PageContent(float(box.width), float(box.height))
    origin: Matrix = (1.0, 0.0, 0.0, 1.0, -float(box.left), -float(box.bottom))
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if not isinstance(contents, (ArrayObject, StreamObject)):
        return content
    resources = page.get("/Resources")
    try:
        _Interpreter(content, fonts, page.pdf).run(contents, resources, _State(ctm=origin), 0)
    except LayoutUnavailable:
        raise
    except (AttributeError, TypeError, KeyError, IndexError, ValueError, ZeroDivisionError) as exc:
        raise LayoutUnavailable(f"{type(exc).__name__}: {exc}") from None
    return content


class _Interpreter:
    def __init__(self, content: PageContent, fonts: FontCache, pdf: Any) -> None:
        self.content = content
        self.fonts = fonts
        self.pdf = pdf
        self.first_font: tuple[Any, bool, float] | None = None

    def run(self, stream: Any, resources: Any, state: _State, depth: int) -> None:
        resources = resources.get_object() if resources is not None else DictionaryObject()
        font_dict = resources.get("/Font", DictionaryObject()) if isinstance(resources, DictionaryObject) else {}
        font_dict = font_dict.get_object() if isinstance(font_dict, IndirectObject) else font_dict
        xobjects = resources.get("/XObject", DictionaryObject()) if isinstance(resources, DictionaryObject) else {}
        xobjects = xobjects.get_object() if isinstance(xobjects, IndirectObject) else xobjects
        stream = ContentStream(stream, self.pdf, "bytes")
        stack: list[_State] = []
        tm = tlm = IDENTITY
        path: list[tuple[float, float, float, float]] = []  # segments of the current path, page space
        start = current = (0.0, 0.0)
        for operands, op in stream.operations:
            if op == b"q":
                stack.append(state.copy())
            elif op == b"Q":
                if stack:
                    state = stack.pop()
            elif op == b"cm" and len(operands) == 6:
                state.ctm = mult(tuple(_num(v) for v in operands), state.ctm)  # type: ignore[arg-type]
            elif op == b"BT":
                tm = tlm = IDENTITY
            elif op == b"Tf" and len(operands) >= 2:
                font = font_dict.get(operands[0]) if isinstance(font_dict, DictionaryObject) else None
                state.font, state.font_bold = self.fonts.get(font) if font is not None else (None, False)
                state.size = _num(operands[1], state.size)
                if self.first_font is None and state.font is not None:
                    self.first_font = (state.font, state.font_bold, state.size)
            elif op in (b"Tc", b"Tw", b"Tz", b"TL", b"Ts", b"Tr") and operands:
                setattr(state, _PARAM[op], _num(operands[0]))
            elif op in (b"Td", b"TD") and len(operands) >= 2:
                if op == b"TD":
                    state.tl = -_num(operands[1])
                tm = tlm = mult((1.0, 0.0, 0.0, 1.0, _num(operands[0]), _num(operands[1])), tlm)
            elif op == b"Tm" and len(operands) == 6:
                tm = tlm = tuple(_num(v) for v in operands)  # type: ignore[assignment]
            elif op == b"T*":
                tm = tlm = mult((1.0, 0.0, 0.0, 1.0, 0.0, -state.tl), tlm)
            elif op == b"Tj" and operands:
                tm = self.show(operands[0], state, tm)
            elif op == b"TJ" and operands and isinstance(operands[0], ArrayObject):
                for item in operands[0]:
                    if isinstance(item, (int, float)):
                        shift = -_num(item) / 1000.0 * state.size * state.tz / 100.0
                        tm = mult((1.0, 0.0, 0.0, 1.0, shift, 0.0), tm)
                    else:
                        tm = self.show(item, state, tm)
            elif op in (b"'", b'"') and operands:
                if op == b'"' and len(operands) >= 3:
                    state.tw, state.tc = _num(operands[0]), _num(operands[1])
                tm = tlm = mult((1.0, 0.0, 0.0, 1.0, 0.0, -state.tl), tlm)
                tm = self.show(operands[-1], state, tm)
            elif op == b"Do" and operands and isinstance(xobjects, DictionaryObject) and depth < _MAX_FORM_DEPTH:
                self.form(xobjects.get(operands[0]), state, depth)
            elif op == b"m" and len(operands) == 2:
                start = current = _point(state.ctm, _num(operands[0]), _num(operands[1]))
            elif op == b"l" and len(operands) == 2:
                end = _point(state.ctm, _num(operands[0]), _num(operands[1]))
                path.append((*current, *end))
                current = end
            elif op == b"re" and len(operands) == 4:
                x, y, w, h = (_num(v) for v in operands)
                corners = [_point(state.ctm, *p) for p in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
                path.extend((*corners[i], *corners[(i + 1) % 4]) for i in range(4))
                start = current = corners[0]
            elif op == b"h":
                path.append((*current, *start))
                current = start
            elif op in (b"c", b"v", b"y") and len(operands) >= 4:
                current = _point(state.ctm, _num(operands[-2]), _num(operands[-1]))
            elif op in _PAINT:
                if op != b"n":
                    self.paint(path, stroked=op in _STROKE)
                path = []

    def form(self, ref: Any, state: _State, depth: int) -> None:
        form = ref.get_object() if ref is not None else None
        if not isinstance(form, StreamObject) or form.get("/Subtype") != "/Form":
            return
        inner = state.copy()
        matrix = form.get("/Matrix")
        if isinstance(matrix, ArrayObject) and len(matrix) == 6:
            inner.ctm = mult(tuple(_num(v) for v in matrix), inner.ctm)  # type: ignore[arg-type]
        self.run(form, form.get("/Resources"), inner, depth + 1)

    def show(self, value: Any, state: _State, tm: Matrix) -> Matrix:
        """Record one shown string and return the text matrix advanced past it."""
        if state.font is None and self.first_font is not None:
            # a string shown with no font in force (fpdf2 sets fonts inside q ... Q and counts on
            # them after): the page's first font, which is a generator's main one, reads it
            state = state.copy()
            state.font, state.font_bold, state.size = self.first_font
        if state.font is None or not isinstance(value, (str, bytes)):
            return tm
        transform = list(mult(tm, state.ctm))
        params = TextStateParams(
            value, state.font, state.size, state.tc, state.tw, state.tz, state.tl, state.ts, transform
        )
        advance = params.word_tx(value)
        upright = abs(transform[1]) <= 0.05 * abs(transform[0]) and abs(transform[2]) <= 0.05 * abs(transform[3])
        if upright and not params.rotated and state.tr != 7:  # not a watermark, nor a stamp in the margin
            self.record(params, state, transform)
        return mult((1.0, 0.0, 0.0, 1.0, advance, 0.0), tm)

    def record(self, params: Any, state: _State, transform: list[float]) -> None:
        text = params.text.translate(_LIGATURES)
        body = text.strip()
        if not body:
            return
        scale = (transform[0] ** 2 + transform[1] ** 2) ** 0.5
        raw = getattr(params, "_raw_chars", "")
        if len(raw) == len(text):  # one code per character: every glyph measured
            widths = [params.word_tx(char) * scale for char in raw]
        else:  # ligatures or multi-character codes: the width shared out evenly
            widths = [(params.displaced_tx - params.tx) / len(text)] * len(text)
        start = len(text) - len(text.lstrip())
        x0 = params.tx + sum(widths[:start])
        kept = tuple(widths[start : start + len(body)])
        bold = state.font_bold or state.tr == 2  # text filled and stroked: Word's and WPS's fake bold
        rise = state.ts * (transform[2] ** 2 + transform[3] ** 2) ** 0.5
        spaced = len(body) < len(text)
        x1 = x0 + sum(kept)
        self.content.fragments.append(Fragment(body, x0, x1, params.ty, params.font_height, bold, rise, kept, spaced))

    def paint(self, path: list[tuple[float, float, float, float]], *, stroked: bool) -> None:
        for x0, y0, x1, y1 in path if stroked else ():
            flat = abs(y1 - y0) < 0.5 and abs(x1 - x0) >= 2.0
            upright = abs(x1 - x0) < 0.5 and abs(y1 - y0) >= 2.0
            if flat or upright:
                self.content.segments.append(Segment(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        if not stroked and len(path) == 4:  # a thin filled rectangle is a rule
            xs = [p for seg in path for p in (seg[0], seg[2])]
            ys = [p for seg in path for p in (seg[1], seg[3])]
            w, h = max(xs) - min(xs), max(ys) - min(ys)
            if h <= 2.5 and w >= 2.0:
                mid = (max(ys) + min(ys)) / 2
                self.content.segments.append(Segment(min(xs), mid, max(xs), mid))
            elif w <= 2.5 and h >= 2.0:
                mid = (max(xs) + min(xs)) / 2
                self.content.segments.append(Segment(mid, min(ys), mid, max(ys)))


_PARAM = {b"Tc": "tc", b"Tw": "tw", b"Tz": "tz", b"TL": "tl", b"Ts": "ts", b"Tr": "tr"}
_STROKE = frozenset((b"S", b"s", b"B", b"B*", b"b", b"b*"))
_PAINT = frozenset((b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"))
