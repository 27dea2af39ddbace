"""The rules of the plan: finding, creating, changing and removing plan records, link checks, derived RAG, lists with
filters, the milestone summary for dashboards and "items owned by" a person. Plain functions taking a session and an
Actor; they never commit (the caller owns the transaction).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, selectinload

from caresystem import clock
from caresystem.auth import Actor
from caresystem.db.references import next_reference
from caresystem.db.versioning import flush_or_conflict
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Completion, Found, OwnedItem, Programme, matches
from caresystem.programme.links import check_body, check_organisation, check_place
from caresystem.programme.plan import slippage
from caresystem.programme.plan.models import (Deliverable, Milestone, Objective, PlanDependency, PlanRole, Project,
                                              ResourceLine, SignOff, Workstream)
from caresystem.programme.plan.schemas import DELIVERABLE_KINDS, LEVELS, SIGN_OFF_STATUSES, STATUSES
from caresystem.programme.registers import (add_entry, changes_of, claim_reference, find_in_programmes, found_entry,
                                            live_entry, remove, require_edit, require_view, save_changes)
from caresystem.system.names import link_owner, people_called


@dataclass(frozen=True)
class Kind:
    type: str          # the item type in the dependency network and messages
    key: str           # URL segment
    model: type
    prefix: str        # new keys are PREFIX001, PREFIX002...


PROJECTS = Kind("project", "projects", Project, "P")
WORKSTREAMS = Kind("workstream", "workstreams", Workstream, "WS")
DELIVERABLES = Kind("deliverable", "deliverables", Deliverable, "DL")
MILESTONES = Kind("milestone", "milestones", Milestone, "MS")
RESOURCES = Kind("resource line", "resource-plan", ResourceLine, "RP")
SIGN_OFFS = Kind("sign-off", "sign-offs", SignOff, "SO")
KINDS = {k.key: k for k in (PROJECTS, WORKSTREAMS, DELIVERABLES, MILESTONES, RESOURCES, SIGN_OFFS)}
NETWORK_KINDS = {k.type: k for k in (MILESTONES, DELIVERABLES, PROJECTS)}
SCHEDULED = (MILESTONES, DELIVERABLES)
SORTS = ("due", "key", "title", "owner", "rag")
DONE = Completion(done_status="complete", date_field="actual_date", date_label="an actual date", statuses=STATUSES)


def rules_of(programme: Programme) -> slippage.SlipRules:
    return slippage.SlipRules.from_settings(programme.settings)


def label(kind: Kind, key: str) -> str:
    return f"{kind.type.capitalize()} {key}"


def get_record(session: Session, *, actor: Actor, programme: Programme, kind: Kind, key: str):
    require_view(actor)
    return live_entry(session, kind.model, programme, key, what=kind.type, column="key")


def next_key(session: Session, programme: Programme, kind: Kind) -> str:
    return next_reference(session, parent=programme, model=kind.model, prefix=kind.prefix, column="key")


class Linked(dict):
    """Live records by model and key, read once, for checking many records' links (an import)."""

    def __init__(self, session: Session, programme: Programme):
        super().__init__()
        self.session, self.programme = session, programme

    def of(self, model) -> dict:
        if model not in self:
            self[model] = {o.key: o for o in self.session.scalars(select(model).where(*_live(model, self.programme)))}
        return self[model]


def _by_keys(session: Session, programme: Programme, model, keys: list[str], field: str,
             errors: list[FieldError], linked: Linked | None = None) -> list:
    keys = list(dict.fromkeys(keys))
    if linked is not None:
        found = {k: o for k in keys if (o := linked.of(model).get(k)) is not None}
    else:
        found = {o.key: o for o in session.scalars(select(model).where(
            model.programme_id == programme.id, model.key.in_(keys), model.deleted_at.is_(None)))} if keys else {}
    missing = [k for k in keys if k not in found]
    if missing:
        errors.append(FieldError(field, f"there is no {model.__tablename__[:-1]} {', '.join(map(repr, missing))}"))
    return [found[k] for k in keys if k in found]


