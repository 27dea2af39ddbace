"""Finding the programme a register belongs to."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import NotFound
from caresystem.programme.core.models import Programme


def get_programme(session: Session, key: str | None = None) -> Programme:
    """The programme with `key`, or the system's (first) programme when no key is given."""
    query = select(Programme).order_by(Programme.id).limit(1)
    if key:
        query = select(Programme).where(Programme.key == key)
    programme = session.scalar(query)
    if programme is None:
        raise NotFound(f"No programme {key!r}." if key else "No programme has been set up yet.")
    return programme
