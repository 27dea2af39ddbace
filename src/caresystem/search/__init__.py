"""Search across the system model and every programme register: each register finds its own entries, this part
only merges them, grouped by kind (the pages and API are its web edge, `routes.py` and `pages.py`)."""

from caresystem.search.service import KINDS, PER_KIND, Group, Kind, search

__all__ = ["Group", "KINDS", "Kind", "PER_KIND", "search"]
