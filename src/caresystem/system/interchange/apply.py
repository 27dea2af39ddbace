"""Writing a validated pack into the database: idempotent upserts by natural key, audited like any edit."""

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.db.ownership import may_remove
from caresystem.errors import Invalid
from caresystem.system.functions import Function, FunctionAllocation, SubsidiarityTest
from caresystem.system.geography import Place, SystemProfile
from caresystem.system.governance import GovernanceBody, Membership, Person, PersonRole
from caresystem.system.interchange.checks import check_pack
from caresystem.system.interchange.files import Pack
from caresystem.system.organisations import Budget, Organisation, RegisteredPopulation
from caresystem.system.oversight import OversightLine
from caresystem.system.planning import PlanningFramework, PlanningItem
from caresystem.system.principles import Principle, PrincipleSet, function_allocation_principles


@dataclass
class LoadSummary:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def __bool__(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        kinds = sorted(set(self.created) | set(self.updated))
        return "; ".join(f"{k}: {self.created.get(k, 0)} new, {self.updated.get(k, 0)} changed" for k in kinds)


def _source(record) -> dict:
    return {"source_document": record.source.document if record.source else None,
            "source_section": record.source.section if record.source else None}


class Upserter:
    """Finds each record by its natural key, creates it if missing and changes only the fields that differ."""

    def __init__(self, session: Session):
        self.session = session
        self.summary = LoadSummary()
        self._cache: dict[type, dict] = {}

    def _index(self, model, key: str) -> dict:
        if model not in self._cache:
            self._cache[model] = {getattr(o, key): o for o in self.session.scalars(select(model))}
        return self._cache[model]

    def upsert(self, model, key: str, values: dict):
        index = self._index(model, key)
        obj = index.get(values[key])
        if obj is None:
            obj = model(**values)
            self.session.add(obj)
            index[values[key]] = obj
            self.summary.created[model.__tablename__] += 1
        elif self.assign(obj, values):
            self.summary.updated[model.__tablename__] += 1
        return obj

    def assign(self, obj, values: dict) -> bool:
        changed = False
        for name, value in values.items():
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        return changed


def apply_pack(session: Session, pack: Pack, *, actor: Actor) -> LoadSummary:
    """Load a whole system's reference data in the caller's transaction; nothing is written if any check fails."""
    require(actor, Permission.MANAGE_REFERENCE)
    if errors := check_pack(session, pack):
        raise Invalid(errors)
    up = Upserter(session)
    if pack.system:
        existing = session.scalar(select(SystemProfile))
        values = {"code": pack.system.code, "name": pack.system.name, "description": pack.system.description,
                  **_source(pack.system)}
        if existing is not None and existing.code != pack.system.code:
            raise Invalid.one("system.yaml.code", f"this database holds system {existing.code}, not {pack.system.code}")
        up.upsert(SystemProfile, "code", values)
    for p in pack.places:
        up.upsert(Place, "code", {"code": p.code, "name": p.name, "description": p.description, "public": p.public,
                                  "valid_from": p.valid_from, "valid_to": p.valid_to, **_source(p)})
    _organisations(up, pack)
    session.flush()
    _populations(session, up, pack)
    _people_and_governance(session, up, pack)
    _functions(session, up, pack)
    _principles(session, up, pack)
    _citations(session, up, pack)
    _oversight(up, pack)
    _planning(session, up, pack)
    session.flush()
    return up.summary


def _organisations(up: Upserter, pack: Pack) -> None:
    for o in pack.organisations:
        up.upsert(Organisation, "code", {
            "code": o.code, "name": o.name, "short_name": o.short_name, "type": o.type, "place_code": o.place,
            "parent_code": o.parent, "successor_code": o.successor, "postcode": o.postcode, "public": o.public,
            "illustrative": o.illustrative or o.illustrative_code, "notes": o.notes, "valid_from": o.valid_from,
            "valid_to": o.valid_to, **_source(o)})
    for p in pack.pcns:
        up.upsert(Organisation, "code", {
            "code": p.code, "name": p.name, "type": "pcn", "place_code": p.place, "illustrative": p.illustrative,
            "notes": p.notes, "valid_from": p.valid_from, "valid_to": p.valid_to, **_source(p)})
    for p in pack.practices:
        up.upsert(Organisation, "code", {
            "code": p.code, "name": p.name, "type": "gp_practice", "place_code": p.place, "parent_code": p.pcn,
            "postcode": p.postcode, "districts": [p.district] if p.district else [], "valid_from": p.valid_from,
            "valid_to": p.valid_to, **_source(p)})
    index = up._index(Organisation, "code")
    for area in pack.ccg_areas:
        up.assign(index[area.ccg], {"place_code": area.place, "districts": area.districts})


def _populations(session: Session, up: Upserter, pack: Pack) -> None:
    orgs = up._index(Organisation, "code")
    existing = {(r.organisation_id, r.as_at): r for r in session.scalars(select(RegisteredPopulation))}
    budgets = {(b.organisation_id, b.year): b for b in session.scalars(select(Budget))}

    def population(org, as_at, count, practices, record):
        values = {"registered_population": count, "practices": practices, **_source(record)}
        if (row := existing.get((org.id, as_at))) is None:
            session.add(RegisteredPopulation(organisation_id=org.id, as_at=as_at, **values))
            up.summary.created["registered_populations"] += 1
        elif up.assign(row, values):
            up.summary.updated["registered_populations"] += 1

    for o in pack.organisations:
        for p in o.populations:
            population(orgs[o.code], p.as_at, p.registered_population, p.practices, p if p.source else o)
        for b in o.budgets:
            values = {"amount_gbp_millions": b.amount_gbp_millions, **_source(b if b.source else o)}
            if (row := budgets.get((orgs[o.code].id, b.year))) is None:
                session.add(Budget(organisation_id=orgs[o.code].id, year=b.year, **values))
                up.summary.created["budgets"] += 1
            elif float(row.amount_gbp_millions) != b.amount_gbp_millions:
                up.assign(row, values)
                up.summary.updated["budgets"] += 1
    for p in pack.practices:
        if p.registered_patients is not None and p.population_as_at:
            population(orgs[p.code], p.population_as_at, p.registered_patients, None, p)


def _people_and_governance(session: Session, up: Upserter, pack: Pack) -> None:
    for p in pack.people:
        up.upsert(Person, "key", {"key": p.key, "name": p.name, "public": p.public, **_source(p)})
    for b in pack.governance:
        up.upsert(GovernanceBody, "key", {
            "key": b.key, "name": b.name, "kind": b.kind, "purpose": b.purpose, "frequency": b.frequency,
            "chair": b.chair, "host_organisations": b.host_organisations, "meets_in_public": b.meets_in_public,
            "delegated_authority": b.delegated_authority, "public": b.public, "valid_from": b.valid_from,
            "valid_to": b.valid_to, "succeeded_by": b.succeeded_by, **_source(b)})
    session.flush()
    bodies = up._index(GovernanceBody, "key")
    people = up._index(Person, "key")
    for b in pack.governance:
        body = bodies[b.key]
        up.assign(body, {"reports_to_id": bodies[b.reports_to].id if b.reports_to else None,
                         "reports_to_from": b.reports_to_from})
        _replace_children(up, body.members, Membership, [dict(
            person_id=people[m.person].id if m.person else None, role_title=m.role_title,
            organisation_code=m.organisation, membership_role=m.membership_role, voting=m.voting, notes=m.notes,
            valid_from=m.valid_from, valid_to=m.valid_to, **_source(m if m.source else b)) for m in b.members],
            parent={"body_id": body.id})
    for p in pack.people:
        person = people[p.key]
        _replace_children(up, person.roles, PersonRole, [dict(
            title=r.title, organisation_code=r.organisation, body_key=r.body, valid_from=r.valid_from,
            valid_to=r.valid_to, **_source(r if r.source else p)) for r in p.roles], parent={"person_id": person.id})


def _replace_children(up: Upserter, current: list, model, wanted: list[dict], parent: dict) -> None:
    """Make a child list equal `wanted` (matched in order), touching only rows that differ."""
    session = up.session
    for row, values in zip(current, wanted):
        if up.assign(row, values):
            up.summary.updated[model.__tablename__] += 1
    for values in wanted[len(current):]:
        session.add(model(**parent, **values))
        up.summary.created[model.__tablename__] += 1
    for row in current[len(wanted):]:
        if may_remove(row):
            session.delete(row)


def _functions(session: Session, up: Upserter, pack: Pack) -> None:
    for position, t in enumerate(pack.functions.subsidiarity_tests, start=1):
        up.upsert(SubsidiarityTest, "key", {"key": t.key, "text": t.text, "position": position, **_source(t)})
    by_key: dict[str, list] = defaultdict(list)
    for f in pack.functions.functions:
        by_key[f.key].append(f)
    for key, records in by_key.items():
        first = records[0]
        function = up.upsert(Function, "key", {"key": key, "name": first.name, "description": first.description,
                                               "public": first.public, **_source(first)})
        session.flush()
        _replace_children(up, function.allocations, FunctionAllocation, [dict(
            level=r.level, holder=r.holder, arrangement=r.arrangement,
            tests={k: v.model_dump() for k, v in r.tests.items()}, notes=r.notes, valid_from=r.valid_from,
            valid_to=r.valid_to, **_source(r)) for r in records], parent={"function_id": function.id})


def _principles(session: Session, up: Upserter, pack: Pack) -> None:
    """Each set, then its principles keyed "<set key>-<number>" in the document's order; a principle takes its
    set's source unless it gives its own."""
    for s in pack.principles:
        principle_set = up.upsert(PrincipleSet, "key", {
            "key": s.key, "kind": s.kind, "title": s.title, "introduction": s.introduction,
            "document_dated": s.document_dated, "programme_key": s.programme, "notes": s.notes, "valid_from": s.valid_from, "valid_to": s.valid_to,
            **_source(s)})
        session.flush()
        for position, p in enumerate(s.principles, start=1):
            up.upsert(Principle, "key", {"key": f"{s.key}-{p.number}", "set_id": principle_set.id, "number": p.number,
                                         "position": position, "name": p.name, "text": p.text,
                                         **_source(p if p.source else s)})


def _citations(session: Session, up: Upserter, pack: Pack) -> None:
    """The principles each allocation applies, with where the document says so. A change of what it cites is made
    through the allocation (so it is versioned and audited on it); a change of only the source is written to the link.
    An allocation whose record gives no principles keeps those cited through the application."""
    session.flush()
    principles = up._index(Principle, "key")
    by_key: dict[str, list] = defaultdict(list)
    for f in pack.functions.functions:
        by_key[f.key].append(f)
    table = function_allocation_principles
    for key, records in by_key.items():
        if not any(r.principles for r in records):
            continue
        allocations = session.scalars(select(FunctionAllocation).join(Function).where(Function.key == key)
                                      .order_by(FunctionAllocation.id)).all()
        for allocation, record in zip(allocations, records):
            if not record.principles:
                continue
            wanted = {c.principle: c.source for c in record.principles}
            if {p.key for p in allocation.principles} != set(wanted):
                allocation.principles = sorted((principles[k] for k in wanted), key=lambda p: p.key)
                up.summary.updated["function_allocations"] += 1
                session.flush()
            for principle_key, source in wanted.items():
                values = {"source_document": source.document if source else None,
                          "source_section": source.section if source else None}
                link = (table.c.function_allocation_id == allocation.id) & \
                    (table.c.principle_id == principles[principle_key].id)
                current = session.execute(select(table.c.source_document, table.c.source_section).where(link)).one()
                if tuple(current) != tuple(values.values()):
                    session.execute(table.update().where(link).values(**values))


def _oversight(up: Upserter, pack: Pack) -> None:
    """Each line by key, numbered within its kind in the file's order."""
    positions: dict[str, int] = defaultdict(int)
    for line in pack.oversight:
        positions[line.kind] += 1
        up.upsert(OversightLine, "key", {
            "key": line.key, "kind": line.kind, "position": positions[line.kind], "number": line.number,
            "title": line.title, "overseer": line.overseer, "overseen": line.overseen, "subject": line.subject,
            "through": line.through, "body_keys": line.bodies, "notes": line.notes, "valid_from": line.valid_from,
            "valid_to": line.valid_to, **_source(line)})


ITEM_FIELDS = ("kind", "number", "parent", "name", "text", "scale", "services", "footprints", "social_care",
               "care_models", "organisations", "population", "beds")


def _planning(session: Session, up: Upserter, pack: Pack) -> None:
    """Each framework, then its items keyed "<framework>-<kind>-<number>" in the document's order; an item takes its
    framework's source unless it gives its own (the paragraph or attachment of its row)."""
    for f in pack.planning:
        framework = up.upsert(PlanningFramework, "key", {
            "key": f.key, "title": f.title, "introduction": f.introduction, "document_dated": f.document_dated,
            "notes": f.notes, "valid_from": f.valid_from, "valid_to": f.valid_to, **_source(f)})
        session.flush()
        for position, item in enumerate(f.items, start=1):
            up.upsert(PlanningItem, "key", {
                "key": f"{f.key}-{item.kind}-{item.number}", "framework_id": framework.id, "position": position,
                **{name: getattr(item, name) for name in ITEM_FIELDS}, "body_key": item.body,
                **_source(item if item.source else f)})
