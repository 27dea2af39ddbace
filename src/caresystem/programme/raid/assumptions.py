"""PID section 2.6 on the assumptions log: an assumption found invalid becomes a risk or an issue, in one step, and
an assumption shows what it raised."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.auth import Actor
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import Invalid
from caresystem.programme.core import Programme
from caresystem.programme.raid import service as risks
from caresystem.programme.raid.models import Assumption, Issue, Risk
from caresystem.programme.raid.registers import ASSUMPTIONS, ISSUES
from caresystem.programme.raid.schemas import RiskCreate
from caresystem.programme.registers import create_entry, get_entry, require_edit


def invalidate_assumption(session: Session, *, actor: Actor, programme: Programme, reference: str, version: int,
                          raise_as: str, title: str | None = None, owner: str | None = None) -> Risk | Issue:
    """PID 2.6 in one step: mark an assumption found invalid and raise a linked risk or issue."""
    if raise_as not in ("risk", "issue"):
        raise Invalid.one("raise_as", "must be risk or issue")
    assumption = get_entry(session, actor=actor, programme=programme, register=ASSUMPTIONS, reference=reference)
    require_edit(actor)
    label, today = f"Assumption {reference}", clock.today(session)
    apply_changes(assumption, {"status": "invalid", "last_tested": today}, expected_version=version, label=label)
    title = title or f"Assumption {reference} no longer holds: {assumption.title}"
    owner = owner or assumption.owner
    if raise_as == "risk":
        raised = risks.create_risk(session, actor=actor, programme=programme, data=RiskCreate(
            title=title, owner=owner, cause=assumption.description, category="Assumption"))
        raised.assumption_id = assumption.id
    else:
        raised = create_entry(session, actor=actor, programme=programme, register=ISSUES, data=ISSUES.create(
            title=title, owner=owner, description=assumption.description, raised_on=today,
            assumption_reference=reference))
    flush_or_conflict(session, label)
    return raised


def raised_from(session: Session, assumption: Assumption) -> list[tuple[str, str]]:
    """The risks and issues an assumption raised, as (register key, reference)."""
    found = [("risks", r) for r in session.scalars(select(Risk.reference).where(
        Risk.assumption_id == assumption.id, Risk.deleted_at.is_(None)))]
    return found + [("issues", r) for r in session.scalars(select(Issue.reference).where(
        Issue.assumption_id == assumption.id, Issue.deleted_at.is_(None)))]
