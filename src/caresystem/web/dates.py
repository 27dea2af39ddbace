"""The "as at" date every page and API list accepts (today when not given), and the reporting period a month names."""

from datetime import date, datetime

from caresystem import clock
from caresystem.errors import Invalid


def parse_as_at(value: str | date | None) -> date:
    if value is None or value == "":
        return clock.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid.one("as_at", "must be a real date in the form YYYY-MM-DD, like 2019-06-01") from None


def parse_period(text: str | None) -> date | None:
    """A reporting period written 2015-08 (or a date in that month)."""
    if not text:
        return None
    for pattern in ("%Y-%m", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date().replace(day=1)
        except ValueError:
            continue
    raise Invalid.one("period", f"'{text}' must be a month like 2015-08")
