"""Department lists in the reader's order: pinyin for Chinese names, alphabetical for English ones.

A Chinese reader looks a department up by the sound of its name (国家知识产权局 under G, 科学技术部
under K), as a printed index orders it; an English reader by its English name. Ordering by the
registry code (CNIPA, MOST, ...) suits neither. ``department_key`` is the one sort key every list,
select and filter of departments uses, for the name the page shows (``name`` filter: the Chinese
name in Chinese when there is one, else the English name). Names are read into pinyin with
``pypinyin`` (tone numbers after each syllable, so 重庆 ``chong2 qing4`` sorts as a dictionary
would); Latin letters in a name keep their order among the syllables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from django.utils.translation import get_language
from pypinyin import Style, lazy_pinyin


class Named(Protocol):
    code: str
    name_en: str
    name_zh: str


T = TypeVar("T", bound=Named)
U = TypeVar("U")


def _chinese(language: str | None) -> bool:
    return (language or get_language() or "").lower().startswith("zh")


@lru_cache(maxsize=4096)
def pinyin_key(text: str) -> tuple[str, ...]:
    """``text`` as pinyin syllables with tone numbers (other characters as they are), case-folded."""
    return tuple(s.casefold() for s in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True))


def department_key(department: Named, language: str | None = None) -> tuple[Any, ...]:
    """Sort key of a department for a reader of ``language`` (default: the active language)."""
    english = (department.name_en or "").casefold()
    if _chinese(language) and department.name_zh:
        return (pinyin_key(department.name_zh), department.name_zh, department.code)
    return ((english or department.code.casefold(),), english, department.code)


def departments_sorted(departments: Iterable[T], language: str | None = None) -> list[T]:
    """``departments`` in the reader's order (see ``department_key``)."""
    return sorted(departments, key=lambda d: department_key(d, language))


def by_department(
    items: Iterable[U], code: Callable[[U], str], departments: Mapping[str, Named], language: str | None = None
) -> list[U]:
    """Rows about departments (a scorecard, a completion row), in the reader's order of their
    departments; codes ``departments`` does not hold come last, by code."""

    def key(item: U) -> tuple[Any, ...]:
        department = departments.get(code(item))
        if department is None:
            return (1, code(item))
        return (0, department_key(department, language))

    return sorted(items, key=key)
