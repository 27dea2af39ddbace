"""Today's date, asked in one place, so a test or a demonstration can fix it: a session's pinned day wins."""

from datetime import date

TODAY = "today"  # session.info key: the day the session's rules take as today


def today(session=None) -> date:
    """The session's pinned day (session.info["today"]) if it has one, else the machine's date."""
    pinned = session.info.get(TODAY) if session is not None else None
    return pinned or date.today()


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
