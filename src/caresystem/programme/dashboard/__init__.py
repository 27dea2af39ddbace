"""The programme at a glance (dashboard) and what one person has to do across every register (my items)."""
