"""Values no record may hold, checked for every record at flush: whichever way they came (API, form, import, CLI).

- Text: no control characters (a NUL is refused by PostgreSQL, and XLSX cannot hold most of them; tab, line
  feed and carriage return are fine), no unpaired surrogates, and no longer than the column (unbounded text
  columns: TEXT_LIMIT characters). SQLite would store any length; PostgreSQL would fail with a 500.
- Whole numbers fit the 64-bit columns that hold them.
- Dates fall between EARLIEST_DATE and LATEST_DATE: a plan dated 0001-01-01 or 9999-12-31 is a typing slip,
  and arithmetic on it (a timeline's margins) overflows.

Each problem names the field, as every other input error does (`Invalid`).
"""

import re
from datetime import date, datetime
from functools import cache

from sqlalchemy import BigInteger, Date, DateTime, Integer, String, event, inspect
from sqlalchemy.orm import Session

from caresystem.errors import FieldError, Invalid

TEXT_LIMIT = 20_000
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
INTEGER_LIMIT = 2**63 - 1
# Unicode's control characters (category Cc) but tab, line feed and carriage return; and lone surrogates (Cs)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(value: str, limit: int | None = TEXT_LIMIT) -> str | None:
    """Why `value` cannot be stored as text, or None."""
    if limit is not None and len(value) > limit:
        return f"must be at most {limit:,} characters (this is {len(value):,})"
    if found := _CONTROL.search(value):
        return f"must not contain control characters (found U+{ord(found.group()):04X})"
    if _SURROGATE.search(value):
        return "must not contain unpaired surrogate characters"
    return None


def date_problem(value: date) -> str | None:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        return f"must be between {EARLIEST_DATE:%-d %B %Y} and {LATEST_DATE:%-d %B %Y}"
    return None


def _value_problem(column_type, value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and isinstance(column_type, String):
        return text_problem(value, column_type.length or TEXT_LIMIT)
    if isinstance(value, int) and not isinstance(value, bool) and isinstance(column_type, (Integer, BigInteger)):
        return f"must be a whole number between {-INTEGER_LIMIT:,} and {INTEGER_LIMIT:,}" \
            if abs(value) > INTEGER_LIMIT else None
    if isinstance(value, date) and isinstance(column_type, (Date, DateTime)):
        return date_problem(value)
    return None


@cache
def _column_types(mapper) -> dict:
    return {attr.key: attr.columns[0].type for attr in mapper.column_attrs}


def _record_problems(obj) -> list[FieldError]:
    """Checks the values a new record holds, or those an existing one is changing (cheap: every flush runs it)."""
    state = inspect(obj)
    types = _column_types(state.mapper)
    names = state.committed_state.keys() if state.persistent else state.dict.keys()
    problems = []
    for name in names:
        if name in types and (problem := _value_problem(types[name], state.dict.get(name))):
            problems.append(FieldError(name, problem))
    return problems


def _check_values(session: Session, _context, _instances) -> None:
    problems = [p for obj in list(session.new) + list(session.dirty) for p in _record_problems(obj)]
    if problems:
        raise Invalid(problems)


def install_value_checks(session_class=Session) -> None:
    if not event.contains(session_class, "before_flush", _check_values):
        # First, so a refused flush leaves no audit entries pending for the next one.
        event.listen(session_class, "before_flush", _check_values, insert=True)
