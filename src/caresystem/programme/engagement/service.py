"""The rules of audiences, stakeholders and the "You said, we did" log: validation, keys, the publish filter.

Plain functions taking a session and an Actor; they never commit (the request, command or loader owns the
transaction).
"""

import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.programme.core import Programme
from caresystem.programme.engagement.models import Audience, Stakeholder, YouSaidWeDid
from caresystem.programme.engagement.rules import QUADRANTS, quadrant
from caresystem.programme.engagement.schemas import FEEDBACK_STATUSES
from caresystem.programme.links import check_body
from caresystem.programme.registers import (add_entry, changes_of, claim_reference, find_live, live_entry, remove,
                                            require_edit, require_view, rows_and_total, save_changes)
from caresystem.system.principles import Principle, communication_principles


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")[:70] or "item"


def unique_key(session: Session, model, programme: Programme, wanted: str | None, name: str) -> str:
    """The key given (refused if taken), or one made from the name (numbered if taken)."""
    taken = set(session.scalars(select(model.key).where(model.programme_id == programme.id)))
    if wanted:
        if wanted in taken:
            raise Invalid.one("key", f"{wanted!r} is already used")
        return wanted
    base = candidate = slug(name)
    n = 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def get_by_key(session: Session, model, programme: Programme, key: str, what: str):
    """A viewer's look-up of a live record by its key."""
    return live_entry(session, model, programme, key, what=what, column="key")


def keyed_create(session: Session, model, *, programme: Programme, values: dict, name: str, label: str):
    """A new record whose key is the one given (refused if taken) or made from its `name`."""
    key = unique_key(session, model, programme, values.pop("key"), name)
    return add_entry(session, model(programme_id=programme.id, key=key, **values), f"{label} {key}")


def _update(session: Session, obj, data, label: str, check) -> object:
    changes = changes_of(data)
    if errors := check(obj, changes):
        raise Invalid(errors)
    save_changes(session, obj, changes, version=data.version, label=label)
    return obj


def required(changes: dict, *names: str) -> list[FieldError]:
    return [FieldError(n, "is required") for n in names if n in changes and not changes[n]]


# Audiences

def list_audiences(session: Session, *, actor: Actor, programme: Programme, offset: int = 0,
                   limit: int = 100) -> tuple[list[Audience], int]:
    require_view(actor)
    return rows_and_total(session, Audience, [Audience.programme_id == programme.id, Audience.deleted_at.is_(None)],
                 (Audience.id,), offset, limit)


def get_audience(session: Session, *, actor: Actor, programme: Programme, key: str) -> Audience:
    require_view(actor)
    return get_by_key(session, Audience, programme, key, "audience")


def create_audience(session: Session, *, actor: Actor, programme: Programme, data) -> Audience:
    require_edit(actor)
    return keyed_create(session, Audience, programme=programme, values=data.model_dump(), name=data.name,
                        label="Audience")


def update_audience(session: Session, *, actor: Actor, programme: Programme, key: str, data) -> Audience:
    audience = get_audience(session, actor=actor, programme=programme, key=key)
    require_edit(actor)
    return _update(session, audience, data, f"Audience {key}", lambda _, c: required(c, "name"))


def delete_audience(session: Session, *, actor: Actor, programme: Programme, key: str, version: int) -> None:
    remove(session, get_audience(session, actor=actor, programme=programme, key=key), actor=actor, version=version,
           label=f"Audience {key}")


def audience_names(session: Session, programme: Programme) -> dict[str, str]:
    return dict(session.execute(select(Audience.key, Audience.name).where(
        Audience.programme_id == programme.id, Audience.deleted_at.is_(None)).order_by(Audience.id)).all())


def principles(session: Session, *, actor: Actor, programme: Programme) -> list[Principle]:
    """PID 8.1: the communication and engagement principles, kept in the system's principles register."""
    require_view(actor)
    return communication_principles(session, programme_key=programme.key)


# Stakeholders

def stakeholder_quadrant(stakeholder: Stakeholder) -> tuple[str | None, str | None]:
    found = quadrant(stakeholder.influence, stakeholder.interest)
    return found, QUADRANTS.get(found) if found else None


def list_stakeholders(session: Session, *, actor: Actor, programme: Programme, quadrant_key: str | None = None,
                      q: str | None = None, offset: int = 0, limit: int = 100) -> tuple[list[Stakeholder], int]:
    """Stakeholders in the order given; `quadrant_key` keeps one quadrant (rated stakeholders only)."""
    require_view(actor)
    conditions = [Stakeholder.programme_id == programme.id, Stakeholder.deleted_at.is_(None)]
    if q:
        conditions.append(func.lower(Stakeholder.name).like(f"%{q.strip().lower()}%"))
    if quadrant_key is None:
        return rows_and_total(session, Stakeholder, conditions, (Stakeholder.id,), offset, limit)
    if quadrant_key not in QUADRANTS:
        raise Invalid.one("quadrant", f"must be one of {', '.join(QUADRANTS)}")
    rated = session.scalars(select(Stakeholder).where(*conditions, Stakeholder.influence.is_not(None),
                                                      Stakeholder.interest.is_not(None)).order_by(Stakeholder.id))
    found = [s for s in rated if stakeholder_quadrant(s)[0] == quadrant_key]
    return found[offset:offset + limit], len(found)


