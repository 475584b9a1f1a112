"""Plan revisions: which task of a revised plan is which task of the stored one, and what changed.

A plan is revised when a corrected or amended document arrives. Departments report on tasks, so a
task must keep its identity across the revision: ``match_tasks`` pairs the stored tasks with the
new document's tasks by number and text, and says for every pair whether anything changed, which
new tasks were added and which stored ones were removed. ``text_diff`` cuts two versions of a text
into equal, deleted and inserted runs (words for English, characters for Chinese) for the page
that shows a revision.

Matching is a greedy assignment over a score: the similarity of the normalised texts (difflib's
ratio) plus a bonus when the printed numbers agree. Identical texts always pair (also renumbered),
a task with the same number pairs above ``SAME_NUMBER_THRESHOLD`` (a reworded task), any other
pair only above ``THRESHOLD`` (a reworded and renumbered task). Greedy by score means a task
inserted in the middle, which shifts the numbers of those after it, does not steal the number of
the task it displaced: the displaced task's own text scores higher. Pure Python, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from ipstrategy.core.textnorm import to_simplified

#: Two tasks with different numbers are the same task when their texts are at least this similar.
THRESHOLD = 0.6
#: Two tasks printed with the same number are the same task above this (they were reworded).
SAME_NUMBER_THRESHOLD = 0.45
#: What an equal number adds to the score, so it breaks ties between similar texts.
NUMBER_BONUS = 0.15
#: The fields compared for "changed", in the order a page lists them.
FIELDS = ("number", "section", "text", "lead", "participants", "other", "targets")


@dataclass(frozen=True)
class RevisionTask:
    """What a revision compares of a task; ``targets`` as printed strings, bodies as registry codes."""

    number: str | None
    text: str
    section: str | None = None
    lead: str | None = None
    participants: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """A stored task (``old``, an index into the old list) that is ``new`` in the revised plan."""

    old: int
    new: int
    similarity: float
    changed: tuple[str, ...] = ()  # the FIELDS that differ; empty: kept as it was

    @property
    def kind(self) -> Literal["kept", "changed"]:
        return "changed" if self.changed else "kept"


@dataclass(frozen=True)
class Matching:
    """The outcome of ``match_tasks``: pairs in the new plan's order, then added and removed indexes."""

    pairs: tuple[Pair, ...] = ()
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()

    @property
    def kept(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if not p.changed)

    @property
    def changed(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.changed)

    def counts(self) -> dict[str, int]:
        return {
            "kept": len(self.kept),
            "changed": len(self.changed),
            "added": len(self.added),
            "removed": len(self.removed),
        }


_SPACE = re.compile(r"\s+")
_NUMBER_NOISE = re.compile(r"[\s.、．()（）\[\]【】]+")


def normalise(text: str) -> str:
    """The text as compared: simplified characters, lower case, runs of white space made one."""
    return _SPACE.sub(" ", to_simplified(text or "")).strip().lower()


def _number_key(number: str | None) -> str:
    return _NUMBER_NOISE.sub("", number or "").lower()


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are, 0..1 (difflib's ratio; 1 for equal texts)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < SAME_NUMBER_THRESHOLD or matcher.quick_ratio() < SAME_NUMBER_THRESHOLD:
        return 0.0  # cannot reach any threshold: skip the quadratic part
    return matcher.ratio()


def changed_fields(old: RevisionTask, new: RevisionTask) -> tuple[str, ...]:
    """The FIELDS in which two versions of a task differ (texts compared after ``normalise``)."""
    out = []
    for name in FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if name == "text":
            a, b = normalise(a), normalise(b)
        elif name == "number":
            a, b = _number_key(a), _number_key(b)
        elif name in ("participants", "other"):
            a, b = sorted(a), sorted(b)
        if a != b:
            out.append(name)
    return tuple(out)


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[k : k + 2] for k in range(len(text) - 1)) or frozenset((text,))


#: Pairs whose character-bigram sets overlap less than this (Dice) are not compared further: texts
#: that share so few bigrams practically never reach ``SAME_NUMBER_THRESHOLD`` in difflib's ratio.
_PREFILTER = 0.3