def _choice(values: dict, name: str, choices, errors: list[FieldError]) -> None:
    if values.get(name) is not None and values[name] not in choices:
        errors.append(FieldError(name, f"must be one of {', '.join(choices)}"))


def _system_references(session: Session, kind: Kind, values: dict) -> list[FieldError]:
    """Places, governance bodies and organisations a record names by code exist in the system model."""
    errors = []
    if kind in (PROJECTS, WORKSTREAMS):
        errors += check_body(session, values.get("governance_body"), "governance_body")
    if kind is PROJECTS:
        errors += check_place(session, values.get("place"))
    if kind is RESOURCES:
        errors += check_organisation(session, values.get("source_organisation"), "source_organisation")
    if kind is SIGN_OFFS:
        errors += check_organisation(session, values.get("organisation"))
    return errors


def _prepare(session: Session, programme: Programme, kind: Kind, values: dict,
             linked: Linked | None = None) -> list[FieldError]:
    """Check choices and turn keys of linked records into records, in place; returns every problem found."""
    errors: list[FieldError] = []
    for name in ("objectives", "levels", "projects", "workstreams"):
        if name in values and values[name] is None:
            values[name] = []
    errors += _system_references(session, kind, values)
    if kind is PROJECTS:
        _choice(values, "level", LEVELS, errors)
        if values.get("objectives"):
            _by_keys(session, programme, Objective, values["objectives"], "objectives", errors, linked)
    if kind is WORKSTREAMS:
        if bad := [lv for lv in values.get("levels") or [] if lv not in LEVELS]:
            errors.append(FieldError("levels", f"{', '.join(bad)} not one of {', '.join(LEVELS)}"))
    if kind in SCHEDULED:
        _choice(values, "status", STATUSES, errors)
        for name in ("title", "status"):
            if name in values and not values[name]:
                errors.append(FieldError(name, "is required"))
    if kind is DELIVERABLES:
        _choice(values, "kind", DELIVERABLE_KINDS, errors)
        if "workstream" in values:
            key = values["workstream"]
            values["workstream"] = key and next(iter(_by_keys(session, programme, Workstream, [key], "workstream",
                                                              errors, linked)), None)
    if kind is MILESTONES and values.get("workstreams") is not None:
        values["workstreams"] = _by_keys(session, programme, Workstream, values["workstreams"], "workstreams", errors,
                                           linked)
    if "projects" in values and kind in (MILESTONES, DELIVERABLES, RESOURCES):
        values["projects"] = _by_keys(session, programme, Project, values["projects"] or [], "projects", errors,
                                       linked)
    if kind is SIGN_OFFS:
        _choice(values, "status", SIGN_OFF_STATUSES, errors)
    return errors


def _owner(session: Session, kind: Kind, values: dict, current: str | None = None) -> list[FieldError]:
    """A milestone's or deliverable's owner is a person of the system model or free text (`names.link_owner`)."""
    return link_owner(session, values, current=current) if kind in SCHEDULED else []


def _completion(session: Session, kind: Kind, record_values: dict) -> list[FieldError]:
    """A milestone's or deliverable's status and actual date agree, and the date is not in the future; for an update
    `record_values` is the record as it will be (what it was, with the changes)."""
    return DONE.errors(record_values, clock.today(session)) if kind in SCHEDULED else []


def create_record(session: Session, *, actor: Actor, programme: Programme, kind: Kind, data, check=None):
    """Create from a Create schema; `check(values) -> errors` adds the kind's own rules (bands, sign-off dates)."""
    require_edit(actor)
    values = data.model_dump()
    wanted = values.pop("key")
    errors = _prepare(session, programme, kind, values) + _completion(session, kind, values) \
        + _owner(session, kind, values) + (check(values) if check else [])
    key = claim_reference(session, kind.model, programme, wanted, prefix=kind.prefix, what=kind.type, errors=errors,
                          column="key")
    if errors:
        raise Invalid(errors)
    return add_entry(session, kind.model(programme_id=programme.id, key=key, **values), label(kind, key))


