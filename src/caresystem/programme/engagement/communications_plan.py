"""The communications plan (PID 8.3): validation, dated occurrences generated from each tool's frequency, marking
them done, and what is coming or overdue. Plain functions; the caller owns the transaction."""

from datetime import date, timedelta

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.auth import Actor
from caresystem.db.base import utcnow
from caresystem.db.versioning import flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.programme.core import OwnedItem, Programme, matches, owned_by
from caresystem.programme.engagement.models import Communication, CommunicationOccurrence
from caresystem.programme.engagement.rules import FREQUENCIES, occurrence_dates, plan_occurrences
from caresystem.programme.engagement.schemas import CATEGORIES
from caresystem.programme.registers import (changes_of, remove, require_edit, require_view, rows_and_total,
                                            save_changes)
from caresystem.programme.engagement.service import audience_names, get_by_key, keyed_create, required

HORIZON_DAYS = 365       # an open-ended plan is generated this far ahead of today
UPCOMING_DAYS = 42       # "coming" occurrences: due within six weeks
MAX_OCCURRENCES = 520    # ten years of a weekly communication: more is a slip in the dates, not a plan
SCHEDULE_FIELDS = frozenset({"frequency", "starts_on", "ends_on"})


def _check_communication(session: Session, programme: Programme, values: dict) -> list[FieldError]:
    errors = []
    if values.get("category") is not None and values["category"] not in CATEGORIES:
        errors.append(FieldError("category", f"must be one of {', '.join(CATEGORIES)}"))
    if "frequency" in values and values["frequency"] not in FREQUENCIES:
        errors.append(FieldError("frequency", f"must be one of {', '.join(FREQUENCIES)}"))
    if values.get("audience_keys"):
        known = audience_names(session, programme)
        if unknown := [k for k in values["audience_keys"] if k not in known]:
            errors.append(FieldError("audience_keys", f"there is no audience {', '.join(map(repr, unknown))}"))
    start, end = values.get("starts_on"), values.get("ends_on")
    if start and end and end < start:
        errors.append(FieldError("ends_on", "must be on or after the start date"))
    return errors


def list_communications(session: Session, *, actor: Actor, programme: Programme, category: str | None = None,
                        frequency: str | None = None, responsible: str | None = None, offset: int = 0,
                        limit: int = 100) -> tuple[list[Communication], int]:
    require_view(actor)
    conditions = [Communication.programme_id == programme.id, Communication.deleted_at.is_(None)]
    if category:
        conditions.append(Communication.category == category)
    if frequency:
        conditions.append(Communication.frequency == frequency)
    if responsible:
        conditions.append(func.lower(Communication.responsible) == responsible.strip().lower())
    return rows_and_total(session, Communication, conditions, (Communication.id,), offset, limit)


def get_communication(session: Session, *, actor: Actor, programme: Programme, key: str) -> Communication:
    require_view(actor)
    return get_by_key(session, Communication, programme, key, "communication")


def create_communication(session: Session, *, actor: Actor, programme: Programme, data) -> Communication:
    require_edit(actor)
    values = data.model_dump()
    if errors := _check_communication(session, programme, values):
        raise Invalid(errors)
    communication = keyed_create(session, Communication, programme=programme, values=values, name=data.tool,
                                 label="Communication")
    generate_occurrences(session, actor=actor, communication=communication)
    return communication


def update_communication(session: Session, *, actor: Actor, programme: Programme, key: str,
                         data) -> Communication:
    communication = get_communication(session, actor=actor, programme=programme, key=key)
    require_edit(actor)
    changes = changes_of(data)
    if "audience_keys" in changes and changes["audience_keys"] is None:
        changes["audience_keys"] = []
    merged = {n: getattr(communication, n) for n in ("frequency", "starts_on", "ends_on")} | changes
    errors = required(changes, "tool", "frequency") + _check_communication(session, programme, merged)
    if errors:
        raise Invalid(errors)
    changed = save_changes(session, communication, changes, version=data.version, label=f"Communication {key}")
    if SCHEDULE_FIELDS & set(changed):
        generate_occurrences(session, actor=actor, communication=communication)
    return communication