def get_stakeholder(session: Session, *, actor: Actor, programme: Programme, key: str) -> Stakeholder:
    require_view(actor)
    return get_by_key(session, Stakeholder, programme, key, "stakeholder")


def _forums(values: dict) -> dict:
    if values.get("forums") is not None:
        values["forums"] = [f.model_dump() if hasattr(f, "model_dump") else dict(f) for f in values["forums"]]
    return values


def _check_forums(session: Session, forums: list[dict] | None) -> list[FieldError]:
    """A forum that is a governance body names one the system has."""
    return [e for i, forum in enumerate(forums or []) for e in check_body(session, forum.get("body"),
                                                                          f"forums.{i}.body")]


def create_stakeholder(session: Session, *, actor: Actor, programme: Programme, data) -> Stakeholder:
    require_edit(actor)
    values = _forums(data.model_dump())
    if errors := _check_forums(session, values.get("forums")):
        raise Invalid(errors)
    return keyed_create(session, Stakeholder, programme=programme, values=values, name=data.name,
                        label="Stakeholder")


def update_stakeholder(session: Session, *, actor: Actor, programme: Programme, key: str, data) -> Stakeholder:
    stakeholder = get_stakeholder(session, actor=actor, programme=programme, key=key)
    require_edit(actor)
    changes = _forums(changes_of(data))
    for name in ("organisations", "forums"):
        if name in changes and changes[name] is None:
            changes[name] = []
    if errors := required(changes, "name") + _check_forums(session, changes.get("forums")):
        raise Invalid(errors)
    save_changes(session, stakeholder, changes, version=data.version, label=f"Stakeholder {key}")
    return stakeholder


def delete_stakeholder(session: Session, *, actor: Actor, programme: Programme, key: str, version: int) -> None:
    remove(session, get_stakeholder(session, actor=actor, programme=programme, key=key), actor=actor,
           version=version, label=f"Stakeholder {key}")


# "You said, we did"

def _check_feedback(session: Session, programme: Programme, values: dict) -> list[FieldError]:
    errors = []
    if "status" in values and values["status"] not in FEEDBACK_STATUSES:
        errors.append(FieldError("status", f"must be one of {', '.join(FEEDBACK_STATUSES)}"))
    if values.get("audience_key") and values["audience_key"] not in audience_names(session, programme):
        errors.append(FieldError("audience_key", f"there is no audience {values['audience_key']!r}"))
    return errors


def list_feedback(session: Session, *, actor: Actor, programme: Programme, status: str | None = None,
                  offset: int = 0, limit: int = 100) -> tuple[list[YouSaidWeDid], int]:
    """Newest first; visitors who are not signed in see published entries only."""
    conditions = [YouSaidWeDid.programme_id == programme.id, YouSaidWeDid.deleted_at.is_(None)]
    if not actor.can(Permission.VIEW_INTERNAL):
        conditions.append(YouSaidWeDid.published.is_(True))
    if status:
        if status not in FEEDBACK_STATUSES:
            raise Invalid.one("status", f"must be one of {', '.join(FEEDBACK_STATUSES)}")
        conditions.append(YouSaidWeDid.status == status)
    return rows_and_total(session, YouSaidWeDid, conditions,
                 (YouSaidWeDid.said_on.desc().nulls_last(), YouSaidWeDid.reference), offset, limit)


def get_feedback(session: Session, *, actor: Actor, programme: Programme, reference: str) -> YouSaidWeDid:
    entry = find_live(session, YouSaidWeDid, programme, reference)
    if entry is None or (not entry.published and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No 'You said, we did' entry {reference!r}.")
    return entry


def create_feedback(session: Session, *, actor: Actor, programme: Programme, data) -> YouSaidWeDid:
    require_edit(actor)
    values = data.model_dump()
    errors = _check_feedback(session, programme, values)
    reference = claim_reference(session, YouSaidWeDid, programme, values.pop("reference"), prefix="YS", what=None,
                                errors=errors)
    if errors:
        raise Invalid(errors)
    return add_entry(session, YouSaidWeDid(programme_id=programme.id, reference=reference, **values),
                     f"'You said, we did' {reference}")


def update_feedback(session: Session, *, actor: Actor, programme: Programme, reference: str,
                    data) -> YouSaidWeDid:
    entry = get_feedback(session, actor=actor, programme=programme, reference=reference)
    require_edit(actor)

    def check(_, changes: dict) -> list[FieldError]:
        missing = required(changes, "you_said", "status")
        if "published" in changes and changes["published"] is None:
            missing.append(FieldError("published", "is required"))
        return missing + _check_feedback(session, programme, changes)

    return _update(session, entry, data, f"'You said, we did' {reference}", check)


def delete_feedback(session: Session, *, actor: Actor, programme: Programme, reference: str,
                    version: int) -> None:
    remove(session, get_feedback(session, actor=actor, programme=programme, reference=reference), actor=actor,
           version=version, label=f"'You said, we did' {reference}")
