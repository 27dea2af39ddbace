"""Functions and decision-making map: which level holds each function, how and why."""

from caresystem.system.functions.models import Function, FunctionAllocation, SubsidiarityTest
from caresystem.system.functions.schemas import ARRANGEMENTS, LEVELS

__all__ = ["ARRANGEMENTS", "Function", "FunctionAllocation", "LEVELS", "SubsidiarityTest"]