def create_records(session: Session, *, actor: Actor, programme: Programme, kind: Kind,
                   data: list[tuple[str, object]]) -> list:
    """Create many records of one kind (a plan import) with `create_record`'s rules, linked records read once and
    one flush. `data` is (label, Create schema) pairs; every problem is raised together, named "label, field"."""
    require_edit(actor)
    linked, errors, records = Linked(session, programme), [], []
    taken = set(session.scalars(select(kind.model.key).where(kind.model.programme_id == programme.id)))
    for name, item in data:
        values = item.model_dump()
        key = values.pop("key") or next_key(session, programme, kind)
        problems = (_prepare(session, programme, kind, values, linked) + _completion(session, kind, values)
                    + _owner(session, kind, values))
        if key in taken:
            problems.append(FieldError("key", f"{kind.type} {key!r} already exists"))
        taken.add(key)
        errors += [FieldError(f"{name}, {e.field}", e.message) for e in problems]
        records.append(kind.model(programme_id=programme.id, key=key, **values))
    if errors:
        raise Invalid(errors)
    session.add_all(records)
    flush_or_conflict(session, f"{kind.type.capitalize()}s")
    return records


def update_record(session: Session, *, actor: Actor, programme: Programme, kind: Kind, key: str, data,
                  check=None):
    record = get_record(session, actor=actor, programme=programme, kind=kind, key=key)
    require_edit(actor)
    changes = changes_of(data)
    errors = _prepare(session, programme, kind, changes) + _owner(session, kind, changes, getattr(record, "owner", None))
    if kind in SCHEDULED:
        errors += _completion(session, kind, {"status": record.status, "actual_date": record.actual_date} | changes)
    if check:
        current = {name: getattr(record, name) for name in type(data).model_fields if hasattr(record, name)}
        errors += check(current | changes)
    if errors:
        raise Invalid(errors)
    save_changes(session, record, changes, version=data.version, label=label(kind, key))
    return record


def delete_record(session: Session, *, actor: Actor, programme: Programme, kind: Kind, key: str,
                  version: int) -> None:
    """Soft delete: the record leaves the plan but stays in the database and its audit trail; its dependency
    edges go, so the network only joins live items."""
    record = get_record(session, actor=actor, programme=programme, kind=kind, key=key)
    remove(session, record, actor=actor, version=version, label=label(kind, key))
    if kind.type in NETWORK_KINDS:
        for edge in session.scalars(select(PlanDependency).where(
                PlanDependency.programme_id == programme.id,
                or_((PlanDependency.predecessor_type == kind.type) & (PlanDependency.predecessor_id == record.id),
                    (PlanDependency.successor_type == kind.type) & (PlanDependency.successor_id == record.id)))):
            session.delete(edge)
    flush_or_conflict(session, label(kind, key))


def _live(model, programme: Programme) -> list:
    return [model.programme_id == programme.id, model.deleted_at.is_(None)]


def list_records(session: Session, *, actor: Actor, programme: Programme, kind: Kind, q: str | None = None,
                 offset: int = 0, limit: int = 50) -> tuple[list, int]:
    """Projects, workstreams, resource lines and sign-offs, in key order (the files' order for loaded data)."""
    require_view(actor)
    model = kind.model
    conditions = _live(model, programme)
    if q:
        text = model.name if hasattr(model, "name") else (model.role if hasattr(model, "role") else
                                                           model.organisation_name)
        conditions.append(or_(func.lower(text).like(f"%{q.strip().lower()}%"), model.key == q.strip()))
    total = session.scalar(select(func.count()).select_from(model).where(*conditions))
    return list(session.scalars(select(model).where(*conditions).order_by(model.id).offset(offset).limit(limit))), total


