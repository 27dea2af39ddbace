"""The plan's dependency network: adding edges (refusing any that would close a cycle), listing them, and "what
moves if this slips" along them. The pure graph rules are in `network.py`."""

from collections import defaultdict
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.db.versioning import check_version, flush_or_conflict
from caresystem.errors import Invalid, NotFound
from caresystem.programme.core import Programme
from caresystem.programme.plan import network
from caresystem.programme.plan.models import PlanDependency, Project
from caresystem.programme.plan.schemas import LINK_TYPES, DependencyCreate, ItemRef, MovedRead, WhatMoves
from caresystem.programme.plan.service import NETWORK_KINDS, get_record, require_view

MAX_SLIP_DAYS = 3650


class Items:
    """Live items of the network in a programme, by (type, id): key, title, due date, and whether each is fixed
    (complete or cancelled). Only `nodes` when given, so a page about one item does not read the whole plan."""

    def __init__(self, session: Session, programme: Programme, nodes: set[network.Node] | None = None):
        self.by_node: dict[network.Node, ItemRef] = {}
        self.fixed: set[network.Node] = set()
        for kind in NETWORK_KINDS.values():
            model = kind.model
            ids = None if nodes is None else [i for t, i in nodes if t == kind.type]
            if ids == []:
                continue
            columns = [model.id, model.key, model.name if model is Project else model.title]
            if model is not Project:
                columns += [model.due_date, model.actual_date, model.status]
            query = select(*columns).where(model.programme_id == programme.id, model.deleted_at.is_(None))
            for row in session.execute(query if ids is None else query.where(model.id.in_(ids))):
                due = None if model is Project else row.due_date
                self.by_node[(kind.type, row.id)] = ItemRef(type=kind.type, key=row.key, title=row[2], due_date=due)
                if model is not Project and (row.actual_date or row.status in ("complete", "cancelled")):
                    self.fixed.add((kind.type, row.id))

    def name(self, node: network.Node) -> str:
        ref = self.by_node[node]
        return f"{ref.type} {ref.key}"


def edges_of(session: Session, programme: Programme, node: network.Node | None = None) -> list[PlanDependency]:
    """The programme's edges in order; with `node`, only those starting or ending at it (chosen in SQL)."""
    query = select(PlanDependency).where(PlanDependency.programme_id == programme.id)
    if node is not None:
        item_type, item_id = node
        query = query.where(or_(
            (PlanDependency.predecessor_type == item_type) & (PlanDependency.predecessor_id == item_id),
            (PlanDependency.successor_type == item_type) & (PlanDependency.successor_id == item_id)))
    return list(session.scalars(query.order_by(PlanDependency.id)))


def _node(edge: PlanDependency, end: str) -> network.Node:
    return getattr(edge, f"{end}_type"), getattr(edge, f"{end}_id")


def add_dependency(session: Session, *, actor: Actor, programme: Programme, data: DependencyCreate) -> PlanDependency:
    """The successor depends on the predecessor. Refused (naming the cycle) if the successor already leads,
    through the network, back to the predecessor."""
    return add_dependencies(session, actor=actor, programme=programme, data=[data])[0]


def _live_ids(session: Session, programme: Programme, wanted: list[DependencyCreate]) -> dict[tuple[str, str], int]:
    keys: dict[str, set[str]] = defaultdict(set)
    for d in wanted:
        keys[d.predecessor_type].add(d.predecessor)
        keys[d.successor_type].add(d.successor)
    found = {}
    for item_type, wanted_keys in keys.items():
        model = NETWORK_KINDS[item_type].model
        for row in session.execute(select(model.id, model.key).where(
                model.programme_id == programme.id, model.key.in_(wanted_keys), model.deleted_at.is_(None))):
            found[(item_type, row.key)] = row.id
    return found


def add_dependencies(session: Session, *, actor: Actor, programme: Programme,
                     data: list[DependencyCreate]) -> list[PlanDependency]:
    """Edges added one after another as `add_dependency` adds one (each refused if it repeats an edge or closes a
    cycle with those before it), reading the network once, so a plan import of thousands of links stays quick."""
    require(actor, Permission.EDIT_PROGRAMME)
    ids = _live_ids(session, programme, data)
    successors: dict[network.Node, list[network.Node]] = defaultdict(list)
    for e in edges_of(session, programme):
        successors[_node(e, "predecessor")].append(_node(e, "successor"))
    added = []
    for d in data:
        pred_node = _resolved(ids, d.predecessor_type, d.predecessor, "predecessor")
        succ_node = _resolved(ids, d.successor_type, d.successor, "successor")
        if succ_node in successors[pred_node]:
            raise Invalid.one("successor", f"{d.successor_type} {d.successor} already depends on "
                                           f"{d.predecessor_type} {d.predecessor}")
        cycle = network.cycle_if_added(successors, pred_node, succ_node)
        if cycle is not None:
            items = Items(session, programme, set(cycle))
            if len(cycle) == 2 and cycle[0] == cycle[1]:
                raise Invalid.one("successor", "an item cannot depend on itself")
            raise Invalid.one("successor", "would make a cycle: " + " → ".join(items.name(n) for n in cycle))
        successors[pred_node].append(succ_node)
        edge = PlanDependency(programme_id=programme.id, predecessor_type=d.predecessor_type,
                              predecessor_id=pred_node[1], successor_type=d.successor_type, successor_id=succ_node[1],
                              lag_days=d.lag_days, link_type=d.link_type, note=d.note)
        session.add(edge)
        added.append(edge)
    flush_or_conflict(session, "Dependency")
    return added