def delete_communication(session: Session, *, actor: Actor, programme: Programme, key: str,
                         version: int) -> None:
    remove(session, get_communication(session, actor=actor, programme=programme, key=key), actor=actor,
           version=version, label=f"Communication {key}")


def schedule_end(communication: Communication, today: date | None = None) -> date:
    return communication.ends_on or (today or clock.today_of(communication)) + timedelta(days=HORIZON_DAYS)


def generate_occurrences(session: Session, *, actor: Actor, communication: Communication,
                         today: date | None = None) -> tuple[int, int]:
    """Make the communication's dated occurrences match its frequency, start and end; returns (added, removed).

    Idempotent: occurrences already there are left alone, and those marked done are kept even when the schedule
    no longer includes their date.
    """
    require_edit(actor)
    wanted = occurrence_dates(communication.frequency, communication.starts_on, schedule_end(communication, today))
    if len(wanted) > MAX_OCCURRENCES:
        raise Invalid.one("ends_on", f"the schedule would make {len(wanted):,} occurrences; at most "
                                     f"{MAX_OCCURRENCES} can be planned at once, so end it sooner or start it later")
    current = {o.due_on: o for o in communication.occurrences}
    add, drop = plan_occurrences({d: o.done_at is not None for d, o in current.items()}, wanted)
    for day in drop:
        communication.occurrences.remove(current[day])
    for day in add:
        communication.occurrences.append(CommunicationOccurrence(due_on=day))
    flush_or_conflict(session, f"Communication {communication.key}")
    return len(add), len(drop)


def add_occurrence(session: Session, *, actor: Actor, programme: Programme, key: str,
                   due_on: date) -> CommunicationOccurrence:
    """A one-off occurrence, for communications that follow meetings rather than a calendar."""
    communication = get_communication(session, actor=actor, programme=programme, key=key)
    require_edit(actor)
    if any(o.due_on == due_on for o in communication.occurrences):
        raise Invalid.one("due_on", f"{communication.tool[:60]} already has an occurrence on {due_on.isoformat()}")
    occurrence = CommunicationOccurrence(due_on=due_on)
    communication.occurrences.append(occurrence)
    flush_or_conflict(session, f"Communication {key}")
    return occurrence


def has_closed(programme: Programme, today: date) -> bool:
    """A programme has closed once its end date has passed."""
    return programme.end_date is not None and programme.end_date < today


def _past_and_not_done(occurrence: CommunicationOccurrence, today: date) -> bool:
    return occurrence.done_at is None and occurrence.due_on < today


def is_overdue(occurrence: CommunicationOccurrence, today: date | None = None) -> bool:
    """Due before today and not done, in a programme still open: only then is someone still to do it."""
    today = today or clock.today_of(occurrence)
    return _past_and_not_done(occurrence, today) and not has_closed(occurrence.communication.programme, today)


def is_not_recorded(occurrence: CommunicationOccurrence, today: date | None = None) -> bool:
    """Due before today and not done, in a programme that has closed: nobody is to do it now, and whether it was
    done then was not recorded."""
    today = today or clock.today_of(occurrence)
    return _past_and_not_done(occurrence, today) and has_closed(occurrence.communication.programme, today)