def choices(session: Session, *, actor: Actor, programme: Programme, kind: Kind) -> list:
    """Every live project or workstream as (key, name) rows in `list_records`' order, for a form's or filter's
    choices: one query, no count, no whole records."""
    require_view(actor)
    model = kind.model
    return list(session.execute(select(model.key, model.name).where(*_live(model, programme)).order_by(model.id)))


def objectives(session: Session, *, actor: Actor, programme: Programme) -> list[tuple[Objective, list[str]]]:
    """PID 2.5 objectives in order, each with the keys of the projects delivering it."""
    require_view(actor)
    projects = session.scalars(select(Project).where(*_live(Project, programme)).order_by(Project.id)).all()
    found = session.scalars(select(Objective).where(*_live(Objective, programme)).order_by(Objective.id))
    return [(o, [p.key for p in projects if o.key in (p.objectives or [])]) for o in found]


def objective_and_project_names(session: Session, programme: Programme, *, objectives=(),
                                projects=()) -> dict[str, dict[str, str]]:
    """What the programme calls the given objective and project keys (an objective by its text, as the plan page
    lists it), one query per kind that has any; {"objectives": {key: name}, "projects": {key: name}}."""
    found: dict[str, dict[str, str]] = {"objectives": {}, "projects": {}}
    for kind, model, name, keys in (("objectives", Objective, Objective.text, objectives),
                                    ("projects", Project, Project.name, projects)):
        wanted = sorted({k for k in keys if k})
        if wanted:
            rows = session.execute(select(model.key, name).where(*_live(model, programme), model.key.in_(wanted)))
            found[kind] = {key: text[:1].upper() + text[1:] for key, text in rows}
    return found


def roles(session: Session, *, actor: Actor, programme: Programme) -> list[PlanRole]:
    require_view(actor)
    return list(session.scalars(select(PlanRole).where(*_live(PlanRole, programme)).order_by(PlanRole.id)))


def deliverable_counts(session: Session, programme: Programme) -> dict[int, int]:
    rows = session.execute(select(Deliverable.workstream_id, func.count()).where(*_live(Deliverable, programme))
                           .group_by(Deliverable.workstream_id))
    return {ws: n for ws, n in rows if ws is not None}


# Deliverables and milestones: derived RAG, filtered lists, the summary

def assess(item, rules: slippage.SlipRules, today: date | None = None) -> slippage.Rag:
    return slippage.assess(status=item.status, baseline=item.baseline_date, forecast=item.forecast_date,
                           actual=item.actual_date, today=today or clock.today_of(item), rules=rules)


def _due_order(model):
    return model.due_date.asc().nulls_last()


def rag_expression(model, rules: slippage.SlipRules, today: date):
    """`slippage.assess` as one SQL CASE over the stored due date and slip, so lists filter, count and sort by RAG
    in the database. Same rules in the same order; a test checks the two agree on both backends."""
    return case(
        (model.status == "cancelled", "cancelled"), (model.actual_date.is_not(None), "complete"),
        (model.status == "complete", "complete"), (model.due_date.is_(None), "no_date"),
        (model.due_date < today, "red"), (model.slip_days > rules.red_after_days, "red"),
        (model.slip_days > rules.amber_after_days, "amber"), else_="green")


def _severity(rag_sql):
    return case(*[(rag_sql == r, -s) for r, s in slippage.SEVERITY.items()], else_=0)


