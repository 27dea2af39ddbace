"""Governance: bodies, reporting lines, members, and the people who hold roles."""
