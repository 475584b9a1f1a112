"""Named objects in a task's text: the laws, campaigns, programmes and events it commits to.

Two tasks that name the same law or campaign carry the same commitment far more surely than two
that merely share words. The genre prints such names in 《》 or quotes (Chinese and English), in
*italics*, or as capitalised names ending in a kind word ("the Patent Law", "National IP
Publicity Week", "Regulations on the Protection of New Varieties of Plants"). Names are reduced
to a key (lower case, "intellectual property" -> "ip", ordinals and "of the People's Republic of
China" dropped) so that two translations of one name usually meet.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ipstrategy.core.lineage.text import concepts, content_words
from ipstrategy.core.textnorm import to_simplified

#: Words that end the name of a concrete object in the genre's English plans.
KIND_WORDS = (
    "Law|Laws|Regulations?|Rules|Measures|Provisions|Guidelines|Interpretations?|Treaty|Convention|"
    "Agreement|Week|Day|Campaign|Action|Programme|Program|Project|Projects|Platform|Plan|Fair|Expo|"
    "Forum|Conference|Congress|Survey|Standards?|Centers?|Centres?|Zones?|Bases?|Alliance|Database"
)
_CAP = r"(?:[A-Z][\w'’-]*|IP|S&T|of|the|for|on|and|in|to|New|\d+(?:st|nd|rd|th)?)"
_NAMED = re.compile(
    rf"\b((?:[A-Z][\w'’-]*|IP)(?:[ ,]+{_CAP}){{0,10}}? (?:{KIND_WORDS}))\b"
    rf"(?: of the People's Republic of China)?|"
    rf"\b((?:Regulations|Rules|Measures|Provisions|Guidelines) (?:on|for|of) (?:{_CAP} ){{0,10}}[A-Z][\w'’-]*)"
)
_KIND = re.compile(rf"\b(?:{KIND_WORDS})\b")
_QUOTED = re.compile(r"《([^》]{2,40})》|[“\"]([^”\"]{2,60})[”\"]|\*([^*]{3,80})\*|「([^」]{2,40})」")
_LEADING = re.compile(r"^(?:the |a |an |(?:\d+(?:st|nd|rd|th)?|first|second|third|fourth|fifth) )+")
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b|第[一二三四五六七八九十\d]+[届次批]")
_NOISE = re.compile(r"[^\w\u3400-\u9fff]+")
#: Capitalised words that begin a sentence rather than a name.
_VERBS = re.compile(
    r"^(?:(?:Improve|Strengthen|Promote|Revise|Amend|Formulate|Establish|Organize|Organise|Carry|Launch|"
    r"Continue|Implement|Support|Push|Accelerate|Study|Draft|Complete|Cooperate|Hold|Conduct|Enhance|"
    r"Explore|Further|Deepen|Build|Guide|Encourage|Participate|Actively|Properly|Put|Formulating|"
    r"Research|Perfect|Make|Take|Advance|Release|Publish|Compile|Work|Set|Create|Develop|Optimize|"
    r"Optimise|Expand|Study|Refine)\b[ ,]*(?:(?:and|the|in|on|with|to|for|of|up|out|forward|a)\b[ ,]*)*)+"
)
#: Words that name a kind of object, not an object: a key made only of these says nothing.
_GENERIC_TEXT = """
    ip law laws regulations rules measures plan plans project projects national platform special
    campaign action actions five year program programme internet provisions administrative detailed
    implementation conference forum high level world center centre the of and on for in
"""
_GENERIC = frozenset(_GENERIC_TEXT.split())


def object_key(name: str) -> str:
    """The comparable form of a name: lower case, translation variants unified, no ordinals."""
    key = to_simplified(name).strip()
    key = _ORDINAL.sub(" ", key).lower()
    key = re.sub(r"\bintellectual[- ]property\b", "ip", key)
    key = re.sub(r"\bprop[ae]ganda\b", "publicity", key)
    key = re.sub(r"\bof the people's republic of china\b|\bchina's\b|中华人民共和国", " ", key)
    key = _LEADING.sub("", key.strip())
    return _NOISE.sub(" ", key).strip()


def named_objects(text: str) -> frozenset[str]:
    """The keys of the named objects a task's text mentions (possibly none)."""
    found: set[str] = set()
    for match in _QUOTED.finditer(text):
        found.add(next(g for g in match.groups() if g))
    # every name of the second kind ends in, or starts with, a kind word: most tasks have none,
    # and one search for a kind word is much cheaper than trying the name pattern at every capital
    for match in _NAMED.finditer(text) if _KIND.search(text) else ():
        name = _VERBS.sub("", match.group(1) or match.group(2) or "")
        if " " in name.strip():
            found.add(name)
    keys = {object_key(name) for name in found}
    return frozenset(k for k in keys if len(k) >= 2 and not set(k.split()) <= _GENERIC)


#: Two different keys name one object only when their trigrams agree this well (two translations
#: of one name). Below it they are different objects of one kind: "trademark law" and "patent
#: law" share the trigrams of "law" and nothing that matters, and count nothing.
SAME_NAME = 0.7


@lru_cache(maxsize=65536)
def object_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How well the best-matching pair of names agrees: 1.0 the same key, else the better of their
    trigram Dice and their glossary concepts' Dice when it reaches ``SAME_NAME``, else 0.

    The concepts are what a Chinese name and its English translation share (《植物新品种保护条例》
    and "Regulations for Protection of New Plant Varieties" are both {new plant variety,
    regulations}); a name whose shared concepts are only kinds of object (law, regulations,
    platform), or one short common term, says nothing.
    """
    if not a or not b:
        return 0.0
    if a & b:
        return 1.0
    best = max(max(_dice(x, y), _concept_dice(x, y)) for x in a for y in b)
    return best if best >= SAME_NAME else 0.0


@lru_cache(maxsize=65536)
def name_concepts(key: str) -> frozenset[str]:
    """The glossary concepts of an object's key (see ``text.concepts``)."""
    return frozenset(concepts(content_words(key), key))


@cache
def _generic_concepts() -> frozenset[str]:
    return frozenset(c for word in _GENERIC for c in name_concepts(word))


def _concept_dice(x: str, y: str) -> float:
    cx, cy = name_concepts(x), name_concepts(y)
    specific = (cx & cy) - _generic_concepts()
    # one short shared term ("application" in "the application of law") is a coincidence; a
    # term of three characters or more (专利法, 植物新品种) or two terms name the object
    if len(specific) < 2 and not any(len(c) > 3 for c in specific):
        return 0.0
    return 2 * len(cx & cy) / (len(cx) + len(cy))


@lru_cache(maxsize=65536)
def _trigrams(name: str) -> frozenset[str]:
    return frozenset(name[i : i + 3] for i in range(max(1, len(name) - 2)))


def _dice(x: str, y: str) -> float:
    gx, gy = _trigrams(x), _trigrams(y)
    return 2 * len(gx & gy) / (len(gx) + len(gy))
