"""Pydantic's errors as readable words: what follows a field's label on a page, or its name in the API."""

PATTERN_WORDS = {
    r"^[a-z0-9][a-z0-9-]*$": "must use only lower-case letters, digits and hyphens",
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "must use only lower-case letters, digits and single hyphens between them",
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": "must start with a letter or digit and use only letters, digits, dots, "
                                     "hyphens and underscores",
}

DATE = "must be a real date like 2022-07-01"

FIXED = {
    "missing": "is required",
    "date_from_datetime_parsing": DATE,
    "date_parsing": DATE,
    "date_from_datetime_inexact": DATE,
    "datetime_parsing": "must be a date and time like 2022-07-01 09:30",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "decimal_parsing": "must be a number",
    "bool_parsing": "must be yes or no",
    "extra_forbidden": "is not a field of this form",
    "string_type": "must be text",
    "uuid_parsing": "must be a valid identifier",
}


BOUNDS = {"less_than_equal": ("le", "must be {} or less"), "greater_than_equal": ("ge", "must be {} or more"),
          "less_than": ("lt", "must be less than {}"), "greater_than": ("gt", "must be more than {}")}


def _bounds(kind: str, ctx: dict) -> str | None:
    if kind not in BOUNDS:
        return None
    key, template = BOUNDS[kind]
    return template.format(ctx[key])


def _length(kind: str, ctx: dict) -> str | None:
    if kind == "string_too_short":
        least = ctx.get("min_length", 1)
        return "must not be empty" if least <= 1 else f"must be at least {least} characters"
    if kind == "string_too_long":
        return f"must be {ctx.get('max_length')} characters or fewer"
    return None


def _choice(kind: str, ctx: dict) -> str | None:
    if kind in ("enum", "literal_error") and "expected" in ctx:
        return f"must be one of {ctx['expected'].replace(chr(39), '')}"
    return None


def readable(error: dict) -> str:
    """The words for one Pydantic error, to follow the field's label: a rule's own message (a validator's
    ValueError) as it gives it, known types in plain English, anything else from Pydantic's text, lower-cased."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return PATTERN_WORDS.get(ctx.get("pattern", ""), "is not in the right format")
    found = FIXED.get(kind) or _bounds(kind, ctx) or _length(kind, ctx) or _choice(kind, ctx)
    return found or error["msg"][:1].lower() + error["msg"][1:]
