"""The influence/interest map drawn as an SVG 2x2 grid: each rated stakeholder a numbered dot, with a summary."""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from caresystem.programme.engagement.rules import HIGH_FROM, QUADRANTS, quadrant

SIZE, MARGIN = 480, 50          # the plot is a square; the margin holds the axis labels
PLOT = SIZE - 2 * MARGIN


@dataclass(frozen=True)
class Dot:
    number: int
    name: str
    x: float
    y: float


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    x: float
    y: float
    count: int


@dataclass(frozen=True)
class StakeholderMap:
    dots: list[Dot]
    areas: list[Area]
    ticks: list[tuple[int, float]]
    summary: str
    split: float                 # where high starts, in SVG units along each axis
    size: int = SIZE
    margin: int = MARGIN


def _position(rating: float) -> float:
    """A 1-5 rating to its distance along an axis (ratings sit in the middle of their band)."""
    return (rating - 0.5) / 5 * PLOT


def stakeholder_map(stakeholders) -> StakeholderMap:
    """`stakeholders`: objects with name, influence and interest, numbered in the order given (1, 2, ...)."""
    rated = [(n, s) for n, s in enumerate(stakeholders, start=1) if s.influence is not None and s.interest is not None]
    crowd = defaultdict(list)
    for n, s in rated:
        crowd[(s.interest, s.influence)].append((n, s))
    dots = []
    for (interest, influence), members in crowd.items():
        for i, (n, s) in enumerate(members):  # several at one point spread round a small circle
            angle, radius = 2 * math.pi * i / len(members), (14 if len(members) > 1 else 0)
            dots.append(Dot(n, s.name, MARGIN + _position(interest) + radius * math.cos(angle),
                            SIZE - MARGIN - _position(influence) + radius * math.sin(angle)))
    counts = Counter(quadrant(s.influence, s.interest) for _, s in rated)
    split = PLOT * (HIGH_FROM - 1) / 5
    low_x, high_x = MARGIN + split / 2, MARGIN + split + (PLOT - split) / 2   # centres of the columns
    high_y, low_y = MARGIN + 20, SIZE - MARGIN - split + 20                  # just inside the top of each row
    places = {"manage_closely": (high_x, high_y), "keep_satisfied": (low_x, high_y),
              "keep_informed": (high_x, low_y), "monitor": (low_x, low_y)}
    areas = [Area(key, label, *places[key], counts.get(key, 0)) for key, label in QUADRANTS.items()]
    unrated = len(stakeholders) - len(rated)
    summary = (f"{len(rated)} of {len(stakeholders)} stakeholders rated for influence and interest: "
               + ", ".join(f"{a.count} {a.label.lower()}" for a in areas)
               + (f"; {unrated} not yet rated." if unrated else "."))
    return StakeholderMap(dots=sorted(dots, key=lambda d: d.number), areas=areas,
                          ticks=[(r, _position(r)) for r in range(1, 6)], summary=summary, split=split)
