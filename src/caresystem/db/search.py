"""Finding words in text columns the same way on SQLite and PostgreSQL: case-insensitive, wildcards taken literally,
and the few words around the match to show why a record was found."""

from sqlalchemy import func, or_

MIN_LENGTH = 2      # a single letter matches nearly everything
SNIPPET_WORDS = 12  # roughly the words either side of a match that a results list can show


def needle(q: str | None) -> str:
    """The query as it is compared: trimmed, single spaces, lower case; empty when too short to search."""
    cleaned = " ".join((q or "").split()).lower()
    return cleaned if len(cleaned) >= MIN_LENGTH else ""


def containing(columns, wanted: str):
    """SQL: any of `columns` contains `wanted` (from `needle`), ignoring case; % and _ in it are plain characters."""
    escaped = wanted.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return or_(*(func.lower(column).like(f"%{escaped}%", escape="\\") for column in columns))


def snippet(texts, wanted: str, *, words: int = SNIPPET_WORDS) -> str | None:
    """The first text containing `wanted`, cut to about `words` words around the match (with ellipses where cut)."""
    for text in texts:
        flat = " ".join((text or "").split())
        at = flat.lower().find(wanted)
        if at < 0:
            continue
        all_words = flat.split(" ")
        start = max(flat[:at].count(" ") - words // 2, 0)
        end = min(start + words + len(wanted.split(" ")), len(all_words))
        return f"{'…' if start else ''}{' '.join(all_words[start:end])}{'…' if end < len(all_words) else ''}"
    return None
