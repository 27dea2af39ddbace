"""A plan import's preview (or result) as the API returns it."""

from datetime import date

from pydantic import BaseModel, Field

from caresystem.programme.plan.interchange.preview import Preview


class Change(BaseModel):
    old: str | int | date | list[str] | None = Field(alias="from")
    new: str | int | date | list[str] | None = Field(alias="to")


class ItemRead(BaseModel):
    task: str = Field(description="the task's ID in the file")
    kind: str
    key: str
    action: str = Field(description="created, updated or unchanged")
    changes: dict[str, Change] = {}


class LinkRead(BaseModel):
    action: str = Field(description="created, updated, unchanged or removed")
    predecessor: str
    successor: str
    link_type: str
    lag_days: int


class Problem(BaseModel):
    field: str = Field(description="task ID (or row) and field")
    message: str


class ImportRead(BaseModel):
    format: str
    applied: bool = Field(description="false for a dry run: nothing was written")
    counts: dict[str, dict[str, int]]
    items: list[ItemRead]
    dependencies: list[LinkRead]
    problems: list[Problem] = Field(description="what stops the import; an import with problems writes nothing")
    warnings: list[Problem]
    unmatched_owners: list[str] = Field(description="owners named in the file who match no person in the system")


def read_preview(found: Preview, applied: bool) -> ImportRead:
    return ImportRead(
        format=found.format, applied=applied, counts=found.counts(),
        items=[ItemRead(task=i.task, kind=i.kind, key=i.key, action=i.action,
                        changes={n: Change(**{"from": old, "to": new}) for n, (old, new) in i.changes.items()})
               for i in found.items],
        dependencies=[LinkRead(action=k.action, predecessor=" ".join(k.predecessor), successor=" ".join(k.successor),
                               link_type=k.link_type, lag_days=k.lag_days) for k in found.links],
        problems=[Problem(field=e.field, message=e.message) for e in found.errors],
        warnings=[Problem(field=e.field, message=e.message) for e in found.warnings],
        unmatched_owners=found.unmatched_owners)
