"""The programme itself and its configuration (risk grading bands, RAG mapping, tolerances)."""

from caresystem.programme.core.completion import Completion
from caresystem.programme.core.items import Found, OwnedItem, matches, owned_by
from caresystem.programme.core.models import Programme, default_risk_grades
from caresystem.programme.core.service import CHOSEN, CHOSEN_HERE, get_programme, programmes

__all__ = ["CHOSEN", "CHOSEN_HERE", "Completion", "Found", "OwnedItem", "Programme", "default_risk_grades", "get_programme", "matches", "owned_by", "programmes"]