def list_scheduled(session: Session, *, actor: Actor, programme: Programme, kind: Kind,
                   status: str | None = None,
                   rag: str | None = None, project: str | None = None, workstream: str | None = None,
                   owner: str | None = None, q: str | None = None, sort: str = "due", offset: int = 0,
                   limit: int = 50, today: date | None = None,
                   links: bool = True) -> tuple[list[tuple[object, slippage.Rag]], int]:
    """One page of deliverables or milestones with their RAG (filtered, counted and sorted in SQL). With
    `links=False` each item is a row of the columns a list shows (`LISTED`), not the record with its projects and
    workstreams: a page of the list reads no link table and no column it does not draw."""
    require_view(actor)
    model, rules, today = kind.model, rules_of(programme), today or clock.today(session)
    rag_sql = rag_expression(model, rules, today)
    conditions = _live(model, programme)
    if status:
        conditions.append(model.status == _valid("status", status, STATUSES))
    if rag:
        conditions.append(rag_sql == _valid("rag", rag, slippage.RAGS))
    if project:
        conditions.append(model.projects.any(Project.key == project))
    if workstream:
        link = model.workstreams.any if kind is MILESTONES else model.workstream.has
        conditions.append(link(Workstream.key == workstream))
    if owner:
        conditions.append(func.lower(model.owner).like(f"%{owner.strip().lower()}%"))
    if q:
        conditions.append(or_(func.lower(model.title).like(f"%{q.strip().lower()}%"), model.key == q.strip()))
    order = {"due": (_due_order(model), model.key), "key": (model.key,), "title": (model.title, model.key),
             "owner": (model.owner.asc().nulls_last(), model.key),
             "rag": (_severity(rag_sql), _due_order(model), model.key)}
    if sort not in order:
        raise Invalid.one("sort", f"must be one of {', '.join(SORTS)}")
    # the page and the count of every match in one statement: the count is a subquery the database runs once (a
    # window over the matches would carry every matching row, whole, into the sort); the links of the page's rows
    # in one query per link table, never per row
    matching = select(func.count()).select_from(model).where(*conditions).correlate(None).scalar_subquery()
    page = select(model, matching.label("total")) if links else select(*_listed(model), matching.label("total"))
    if links:
        page = page.options(selectinload(model.projects),
                            *([selectinload(model.workstreams)] if kind is MILESTONES else []))
    rows = session.execute(page.where(*conditions).order_by(*order[sort]).offset(offset).limit(limit)).all()
    if rows:
        total = rows[0].total
    else:  # past the last page (or nothing matches): count on its own
        total = session.scalar(select(func.count()).select_from(model).where(*conditions)) if offset else 0
    items = [row[0] for row in rows] if links else rows
    return [(item, assess(item, rules, today)) for item in items], total


LISTED = ("key", "title", "owner", "status", "baseline_date", "forecast_date", "actual_date")


def _listed(model) -> list:
    return [getattr(model, name) for name in LISTED]


def _valid(name: str, value: str, choices) -> str:
    if value not in choices:
        raise Invalid.one(name, f"must be one of {', '.join(choices)}")
    return value


@dataclass(frozen=True)
class TimelineRow:
    type: str
    key: str
    title: str
    owner: str | None
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None
    due_date: date | None
    rag: str
    rag_reason: str


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]      # every RAG, zero included, in severity order
    total: int
    timeline: list[TimelineRow]  # in due-date order (undated last)
    rules: list[str]


def milestone_summary(session: Session, programme: Programme, *, today: date | None = None,
                      limit: int | None = None, kind: Kind = MILESTONES) -> Summary:
    """RAG counts and the timeline rows of a programme's milestones, for the programme dashboard.

    Reads only; the caller checks the viewer may see the plan. `limit` caps the timeline rows, not the counts.
    """
    model, rules, today = kind.model, rules_of(programme), today or clock.today(session)
    rag_sql = rag_expression(model, rules, today)
    found = {rag: n for rag, n in session.execute(select(rag_sql, func.count()).where(*_live(model, programme))
                                                  .group_by(rag_sql))}
    counts = {r: found.get(r, 0) for r in sorted(slippage.RAGS, key=lambda r: -slippage.SEVERITY[r])}
    timeline = []
    if limit is None or limit > 0:
        query = select(model.key, model.title, model.owner, model.status, model.baseline_date, model.forecast_date,
                       model.actual_date).where(*_live(model, programme)).order_by(_due_order(model), model.key)
        for row in session.execute(query.limit(limit)):
            rag = slippage.assess(status=row.status, baseline=row.baseline_date, forecast=row.forecast_date,
                                  actual=row.actual_date, today=today, rules=rules)
            timeline.append(TimelineRow(kind.type, row.key, row.title, row.owner, row.baseline_date,
                                        row.forecast_date, row.actual_date,
                                        slippage.due_date(row.baseline_date, row.forecast_date), rag.rag, rag.reason))
    return Summary(counts=counts, total=sum(counts.values()), timeline=timeline, rules=rules.describe())


