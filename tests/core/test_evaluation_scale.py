"""The completion scale: consensus, spread and the claimed-versus-evaluated comparison."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipstrategy.core.evaluation_scale import LEVELS, RANK, compare_claim, consensus, spread_flagged


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], None),
        (["complete"], "complete"),
        (["complete", "limited"], "limited"),
        (["complete", "substantial", "no_evidence"], "substantial"),
        (["limited"] * 4, "limited"),
    ],
)
def test_consensus_is_the_lower_median(ratings, expected):
    assert consensus(ratings) == expected


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="unknown completion level 'done'"):
        consensus(["done"])


@pytest.mark.parametrize(
    ("ratings", "flagged"), [(["complete", "limited"], True), (["complete", "substantial"], False), ([], False)]
)
def test_spread(ratings, flagged):
    assert spread_flagged(ratings) is flagged


@pytest.mark.parametrize(
    ("claimed", "evaluated", "expected"),
    [
        ("completed", "complete", "agrees"),
        ("completed", "substantial", "overclaimed"),
        ("in_progress", "limited", "agrees"),
        ("in_progress", "no_evidence", "overclaimed"),
        ("delayed", "complete", "underclaimed"),
        ("not_started", "not_started", "agrees"),
        ("not_started", "substantial", "underclaimed"),
        ("not_reported", "limited", "unreported_progress"),
        ("not_reported", "no_evidence", "agrees"),
        ("cancelled", "complete", "not_comparable"),
        ("completed", None, "not_rated"),
    ],
)
def test_compare_claim(claimed, evaluated, expected):
    assert compare_claim(claimed, evaluated) == expected


@given(
    st.sampled_from(["completed", "in_progress", "delayed", "not_started"]),
    st.sampled_from(LEVELS),
    st.sampled_from(LEVELS),
)
def test_a_higher_rating_never_turns_an_underclaim_into_an_overclaim(claimed, a, b):
    low, high = sorted([a, b], key=RANK.__getitem__)
    order = {"overclaimed": 0, "agrees": 1, "underclaimed": 2}
    assert order[compare_claim(claimed, low)] <= order[compare_claim(claimed, high)]


@given(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=7))
def test_consensus_lies_between_the_extremes(ratings):
    ranks = [RANK[r] for r in ratings]
    assert min(ranks) <= RANK[consensus(ratings)] <= max(ranks)
