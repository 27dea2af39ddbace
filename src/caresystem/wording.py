"""Counts written with their noun, "1 assessment" and "2 assessments": one rule for pages, summaries and files."""


def pluralise(count, singular: str, plural: str | None = None) -> str:
    """`count` and its noun: singular for exactly one, else `plural` (by default the singular with an "s").

    Whole numbers are written with thousands separators; a label such as "2-3" or "4+" is written as it is.
    """
    noun = singular if count in (1, "1") else (plural or singular + "s")
    shown = f"{count:,}" if isinstance(count, int) and not isinstance(count, bool) else str(count)
    return f"{shown} {noun}"
