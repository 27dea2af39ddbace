"""The principles register: the sets of principles the system's documents state, dated, and what cites them.
Decisions, impact assessments and function allocations cite principles through `cite` and the link tables here."""

from caresystem.system.principles.models import (KINDS, Principle, PrincipleSet, decision_principles,
                                                 function_allocation_principles, impact_assessment_principles)
from caresystem.system.principles.schemas import Citations, CitationsRead
from caresystem.system.principles.service import cite, communication_principles, list_sets
from caresystem.system.principles.reads import CITE_LABELS, cite_form, citations_read

__all__ = ["CITE_LABELS", "KINDS", "Citations", "CitationsRead", "Principle", "PrincipleSet", "cite", "cite_form",
           "citations_read", "communication_principles", "decision_principles", "function_allocation_principles",
           "impact_assessment_principles", "list_sets"]
