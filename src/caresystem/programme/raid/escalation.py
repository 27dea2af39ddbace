"""Escalation routing as data: which governance bodies see a risk (PID section 7.1).

Kent and Medway's rule is "any red or amber risk of 8 or greater is discussed at the System Transformation Executive
Board, the System Commissioner Steering Group and the ICP steering groups"; that is six rows of data, not code.
"""

from dataclasses import dataclass
from typing import Protocol

ESCALATED_STATUSES = frozenset({"open"})  # closed risks are done with; accepted risks are tolerated where they sit


class Rule(Protocol):
    min_score: int
    scope: str | None
    scope_ref: str | None
    body_key: str


@dataclass(frozen=True)
class RuleData:
    min_score: int
    body_key: str
    scope: str | None = None
    scope_ref: str | None = None


def applies(rule: Rule, score: int, scope: str, scope_ref: str | None) -> bool:
    """A rule matches a score at or above its threshold, in its scope (any scope when none) and place (if any)."""
    return (score >= rule.min_score and (rule.scope is None or rule.scope == scope)
            and (rule.scope_ref is None or rule.scope_ref == scope_ref))


def route(score: int | None, status: str, scope: str, scope_ref: str | None, rules) -> list[str]:
    """The bodies a risk is escalated to, in rule order without repeats; unassessed risks go nowhere."""
    if score is None or status not in ESCALATED_STATUSES:
        return []
    return list(dict.fromkeys(r.body_key for r in rules if applies(r, score, scope, scope_ref)))
