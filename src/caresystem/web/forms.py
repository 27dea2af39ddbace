"""Turning HTML form posts into schemas, and domain errors into field-level messages on the form."""

from collections.abc import Callable
from typing import Literal

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from caresystem.auth import Permission, may_add_somewhere, require, require_somewhere
from caresystem.errors import Conflict, FieldError, Forbidden, Invalid, Unauthorized
from caresystem.validation_messages import readable
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor

Scope = Literal["none", "places", "organisations", "record"]


def form_post(permission: Permission, *, scope: Scope = "none") -> list:
    """A form route's dependencies: its CSRF token, then the permission, both before a field of the form is read, so
    someone who may not use the form is refused rather than told what it lacks.

    `scope` says what the form changes: "none", records that belong to no place or organisation (a scoped editor is
    refused); "places" or "organisations", a new record a scoped editor may add within those scopes (the service
    checks the record's own); "record", the record the path names (the handler checks it, before reading the form).
    """
    async def permitted(request: Request, actor: PageActor) -> None:
        try:
            if scope == "none":
                require(actor, permission)
            elif scope == "record" or may_add_somewhere(actor, permission, by=scope):
                require_somewhere(actor, permission)
            else:
                require(actor, permission)  # refuses, naming the role or the scope
        except (Forbidden, Unauthorized):
            await (await request.form()).close()  # the CSRF check read it: an uploaded file is let go of now
            raise
    return [Depends(verify_csrf), Depends(permitted)]


async def form_values(request: Request, lists: tuple[str, ...] = ()) -> dict:
    """The posted text; each of `lists` (a group of checkboxes) as the values ticked, an empty list when none is."""
    form = await request.form()
    values = {k: v for k, v in form.items() if k != "csrf_token" and k not in lists and isinstance(v, str)}
    return values | {name: [v for v in form.getlist(name) if isinstance(v, str) and v] for name in lists}


def version_of(values: dict) -> int:
    """The version the form was drawn from (0 when missing or not a number, which the version check refuses)."""
    return int(values["version"]) if values.get("version", "").isdigit() else 0


def clean(values: dict, *, booleans: tuple[str, ...] = (), keep_empty: tuple[str, ...] = ()) -> dict:
    """Empty inputs mean "not set"; unchecked checkboxes are absent from the post, so they mean False. Lists (from
    groups of checkboxes) pass as they are."""
    cleaned = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()}
    cleaned = {k: v for k, v in cleaned.items() if v is not None or k in keep_empty}
    for name in booleans:
        cleaned[name] = values.get(name) == "true"
    return cleaned


def parse(schema: type[BaseModel], data: dict) -> BaseModel:
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        raise Invalid([FieldError(".".join(str(p) for p in e["loc"]) or "form",
                                  readable(e)) for e in exc.errors()]) from None


def error_messages(exc: Invalid | Conflict, labels: dict[str, str]) -> dict[str, str]:
    """Field -> message, each message starting with the field's label as the NHS design system asks."""
    if isinstance(exc, Conflict):
        return {"version": exc.detail}
    return {e.field: f"{labels.get(e.field, e.field.replace('_', ' ').capitalize())} {e.message}"
            for e in exc.errors}


def cleaned_edit(values: dict, create: type[BaseModel], update: type[BaseModel]) -> dict:
    """An edit form's values, cleaned: a field a new record may leave out can be emptied (it is cleared); emptying
    one a record must have is refused, naming it, rather than silently keeping the old value."""
    required = refuse_emptied(values, create)
    return clean(values, keep_empty=tuple(name for name in update.model_fields
                                          if name != "version" and name not in required))


def refuse_emptied(values: dict, create: type[BaseModel]) -> set[str]:
    """Refuse, by name, any field a record must have that an edit form posted empty; return those fields."""
    required = {name for name, f in create.model_fields.items() if f.is_required()}
    emptied = [name for name in required if name in values and not str(values[name] or "").strip()]
    if emptied:
        raise Invalid([FieldError(name, "must not be empty") for name in emptied])
    return required


Messages = Callable[[Invalid | Conflict], dict[str, str]]


def save_or_show_again(session, save: Callable[[], object], show_again: Callable[[dict, int], Response],
                       labels: dict[str, str] | Messages, done: Callable[[object], str]) -> Response:
    """Run a form's one service call. Saved: redirect (303) to `done(record)`. Refused: roll back and show the form
    again, keeping what the user typed, with a message per field (409 for a stale version, 422 otherwise).

    `labels` names the fields for `error_messages`; a form whose inputs are not named as the service's fields are
    (nested fields posted flat) passes instead its own function from the error to the form's messages."""
    try:
        record = save()
    except (Invalid, Conflict) as exc:
        session.rollback()
        messages = labels(exc) if callable(labels) else error_messages(exc, labels)
        return show_again(messages, 409 if isinstance(exc, Conflict) else 422)
    return RedirectResponse(done(record), status_code=303)
