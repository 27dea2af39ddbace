"""Governance: bodies, reporting lines, members, and the people who hold roles."""

from caresystem.system.governance.models import GovernanceBody, Membership, Person, PersonRole
from caresystem.system.governance.schemas import BODY_KINDS, MEMBERSHIP_ROLES
from caresystem.system.governance.service import get_person, list_bodies, list_people
from caresystem.system.governance.standing import Standing, in_force, rule_body_errors, standings

__all__ = ["BODY_KINDS", "GovernanceBody", "MEMBERSHIP_ROLES", "Membership", "Person", "PersonRole", "get_person",
           "list_bodies", "list_people", "Standing", "in_force", "rule_body_errors", "standings"]
