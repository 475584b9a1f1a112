"""The department registry: names, aliases and reorganisations, resolved by a document's date.

The registry is read from ``data/agencies.csv`` (one row per body as it existed at the time) plus
``data/agency_aliases_extra.csv`` (further spellings, mostly the short Chinese forms that plans
print in their responsibility parentheses) and ``data/agency_transfers.csv`` (functions a
reorganisation moved to a body other than the main successor, e.g. SAIC's trademarks to CNIPA).

Resolution never guesses: an exact or normalised alias match first, then a conservative fuzzy
match; an alias shared by two bodies is settled by the date, and whatever stays ambiguous or
unknown comes back with ``code=None`` and a reason, for the caller to report.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from ipstrategy.core.errors import RegistryError
from ipstrategy.core.textnorm import to_simplified

FUZZY_THRESHOLD = 0.9
FUZZY_MARGIN = 0.03
#: Reorganisations of the State Council are approved in March; before April a body still stands.
REORGANISATION_MONTH = 4

KINDS = (
    "ministry",
    "court",
    "party_organ",
    "office",
    "military",
    "institution",
    "agency",
    "local_government",
)


@dataclass(frozen=True)
class Transfer:
    """A function that a reorganisation moved from one body to another."""

    source: str
    target: str
    function: str
    year: int | None


@dataclass(frozen=True)
class Agency:
    """One body as it existed between ``valid_from`` and ``valid_to`` (years, inclusive)."""

    code: str
    name_en: str
    name_zh: str
    aliases: tuple[str, ...]
    successor: str | None
    valid_from: int | None
    valid_to: int | None
    notes: str = ""

    @property
    def kind(self) -> str:
        """A coarse kind read from the English name (ministry, court, party organ, ...)."""
        return _kind_of(self.name_en)

    def valid_on(self, when: date) -> bool:
        """True when the body existed on ``when`` (a transition year counts for both sides)."""
        return (self.valid_from is None or self.valid_from <= when.year) and (
            self.valid_to is None or when.year <= self.valid_to
        )


@dataclass(frozen=True)
class Succession:
    """Who took over from whom, by code: the walk over successor links, wherever they are kept.

    The registry builds one from its CSV; the web layer builds one from the database rows (so a
    successor set in the admin counts). Both then answer chains and predecessors the same way.
    """

    successor_of: Mapping[str, str | None]

    def chain(self, code: str) -> list[str]:
        """``code`` followed by each successor in turn (SIPO -> CNIPA); stops on a cycle."""
        chain, seen = [code], {code}
        while (nxt := self.successor_of.get(chain[-1])) and nxt not in seen:
            chain.append(nxt)
            seen.add(nxt)
        return chain

    def current(self, code: str) -> str:
        """Today's body for a historical code."""
        return self.chain(code)[-1]

    def predecessors(self, code: str) -> list[str]:
        """Every body whose successor chain leads to ``code``, nearest first (not ``code`` itself)."""
        found = [c for c in self.successor_of if c != code and code in self.chain(c)]
        return sorted(found, key=lambda c: (self.chain(c).index(code), c))


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving a printed name: a code, or why there is none."""

    name: str
    code: str | None
    method: str  # exact | normalised | fuzzy | ambiguous | unknown
    candidates: tuple[str, ...] = ()
    score: float = 1.0

    @property
    def ok(self) -> bool:
        return self.code is not None


@dataclass
class Registry:
    """All bodies by code, with an index from normalised alias to codes."""

    agencies: dict[str, Agency]
    transfers: tuple[Transfer, ...] = ()
    _index: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _cache: dict[tuple[str, date | None, bool], Resolution] = field(default_factory=dict, repr=False)

    _heads: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self) -> None:
        if self._index:
            return  # built from a cached index (``load_registry``)
        for agency in self.agencies.values():
            for alias in (agency.code, agency.name_en, agency.name_zh, *agency.aliases):
                for key in _alias_keys(alias):
                    self._index.setdefault(key, set()).add(agency.code)
                loose = loose_key(alias)
                if loose:
                    self._index.setdefault(_LOOSE + loose, set()).add(agency.code)
                head = _LIST_CUT.split(alias, maxsplit=1)
                if len(head) > 1:
                    self._heads.update(_alias_keys(head[0]))
                    if head[0].isascii():
                        self._heads.add(_LOOSE + " ".join(_loose_words(head[0])))

    def may_continue(self, piece: str) -> bool:
        """Could a name cut at a list separator go on past ``piece``? (Some aliases hold commas
        or "and": "State Administration of Science, Technology and Industry for National Defense".)"""
        if any(key in self._heads for key in _alias_keys(piece)):
            return True
        return piece.isascii() and _LOOSE + " ".join(_loose_words(piece)) in self._heads

    def __contains__(self, code: object) -> bool:
        return code in self.agencies

    def __iter__(self) -> Iterator[Agency]:
        return iter(self.agencies.values())

    def __len__(self) -> int:
        return len(self.agencies)

    def get(self, code: str) -> Agency | None:
        return self.agencies.get(code)

    def resolve(self, name: str, *, on: date | None = None, fuzzy: bool = True) -> Resolution:
        """Resolve a printed body name to a registry code, as the body existed ``on`` that date.

        With ``fuzzy=False`` only exact and normalised alias matches count (cheap, for callers
        that try many candidate spans of a list).
        """
        key = (name, on, fuzzy)
        if key not in self._cache:
            self._cache[key] = self._resolve(name.strip(), on, fuzzy)
        return self._cache[key]

    def _resolve(self, cleaned: str, on: date | None, fuzzy: bool) -> Resolution:
        if is_local_body(cleaned):
            return Resolution(cleaned, None, "local")
        for method, key in (
            ("exact", _exact_key(cleaned)),
            *(("normalised", k) for k in _alias_keys(cleaned)),
        ):
            codes = self._index.get(key)
            if codes:
                return self._settle(cleaned, codes, method, on)
        loose = loose_key(cleaned)
        if loose:
            codes = self._index.get(_LOOSE + loose)
            if codes:
                return self._settle(cleaned, codes, "variant", on)
            if fuzzy:
                tail = self._tail(loose)
                if tail:
                    return self._settle(cleaned, tail, "tail", on)
        return self._fuzzy(cleaned, on) if fuzzy else Resolution(cleaned, None, "unknown")

    def _tail(self, loose: str) -> set[str]:
        """Bodies whose variant-folded English name ends with ``loose`` ("copyright administration")."""
        suffix = " " + loose
        codes: set[str] = set()
        for key, found in self._index.items():
            if key.startswith(_LOOSE) and key.endswith(suffix):
                codes |= found
        return codes

    @property
    def succession(self) -> Succession:
        """The registry's successor links as a ``Succession`` walk."""
        return Succession({a.code: a.successor for a in self.agencies.values()})

    def successor_chain(self, code: str) -> list[str]:
        """The code followed by each successor in turn: SIPO -> CNIPA, CBRC -> CBIRC -> NFRA."""
        return self.succession.chain(code)

    def current(self, code: str) -> str:
        """Today's body for a historical code (the end of its successor chain)."""
        return self.succession.current(code)

    def predecessors(self, code: str) -> list[str]:
        """Every body whose successor chain leads to ``code``, nearest first (not ``code`` itself)."""
        return self.succession.predecessors(code)

    def transfers_from(self, code: str) -> list[Transfer]:
        """Functions that went from ``code`` to bodies other than its main successor."""
        return [t for t in self.transfers if t.source == code]

    def transfers_to(self, code: str) -> list[Transfer]:
        """Functions that ``code`` received from reorganised bodies other than its predecessors."""
        return [t for t in self.transfers if t.target == code]

    def _settle(self, name: str, codes: set[str], method: str, on: date | None) -> Resolution:
        if len(codes) == 1:
            return Resolution(name, next(iter(codes)), method)
        if on is not None:
            living = sorted(c for c in codes if self.agencies[c].valid_on(on))
            if len(living) > 1:
                living = self._by_reorganisation(living, on)
            if len(living) == 1:
                return Resolution(name, living[0], method)
        return Resolution(name, None, "ambiguous", tuple(sorted(codes)))

    def _by_reorganisation(self, codes: list[str], on: date) -> list[str]:
        """Two bodies alive in a transition year: before April the old one stands, after it the new."""
        ending = [c for c in codes if self.agencies[c].valid_to == on.year]
        starting = [c for c in codes if self.agencies[c].valid_from == on.year]
        if ending and starting:
            return ending if on.month < REORGANISATION_MONTH else starting
        return codes

    def _fuzzy(self, name: str, on: date | None) -> Resolution:
        keys = _alias_keys(name)
        if not keys or len(keys[0]) < 6:
            return Resolution(name, None, "unknown")
        key = keys[0]
        scored: dict[str, float] = {}
        for alias_key, codes in self._index.items():
            if abs(len(alias_key) - len(key)) > max(4, len(key) // 5):
                continue
            ratio = difflib.SequenceMatcher(None, key, alias_key, autojunk=False).ratio()
            if ratio >= FUZZY_THRESHOLD:
                for code in codes:
                    scored[code] = max(scored.get(code, 0.0), ratio)
        if not scored:
            return Resolution(name, None, "unknown")
        best = max(scored.values())
        top = {c for c, s in scored.items() if s >= best - FUZZY_MARGIN}
        settled = self._settle(name, top, "fuzzy", on)
        return Resolution(name, settled.code, settled.method, settled.candidates, best)


_LIST_CUT = re.compile(r"\s*,\s*and\s+|\s*,\s*|\s*，\s*|\s*、\s*|\s+and\s+|以及|及")


def _exact_key(name: str) -> str:
    return "=" + name


_QUOTE_CHARS = "\"'“”‘’「」『』《》`"
_DROP_QUOTES = str.maketrans("", "", _QUOTE_CHARS)
_ABBREV_PAREN = re.compile(r"\s*[(（]\s*[“\"']?[A-Za-z&.\- ]{2,12}[”\"']?\s*[)）]\s*$")
_EN_NOISE = re.compile(r"\b(the|of the people'?s republic of china|of the p\.?r\.?c\.?)\b")


def normalise_name(name: str) -> str:
    """Fold width, script, case, quotes, '&' and spacing so that spelling variants meet."""
    text = to_simplified(unicodedata.normalize("NFKC", name))
    text = _ABBREV_PAREN.sub("", text)
    text = text.lower().replace("&", " and ")
    text = text.translate(_DROP_QUOTES)
    text = re.sub(r"[.,;:()\[\]（）、，。]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=16384)
def _alias_keys(name: str) -> tuple[str, ...]:
    """Normalised lookup keys: the plain form, then forms without filler words and prefixes."""
    base = normalise_name(name)
    if not base:
        return ()
    keys = [base]
    stripped = re.sub(r"\s+", " ", _EN_NOISE.sub(" ", base)).strip()
    keys.append(stripped)
    for prefix in ("国家", "中共", "中国"):
        if stripped.startswith(prefix) and len(stripped) > len(prefix) + 2:
            keys.append(stripped[len(prefix) :])
    return tuple(dict.fromkeys(k for k in keys if k))


#: Marks the index keys of variant-folded English names (see ``loose_key``).
#: A provincial, municipal or county body: "省知识产权局", "广东省市场监管局", "北京市知识产权局",
#: "Guangdong Provincial Administration for Market Regulation". The registry holds the central
#: government's bodies, so such a name is never one of them, however close its words ("省知识产权局"
#: is not CNIPA). "市场" (market) does not make a city, nor "区域" a district.
_LOCAL_BODY = re.compile(
    r"^(?:省|市(?!场)|县|区(?!域)|自治区|自治州)[\u4e00-\u9fff]{2,}|"
    r"^[\u4e00-\u9fff]{1,8}?(?:省|自治区|特别行政区|自治州|(?<!国家)市(?!场)|县)[\u4e00-\u9fff]{2,}"
    r"(?:局|厅|委|委员会|办|办公室|院|部|会|政府|中心|署|处|室|所|馆|队)$|"
    r"\b(?:provincial|municipal|prefectural|county)\b",
    re.I,
)


def is_local_body(name: str) -> bool:
    """Does ``name`` name a provincial, municipal or county body (never a registry body)?"""
    return bool(_LOCAL_BODY.search(name.strip()))


_LOOSE = "~"
_EN_FUNCTION_WORDS = frozenset({"the", "of", "for", "and", "on"})
_EN_COUNTRY_WORDS = frozenset({"china", "national", "state", "prc"})
_PRC = re.compile(r"\bpeople'?s republic of china\b|\bp r c\b")


@lru_cache(maxsize=16384)
def loose_key(name: str) -> str:
    """An English name with its variant parts folded, or "" when too little is left to tell bodies
    apart: function words ("of", "for", "the", "and"/"&") dropped everywhere and the country words
    ("China", "National", "State", "of China", "of the PRC") at either end, the way 国家 and 中国
    are dropped from Chinese names. "Copyright Administration of China", "the National Copyright
    Administration" and "National Copyright Administration of China" all fold to
    "copyright administration"."""
    if not name.isascii():
        return ""
    words = _loose_words(name)
    return " ".join(words) if len(words) >= 2 else ""


@lru_cache(maxsize=16384)
def _loose_words(name: str) -> tuple[str, ...]:
    words = [w for w in _PRC.sub(" ", normalise_name(name)).split() if w not in _EN_FUNCTION_WORDS]
    while words and words[0] in _EN_COUNTRY_WORDS:
        words.pop(0)
    while words and words[-1] in _EN_COUNTRY_WORDS:
        words.pop()
    return tuple(words)


def _kind_of(name_en: str) -> str:
    name = name_en.lower()
    rules = (
        (("court", "procuratorate"), "court"),
        (("military", "armament", "pla "), "military"),
        (("academy", "association", "council for the promotion"), "institution"),
        (
            ("propaganda", "publicity", "organization department", "political and legal", "cyberspace"),
            "party_organ",
        ),
        (("ministry",), "ministry"),
        (
            ("general office", "office of", "state council", "joint conference", "joint meeting", "leading group"),
            "office",
        ),
        (("people's government", "provincial"), "local_government"),
    )
    for words, kind in rules:
        if any(w in name for w in words):
            return kind
    return "agency"


def _int_or_none(value: str, *, where: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise RegistryError(f"{where}: expected a year, got {value!r}")
    return int(value)


def _rows(path: Path | None, resource: str) -> Iterable[tuple[int, dict[str, str], str]]:
    if path is None:
        ref = resources.files("ipstrategy.data").joinpath(resource)
        text, label = ref.read_text(encoding="utf-8-sig"), f"ipstrategy/data/{resource}"
    else:
        text, label = path.read_text(encoding="utf-8-sig"), str(path)
    for lineno, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        yield lineno, row, label


def load_registry(
    path: Path | None = None, *, extra_aliases: Path | None = None, transfers: Path | None = None
) -> Registry:
    """Read the registry CSVs (the bundled ones by default); errors name file, line and field."""
    agencies: dict[str, Agency] = {}
    for lineno, row, label in _rows(path, "agencies.csv"):
        code = (row.get("code") or "").strip()
        if not code:
            raise RegistryError(f"{label}, line {lineno}, field 'code': empty")
        agencies[code] = Agency(
            code=code,
            name_en=row.get("name_en", "").strip(),
            name_zh=row.get("name_zh", "").strip(),
            aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
            successor=(row.get("successor") or "").strip() or None,
            valid_from=_int_or_none(row.get("valid_from", ""), where=f"{label}, line {lineno}, field 'valid_from'"),
            valid_to=_int_or_none(row.get("valid_to", ""), where=f"{label}, line {lineno}, field 'valid_to'"),
            notes=row.get("notes", "").strip(),
        )
    if path is None or extra_aliases is not None:
        _merge_extra_aliases(agencies, extra_aliases)
    loaded_transfers = _load_transfers(transfers) if (path is None or transfers is not None) else ()
    for agency in agencies.values():
        if agency.successor and agency.successor not in agencies:
            raise RegistryError(f"{agency.code}: successor {agency.successor!r} is not in the registry")
    return _indexed(agencies, tuple(loaded_transfers))


#: The environment variable naming the folder for the normalised-name index cache ("" turns it off).
CACHE_ENV = "IPSTRATEGY_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where the normalised index of a registry is cached: ``$IPSTRATEGY_CACHE_DIR``, else the
    user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``) under ``ipstrategy``; None when off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ipstrategy"


def _indexed(agencies: dict[str, Agency], transfers: tuple[Transfer, ...]) -> Registry:
    """A registry whose alias index comes from the cache when one was built for exactly these
    bodies by exactly this normalisation code; normalising every name costs most of a small
    parse's time (an uncached build takes ~80 ms)."""
    folder = cache_dir()
    if folder is None:
        return Registry(agencies, transfers)
    digest = hashlib.sha256(_normalisation_sources())
    digest.update(repr(sorted((a.code, a.name_en, a.name_zh, a.aliases) for a in agencies.values())).encode())
    file = folder / f"registry-index-{digest.hexdigest()[:24]}.json"
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
        index = {key: set(codes) for key, codes in stored["index"].items()}
        heads = set(stored["heads"])
        if index and all(code in agencies for codes in index.values() for code in codes):
            return Registry(agencies, transfers, index, _heads=heads)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # no cache yet, or an unreadable one: build and (try to) write it
    registry = Registry(agencies, transfers)
    payload = {"index": {k: sorted(v) for k, v in registry._index.items()}, "heads": sorted(registry._heads)}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, file)
    except OSError:
        pass  # a read-only home: the registry works the same, only slower to start
    return registry


@cache
def _normalisation_sources() -> bytes:
    """The code the index depends on (this module and the text normalisation it calls)."""
    from ipstrategy.core import textnorm

    return b"".join(Path(m).read_bytes() for m in (__file__, textnorm.__file__ or ""))


def _merge_extra_aliases(agencies: dict[str, Agency], path: Path | None) -> None:
    for lineno, row, label in _rows(path, "agency_aliases_extra.csv"):
        code = (row.get("code") or "").strip()
        if code not in agencies:
            raise RegistryError(f"{label}, line {lineno}, field 'code': unknown code {code!r}")
        old = agencies[code]
        alias = (row.get("alias") or "").strip()
        if alias and alias not in old.aliases:
            agencies[code] = Agency(
                old.code,
                old.name_en,
                old.name_zh,
                (*old.aliases, alias),
                old.successor,
                old.valid_from,
                old.valid_to,
                old.notes,
            )


def _load_transfers(path: Path | None) -> list[Transfer]:
    out = []
    for lineno, row, label in _rows(path, "agency_transfers.csv"):
        out.append(
            Transfer(
                source=row["from"].strip(),
                target=row["to"].strip(),
                function=row["function"].strip(),
                year=_int_or_none(row.get("year", ""), where=f"{label}, line {lineno}, field 'year'"),
            )
        )
    return out


@cache
def default_registry() -> Registry:
    """The bundled registry, loaded once per process."""
    return load_registry()
