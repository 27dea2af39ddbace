"""The planning framework: footprints, planning levels and their catchments, the taxonomy of focus areas and
enablers, the work areas and where each is planned, strategic approaches, clinical priorities and roles; dated."""

from caresystem.system.planning.models import KINDS, SCALES, PlanningFramework, PlanningItem
from caresystem.system.planning.service import get_framework, levels_in_force, list_frameworks

__all__ = ["KINDS", "SCALES", "PlanningFramework", "PlanningItem", "get_framework", "levels_in_force",
           "list_frameworks"]
