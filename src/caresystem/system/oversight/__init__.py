"""Oversight: the system's oversight strands and its accountability chain (who oversees whom, for what), dated
reference data with their sources."""

from caresystem.system.oversight.models import KINDS, OversightLine
from caresystem.system.oversight.service import Oversight, oversight

__all__ = ["KINDS", "Oversight", "OversightLine", "oversight"]
