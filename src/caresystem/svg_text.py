"""Text in the charts and diagrams drawn as SVG: how wide a label is at a font size, a label wrapped onto lines
that fit a width, and a label set beside a line on whichever side keeps it in the drawing, so labels are laid out
whole (never cut) and kept inside the drawing."""

from functools import lru_cache

# Arial's advance widths in ems, grouped: close enough to lay text out with a little room to spare.
_NARROW = frozenset("iljtfrI.,;:!'|()[]/- ")
_WIDE = frozenset("mwMW@%&")


class _Ems(dict):
    """A character's advance width in ems, worked out the first time it is asked for."""

    def __missing__(self, c: str) -> float:
        self[c] = ems = 0.34 if c in _NARROW else 0.92 if c in _WIDE else 0.7 if c.isupper() else 0.58
        return ems


_EMS = _Ems()


# A page lays out the same titles on every request, and wrapping measures each line as it grows: remembered.
@lru_cache(maxsize=16384)
def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width in pixels of `text` set in Arial at `size` pixels (an estimate that errs on the wide side)."""
    ems = sum(map(_EMS.__getitem__, text))
    return ems * size * (1.08 if bold else 1.0)


def wrap(text: str, width: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` broken between words onto lines no wider than `width`; a word wider than the width is broken with a
    hyphen, so no line overflows and every character is kept."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, size, bold=bold) > width and len(word) > 1:
            cut = max(next((n for n in range(len(word) - 1, 0, -1)
                            if text_width(word[:n] + "-", size, bold=bold) <= width), 1), 1)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines or [""]


def beside(at: float, text: str, size: float, *, low: float, high: float, gap: float = 3) -> tuple[float, str]:
    """Where to set `text` by a vertical line at `at` so it stays between `low` and `high`: (x, "start") just right
    of the line, or (x, "end") just left of it where it would run past `high` and there is room down to `low`."""
    width = text_width(text, size)
    if at + gap + width <= high or at - gap - width < low:
        return at + gap, "start"
    return at - gap, "end"
