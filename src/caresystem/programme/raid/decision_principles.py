"""A decision of the decisions log cites the principles it applies ("applies design principle 4"); the principle's
page lists the decision in turn."""

from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.programme.core import Programme
from caresystem.programme.raid.models import Decision
from caresystem.programme.raid.registers import DECISIONS
from caresystem.programme.registers import get_entry, require_edit
from caresystem.system.principles import cite


def get_decision(session: Session, *, actor: Actor, programme: Programme, reference: str) -> Decision:
    return get_entry(session, actor=actor, programme=programme, register=DECISIONS, reference=reference)


def cite_principles(session: Session, *, actor: Actor, programme: Programme, reference: str, keys: list[str],
                    version: int) -> Decision:
    """The decision cites exactly `keys`; a stale `version` is refused, an unknown key is named."""
    decision = get_decision(session, actor=actor, programme=programme, reference=reference)
    require_edit(actor)
    cite(session, decision, keys=keys, version=version, label=f"Decision {reference}")
    return decision
