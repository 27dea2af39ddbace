"""The agenda: standing items, the secretary's items, and items pulled in by rule (sources.py) that the secretary
accepts or removes, a removal keeping its reason."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.db.versioning import check_version, flush_or_conflict
from caresystem.errors import Invalid, NotFound
from caresystem.meetings import service
from caresystem.meetings.models import AgendaItem, Meeting, MinutedAction
from caresystem.meetings.schemas import PURPOSES, ItemCreate
from caresystem.meetings.sources import SOURCES, Window
from caresystem.programme.raid import Action

STANDING = [  # (source, title, purpose, position)
    ("welcome", "Welcome and apologies", "information", 10),
    ("declarations", "Declarations of interest", "information", 20),
    ("last_minutes", "Minutes of the last meeting", "decision", 30),
    ("action_log", "Action log", "assurance", 40),
]
FIRST_BUSINESS = 100


def open_actions(session: Session, body_key: str) -> list[Action]:
    """The body's open actions: they roll onto every agenda until done."""
    return list(session.scalars(select(Action).join(MinutedAction, MinutedAction.action_id == Action.id)
                                .where(MinutedAction.body_key == body_key, Action.deleted_at.is_(None),
                                       Action.status == "open").order_by(Action.due_date, Action.reference)))


def _next_position(meeting: Meeting) -> int:
    return max([FIRST_BUSINESS - 1] + [i.position for i in meeting.items]) + 1


def _ensure_standing(meeting: Meeting) -> None:
    have = {i.source for i in meeting.items if i.kind == "standing"}
    for source, title, purpose, position in STANDING:
        if source not in have:
            meeting.items.append(AgendaItem(position=position, title=title, kind="standing", purpose=purpose,
                                            source=source, source_ref="standing", state="accepted"))


def build(session: Session, *, actor: Actor, meeting_id: int) -> list[AgendaItem]:
    """Standing items, then each rule's findings as proposed items; what is already there (accepted or removed,
    with its reason) is left as it is, so building again only adds what is new."""
    service.require_edit(actor)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    _ensure_standing(meeting)
    previous = service.previous_meeting(session, meeting)
    window = Window(meeting.body_key, service.meeting_date(previous) if previous else None,
                    service.meeting_date(meeting))
    have = {(i.source, i.source_ref) for i in meeting.items}
    for name, src in SOURCES.items():
        for found in src.find(session, window):
            if (name, found.source_ref) in have:
                continue
            meeting.items.append(AgendaItem(position=_next_position(meeting), title=found.title, kind="rule",
                                            purpose=found.purpose, presenter=found.presenter, source=name,
                                            source_ref=found.source_ref, why=f"{src.label}: {found.why}",
                                            state="proposed"))
            have.add((name, found.source_ref))
    flush_or_conflict(session, f"The agenda of {meeting.title}")
    return meeting.items


def add_item(session: Session, *, actor: Actor, meeting_id: int, data: ItemCreate) -> AgendaItem:
    service.require_edit(actor)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    if data.purpose not in PURPOSES:
        raise Invalid.one("purpose", f"must be one of {', '.join(PURPOSES)}")
    count = session.scalar(select(func.count()).select_from(AgendaItem).where(AgendaItem.meeting_id == meeting.id,
                                                                              AgendaItem.kind == "item"))
    item = AgendaItem(position=_next_position(meeting), kind="item", source="secretary", source_ref=str(count + 1),
                      state="accepted", **data.model_dump())
    meeting.items.append(item)
    flush_or_conflict(session, f"The agenda of {meeting.title}")
    return item


def get_item(session: Session, *, actor: Actor, meeting_id: int, item_id: int) -> AgendaItem:
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    item = next((i for i in meeting.items if i.id == item_id), None)
    if item is None:
        raise NotFound(f"No item {item_id} on the agenda of meeting {meeting_id}.")
    return item


def decide(session: Session, *, actor: Actor, meeting_id: int, item_id: int, version: int, accept: bool,
           reason: str | None) -> AgendaItem:
    """Accept an item onto the agenda, or remove it; a removal needs a reason, which is kept."""
    service.require_edit(actor)
    item = get_item(session, actor=actor, meeting_id=meeting_id, item_id=item_id)
    check_version(item, version, f"Agenda item {item.title}")
    if not accept:
        if item.kind == "standing":
            raise Invalid.one("accept", "standing items stay on every agenda")
        if not (reason or "").strip():
            raise Invalid.one("reason", "give the reason for removing the item; it is kept with the agenda")
    item.state = "accepted" if accept else "removed"
    item.removed_reason = None if accept else reason.strip()
    flush_or_conflict(session, f"Agenda item {item.title}")
    return item


def numbered(items: list[AgendaItem]) -> list[tuple[str, AgendaItem]]:
    """Accepted items in order, numbered 1, 2, 3...; proposed and removed items carry no number."""
    accepted = sorted((i for i in items if i.state == "accepted"), key=lambda i: (i.position, i.id or 0))
    return [(str(n), item) for n, item in enumerate(accepted, start=1)]


def number_of(items: list[AgendaItem]) -> dict[int, str]:
    return {item.id: number for number, item in numbered(items)}
