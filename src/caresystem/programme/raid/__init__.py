"""RAID: the risk register (scored on the NHS 5x5 matrix), escalation rules and score history."""

from caresystem.programme.raid.escalation import route as escalation_route
from caresystem.programme.raid.models import Action, Decision, Issue, Risk, RiskScore
from caresystem.programme.raid.owned import items_owned_by
from caresystem.programme.raid.reads import escalated_reads
from caresystem.programme.raid.registers import ACTIONS, DECISIONS, REGISTERS
from caresystem.programme.raid.schemas import RiskRead
from caresystem.programme.raid.scoring import UNASSESSED, assess, check_bands
from caresystem.programme.raid.service import (assessment, body_name, escalations_for, heat_map, history, list_risks,
                                               require_view, routing_rules, rules_of, search_risks)

__all__ = [
    "ACTIONS", "DECISIONS", "Decision", "Issue", "RiskScore", "escalation_route", "history", "routing_rules",
    "rules_of", "Action", "REGISTERS", "Risk", "RiskRead", "UNASSESSED", "assess", "assessment", "body_name",
    "check_bands", "escalated_reads", "escalations_for", "heat_map", "items_owned_by", "list_risks", "require_view",
    "search_risks",
]
