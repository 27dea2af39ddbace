"""Geography: the system, its places (integrated care partnerships), networks and practices, as at a date."""

from caresystem.system.geography.models import Place, SystemProfile

__all__ = ["Place", "SystemProfile", "list_places"]


def __getattr__(name: str):
    # The service reads organisations' populations, and organisations' service reads places: loading it on first
    # use keeps the two packages' __init__ free of a cycle.
    if name == "list_places":
        from caresystem.system.geography.service import list_places

        return list_places
    raise AttributeError(name)
