"""Task text to weighted features: character n-grams that work for English and Chinese alike.

English text is lower-cased, reduced to its content words (the genre's verbs of intent such as
"strengthen", "improve" or "promote" and function words dropped, a few translation variants made
one) and cut into character 4-grams inside each word plus word pairs, so "revise"/"revision" and
"patents"/"patent" share most features. Chinese runs are cut into character bigrams, with the
genre's own verbs (加强, 完善, 推进, ...) removed first. Weighting is left to the index (BM25).

Both languages also yield the strategy's terms found through the bilingual glossary
(``data/glossary.csv``) as concept features ``@<concept>``: 质押融资 in a Chinese plan and
"pledge financing" in an English one give the same feature, which is what lets a Chinese task
meet its English translation at all (their characters and letters share nothing), and two English
translators' words for one term ("works registration", "copyright registration") meet too.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from functools import cache, lru_cache

from ipstrategy.core.glossary import glossary_pairs
from ipstrategy.core.textnorm import has_cjk, to_simplified

#: Words every plan of the genre uses whatever the commitment: they say how, not what.
_GENRE_WORDS_TEXT = """
    a about above according accelerate achieve active actively address adhere all also an and any
    appropriate are as at basis be been better both build building by can carry carried continue
    continuously coordinate coordinated deepen develop developing development do effective
    effectively efforts encourage enhance enhanced enhancement ensure establish established
    establishing etc explore exploring facilitate focus for form forward from full fully further
    give guide guidance has have help implement implementation implementing improve improved
    improvement improving in include including increase into is it its key level levels make
    mechanism mechanisms more must new of on or organize organise other our out perfect perfecting
    play policy policies promote promoted promoting properly provide push raise related relevant
    role should so such support system systems than that the their them these this those through to
    under up upon various well which while will with work working strengthen strengthened
    strengthening strong stronger vigorously steadily gradually comprehensive comprehensively major
    important relating relation its responsibility responsible department departments