def match_tasks(old: Sequence[RevisionTask], new: Sequence[RevisionTask]) -> Matching:
    """Pair the stored tasks with the revised plan's tasks (see the module's docstring).

    Identical texts pair first (same number first among repeats), so only the tasks that changed
    are compared with each other; a bigram-overlap prefilter and one difflib matcher per new text
    keep that part fast (300 tasks, 30 reworded: 0.2 s; all 300 reworded in a deliberately
    repetitive vocabulary: 1.7 s).
    """
    old_texts = [normalise(t.text) for t in old]
    new_texts = [normalise(t.text) for t in new]
    old_numbers = [_number_key(t.number) for t in old]
    new_numbers = [_number_key(t.number) for t in new]
    taken_old: dict[int, tuple[int, float]] = {}
    taken_new: set[int] = set()
    by_text: dict[str, list[int]] = {}
    for j, text in enumerate(new_texts):
        by_text.setdefault(text, []).append(j)
    for i, text in sorted(enumerate(old_texts), key=lambda it: it[0]):
        free = [j for j in by_text.get(text, ()) if j not in taken_new]
        if free:
            j = next((j for j in free if old_numbers[i] and new_numbers[j] == old_numbers[i]), free[0])
            taken_old[i] = (j, 1.0)
            taken_new.add(j)
    rest_old = [i for i in range(len(old)) if i not in taken_old]
    rest_new = [j for j in range(len(new)) if j not in taken_new]
    old_grams = {i: _bigrams(old_texts[i]) for i in rest_old}
    candidates: list[tuple[float, float, int, int]] = []
    for j in rest_new:
        b, grams = new_texts[j], _bigrams(new_texts[j])
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(b)  # difflib caches the analysis of the second sequence
        for i in rest_old:
            a = old_texts[i]
            if not a or not b or 2 * len(grams & old_grams[i]) < _PREFILTER * (len(grams) + len(old_grams[i])):
                continue
            same_number = bool(old_numbers[i]) and old_numbers[i] == new_numbers[j]
            matcher.set_seq1(a)
            if matcher.real_quick_ratio() < SAME_NUMBER_THRESHOLD or matcher.quick_ratio() < SAME_NUMBER_THRESHOLD:
                continue
            sim = matcher.ratio()
            if sim < (SAME_NUMBER_THRESHOLD if same_number else THRESHOLD):
                continue
            score = sim + (NUMBER_BONUS if same_number else 0.0) - abs(i - j) * 1e-6
            candidates.append((score, sim, i, j))
    candidates.sort(key=lambda c: (-c[0], c[2], c[3]))
    for _score, sim, i, j in candidates:
        if i in taken_old or j in taken_new:
            continue
        taken_old[i] = (j, sim)
        taken_new.add(j)
    pairs = sorted(
        (Pair(i, j, round(sim, 4), changed_fields(old[i], new[j])) for i, (j, sim) in taken_old.items()),
        key=lambda p: p.new,
    )
    return Matching(
        pairs=tuple(pairs),
        added=tuple(j for j in range(len(new)) if j not in taken_new),
        removed=tuple(i for i in range(len(old)) if i not in taken_old),
    )


# --- showing a changed text ------------------------------------------------------------------------

Op = Literal["equal", "delete", "insert"]
_TOKEN = re.compile(r"[\u3400-\u9fff]|[^\W_]+|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str


@dataclass(frozen=True)
class TextDiff:
    """Two versions of a text as runs: ``segments`` in reading order, deletions before insertions."""

    segments: tuple[Segment, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> bool:
        return any(s.op != "equal" for s in self.segments)


def tokens(text: str) -> list[str]:
    """Words (and the spaces between them) for alphabetic text, single characters for Chinese."""
    return _TOKEN.findall(text or "")


def text_diff(old: str, new: str) -> TextDiff:
    """What was deleted from ``old`` and inserted to make ``new``, word by word (character by
    character in Chinese), so a page can strike out and highlight just the words that changed."""
    a, b = tokens(old), tokens(new)
    out: list[Segment] = []

    def emit(op: Op, parts: list[str]) -> None:
        text = "".join(parts)
        if not text:
            return
        if out and out[-1].op == op:
            out[-1] = Segment(op, out[-1].text + text)
        else:
            out.append(Segment(op, text))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            emit("equal", a[i1:i2])
        else:
            emit("delete", a[i1:i2])
            emit("insert", b[j1:j2])
    return TextDiff(tuple(out))
