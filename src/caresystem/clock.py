"""Today's date, asked in one place, so a test or a demonstration can fix it: a session's pinned day wins."""

from datetime import date

from sqlalchemy import inspect

TODAY = "today"  # session.info key: the day the session's rules take as today


def today(session=None) -> date:
    """The session's pinned day (session.info["today"]) if it has one, else the machine's date."""
    pinned = session.info.get(TODAY) if session is not None else None
    return pinned or date.today()


def today_of(record) -> date:
    """The day the session holding `record` takes as today (the machine's date for a record in no session, or for an
    object that is not a database record)."""
    state = inspect(record, raiseerr=False)
    return today(state.session if state is not None else None)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
