"""Pagination: keyset pages walk a list with ties forwards and back without losing or repeating a row;
numbered pages count; filters survive in the links; bad parameters are refused with a reason."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.http import QueryDict
from django.utils import timezone

from ipstrategy.web.foundation.pagination import PageError, page_params, paginate
from ipstrategy.web.jobs.models import Job

pytestmark = pytest.mark.django_db

SORTS = {"recent": ("-created", "-id"), "kind": ("kind", "id")}


@pytest.fixture
def jobs() -> list[int]:
    """23 jobs on 5 distinct times (ties broken by id), as ids in ``recent`` order."""
    now = timezone.now()
    ids = []
    for i in range(23):
        job = Job.objects.create(kind=f"k{i % 4}")
        Job.objects.filter(pk=job.pk).update(created=now - timedelta(minutes=i // 5))
        ids.append(job.pk)
    return [
        pk
        for pk, _ in sorted(
            Job.objects.filter(pk__in=ids).values_list("pk", "created"), key=lambda r: (-r[1].timestamp(), -r[0])
        )
    ]


def _walk(query: str, direction: str) -> tuple[list[list[int]], str]:
    pages = []
    while True:
        page = paginate(Job.objects.all(), page_params(QueryDict(query), sorts=SORTS), keyset=True)
        pages.append([j.pk for j in page.items])
        following = page.next_query if direction == "next" else page.previous_query
        if following is None:
            return pages, query
        query = following


def test_keyset_pages_walk_forwards_and_back_over_ties(jobs: list[int]) -> None:
    forward, last = _walk("size=5", "next")
    assert [pk for page in forward for pk in page] == jobs
    assert [len(p) for p in forward] == [5, 5, 5, 5, 3]
    backward, _ = _walk(last, "previous")
    assert backward == forward[::-1]


def test_keyset_follows_the_chosen_sort_and_keeps_filters(jobs: list[int]) -> None:
    params = page_params(QueryDict("sort=kind&size=4&q=x&q=y"), sorts=SORTS)
    page = paginate(Job.objects.all(), params, keyset=True, count=True)
    expected = list(Job.objects.order_by("kind", "id").values_list("pk", flat=True))
    assert [j.pk for j in page.items] == expected[:4]
    assert page.count == 23 and not page.has_previous
    link = parse_qs(page.next_query)
    assert link["q"] == ["x", "y"] and link["sort"] == ["kind"] and "cursor" in link


def test_numbered_pages_count_and_link_by_number(jobs: list[int]) -> None:
    page = paginate(Job.objects.all(), page_params({"page": "3", "size": "10"}, sorts=SORTS), keyset=False)
    assert [j.pk for j in page.items] == jobs[20:]
    assert (page.count, page.pages, page.number, page.has_next) == (23, 3, 3, False)
    assert parse_qs(page.previous_query) == {"page": ["2"], "size": ["10"]}
    beyond = paginate(Job.objects.all(), page_params({"page": "9"}, sorts=SORTS), keyset=False)
    assert beyond.items == [] and not beyond.has_next


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"size": "0"}, "size: must be between 1 and 200"),
        ({"size": "500"}, "size: must be between 1 and 200"),
        ({"page": "two"}, "page: not a whole number"),
        ({"sort": "secret"}, "sort: must be one of recent, kind"),
        ({"cursor": "not-a-cursor"}, "cursor: not a cursor this list gave out"),
        ({"cursor": "eyJkIjoibiIsInYiOlsxXX0"}, "cursor: not a cursor"),  # one value for a two-field sort
    ],
)
def test_bad_parameters_are_refused_with_the_reason(query: dict[str, str], message: str) -> None:
    with pytest.raises(PageError, match=message):
        page_params(query, sorts=SORTS)
