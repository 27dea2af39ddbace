"""The register of interests: what each person has declared, as at any date, and the published register of those
who sit on decision-making bodies. Other parts (meetings) call `interests_of` and `declarable_interests`."""

from caresystem.system.interests.service import declarable_interests, decision_makers, interests_of
from caresystem.system.interests.types import INTEREST_TYPES

__all__ = ["INTEREST_TYPES", "declarable_interests", "decision_makers", "interests_of"]