"""
GENRE_WORDS = frozenset(_GENRE_WORDS_TEXT.split())

#: Translation variants of one term in the strategy's English plans (several translators over
#: the years), made one before n-grams are cut.
#: Each with a substring that must be present for the pattern to be tried (cheap to test).
VARIANTS = (
    ("intellectual", re.compile(r"\bintellectual[- ]propert(?:y|ies)\b"), "ip"),
    ("propa", re.compile(r"\bprop[ae]ganda\b"), "publicity"),
    ("amend", re.compile(r"\b(?:amend|amending|amended|amendments?)\b"), "revise"),
    ("revis", re.compile(r"\brevis(?:e|ed|ing|ions?)\b"), "revise"),
    ("crack", re.compile(r"\bcrack(?:ing)? down\b"), "crackdown"),
    ("combat", re.compile(r"\bcombat(?:ing)?\b"), "crackdown"),
    ("fight", re.compile(r"\bfight(?:ing)? against\b"), "crackdown"),
    ("tech", re.compile(r"\bsci(?:ence)?(?: and |&| & )tech(?:nology)?\b"), "scitech"),
    ("s&t", re.compile(r"\bs&t\b"), "scitech"),
    ("sm", re.compile(r"\bsmall and medium[- ]sized enterprises\b|\bsmes?\b"), "sme"),
    ("ipr", re.compile(r"\biprs?\b"), "ip"),
    ("peopl", re.compile(r"\bpeople'?s republic of china\b"), ""),
    ("soe", re.compile(r"\bcentrally[- ]administered state[- ]owned enterprises\b|\bcentral soes\b"), "central soe"),
)

#: Chinese verbs of intent and function characters of the genre, removed before bigrams.
GENRE_ZH = (
    "进一步",
    "加强",
    "加快",
    "加大",
    "完善",
    "推进",
    "推动",
    "促进",
    "提高",
    "提升",
    "健全",
    "深化",
    "强化",
    "建立",
    "开展",
    "组织",
    "实施",
    "做好",
    "积极",
    "研究",
    "制定",
    "探索",
    "支持",
    "鼓励",
    "有关",
    "相关",
    "工作",
    "机制",
    "体系",
    "负责",
)
_GENRE_ZH = re.compile("|".join(GENRE_ZH))
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
NGRAM = 4


@lru_cache(maxsize=65536)
def _word_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    if len(padded) <= NGRAM:
        return (padded,)
    return tuple(padded[i : i + NGRAM] for i in range(len(padded) - NGRAM + 1))


def english_words(text: str) -> list[str]:
    """The English words of ``text``, lower case, translation variants unified."""
    lowered = text.lower()
    for trigger, pattern, replacement in VARIANTS:
        if trigger in lowered:
            lowered = pattern.sub(replacement, lowered)
    return _WORD.findall(lowered)


def content_words(text: str) -> list[str]:
    """The English content words of ``text``, variants unified, genre words dropped."""
    return [w for w in english_words(text) if w not in GENRE_WORDS and not w.isdigit()]


#: Function words a glossary term may lose on its way to content words and still mean the same.
_FUNCTION_WORDS = frozenset(["a", "an", "and", "for", "in", "of", "on", "the", "to"])


def chinese_bigrams(text: str) -> list[str]:
    """Character bigrams of the Chinese runs of ``text``, genre verbs removed first."""
    if not has_cjk(text):
        return []
    runs = _CJK_RUN.findall(_GENRE_ZH.sub(" ", to_simplified(text)))
    return [run[i : i + 2] for run in runs for i in range(max(1, len(run) - 1))]


#: Glossary concepts every task of the genre carries (its subject, and the strategy's five verbs
#: "creation, utilization, protection, management and services"): as a concept they would link
#: any Chinese task to any English one, so they are not emitted (each language keeps its words).
GENRE_CONCEPTS = frozenset({"知识产权", "创造", "运用", "保护", "管理", "服务", "战略"})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A plural's singular ("varieties" -> "variety", "plants" -> "plant"), for glossary lookups:
    the glossary lists one number, the plans use both."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@cache
def _concepts() -> tuple[dict[str, tuple[tuple[tuple[str, ...], str], ...]], dict[str, str], int]:
    """The glossary as a matcher: English terms by their first content word (longest first),
    Chinese terms by their text, and the longest Chinese term's length.

    Terms that translate each other (directly or through a shared translation: 著作权 and 版权
    are both "copyright") form one concept, named by its shortest, then first, Chinese term.
    """
    parent: dict[str, str] = {}

    def root(term: str) -> str:
        while parent.setdefault(term, term) != term:
            term = parent[term]
        return term

    rows = glossary_pairs()
    for zh, en in rows:
        a, b = root(zh), root(en.lower())
        if a != b:
            parent[b] = a
    members: dict[str, list[str]] = defaultdict(list)
    for zh, _ in rows:
        members[root(zh)].append(zh)
    name = {top: min(terms, key=lambda t: (len(t), terms.index(t))) for top, terms in members.items()}
    english: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    chinese: dict[str, str] = {}
    for zh, en in rows:
        if name[root(zh)] in GENRE_CONCEPTS:
            continue
        concept = "@" + name[root(zh)]
        chinese[to_simplified(zh)] = concept
        words = tuple(map(stem, content_words(en)))
        if len(words) == 1 < sum(w not in _FUNCTION_WORDS for w in english_words(en)):
            continue  # "major projects" without its genre word "major" would be every project
        if words and (words, concept) not in english[words[0]]:
            english[words[0]].append((words, concept))
    ordered = {w: tuple(sorted(terms, key=lambda t: -len(t[0]))) for w, terms in english.items()}
    return ordered, chinese, max((len(k) for k in chinese), default=1)


def concepts(words: list[str], text: str) -> list[str]:
    """The glossary concepts in a task: English terms among its content ``words`` (every term
    starting at every word, so "patent examination" gives patent, patent examination and
    examination) and Chinese terms inside its Chinese runs (likewise every one)."""
    return _concepts_in(words, text, has_cjk(text))


def _concepts_in(words: list[str], text: str, chinese_text: bool) -> list[str]:
    english, chinese, longest = _concepts()
    found = []
    stems = list(map(stem, words))
    get = english.get
    for i, word in enumerate(stems):
        for term, concept in get(word, ()):
            if len(term) == 1 or tuple(stems[i : i + len(term)]) == term:
                found.append(concept)
    if chinese_text:
        for run in _CJK_RUN.findall(to_simplified(text)):
            for i in range(len(run)):
                for size in range(2, min(longest, len(run) - i) + 1):
                    if (known := chinese.get(run[i : i + size])) is not None:
                        found.append(known)
    return found


def analyse(text: str) -> tuple[Counter[str], set[str]]:
    """Term frequencies of the text's features (word 4-grams, word pairs, Chinese bigrams,
    glossary concepts) and its blocking keys (content words cut to six letters, Chinese
    bigrams, concepts)."""
    words = content_words(text)
    chinese_text = has_cjk(text)
    bigrams = chinese_bigrams(text) if chinese_text else []
    found = _concepts_in(words, text, chinese_text)
    grams = list(itertools.chain.from_iterable(map(_word_grams, words)))
    grams.extend(map("_".join, itertools.pairwise(words)))
    grams.extend(bigrams)
    grams.extend(found)
    keys = {w[:6] for w in words if len(w) > 2}
    keys.update(bigrams)
    keys.update(found)
    return Counter(grams), keys


def features(text: str) -> Counter[str]:
    """Term frequencies of the text's features (see ``analyse``)."""
    return analyse(text)[0]
