"""Functions and decision-making map: which level holds each function, how and why."""

from caresystem.system.functions.models import Function, FunctionAllocation, SubsidiarityTest
from caresystem.system.functions.schemas import ARRANGEMENTS, LEVELS
from caresystem.system.functions.service import allocations_at, list_functions

__all__ = ["ARRANGEMENTS", "Function", "FunctionAllocation", "LEVELS", "SubsidiarityTest", "allocations_at",
           "list_functions"]
