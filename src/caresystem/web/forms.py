"""Turning HTML form posts into schemas, and domain errors into field-level messages on the form."""

from fastapi import Request
from pydantic import BaseModel, ValidationError

from caresystem.errors import Conflict, FieldError, Invalid

FRIENDLY = {
    "string_too_short": "is too short",
    "string_too_long": "is too long",
    "missing": "is required",
    "date_from_datetime_parsing": "must be a date like 2022-07-01",
    "date_parsing": "must be a date like 2022-07-01",
    "date_from_datetime_inexact": "must be a date like 2022-07-01",
    "int_parsing": "must be a whole number",
    "float_parsing": "must be a number",
    "extra_forbidden": "is not a field of this form",
}


async def form_values(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}


def clean(values: dict[str, str], *, booleans: tuple[str, ...] = (), keep_empty: tuple[str, ...] = ()) -> dict:
    """Empty inputs mean "not set"; unchecked checkboxes are absent from the post, so they mean False."""
    cleaned = {k: (v.strip() if v.strip() else None) for k, v in values.items()}
    cleaned = {k: v for k, v in cleaned.items() if v is not None or k in keep_empty}
    for name in booleans:
        cleaned[name] = values.get(name) == "true"
    return cleaned


def parse(schema: type[BaseModel], data: dict) -> BaseModel:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise Invalid([FieldError(".".join(str(p) for p in e["loc"]) or "form",
                                  FRIENDLY.get(e["type"], e["msg"].lower())) for e in exc.errors()]) from None


def error_messages(exc: Invalid | Conflict, labels: dict[str, str]) -> dict[str, str]:
    """Field -> message, each message starting with the field's label as the NHS design system asks."""
    if isinstance(exc, Conflict):
        return {"version": exc.detail}
    return {e.field: f"{labels.get(e.field, e.field.replace('_', ' ').capitalize())} {e.message}"
            for e in exc.errors}
