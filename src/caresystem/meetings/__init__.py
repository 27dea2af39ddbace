"""The governance cycle: terms of reference, meetings, agendas built by rule, papers, minutes, decisions checked
against the scheme of delegation, declarations of interest, meeting packs and public pages."""

from caresystem.meetings.reference import load as load_meetings

__all__ = ["load_meetings"]
