"""Loading the built-in Kent and Medway example: every part's reference data from one packaged folder."""

from sqlalchemy.orm import Session

from caresystem.assurance import load_assurance
from caresystem.auth import SYSTEM
from caresystem.db.ownership import loading_example
from caresystem.meetings import load_meetings
from caresystem.programme.reference import load_programmes
from caresystem.system import interchange


def load_example(session: Session) -> list[str]:
    """Load (or bring up to date) the example in the caller's transaction; returns a summary line per part.

    Records people created or changed since are left as they are (see `db.ownership`)."""
    with loading_example(session):
        summary = interchange.import_directory(session, interchange.EXAMPLE, actor=SYSTEM)
        return ([f"system model: {summary or 'no changes'}"] + load_programmes(session, interchange.EXAMPLE)
                + load_assurance(session, interchange.EXAMPLE / "assurance", actor=SYSTEM)
                + [load_meetings(session, interchange.EXAMPLE)])
