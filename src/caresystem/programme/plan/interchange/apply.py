"""Applying a preview through the plan's own services, so every record is validated, versioned and audited (and a
milestone's forecast change shows in its history with the slippage) exactly as an edit on a page would be.

All or nothing: the caller owns the transaction, and any problem raises Invalid after every item has been tried, so
the caller rolls back and nothing is half-imported.
"""

from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme
from caresystem.programme.plan import dependencies, service
from caresystem.programme.plan.interchange.existing import KINDS, ORDER
from caresystem.programme.plan.interchange.mapping import problem
from caresystem.programme.plan.interchange.preview import CREATE, UPDATE, Planned, Preview
from caresystem.programme.plan.schemas import DependencyCreate


def _create(session: Session, actor: Actor, programme: Programme, kind: str, items: list[Planned]) -> None:
    data = [(f"task {i.task}", CREATE[kind](**i.values, key=i.key, external_id=i.external_id)) for i in items]
    if data:
        service.create_records(session, actor=actor, programme=programme, kind=KINDS[kind], data=data)


def _update(session: Session, actor: Actor, programme: Programme, item: Planned) -> None:
    data = UPDATE[item.kind](version=item.version, **{n: new for n, (_, new) in item.changes.items()})
    service.update_record(session, actor=actor, programme=programme, kind=KINDS[item.kind], key=item.key, data=data)


def _save_links(session: Session, actor: Actor, programme: Programme, preview: Preview) -> None:
    for link in preview.links:
        if link.action == "removed":
            dependencies.remove_dependency(session, actor=actor, programme=programme,
                                           dependency_id=link.dependency_id, version=link.version)
        elif link.action == "updated":
            dependencies.change_dependency(session, actor=actor, programme=programme,
                                           dependency_id=link.dependency_id, version=link.version,
                                           lag_days=link.lag_days, link_type=link.link_type)
    new = [DependencyCreate(predecessor_type=k.predecessor[0], predecessor=k.predecessor[1],
                            successor_type=k.successor[0], successor=k.successor[1], lag_days=k.lag_days,
                            link_type=k.link_type) for k in preview.links if k.action == "created"]
    if new:
        dependencies.add_dependencies(session, actor=actor, programme=programme, data=new)


def apply(session: Session, *, actor: Actor, programme: Programme, preview: Preview) -> dict[str, dict[str, int]]:
    """Write what the preview shows; returns its counts. Raises Invalid (nothing to keep) on any problem."""
    require(actor, Permission.EDIT_PROGRAMME)
    if preview.errors:
        raise Invalid(preview.errors)
    errors: list[FieldError] = []
    for kind in ORDER:
        try:
            _create(session, actor, programme, kind, [i for i in preview.items if i.kind == kind and
                                                      i.action == "created"])
        except Invalid as exc:
            errors += exc.errors
        for item in (i for i in preview.items if i.kind == kind and i.action == "updated"):
            try:
                _update(session, actor, programme, item)
            except Invalid as exc:
                errors += [problem(item.task, e.field, e.message) for e in exc.errors]
    if errors:
        raise Invalid(errors)
    _save_links(session, actor, programme, preview)
    return preview.counts()
