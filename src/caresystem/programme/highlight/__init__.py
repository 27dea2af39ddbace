"""Highlight reports (PID section 8.3: monthly reporting into the meeting packs): per project per period, the
lead's RAG and narrative, the project's risks, issues and milestones as at the period end, and the programme
board's roll-up. The meetings part calls `highlight_rollup` for the pack."""

from caresystem.programme.highlight.rollup import Rollup, RollupRow, highlight_rollup

__all__ = ["Rollup", "RollupRow", "highlight_rollup"]
