"""What a benefit's actual (a measured value) may be. It is measured, so it is dated today or earlier; its value is
bounded by its measure's unit where the unit says so: a percentage lies from 0 to 100, and a count (people,
admissions, beds, days...) or a rate is never negative. Money and any other unit may be negative (a saving can turn
out a loss, a change can be a fall), and a measure with no unit has no bound."""

from datetime import date

from caresystem.clock import long_date
from caresystem.errors import FieldError

PERCENT_UNITS = {"percent", "per cent", "percentage", "%"}
COUNT_WORDS = {"people", "persons", "patients", "number", "count", "beds", "admissions", "attendances",
               "appointments", "referrals", "contacts", "visits", "days", "hours", "minutes", "weeks", "wte", "posts",
               "staff", "practices", "sites"}


def value_range(unit: str | None) -> tuple[float, float | None] | None:
    """(least, most or None) the unit allows, or None when it sets no bound."""
    words = (unit or "").strip().lower()
    if words in PERCENT_UNITS:
        return 0, 100
    if words.split(" ")[0] in COUNT_WORDS or words.startswith("per ") or " per " in words:
        return 0, None
    return None


def actual_errors(*, on_date: date, value: float, unit: str | None, today: date) -> list[FieldError]:
    errors = []
    if on_date > today:
        errors.append(FieldError("date", f"must not be in the future (today is {long_date(today)}): an actual is a "
                                         "value already measured"))
    allowed = value_range(unit)
    if allowed and (value < allowed[0] or (allowed[1] is not None and value > allowed[1])):
        least, most = (f"{v:g}" if v is not None else None for v in allowed)
        span = f"from {least} to {most}" if most else f"{least} or more"
        errors.append(FieldError("value", f"must be {span}: the measure is in {unit.strip()}"))
    return errors
