"""Cross-reference checks on a whole pack before anything is written: every code and key must resolve."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import FieldError
from caresystem.system.functions import ARRANGEMENTS, LEVELS
from caresystem.system.geography import Place
from caresystem.system.governance import BODY_KINDS, MEMBERSHIP_ROLES, GovernanceBody, Person
from caresystem.system.interchange.files import Pack
from caresystem.system.organisations import ORGANISATION_TYPES, Organisation, code_problem
from caresystem.system.oversight import KINDS as OVERSIGHT_KINDS
from caresystem.system.planning import KINDS as PLANNING_KINDS, SCALES
from caresystem.system.principles import KINDS as PRINCIPLE_KINDS, Principle, PrincipleSet


def _known(session: Session, column, pack_values) -> set[str]:
    return set(pack_values) | set(session.scalars(select(column)))


def _line_out_of_force(body, target) -> str | None:
    """A reporting line may start only when the body it reports to is in force (002: the ICB board exists from July
    2022, so a body of 2020 reports to it only from then): the line's start is `reports_to_from`, else the body's."""
    return _outside_force(body.reports_to_from or body.valid_from, target, "reports to", early=": give reports_to_from")


def _outside_force(start, body, relation: str, *, early: str = "") -> str | None:
    """Why a link that starts on `start` (reports to, runs through) may not name `body`: it is not yet or no longer in
    force then; None when it is, or when either is unknown."""
    if start is None or body is None:
        return None
    if body.valid_from and start < body.valid_from:
        return (f"{relation} {body.key!r} from {start.isoformat()}, before that body comes into force on "
                f"{body.valid_from.isoformat()}{early}")
    if body.valid_to and start > body.valid_to:
        return f"{relation} {body.key!r} from {start.isoformat()}, after that body ends on {body.valid_to.isoformat()}"
    return None


def check_pack(session: Session, pack: Pack) -> list[FieldError]:
    places = _known(session, Place.code, [p.code for p in pack.places])
    orgs = _known(session, Organisation.code, [o.code for o in pack.organisations] + [p.code for p in pack.pcns]
                  + [p.code for p in pack.practices])
    bodies = _known(session, GovernanceBody.key, [b.key for b in pack.governance])
    people = _known(session, Person.key, [p.key for p in pack.people])
    errors: list[FieldError] = []
    in_pack = {b.key: b for b in pack.governance}

    def ref(where: str, value: str | None, known: set[str], what: str) -> None:
        if value and value not in known:
            errors.append(FieldError(where, f"refers to {what} {value!r}, which is not in the data"))

    for o in pack.organisations:
        where = f"organisations.yaml ({o.code})"
        if problem := code_problem(o.code):
            errors.append(FieldError(f"{where}.code", problem))
        if o.type not in ORGANISATION_TYPES:
            errors.append(FieldError(f"{where}.type", f"must be one of {', '.join(ORGANISATION_TYPES)}"))
        ref(f"{where}.successor", o.successor, orgs, "organisation")
        ref(f"{where}.parent", o.parent, orgs, "organisation")
        ref(f"{where}.place", o.place, places, "place")
    for p in pack.pcns:
        if problem := code_problem(p.code):
            errors.append(FieldError(f"pcns.yaml ({p.code}).code", problem))
        ref(f"pcns.yaml ({p.code}).place", p.place, places, "place")
    for p in pack.practices:
        if problem := code_problem(p.code):
            errors.append(FieldError(f"practices.yaml ({p.code}).code", problem))
        ref(f"practices.yaml ({p.code}).place", p.place, places, "place")
        ref(f"practices.yaml ({p.code}).pcn", p.pcn, orgs, "network")
    for a in pack.ccg_areas:
        ref(f"ccg_areas.yaml ({a.ccg}).ccg", a.ccg, orgs, "organisation")
        ref(f"ccg_areas.yaml ({a.ccg}).place", a.place, places, "place")
    for person in pack.people:
        for i, role in enumerate(person.roles):
            ref(f"people.yaml ({person.key}).roles[{i + 1}].organisation", role.organisation, orgs, "organisation")
            ref(f"people.yaml ({person.key}).roles[{i + 1}].body", role.body, bodies, "governance body")
    for b in pack.governance:
        where = f"governance.yaml ({b.key})"
        if b.kind not in BODY_KINDS:
            errors.append(FieldError(f"{where}.kind", f"must be one of {', '.join(BODY_KINDS)}"))
        ref(f"{where}.reports_to", b.reports_to, bodies, "governance body")
        if problem := _line_out_of_force(b, in_pack.get(b.reports_to)):
            errors.append(FieldError(f"{where}.reports_to", problem))
        ref(f"{where}.succeeded_by", b.succeeded_by, bodies, "governance body")
        if b.succeeded_by and (b.succeeded_by == b.key or b.valid_to is None):
            errors.append(FieldError(f"{where}.succeeded_by", "only a body that ends has a successor, and not itself"))
        for code in b.host_organisations:
            ref(f"{where}.host_organisations", code, orgs, "organisation")
        for i, m in enumerate(b.members):
            ref(f"{where}.members[{i + 1}].person", m.person, people, "person")
            ref(f"{where}.members[{i + 1}].organisation", m.organisation, orgs, "organisation")
            if m.membership_role not in MEMBERSHIP_ROLES:
                errors.append(FieldError(f"{where}.members[{i + 1}].membership_role",
                                         f"must be one of {', '.join(MEMBERSHIP_ROLES)}"))
            if not m.person and not m.role_title:
                errors.append(FieldError(f"{where}.members[{i + 1}]", "needs a person or a role_title"))
    tests = {t.key for t in pack.functions.subsidiarity_tests}
    for f in pack.functions.functions:
        where = f"functions.yaml ({f.key}, {f.level})"
        if f.level not in LEVELS:
            errors.append(FieldError(f"{where}.level", f"must be one of {', '.join(LEVELS)}"))
        if f.arrangement not in ARRANGEMENTS:
            errors.append(FieldError(f"{where}.arrangement", f"must be one of {', '.join(ARRANGEMENTS)}"))
        if unknown := sorted(set(f.tests) - tests):
            errors.append(FieldError(f"{where}.tests", f"unknown test(s) {', '.join(unknown)}"))
    errors += _principle_problems(pack)
    errors += _planning_problems(pack, orgs, bodies)
    errors += _citation_problems(session, pack)
    errors += _oversight_problems(session, pack)
    return errors


def _citation_problems(session: Session, pack: Pack) -> list[FieldError]:
    """An allocation cites principles that exist (in the pack or the database), once each, and only those stated by
    the time it comes into force."""
    in_force = {f"{s.key}-{p.number}": s.valid_from for s in pack.principles for p in s.principles}
    for key, start in session.execute(select(Principle.key, PrincipleSet.valid_from).join(Principle.principle_set)):
        in_force.setdefault(key, start)
    errors = []
    for f in pack.functions.functions:
        where = f"functions.yaml ({f.key}, {f.level}).principles"
        keys = [c.principle for c in f.principles]
        for key in sorted({k for k in keys if keys.count(k) > 1}):
            errors.append(FieldError(where, f"cites {key!r} twice"))
        for key in dict.fromkeys(keys):
            if key not in in_force:
                errors.append(FieldError(where, f"cites principle {key!r}, which is not in the data"))
            elif in_force[key] and f.valid_from and f.valid_from < in_force[key]:
                errors.append(FieldError(where, f"cites {key!r} from {f.valid_from.isoformat()}, before its set comes "
                                                f"into force on {in_force[key].isoformat()}"))
    return errors


def _oversight_problems(session: Session, pack: Pack) -> list[FieldError]:
    """Each line of oversight names a kind, a key used once, and governance bodies in force when it starts."""
    errors, keys = [], set()
    bodies = {b.key: b for b in session.scalars(select(GovernanceBody))} | {b.key: b for b in pack.governance}
    for line in pack.oversight:
        where = f"oversight.yaml ({line.key})"
        if line.key in keys:
            errors.append(FieldError(f"{where}.key", f"{line.key!r} is used twice"))
        keys.add(line.key)
        if line.kind not in OVERSIGHT_KINDS:
            errors.append(FieldError(f"{where}.kind", f"must be one of {', '.join(OVERSIGHT_KINDS)}"))
        if line.valid_from and line.valid_to and line.valid_to < line.valid_from:
            errors.append(FieldError(f"{where}.valid_to", "must be on or after valid_from"))
        for key in line.bodies:
            if key not in bodies:
                errors.append(FieldError(f"{where}.bodies", f"refers to governance body {key!r}, which is not in the data"))
            elif problem := _outside_force(line.valid_from, bodies[key], "runs through"):
                errors.append(FieldError(f"{where}.bodies", problem))
    return errors


def _principle_problems(pack: Pack) -> list[FieldError]:
    errors, keys = [], set()
    for s in pack.principles:
        where = f"principles.yaml ({s.key})"
        if s.key in keys:
            errors.append(FieldError(f"{where}.key", f"{s.key!r} is used twice"))
        keys.add(s.key)
        if s.kind not in PRINCIPLE_KINDS:
            errors.append(FieldError(f"{where}.kind", f"must be one of {', '.join(PRINCIPLE_KINDS)}"))
        if s.valid_from and s.valid_to and s.valid_to < s.valid_from:
            errors.append(FieldError(f"{where}.valid_to", "must be on or after valid_from"))
        numbers = [p.number for p in s.principles]
        for number in sorted({n for n in numbers if numbers.count(n) > 1}):
            errors.append(FieldError(f"{where}.principles", f"number {number!r} is used twice"))
    return errors


def _planning_problems(pack: Pack, orgs: set[str], bodies: set[str]) -> list[FieldError]:
    """Kinds and scales known, numbers unique within a kind, a parent that is in the framework, and every
    organisation and governance body an item names in the data."""
    errors, keys = [], set()
    for f in pack.planning:
        where = f"planning.yaml ({f.key})"
        if f.key in keys:
            errors.append(FieldError(f"{where}.key", f"{f.key!r} is used twice"))
        keys.add(f.key)
        if f.valid_from and f.valid_to and f.valid_to < f.valid_from:
            errors.append(FieldError(f"{where}.valid_to", "must be on or after valid_from"))
        numbers = [(i.kind, i.number) for i in f.items]
        for i, item in enumerate(f.items):
            at = f"{where}.items[{i + 1}]"
            if item.kind not in PLANNING_KINDS:
                errors.append(FieldError(f"{at}.kind", f"must be one of {', '.join(PLANNING_KINDS)}"))
            if numbers.count((item.kind, item.number)) > 1:
                errors.append(FieldError(f"{at}.number", f"{item.kind} {item.number!r} is used twice"))
            if item.scale and item.scale not in SCALES:
                errors.append(FieldError(f"{at}.scale", f"must be one of {', '.join(SCALES)}"))
            parent_kind = "level" if item.kind == "catchment" else item.kind
            if item.parent and (parent_kind, item.parent) not in numbers:
                errors.append(FieldError(f"{at}.parent", f"there is no {parent_kind} {item.parent!r} in the framework"))
            for code in item.organisations:
                if code not in orgs:
                    errors.append(FieldError(f"{at}.organisations",
                                             f"refers to organisation {code!r}, which is not in the data"))
            if item.body and item.body not in bodies:
                errors.append(FieldError(f"{at}.body", f"refers to governance body {item.body!r}, which is not in the data"))
    return errors
