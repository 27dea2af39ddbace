"""Reporting periods: a calendar month, written YYYY-MM (PID section 8.3: meeting packs are monthly)."""

import calendar
import re
from datetime import date

from caresystem.errors import Invalid

PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def bounds(period: str, field: str = "period") -> tuple[date, date]:
    """The first and last day of the period; Invalid, naming `field`, for anything that is not a real month."""
    match = PATTERN.match(period or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise Invalid.one(field, "must be a month in the form YYYY-MM, like 2019-06")
    year, month = int(match.group(1)), int(match.group(2))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def containing(day: date) -> str:
    return f"{day:%Y-%m}"


def label(period: str) -> str:
    start, _ = bounds(period)
    return f"{start:%B %Y}"
