"""Stakeholders and communications: audiences, the stakeholder map, the communications plan and its dated
occurrences, and the "You said, we did" log (PID section 8, document 001 section 5.5)."""

from caresystem.programme.engagement.communications_plan import items_owned_by

__all__ = ["items_owned_by"]
