"""Principles as the API and the pages give them, shared by the register and by the records that cite it."""

from caresystem.system.principles.models import Principle
from caresystem.system.principles.schemas import CitationRead, CitationsRead, PrincipleRead
from caresystem.system.principles.service import list_sets


def principle_read(p: Principle, cited_by: list | None = None) -> PrincipleRead:
    return PrincipleRead(key=p.key, set_key=p.principle_set.key, number=p.number, name=p.name, text=p.text,
                         citation=p.citation, version=p.version, source_document=p.source_document,
                         source_section=p.source_section,
                         cited_by=None if cited_by is None else [CitationRead(**vars(c)) for c in cited_by])


def citations_read(record) -> CitationsRead:
    """What a citing record (a decision, an impact assessment, a function allocation) cites, with its version."""
    return CitationsRead(version=record.version, principles=[principle_read(p) for p in record.principles])


CITE_LABELS = {"principles": "Principles"}  # the citing form's one field, for error messages


def cite_form(session, record, *, record_label: str, action: str, back: str, chosen: list[str] | None = None,
              version: int | None = None, errors: dict | None = None) -> dict:
    """What the shared form "the principles it applies" (principles/cite_form.html) shows for any citing record: what
    it cites at its version, or, shown again with `errors`, the keys and version as posted."""
    return {"title": f"Principles applied: {record_label}", "record_label": record_label, "action": action,
            "back": back, "version": record.version if version is None else version,
            "chosen": {p.key for p in record.principles} if chosen is None else set(chosen), "errors": errors or {},
            "sets": list_sets(session)}
