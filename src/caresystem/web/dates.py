"""The "as at" date every page and API list accepts; today when not given."""

from datetime import date

from caresystem.errors import Invalid


def parse_as_at(value: str | date | None) -> date:
    if value is None or value == "":
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid.one("as_at", "must be a real date in the form YYYY-MM-DD, like 2019-06-01") from None
