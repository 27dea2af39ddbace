"""How often a body meets: frequencies as the PID 3.2 table words them, meeting dates for a period, working days."""

import re
from datetime import date, timedelta

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


def working_days_before(day: date, count: int) -> date:
    """The date `count` working days (Monday to Friday) before `day`: the paper deadline.

    Bank holidays are not known to the system, so a deadline next to one falls a day late; the secretary moves it.
    """
    cursor = day
    while count > 0:
        cursor -= timedelta(days=1)
        if cursor.weekday() < 5:
            count -= 1
    return cursor
