"""The measures catalogue, measure data in one long format, narratives and exception rules."""
