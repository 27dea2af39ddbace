"""Pure rules of engagement: the influence/interest quadrant and the dates a communication falls due."""

import calendar
from datetime import date, timedelta

# PID 8.3 frequencies. Only the regular ones generate dated occurrences; "per meeting" follows the meetings, and
# "ongoing", "tbc" and "in development" have no schedule to generate.
FREQUENCIES = {"per_meeting": "Every meeting", "weekly": "Weekly", "fortnightly": "Fortnightly", "monthly": "Monthly",
               "quarterly": "Quarterly", "annual": "Annual", "ongoing": "Ongoing", "tbc": "To be confirmed",
               "in_development": "In development"}
EVERY_DAYS = {"weekly": 7, "fortnightly": 14}
EVERY_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}
SCHEDULED = frozenset(EVERY_DAYS) | frozenset(EVERY_MONTHS)

# The influence/interest (power/interest) grid: a rating of HIGH_FROM or more (on 1-5) counts as high.
HIGH_FROM = 3
QUADRANTS = {"manage_closely": "Manage closely", "keep_satisfied": "Keep satisfied",
             "keep_informed": "Keep informed", "monitor": "Monitor"}


def quadrant(influence: int | None, interest: int | None) -> str | None:
    """Where a stakeholder sits on the influence/interest map; None until both are rated.

    High influence and high interest: manage closely; high influence only: keep satisfied; high interest only:
    keep informed; neither: monitor (Mendelow's power/interest grid, as PMOs use it).
    """
    if influence is None or interest is None:
        return None
    high_influence, high_interest = influence >= HIGH_FROM, interest >= HIGH_FROM
    if high_influence:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


def add_months(day: date, months: int, anchor_day: int | None = None) -> date:
    """The same day of the month `months` later, or the month's last day when it is shorter (31 Jan -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(anchor_day or day.day, last))


def occurrence_dates(frequency: str, start: date | None, end: date) -> list[date]:
    """Every date a communication of this frequency falls due from `start` to `end`, both included.

    Months are counted from the start date (not from the previous occurrence) so a plan starting on the 31st
    stays on each month's last day instead of drifting to the 28th.
    """
    if start is None or frequency not in SCHEDULED or end < start:
        return []
    dates = []
    if frequency in EVERY_DAYS:
        step = timedelta(days=EVERY_DAYS[frequency])
        day = start
        while day <= end:
            dates.append(day)
            day += step
        return dates
    months, n = EVERY_MONTHS[frequency], 0
    while (day := add_months(start, months * n, start.day)) <= end:
        dates.append(day)
        n += 1
    return dates


def plan_occurrences(existing: dict[date, bool], wanted: list[date]) -> tuple[list[date], list[date]]:
    """Bring a communication's occurrences in line with its schedule: (dates to add, dates to remove).

    Occurrences already marked done are never removed, even when the schedule has moved off them; so
    regenerating is idempotent and loses no record of what was done.
    """
    wanted_set = set(wanted)
    add = sorted(d for d in wanted_set if d not in existing)
    remove = sorted(d for d, done in existing.items() if not done and d not in wanted_set)
    return add, remove
