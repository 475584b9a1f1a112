"""Small text normalisations shared by the registry and the parser."""

from __future__ import annotations

import re
import sys
from functools import cache, lru_cache
from types import ModuleType

_CJK = re.compile(r"[\u3400-\u9fff]")


def has_cjk(text: str) -> bool:
    """True when the text holds at least one Chinese character."""
    return bool(_CJK.search(text))


@cache
def _zhconv() -> ModuleType:
    """zhconv, imported on first use without pkg_resources.

    zhconv reads its dictionary through pkg_resources when it can, and importing pkg_resources
    costs more than half a second; without it zhconv opens the same file beside its module."""
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        import zhconv
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    return zhconv


@lru_cache(maxsize=4096)
def _simplified(text: str) -> str:
    return str(_zhconv().convert(text, "zh-cn"))


def to_simplified(text: str) -> str:
    """Traditional characters to simplified ones; text without Chinese passes through untouched."""
    if not has_cjk(text):
        return text
    if len(text) > 256:
        return str(_zhconv().convert(text, "zh-cn"))
    return _simplified(text)


# Characters common in plans that exist only in traditional script: enough to tell a rendering
# in traditional characters from a simplified text without converting the whole document.
_TRADITIONAL = re.compile("[國會產權與發實業門關於為務協經濟電網資術導體標準識劃規執責負構機專護際聯組織點區]")


def has_traditional(text: str) -> bool:
    """True when the text contains characters that only traditional script uses."""
    return bool(_TRADITIONAL.search(text))
