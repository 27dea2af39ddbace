"""A programme record's references by code or key to the system model (places, organisations, governance bodies) and
to its own plan (projects, workstreams), checked in one place: a reference to something that does not exist is
refused, naming the field, rather than kept as a link that leads nowhere."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import FieldError
from caresystem.programme.core import Programme
from caresystem.system.geography import Place
from caresystem.system.governance import GovernanceBody
from caresystem.system.organisations import Organisation


def _missing(session: Session, column, value: str | None, field: str, what: str, *conditions) -> list[FieldError]:
    if not value or session.scalar(select(column).where(column == value, *conditions).limit(1)) is not None:
        return []
    return [FieldError(field, f"{value!r} is not {what}")]


def check_place(session: Session, code: str | None, field: str = "place") -> list[FieldError]:
    return _missing(session, Place.code, code, field, "a place in the system")


def check_organisation(session: Session, code: str | None, field: str = "organisation") -> list[FieldError]:
    return _missing(session, Organisation.code, code, field, "an organisation in the system")


def check_body(session: Session, key: str | None, field: str = "body_key") -> list[FieldError]:
    return _missing(session, GovernanceBody.key, key, field, "a governance body in the system")


def check_plan_record(session: Session, programme: Programme, model, key: str | None, field: str,
                      what: str) -> list[FieldError]:
    """A live project or workstream (`model`) of the programme's plan with this key."""
    return _missing(session, model.key, key, field, f"{what} in {programme.name}", model.programme_id == programme.id,
                    model.deleted_at.is_(None))
