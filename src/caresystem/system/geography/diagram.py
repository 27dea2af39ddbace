"""The system map drawn as an SVG: the system, its places, and (when they fit legibly) each place's networks.

Up to eight places sit side by side with one box per network, its height showing its population. A larger system
is drawn as rows of place boxes; its networks are listed under the diagram and drawn on each place's own map.
"""

from dataclasses import dataclass

WIDTH, GAP, TOP, HEADER, MAX_BOX, MIN_BOX, BOX_GAP, MAX_COLUMNS = 1000, 16, 70, 56, 120, 26, 6, 8


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    width: float
    height: float
    label: str
    detail: str
    href: str
    kind: str


def layout(system) -> tuple[list[Box], float]:
    columns = min(max(len(system.places), 1), MAX_COLUMNS)
    column_width = (WIDTH - GAP * (columns + 1)) / columns
    boxes = [Box(GAP, 8, WIDTH - 2 * GAP, 44, system.system, _people(system.registered_population), "#map-list",
                 "system")]
    if len(system.places) <= MAX_COLUMNS:
        return _places_with_networks(system, boxes, column_width)
    bottom = TOP
    for i, node in enumerate(system.places):
        row, column = divmod(i, columns)
        x, y = GAP + column * (column_width + GAP), TOP + row * HEADER
        boxes.append(Box(x, y, column_width, HEADER - 8, _fit(node.place.name, column_width - 12),
                         f"{len(node.networks)} PCNs", f"?place={node.place.code}", "place"))
        bottom = y + HEADER
    return boxes, bottom + 8


def _places_with_networks(system, boxes: list[Box], column_width: float) -> tuple[list[Box], float]:
    largest = max((c.registered_population or 0 for n in system.places for c in (n.networks or n.commissioners)),
                  default=0) or 1
    bottom = TOP + HEADER
    for i, node in enumerate(system.places):
        x = GAP + i * (column_width + GAP)
        boxes.append(Box(x, TOP, column_width, HEADER - 8, _fit(node.place.name, column_width - 12),
                         _people(node.registered_population), f"#place-{node.place.code}", "place"))
        y = TOP + HEADER
        for child in node.networks or node.commissioners:
            height = max(MIN_BOX, MAX_BOX * (child.registered_population or 0) / largest)
            boxes.append(Box(x + 8, y, column_width - 16, height,
                             _fit(child.name.replace(" (illustrative)", ""), column_width - 28),
                             _people(child.registered_population), f"/organisations/{child.code}", child.type))
            y += height + BOX_GAP
        bottom = max(bottom, y)
    return boxes, bottom + 8


def _fit(label: str, width: float) -> str:
    """Shorten a label to fit a box (about 7 px a character at 13 px Arial)."""
    room = max(int(width / 7), 4)
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _people(population: int | None) -> str:
    return f"{population:,} people" if population is not None else "population not recorded"
