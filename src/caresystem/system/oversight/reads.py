"""What an oversight line is made of when it leaves the service: one place for the API and the pages."""

from datetime import date

from caresystem.system.oversight.schemas import BodyRef, OversightLineRead, OversightRead
from caresystem.system.oversight.service import Oversight


def line_read(line, bodies: dict) -> OversightLineRead:
    return OversightLineRead(
        key=line.key, kind=line.kind, number=line.number, title=line.title, overseer=line.overseer,
        overseen=line.overseen, subject=line.subject, through=line.through, notes=line.notes,
        bodies=[BodyRef(key=k, name=bodies[k].name) for k in line.body_keys if k in bodies],
        valid_from=line.valid_from, valid_to=line.valid_to, source_document=line.source_document,
        source_section=line.source_section, version=line.version)


def oversight_read(found: Oversight, as_at: date | None) -> OversightRead:
    return OversightRead(as_at=as_at, strands=[line_read(s, found.bodies) for s in found.strands],
                         accountability=[line_read(a, found.bodies) for a in found.accountability])
