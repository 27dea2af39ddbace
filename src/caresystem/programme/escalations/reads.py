"""A governance body's escalated risks, benefits and performance exceptions, read once for the API and the page."""

from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.assurance import MeasureException, exceptions_for_body
from caresystem.auth import Actor
from caresystem.programme import benefits, raid
from caresystem.system.governance import standings


def not_in_force(session: Session, body_key: str) -> str | None:
    """Why the body receives nothing today (e.g. "ended on D; succeeded by X"), or None when it is in force."""
    return standings(session, [body_key], clock.today(session))[body_key].problem


def escalated_risks(session: Session, *, actor: Actor, body_key: str, offset: int, limit: int):
    """One page of the open risks escalated to the body, highest score first, and how many there are."""
    found, total = raid.escalations_for(session, actor=actor, body_key=body_key, offset=offset, limit=limit)
    return raid.escalated_reads(session, found), total


def escalated_benefits(session: Session, *, actor: Actor, body_key: str) -> list[benefits.BenefitRead]:
    """The benefits escalated to the body, worst first."""
    return [benefits.benefit_read(a) for a in benefits.escalations_for(session, actor=actor, body_key=body_key)]


def escalated_measures(session: Session, *, body_key: str) -> list[MeasureException]:
    """Measure exceptions routed to the body, at each series' latest period up to today."""
    return exceptions_for_body(session, body_key=body_key, since=None, until=clock.today(session))
