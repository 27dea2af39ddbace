"""Geography: the system, its places (integrated care partnerships), networks and practices, as at a date."""