def search_scheduled(session: Session, *, actor: Actor, kind: Kind, wanted: str, offset: int = 0,
                     limit: int = 10) -> tuple[list[Found], int]:
    """Milestones (or deliverables) in every programme whose key, title, owner or notes contain `wanted`."""
    require_view(actor)
    model = kind.model
    texts = ("owner", "notes")
    rows, total = find_in_programmes(session, model=model, columns=[model.key, model.title, model.owner, model.notes],
                                     wanted=wanted, key=model.key, offset=offset, limit=limit)
    return [found_entry(kind.type, item.key, item.title, f"/programme/{kind.key}/{item.key}", p,
                        [getattr(item, t) for t in texts], wanted) for item, p in rows], total


def items_owned_by(session: Session, name: str, *, today: date | None = None) -> list[OwnedItem]:
    """Plan items a person owns or leads, across programmes: deliverables and milestones they own (with RAG),
    projects where they hold a key role and workstreams they lead. People are text, so the name is matched
    case-insensitively within the owner and role fields, which often carry a title too ("Dr ...", "..., CCG"); a
    deliverable or milestone linked to the person in the system model the name is is theirs too."""
    people = people_called(session, name)
    name = matches(name)
    if len(name) < 2:
        return []
    pattern, today = f"%{name}%", today or clock.today(session)
    found: list[OwnedItem] = []
    programmes = {p.id: p for p in session.scalars(select(Programme))}
    rules = {p.id: rules_of(p) for p in programmes.values()}
    for kind in SCHEDULED:
        model = kind.model
        mine = or_(func.lower(model.owner).like(pattern), model.owner_person.in_(people))
        for item in session.scalars(select(model).where(model.deleted_at.is_(None), mine)):
            programme = programmes[item.programme_id]
            rag = assess(item, rules[programme.id], today)
            found.append(OwnedItem(kind.type, item.key, item.title, f"/programme/{kind.key}/{item.key}",
                                   programme.key, due=slippage.due_date(item.baseline_date, item.forecast_date),
                                   status=item.status, rag=rag.rag, overdue=rag.overdue))
    roles_of = {"senior_sponsor": "senior sponsor", "project_lead_director": "project lead director",
                "icp_gp_lead": "ICP GP lead", "non_executive_lead": "non-executive lead"}
    for project in session.scalars(select(Project).where(Project.deleted_at.is_(None), or_(
            *[func.lower(getattr(Project, f)).like(pattern) for f in roles_of]))):
        held = [r for f, r in roles_of.items() if name in (getattr(project, f) or "").lower()]
        found.append(OwnedItem("project", project.key, project.name, "/programme/plan#projects",
                               programmes[project.programme_id].key, role=", ".join(held)))
    for stream in session.scalars(select(Workstream).where(Workstream.deleted_at.is_(None),
                                                           func.lower(Workstream.lead).like(pattern))):
        found.append(OwnedItem("workstream", stream.key, stream.name, "/programme/plan#workstreams",
                               programmes[stream.programme_id].key, role="workstream lead"))
    return sorted(found, key=lambda i: (i.due is None, i.due or date.max, i.kind, i.reference))
