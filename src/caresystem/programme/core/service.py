"""Finding the programme a register belongs to, and the programmes a system holds."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import NotFound
from caresystem.programme.core.models import Programme

# Where a request leaves the programme the person chose (web/deps.py sets it); services never read the request.
# CHOSEN_HERE marks a choice made in this very request (`?programme=KEY`): an unknown key is then "not found",
# whereas a remembered choice whose programme has gone falls back to the default.
CHOSEN, CHOSEN_HERE = "programme", "programme_chosen_here"


def get_programme(session: Session, key: str | None = None) -> Programme:
    """The programme with `key`; without one, the programme chosen for this session (if it still exists), else the
    system's first programme."""
    if key:
        programme = session.scalar(select(Programme).where(Programme.key == key))
        if programme is None:
            raise NotFound(f"No programme {key!r}.")
        return programme
    chosen = session.info.get(CHOSEN)
    if chosen and session.info.get(CHOSEN_HERE):
        return get_programme(session, chosen)
    programme = chosen and session.scalar(select(Programme).where(Programme.key == chosen))
    programme = programme or session.scalar(select(Programme).order_by(Programme.id).limit(1))
    if programme is None:
        raise NotFound("No programme has been set up yet.")
    return programme


def programmes(session: Session) -> list[Programme]:
    """Every programme, in the order they were set up (the first is the default)."""
    return list(session.scalars(select(Programme).order_by(Programme.id)))