def _resolved(ids: dict[tuple[str, str], int], item_type: str, key: str, field: str) -> network.Node:
    if (item_type, key) not in ids:
        raise Invalid.one(field, f"there is no {item_type} {key!r}")
    return item_type, ids[(item_type, key)]


def list_dependencies(session: Session, *, actor: Actor, programme: Programme, item_type: str | None = None,
                      key: str | None = None) -> list[tuple[PlanDependency, ItemRef, ItemRef]]:
    """Every edge (or those touching one item), with both ends named."""
    require_view(actor)
    node = None
    if key:
        item_type = item_type or "milestone"
        if item_type not in NETWORK_KINDS:
            raise Invalid.one("item_type", f"must be one of {', '.join(NETWORK_KINDS)}")
        node = item_type, get_record(session, actor=actor, programme=programme, kind=NETWORK_KINDS[item_type],
                                     key=key).id
    edges = edges_of(session, programme, node)
    items = Items(session, programme, {n for e in edges for n in (_node(e, "predecessor"), _node(e, "successor"))})
    found = []
    for edge in edges:
        pred, succ = items.by_node.get(_node(edge, "predecessor")), items.by_node.get(_node(edge, "successor"))
        if pred is not None and succ is not None:
            found.append((edge, pred, succ))
    return found


def remove_dependency(session: Session, *, actor: Actor, programme: Programme, dependency_id: int,
                      version: int) -> None:
    require(actor, Permission.EDIT_PROGRAMME)
    edge = session.get(PlanDependency, dependency_id)
    if edge is None or edge.programme_id != programme.id:
        raise NotFound(f"No dependency {dependency_id} in {programme.name}.")
    check_version(edge, version, f"Dependency {dependency_id}")
    session.delete(edge)
    flush_or_conflict(session, f"Dependency {dependency_id}")


def change_dependency(session: Session, *, actor: Actor, programme: Programme, dependency_id: int, version: int,
                      lag_days: int, link_type: str) -> PlanDependency:
    """A new lag or link type on an edge; its ends stay (so no cycle can appear)."""
    require(actor, Permission.EDIT_PROGRAMME)
    edge = session.get(PlanDependency, dependency_id)
    if edge is None or edge.programme_id != programme.id:
        raise NotFound(f"No dependency {dependency_id} in {programme.name}.")
    check_version(edge, version, f"Dependency {dependency_id}")
    if not 0 <= lag_days <= MAX_SLIP_DAYS:
        raise Invalid.one("lag_days", f"must be a whole number of days from 0 to {MAX_SLIP_DAYS}")
    if link_type not in LINK_TYPES:
        raise Invalid.one("link_type", f"must be one of {', '.join(LINK_TYPES)}")
    edge.lag_days, edge.link_type = lag_days, link_type
    flush_or_conflict(session, f"Dependency {dependency_id}")
    return edge


def _downstream(edges: list, start: network.Node) -> set[network.Node]:
    successors = defaultdict(list)
    for pred, succ, _ in edges:
        successors[pred].append(succ)
    seen, stack = set(), [start]
    while stack:
        for succ in successors[stack.pop()]:
            if succ not in seen:
                seen.add(succ)
                stack.append(succ)
    return seen


def what_moves(session: Session, *, actor: Actor, programme: Programme, item_type: str, key: str,
               days: int) -> WhatMoves:
    """If this item slips `days` days: every downstream item and its new forecast (longest path, slack absorbed)."""
    if not 0 <= days <= MAX_SLIP_DAYS:
        raise Invalid.one("days", f"must be a whole number of days from 0 to {MAX_SLIP_DAYS}")
    record = get_record(session, actor=actor, programme=programme, kind=NETWORK_KINDS[item_type], key=key)
    start = (item_type, record.id)
    edges = [(_node(e, "predecessor"), _node(e, "successor"), e.lag_days) for e in edges_of(session, programme)]
    items = Items(session, programme, {start} | _downstream(edges, start))
    edges = [e for e in edges if e[0] in items.by_node and e[1] in items.by_node]
    dates = {node: ref.due_date for node, ref in items.by_node.items()}
    moved = network.propagate(edges, dates, start, days, frozenset(items.fixed))
    moves = [MovedRead(item=items.by_node[m.node], current_due=dates[m.node], new_forecast=m.new_date,
                       moved_by_days=m.shift_days, via=[items.name(n) for n in m.via]) for m in moved]
    own = items.by_node[start]
    pushed = [m for m in moves if m.moved_by_days > 0]
    summary = (f"If {own.type} {own.key} slips {days} day{'s' * (days != 1)}, {len(pushed)} of {len(moves)} "
               f"downstream item{'s' * (len(moves) != 1)} {'moves' if len(pushed) == 1 else 'move'}"
               + (f", the furthest by {max(m.moved_by_days for m in pushed)} days." if pushed else
                  ": the slack before them absorbs the slip."))
    if not moves:
        summary = f"Nothing depends on {own.type} {own.key}, so nothing else moves if it slips."
    return WhatMoves(item=own, days=days, moves=moves, summary=summary,
                     new_forecast=own.due_date + timedelta(days=days) if own.due_date else None)
