"""Functions and decision-making map: which level holds each function, how and why."""
