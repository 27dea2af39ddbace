"""The register of interests as XLSX and CSV, and back, through the registers' spreadsheet helpers: the same
header matching, UK dates, every bad row reported by row and field, and all rows or none."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.errors import Invalid
from caresystem.programme.registers import (Layout, ParsedRow, attachment, import_rows, read_file, register_csv,
                                            register_xlsx)
from caresystem.system.interests import service
from caresystem.system.interests.models import Interest
from caresystem.system.interests.schemas import InterestCreate, InterestRow, InterestUpdate
from caresystem.system.interests.types import INTEREST_TYPES

COLUMNS = [("reference", "Reference"), ("person", "Person key"), ("person_name", "Name"), ("type", "Type"),
           ("title", "Description"), ("organisation", "Organisation"), ("valid_from", "From"),
           ("valid_to", "To"), ("action", "Action taken to manage it")]
LAYOUT = Layout(
    name="register of interests", schema=InterestRow, columns=[c for c in COLUMNS if c[0] != "person_name"],
    synonyms={"reference": ["ref", "id", "interest id", "interest ref"],
              "person": ["person", "key", "person id"],
              "type": ["type of interest", "interest type", "category", "kind"],
              "title": ["description", "details", "description of interest", "nature of interest", "interest"],
              "organisation": ["company", "organisation or party", "party", "body", "organisation/party"],
              "valid_from": ["from", "date from", "start", "start date", "date of interest from"],
              "valid_to": ["to", "date to", "end", "end date", "until"],
              "action": ["action", "action taken", "management", "how managed", "action to manage"]},
    ignored=("Name",), dates=frozenset({"valid_from", "valid_to"}), choices={"type": INTEREST_TYPES},
    title_hint="a Description column")


def parse(content: bytes, filename: str) -> list[ParsedRow]:
    return read_file(content, filename, LAYOUT)


def _values(row: ParsedRow) -> dict:
    values = row.changes()
    if "title" in values:
        values["description"] = values.pop("title")
    return values


def import_interests(session: Session, *, actor: Actor, rows: list[ParsedRow]) -> dict[str, int]:
    """Create or update each row by reference in the caller's transaction; any bad row fails them all."""
    require(actor, Permission.EDIT_INTERESTS)

    def upsert(row: ParsedRow) -> str:
        data = row.data
        existing = data.reference and session.scalar(select(Interest).where(
            Interest.reference == data.reference, Interest.deleted_at.is_(None)))
        if not existing:
            service.create_interest(session, actor=actor, data=InterestCreate(
                reference=data.reference, person=data.person, type=data.type, description=data.title,
                organisation=data.organisation, valid_from=data.valid_from, valid_to=data.valid_to,
                action=data.action))
            return "created"
        values = _values(row)
        if values.pop("person", existing.person.key) != existing.person.key:
            raise Invalid.one("person", f"interest {data.reference} belongs to {existing.person.key}; "
                                        "an interest cannot move to another person")
        before = existing.version
        service.update_interest(session, actor=actor, reference=data.reference,
                                data=InterestUpdate(version=existing.version, **values))
        return "updated" if existing.version != before else "unchanged"

    return import_rows(rows, upsert)


def import_file(session: Session, *, actor: Actor, content: bytes, filename: str) -> dict[str, int]:
    """An XLSX or CSV register of interests imported, all rows or none; the API, the upload page and the CLI call
    this. The permission is checked before the file is read."""
    require(actor, Permission.EDIT_INTERESTS)
    rows = parse(content, filename)
    return {"rows": len(rows), **import_interests(session, actor=actor, rows=rows)}


def _record(interest) -> dict:
    read = service.read(interest)
    return read.model_dump() | {"title": read.description}


def export(session: Session, *, actor: Actor, kind: str, as_at=None) -> bytes | str:
    interests, _ = service.list_interests(session, actor=actor, as_at=as_at, limit=100_000)
    records = [_record(i) for i in interests]
    return _xlsx(records) if kind == "xlsx" else register_csv(COLUMNS, records)


def _xlsx(records: list[dict]) -> bytes:
    """The registers' workbook, with the drop-down on the Type column (the helper puts it on `status`)."""
    columns = [("status" if f == "type" else f, h) for f, h in COLUMNS]
    rows = [r | {"status": r["type"]} for r in records]
    return register_xlsx("Register of interests", columns, rows, INTEREST_TYPES)


def download(content: bytes | str, kind: str):
    """The register as a download named interests.xlsx or interests.csv."""
    return attachment(content, kind=kind, name="interests")
