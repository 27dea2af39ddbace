"""Writing the database's reference data back out in the interchange format (a round trip gives the same data)."""

from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.system.functions import Function, SubsidiarityTest
from caresystem.system.geography import Place, SystemProfile
from caresystem.system.governance import GovernanceBody, Membership, Person
from caresystem.system.interchange.files import write_yaml
from caresystem.system.organisations import Organisation
from caresystem.system.oversight import OversightLine
from caresystem.system.planning import list_frameworks
from caresystem.system.principles import Principle, function_allocation_principles, list_sets


def _iso(value):
    return value.isoformat() if value else None


def _dated(obj) -> dict:
    return {"valid_from": _iso(obj.valid_from), "valid_to": _iso(obj.valid_to)}


def _source(obj) -> dict:
    if not obj.source_document:
        return {}
    return {"source": {"document": obj.source_document, "section": obj.source_section}}


def _organisation(o: Organisation) -> dict:
    return {"code": o.code, "name": o.name, "short_name": o.short_name, "type": o.type, "successor": o.successor_code,
            "place": o.place_code, "parent": o.parent_code, "postcode": o.postcode, "public": o.public,
            "illustrative": o.illustrative, "notes": o.notes, **_dated(o),
            "populations": [{"as_at": p.as_at.isoformat(), "registered_population": p.registered_population,
                             "practices": p.practices, **_source(p)} for p in o.populations],
            "budgets": [{"year": b.year, "amount_gbp_millions": float(b.amount_gbp_millions), **_source(b)}
                        for b in o.budgets], **_source(o)}


def _practice(o: Organisation) -> dict:
    latest = o.populations[-1] if o.populations else None
    return {"code": o.code, "name": o.name, "postcode": o.postcode, "district": o.districts[0] if o.districts else None,
            "place": o.place_code, "pcn": o.parent_code,
            "registered_patients": latest.registered_population if latest else None,
            "population_as_at": _iso(latest.as_at) if latest else None, **_dated(o), **_source(o)}


def _body(b: GovernanceBody) -> dict:
    return {"key": b.key, "name": b.name, "kind": b.kind, "purpose": b.purpose, "frequency": b.frequency,
            "chair": b.chair, "host_organisations": b.host_organisations,
            "reports_to": b.reports_to.key if b.reports_to else None, "reports_to_from": b.reports_to_from,
            "succeeded_by": b.succeeded_by, "meets_in_public": b.meets_in_public,
            "delegated_authority": b.delegated_authority, "public": b.public, **_dated(b), **_source(b),
            "members": [{"person": m.person.key if m.person else None, "role_title": m.role_title,
                         "organisation": m.organisation_code, "membership_role": m.membership_role,
                         "voting": m.voting, "notes": m.notes, **_dated(m), **_source(m)} for m in b.members]}


def _principle_set(s) -> dict:
    return {"key": s.key, "kind": s.kind, "title": s.title, "introduction": s.introduction,
            "document_dated": _iso(s.document_dated), "programme": s.programme_key, "notes": s.notes, **_dated(s), **_source(s),
            "principles": [{"number": p.number, "name": p.name, "text": p.text, **_source(p)} for p in s.principles]}


def _oversight_line(line) -> dict:
    return {"key": line.key, "kind": line.kind, "number": line.number, "title": line.title,
            "overseer": line.overseer, "overseen": line.overseen, "subject": line.subject, "through": line.through,
            "bodies": line.body_keys, "notes": line.notes, **_dated(line), **_source(line)}
def _framework(f) -> dict:
    items = [{"kind": i.kind, "number": i.number, "parent": i.parent, "name": i.name, "text": i.text,
              "scale": i.scale, "services": i.services, "footprints": i.footprints, "social_care": i.social_care,
              "care_models": i.care_models, "organisations": i.organisations, "population": i.population,
              "beds": i.beds, "body": i.body_key, **_source(i)} for i in f.items]
    return {"key": f.key, "title": f.title, "introduction": f.introduction, "document_dated": _iso(f.document_dated),
            "notes": f.notes, **_dated(f), **_source(f), "items": items}


def export_directory(session: Session, directory: Path) -> dict[str, int]:
    """Write every reference-data file into `directory`; returns record counts per file."""
    directory.mkdir(parents=True, exist_ok=True)
    orgs = list(session.scalars(select(Organisation).options(selectinload(Organisation.populations),
                                                            selectinload(Organisation.budgets))
                                .order_by(Organisation.code)))
    files = {
        "places": [{"code": p.code, "name": p.name, "description": p.description, "public": p.public, **_dated(p),
                    **_source(p)} for p in session.scalars(select(Place).order_by(Place.code))],
        "organisations": [_organisation(o) for o in orgs if o.type not in ("pcn", "gp_practice")],
        "pcns": [{"code": o.code, "name": o.name, "place": o.place_code, "illustrative": o.illustrative,
                  "notes": o.notes, **_dated(o), **_source(o)} for o in orgs if o.type == "pcn"],
        "practices": [_practice(o) for o in orgs if o.type == "gp_practice"],
        "people": [{"key": p.key, "name": p.name, "public": p.public, **_source(p),
                    "roles": [{"title": r.title, "organisation": r.organisation_code, "body": r.body_key,
                               **_dated(r), **_source(r)} for r in p.roles]}
                   for p in session.scalars(select(Person).options(selectinload(Person.roles)).order_by(Person.key))],
        "governance": [_body(b) for b in session.scalars(
            select(GovernanceBody).options(selectinload(GovernanceBody.members).selectinload(Membership.person),
                                           selectinload(GovernanceBody.reports_to)).order_by(GovernanceBody.key))],
    }
    files["principles"] = [_principle_set(s) for s in list_sets(session)]
    files["oversight"] = [_oversight_line(line) for line in session.scalars(
        select(OversightLine).order_by(OversightLine.kind.desc(), OversightLine.position))]
    files["planning"] = [_framework(f) for f in list_frameworks(session)]
    if (system := session.scalar(select(SystemProfile))) is not None:
        write_yaml(directory / "system.yaml", {"code": system.code, "name": system.name,
                                               "description": system.description, **_source(system)})
    for name, records in files.items():
        write_yaml(directory / f"{name}.yaml", records)
    functions = session.scalars(select(Function).options(selectinload(Function.allocations)).order_by(Function.key))
    cited = _citations(session)
    write_yaml(directory / "functions.yaml", {
        "subsidiarity_tests": [{"key": t.key, "text": t.text, **_source(t)} for t in
                               session.scalars(select(SubsidiarityTest).order_by(SubsidiarityTest.position))],
        "functions": [{"key": f.key, "name": f.name, "description": f.description, "public": f.public,
                       "level": a.level, "holder": a.holder, "arrangement": a.arrangement, "tests": a.tests,
                       "notes": a.notes, **_dated(a), **_source(a), **({"principles": cited[a.id]} if a.id in cited
                                                                        else {})}
                      for f in functions for a in f.allocations]})
    return {name: len(records) for name, records in files.items()}


def _citations(session) -> dict[int, list[dict]]:
    """allocation id -> the principles it cites, each with its source where it has one, as functions.yaml gives them."""
    table = function_allocation_principles
    rows = session.execute(select(table.c.function_allocation_id, Principle.key, table.c.source_document,
                                  table.c.source_section).join(Principle, Principle.id == table.c.principle_id)
                           .order_by(table.c.function_allocation_id, Principle.key))
    found: dict[int, list[dict]] = defaultdict(list)
    for allocation_id, key, document, section in rows:
        found[allocation_id].append({"principle": key, **({"source": {"document": document, "section": section}}
                                                          if document else {})})
    return found
