"""The programme plan: objectives, core projects, workstreams, deliverables and milestones with slippage RAG and
their dependency network, roles, the resource plan and the sign-off of the programme document (PID 2.5, 3-5, 9)."""

from caresystem.programme.plan.models import Milestone, Project, Workstream
from caresystem.programme.plan.service import (DELIVERABLES, MILESTONES, PROJECTS, Summary, assess, items_owned_by,
                                               list_records, milestone_summary, objective_and_project_names, rules_of,
                                               search_scheduled)
from caresystem.programme.plan.slippage import SlipRules, assess as assess_slippage, due_date
from caresystem.programme.plan.timeline import layout as timeline_layout

__all__ = ["DELIVERABLES", "MILESTONES", "Milestone", "PROJECTS", "Project", "SlipRules", "Summary", "Workstream",
           "assess_slippage", "due_date",
           "list_records", "assess", "items_owned_by", "milestone_summary", "objective_and_project_names", "rules_of",
           "search_scheduled", "timeline_layout"]