def list_occurrences(session: Session, *, actor: Actor, programme: Programme, key: str | None = None,
                     done: bool | None = None, overdue: bool = False, due_before: date | None = None,
                     responsible: str | None = None, offset: int = 0,
                     limit: int = 100) -> tuple[list[CommunicationOccurrence], int]:
    """Occurrences of the plan (or of one communication), soonest first; `overdue` ones are none once the programme
    has closed (see `is_overdue`)."""
    require_view(actor)
    conditions = [Communication.programme_id == programme.id, Communication.deleted_at.is_(None)]
    if key is not None:
        conditions.append(Communication.id == get_communication(session, actor=actor, programme=programme,
                                                                 key=key).id)
    if done is not None:
        conditions.append(CommunicationOccurrence.done_at.is_not(None) if done
                          else CommunicationOccurrence.done_at.is_(None))
    if overdue:
        today = clock.today(session)
        conditions += [CommunicationOccurrence.done_at.is_(None), CommunicationOccurrence.due_on < today]
        if has_closed(programme, today):
            conditions.append(false())
    if due_before is not None:
        conditions.append(CommunicationOccurrence.due_on <= due_before)
    if responsible:
        conditions.append(func.lower(Communication.responsible) == responsible.strip().lower())
    query = select(CommunicationOccurrence).join(Communication).where(*conditions)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(query.order_by(CommunicationOccurrence.due_on, Communication.id)
                            .offset(offset).limit(limit))
    return list(items.unique()), total


def coming_and_overdue(session: Session, *, actor: Actor, programme: Programme, days: int = UPCOMING_DAYS,
                       limit: int = 200) -> tuple[list[CommunicationOccurrence], int]:
    """What is not yet done and falls due within `days` (overdue ones first, being earliest)."""
    return list_occurrences(session, actor=actor, programme=programme, done=False,
                            due_before=clock.today(session) + timedelta(days=days), limit=limit)


def occurrence_counts(session: Session, *, actor: Actor, programme: Programme,
                      days: int = UPCOMING_DAYS) -> dict[str, int]:
    """How many occurrences not yet done are overdue, not recorded (due before today in a closed programme) and
    coming (due from today to `days` ahead)."""
    today = clock.today(session)
    _, past = list_occurrences(session, actor=actor, programme=programme, done=False,
                               due_before=today - timedelta(days=1), limit=0)
    _, upcoming = coming_and_overdue(session, actor=actor, programme=programme, days=days, limit=0)
    closed = has_closed(programme, today)
    return {"overdue": 0 if closed else past, "not_recorded": past if closed else 0, "coming": upcoming - past}


def get_occurrence(session: Session, *, actor: Actor, occurrence_id: int) -> CommunicationOccurrence:
    require_view(actor)
    occurrence = session.get(CommunicationOccurrence, occurrence_id)
    if occurrence is None or occurrence.communication.deleted_at is not None:
        raise NotFound(f"No communication occurrence {occurrence_id}.")
    return occurrence


def mark_done(session: Session, *, actor: Actor, occurrence_id: int, version: int, done: bool = True,
              note: str | None = None) -> CommunicationOccurrence:
    """Record that an occurrence happened (who and when, with a note), or reopen one marked by mistake."""
    occurrence = get_occurrence(session, actor=actor, occurrence_id=occurrence_id)
    require_edit(actor)
    label = f"{occurrence.communication.tool[:60]} due {occurrence.due_on:%-d %B %Y}"
    changes = {"done_at": utcnow(), "done_by": actor.username} if done else {"done_at": None, "done_by": None}
    if done and occurrence.done_at is not None:
        changes = {}  # already done: keep who did it and when; only the note may change
    if note is not None or not done:
        changes["note"] = note
    save_changes(session, occurrence, changes, version=version, label=label)
    return occurrence




def items_owned_by(session: Session, name: str) -> list[OwnedItem]:
    """Occurrences not yet done of communications whose `responsible` is `name` (case and spacing ignored)."""
    wanted = matches(name)
    if not wanted:
        return []
    rows = session.scalars(select(CommunicationOccurrence).join(Communication).where(
        Communication.deleted_at.is_(None), CommunicationOccurrence.done_at.is_(None),
        owned_by(Communication.responsible, wanted)).order_by(CommunicationOccurrence.due_on)).unique()
    return [OwnedItem(kind="communication", reference=o.communication.key, title=o.communication.tool,
                      href=f"/programme/engagement/occurrences#occurrence-{o.id}", role="responsible",
                      due=o.due_on, overdue=is_overdue(o)) for o in rows]


