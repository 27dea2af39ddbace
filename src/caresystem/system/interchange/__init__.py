"""Import and export of a whole system's reference data, so any ICS can load its own."""

from pathlib import Path

from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.system.interchange.apply import LoadSummary, apply_pack
from caresystem.system.interchange.export import export_directory
from caresystem.system.interchange.files import Pack, read_pack
from caresystem.system.interchange.records import Source

EXAMPLE = Path(__file__).resolve().parents[2] / "reference" / "kent_and_medway"


def import_directory(session: Session, directory: Path, *, actor: Actor) -> LoadSummary:
    return apply_pack(session, read_pack(directory), actor=actor)


__all__ = ["EXAMPLE", "LoadSummary", "Pack", "Source", "export_directory", "import_directory", "read_pack"]
