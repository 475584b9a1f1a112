"""Chinese numerals and the years of five-year plans: small facts several stages need."""

from __future__ import annotations

_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def zh_number(token: str) -> int | None:
    """The value of a Chinese numeral or digit string: "十四" -> 14, "二〇二一" -> 2021, "30" -> 30."""
    if token.isdigit():
        return int(token)
    if token and all(ch in _DIGITS for ch in token) and len(token) > 1:
        return int("".join(str(_DIGITS[ch]) for ch in token))  # read digit by digit, as years are
    total, current = 0, 0
    for ch in token:
        if ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        elif ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            return None
    return total + current if token else None


def five_year_plan_end(number: int) -> int:
    """The last year of the Nth five-year plan (the 12th ran 2011-2015, the 14th 2021-2025).

    Counted from the 3rd (1966-1970): the 1st and 2nd were followed by a three-year adjustment.
    """
    return 1955 + 5 * number
