"""Task text to weighted features: character n-grams that work for English and Chinese alike.

English text is lower-cased, reduced to its content words (the genre's verbs of intent such as
"strengthen", "improve" or "promote" and function words dropped, a few translation variants made
one) and cut into character 4-grams inside each word plus word pairs, so "revise"/"revision" and
"patents"/"patent" share most features. Chinese runs are cut into character bigrams, with the
genre's own verbs (加强, 完善, 推进, ...) removed first. Weighting is left to the index (BM25).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import lru_cache

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


def content_words(text: str) -> list[str]:
    """The English content words of ``text``, variants unified, genre words dropped."""
    lowered = text.lower()
    for trigger, pattern, replacement in VARIANTS:
        if trigger in lowered:
            lowered = pattern.sub(replacement, lowered)
    return [w for w in _WORD.findall(lowered) if w not in GENRE_WORDS and not w.isdigit()]


def chinese_bigrams(text: str) -> list[str]:
    """Character bigrams of the Chinese runs of ``text``, genre verbs removed first."""
    if not has_cjk(text):
        return []
    runs = _CJK_RUN.findall(_GENRE_ZH.sub(" ", to_simplified(text)))
    return [run[i : i + 2] for run in runs for i in range(max(1, len(run) - 1))]


def analyse(text: str) -> tuple[Counter[str], set[str]]:
    """Term frequencies of the text's features (word 4-grams, word pairs, Chinese bigrams) and
    its blocking keys (content words cut to six letters, Chinese bigrams)."""
    words = content_words(text)
    bigrams = chinese_bigrams(text)
    counts = Counter(itertools.chain.from_iterable(map(_word_grams, words)))
    counts.update(map("_".join, itertools.pairwise(words)))
    if bigrams:
        counts.update(bigrams)
    keys = {w[:6] for w in words if len(w) > 2}
    keys.update(bigrams)
    return counts, keys


def features(text: str) -> Counter[str]:
    """Term frequencies of the text's features (see ``analyse``)."""
    return analyse(text)[0]
