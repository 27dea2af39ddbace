"""Risks and log entries a person owns, for "my items" (open ones only: closed entries need nothing more): by the
linked person of the system model, or by their name as free text."""

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.programme.core import OwnedItem, Programme, matches, owned_by
from caresystem.programme.raid import service
from caresystem.programme.registers import is_overdue
from caresystem.programme.raid.models import Risk
from caresystem.programme.raid.registers import REGISTERS
from caresystem.system.names import people_called


def items_owned_by(session: Session, name: str, *, today: date | None = None) -> list[OwnedItem]:
    wanted, today = matches(name), today or clock.today(session)
    if not wanted:
        return []
    programmes = {p.id: p for p in session.scalars(select(Programme))}
    found = []
    # the risks of the person in the system model the name is, and those whose free-text owner is the name
    people = people_called(session, name)
    mine = or_(owned_by(Risk.owner, wanted), Risk.owner_person.in_(people))
    risks = select(Risk).where(Risk.deleted_at.is_(None), Risk.status == "open", mine)
    for risk in session.scalars(risks.order_by(Risk.reference)):
        programme = programmes[risk.programme_id]
        found.append(OwnedItem("risk", risk.reference, risk.title, f"/programme/risks/{risk.reference}",
                               programme.key, due=risk.review_date, status="Open for review",
                               rag=service.assessment(risk, programme).rag,
                               overdue=service.is_review_overdue(risk, today)))
    for register in REGISTERS.values():
        model = register.model
        theirs = or_(owned_by(model.owner, wanted), model.owner_person.in_(people)) \
            if hasattr(model, "owner_person") else owned_by(model.owner, wanted)
        entries = select(model).where(model.deleted_at.is_(None), model.status.not_in(register.closed_statuses),
                                      theirs)
        for entry in session.scalars(entries.order_by(model.reference)):
            found.append(OwnedItem(register.singular.lower(), entry.reference, entry.title,
                                   f"/programme/{register.key}/{entry.reference}", programmes[entry.programme_id].key,
                                   due=getattr(entry, register.overdue_field) if register.overdue_field else None,
                                   status=register.statuses.get(entry.status, entry.status),
                                   overdue=is_overdue(register, entry, today)))
    return found

