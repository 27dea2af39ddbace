"""The benefits register: benefits with a measure, baseline, target, trajectory and actuals; status computed against
the trajectory and off-track benefits escalated (PID section 6.1, document 001 section 5.3)."""

from caresystem.programme.benefits.reads import benefit_read
from caresystem.programme.benefits.schemas import BenefitRead
from caresystem.programme.benefits.service import (Summary, benefits_summary, escalations_for, items_owned_by,
                                                  search_benefits)

__all__ = ["BenefitRead", "Summary", "benefit_read", "benefits_summary", "escalations_for", "items_owned_by",
           "search_benefits"]
