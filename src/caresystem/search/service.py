"""One query over organisations, governance bodies, functions and every programme register (risks, the RAID logs,
milestones, deliverables, benefits). Each kind is found by its own service, which applies its own permissions and
leaves out deleted entries; a kind the person may not read is left out of the results rather than refused."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.db.search import MIN_LENGTH, needle, snippet
from caresystem.errors import Forbidden, Invalid, Unauthorized
from caresystem.programme import benefits, plan, raid, registers
from caresystem.programme.core import Found
from caresystem.system import functions, governance, organisations

PER_KIND = 10  # results each kind shows in the overview; "more" pages through one kind

Finder = Callable[..., tuple[list[Found], int]]  # (session, actor, wanted, as_at, offset, limit)


@dataclass(frozen=True)
class Kind:
    key: str    # the `kind` a query narrows to, as in /search?kind=risks
    label: str
    find: Finder


@dataclass(frozen=True)
class Group:
    kind: Kind
    found: list[Found]
    total: int
    offset: int

    @property
    def more(self) -> bool:
        return self.offset + len(self.found) < self.total


def _organisations(session, actor, wanted, as_at, offset, limit):
    found, total, _ = organisations.list_organisations(session, actor=actor, as_at=as_at, q=wanted, offset=offset,
                                                       limit=limit)
    return [Found("organisation", o.code, o.name, f"/organisations/{o.code}") for o in found], total


def _bodies(session, actor, wanted, as_at, offset, limit):
    found = governance.list_bodies(session, actor=actor, as_at=as_at, q=wanted)
    return [Found("governance body", b.key, b.name, f"/governance/{b.key}", snippet=snippet([b.purpose], wanted))
            for b in found[offset:offset + limit]], len(found)


def _functions(session, actor, wanted, as_at, offset, limit):
    found = functions.list_functions(session, actor=actor, q=wanted)
    return [Found("function", f.key, f.name, f"/functions/{f.key}", snippet=snippet([f.description], wanted))
            for f in found[offset:offset + limit]], len(found)


def _risks(session, actor, wanted, as_at, offset, limit):
    return raid.search_risks(session, actor=actor, wanted=wanted, offset=offset, limit=limit)


def _log(register) -> Finder:
    def find(session, actor, wanted, as_at, offset, limit):
        return registers.search_entries(session, actor=actor, register=register, wanted=wanted, offset=offset,
                                        limit=limit)
    return find


def _scheduled(kind) -> Finder:
    def find(session, actor, wanted, as_at, offset, limit):
        return plan.search_scheduled(session, actor=actor, kind=kind, wanted=wanted, offset=offset, limit=limit)
    return find


def _benefits(session, actor, wanted, as_at, offset, limit):
    return benefits.search_benefits(session, actor=actor, wanted=wanted, offset=offset, limit=limit)


KINDS = {k.key: k for k in [
    Kind("organisations", "Organisations", _organisations),
    Kind("governance-bodies", "Governance bodies", _bodies),
    Kind("functions", "Functions", _functions),
    Kind("risks", "Risks", _risks),
    *(Kind(r.key, r.title, _log(r)) for r in raid.REGISTERS.values()),
    Kind("milestones", "Milestones", _scheduled(plan.MILESTONES)),
    Kind("deliverables", "Deliverables", _scheduled(plan.DELIVERABLES)),
    Kind("benefits", "Benefits", _benefits),
]}


def search(session: Session, *, actor: Actor, q: str, as_at: date, kind: str | None = None, offset: int = 0,
           limit: int = PER_KIND) -> list[Group]:
    """The kinds with entries matching `q` (case-insensitive, anywhere in their text), each capped at `limit` from
    `offset` with its full count; `kind` narrows the search to one of them."""
    wanted = needle(q)
    if not wanted:
        raise Invalid.one("q", f"must be at least {MIN_LENGTH} characters")
    if kind is not None and kind not in KINDS:
        raise Invalid.one("kind", f"must be one of {', '.join(KINDS)}")
    groups = []
    for each in [KINDS[kind]] if kind else KINDS.values():
        try:
            found, total = each.find(session, actor, wanted, as_at, offset, limit)
        except (Unauthorized, Forbidden):
            continue
        if total:
            groups.append(Group(each, found, total, offset))
    return groups
