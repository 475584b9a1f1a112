"""The evaluators' completion scale, and how a department's claim is compared with a rating.

Pure (no Django). Evaluators rate each task on an ordered five-step scale, independently of what the
department reported. A task's evaluated level is the lower median of its evaluators' ratings (with
two evaluators, the more cautious one), and evaluators who differ by two steps or more are flagged.

A claim (the progress in the lead department's latest approved report) is mapped to the band of
levels it asserts; a rating outside that band is a finding:

========================  =============================  =========================================
claimed                   agrees with                    otherwise
========================  =============================  =========================================
completed                 complete                       overclaimed
in progress / delayed     limited, substantial           overclaimed (below), underclaimed (above)
not started               no evidence, not started       underclaimed
not reported              (nothing claimed)              unreported progress when rated limited+
merged / cancelled        (not comparable)
========================  =============================  =========================================
"""

from __future__ import annotations

from collections.abc import Iterable

NO_EVIDENCE, NOT_STARTED, LIMITED, SUBSTANTIAL, COMPLETE = (
    "no_evidence",
    "not_started",
    "limited",
    "substantial",
    "complete",
)
#: The scale, lowest first.
LEVELS = (NO_EVIDENCE, NOT_STARTED, LIMITED, SUBSTANTIAL, COMPLETE)
RANK = {level: i for i, level in enumerate(LEVELS)}

AGREES, OVERCLAIMED, UNDERCLAIMED = "agrees", "overclaimed", "underclaimed"
UNREPORTED_PROGRESS, NOT_COMPARABLE, NOT_RATED = "unreported_progress", "not_comparable", "not_rated"
#: Every comparison outcome; all but ``agrees``, ``not_comparable`` and ``not_rated`` are findings.
COMPARISONS = (AGREES, OVERCLAIMED, UNDERCLAIMED, UNREPORTED_PROGRESS, NOT_COMPARABLE, NOT_RATED)
FINDINGS = frozenset({OVERCLAIMED, UNDERCLAIMED, UNREPORTED_PROGRESS})

#: claimed progress -> the levels that agree with it
CLAIM_BANDS: dict[str, frozenset[str]] = {
    "completed": frozenset({COMPLETE}),
    "in_progress": frozenset({LIMITED, SUBSTANTIAL}),
    "delayed": frozenset({LIMITED, SUBSTANTIAL}),
    "not_started": frozenset({NO_EVIDENCE, NOT_STARTED}),
}

#: How far apart two evaluators' ratings may be before the task is flagged.
SPREAD_FLAG = 2


def consensus(ratings: Iterable[str]) -> str | None:
    """The lower median of the ratings (None when nobody has rated); unknown levels raise ValueError."""
    ranks = sorted(_rank(r) for r in ratings)
    if not ranks:
        return None
    return LEVELS[ranks[(len(ranks) - 1) // 2]]


def spread_flagged(ratings: Iterable[str]) -> bool:
    """Whether evaluators differ by ``SPREAD_FLAG`` steps or more on the task."""
    ranks = [_rank(r) for r in ratings]
    return bool(ranks) and max(ranks) - min(ranks) >= SPREAD_FLAG


def compare_claim(claimed: str, evaluated: str | None) -> str:
    """How the claimed progress stands against the evaluated level (one of ``COMPARISONS``)."""
    if evaluated is None:
        return NOT_RATED
    level = _rank(evaluated)
    if claimed == "not_reported":
        return UNREPORTED_PROGRESS if level >= RANK[LIMITED] else AGREES
    band = CLAIM_BANDS.get(claimed)
    if band is None:
        return NOT_COMPARABLE
    if evaluated in band:
        return AGREES
    return OVERCLAIMED if level < min(RANK[b] for b in band) else UNDERCLAIMED


def _rank(level: str) -> int:
    if level not in RANK:
        raise ValueError(f"unknown completion level {level!r}; expected one of {', '.join(LEVELS)}")
    return RANK[level]
