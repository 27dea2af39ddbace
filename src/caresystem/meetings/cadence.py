"""How often a body meets: frequencies as the PID 3.2 table words them, meeting dates for a period, working days."""

import re
from datetime import date, timedelta
from functools import lru_cache

FREQUENCIES = {"weekly": "Weekly", "fortnightly": "Fortnightly", "monthly": "Monthly", "bi-monthly": "Bi-monthly",
               "quarterly": "Quarterly"}
_DAYS = {"weekly": 7, "fortnightly": 14}
_MONTHS = {"monthly": 1, "bi-monthly": 2, "quarterly": 3}


def frequency_from_text(text: str | None) -> str | None:
    """The frequency code a body's frequency text names ("Monthly" -> monthly); none for "as per local agreement"."""
    words = re.sub(r"[^a-z]", "", (text or "").lower())
    for code in sorted(FREQUENCIES, key=len, reverse=True):
        if words.startswith(code.replace("-", "")):
            return code
    return None


def _add_months(day: date, months: int, wanted_day: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    for candidate in range(wanted_day, 27, -1):  # the 31st of a 30-day month is its 30th
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    return date(year, month, min(wanted_day, 28))


def next_working_day(day: date) -> date:
    """Meetings are not held at weekends: a date on Saturday or Sunday moves to the Monday."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def occurrences(frequency: str, first: date, until: date) -> list[date]:
    """Meeting dates from `first` to `until` (inclusive) at the frequency; weekend dates move to the Monday."""
    if frequency not in FREQUENCIES:
        raise ValueError(f"frequency must be one of {', '.join(FREQUENCIES)}")
    dates, n = [], 0
    while True:
        if frequency in _DAYS:
            nominal = first + timedelta(days=_DAYS[frequency] * n)
        else:
            nominal = _add_months(first, _MONTHS[frequency] * n, first.day)
        if nominal > until:
            return dates
        dates.append(next_working_day(nominal))
        n += 1


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = (date(year, month + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _substituted(days: list[date]) -> list[date]:
    """A holiday falling on a weekend is kept on the next weekday not already a holiday (the substitute day)."""
    taken: list[date] = []
    for day in days:
        while day.weekday() >= 5 or day in taken:
            day += timedelta(days=1)
        taken.append(day)
    return taken


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays by their standing rules (Banking and Financial Dealings Act 1971 and the
    royal proclamations that fix the May and August Mondays): New Year's Day, Good Friday, Easter Monday, the early
    May, spring and summer Mondays, Christmas Day and Boxing Day, with substitute days. One-off holidays proclaimed
    for a single year (a coronation, a jubilee) and one-off moves are not known here."""
    easter = easter_sunday(year)
    return frozenset({*_substituted([date(year, 1, 1)]), easter - timedelta(days=2), easter + timedelta(days=1),
            _first_monday(year, 5), _last_monday(year, 5), _last_monday(year, 8),
            *_substituted([date(year, 12, 25), date(year, 12, 26)])})


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def working_days_before(day: date, count: int) -> date:
    """The date `count` working days (Monday to Friday, not a bank holiday in England) before `day`: the paper
    deadline."""
    cursor = day
    while count > 0:
        cursor -= timedelta(days=1)
        if is_working_day(cursor):
            count -= 1
    return cursor
