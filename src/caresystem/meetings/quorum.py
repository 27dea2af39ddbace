"""Quorum from attendance and a body's rule, e.g. "at least half the voting members, including the chair or vice
chair and one clinician" (terms of reference; the documents give no body's rule, so each body's is its data)."""

import math
from dataclasses import dataclass

from caresystem.wording import pluralise

PRESENT = "present"
ATTENDANCE_STATUSES = {"present": "Present", "apologies": "Apologies", "absent": "Absent",
                       "in_attendance": "In attendance"}


@dataclass(frozen=True)
class Seat:
    name: str
    membership_role: str     # chair | vice_chair | member | attendee
    voting: bool
    status: str


@dataclass(frozen=True)
class Rule:
    share: float | None             # of the voting members
    chair_or_vice: bool
    roles: tuple[str, ...]          # each: at least one present voting member whose name or role contains it


@dataclass(frozen=True)
class Quorum:
    known: bool                     # false when the body has no quorum rule
    met: bool
    voting_members: int
    voting_present: int
    needed: int
    reasons: tuple[str, ...]        # what is missing, in words

    @property
    def summary(self) -> str:
        if not self.known:
            return "No quorum rule is set in the terms of reference."
        head = (f"{self.voting_present} of {pluralise(self.voting_members, 'voting member')} present "
                f"({self.needed} needed)")
        return f"Quorate: {head}." if self.met else f"Not quorate: {head}; " + "; ".join(self.reasons) + "."


def describe(rule: Rule) -> str:
    if rule.share is None and not rule.chair_or_vice and not rule.roles:
        return "No quorum rule set"
    parts = [f"at least {rule.share:.0%} of the voting members" if rule.share is not None else "any members"]
    if rule.chair_or_vice:
        parts.append("including the chair or vice chair")
    parts += [f"at least one member who is {r}" for r in rule.roles]
    return ", ".join(parts).capitalize()


def assess(rule: Rule, seats: list[Seat]) -> Quorum:
    """Voting members present against the share (rounded up), with the chair or vice chair and each named role."""
    voting = [s for s in seats if s.voting and s.membership_role != "attendee" and s.status != "in_attendance"]
    present = [s for s in voting if s.status == PRESENT]
    if rule.share is None and not rule.chair_or_vice and not rule.roles:
        return Quorum(False, False, len(voting), len(present), 0, ())
    needed = math.ceil((rule.share or 0) * len(voting) - 1e-9)
    reasons = []
    if len(present) < needed:
        reasons.append(f"{pluralise(needed - len(present), 'more voting member')} needed")
    if rule.chair_or_vice and not any(s.membership_role in ("chair", "vice_chair") for s in present):
        reasons.append("neither the chair nor the vice chair is present")
    for role in rule.roles:
        if not any(role.lower() in s.name.lower() for s in present):
            reasons.append(f"no {role} is present")
    return Quorum(True, not reasons, len(voting), len(present), needed, tuple(reasons))
