"""Impact assessments: a proposal rated on the programme's domains and for equality, with mitigations and a signed-off
outcome (PID section 6.2)."""

from caresystem.programme.impact.service import items_owned_by

__all__ = ["items_owned_by"]
