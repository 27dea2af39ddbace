"""The system map drawn as an SVG: one column per place, one box per network sized by its population."""

from dataclasses import dataclass

from caresystem.system.geography.schemas import SystemMap

WIDTH, COLUMN_GAP, TOP, HEADER, MAX_BOX, MIN_BOX, BOX_GAP = 1000, 16, 70, 56, 120, 26, 6


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


def layout(system: SystemMap) -> tuple[list[Box], float]:
    """Boxes for the system, each place and each network (or commissioner, before networks existed)."""
    columns = max(len(system.places), 1)
    column_width = (WIDTH - COLUMN_GAP * (columns + 1)) / columns
    largest = max((c.registered_population or 0 for n in system.places for c in (n.networks or n.commissioners)),
                  default=0) or 1
    boxes = [Box(COLUMN_GAP, 8, WIDTH - 2 * COLUMN_GAP, 44, system.system,
                 _people(system.registered_population), "/system-map", "system")]
    bottom = TOP + HEADER
    for i, node in enumerate(system.places):
        x = COLUMN_GAP + i * (column_width + COLUMN_GAP)
        boxes.append(Box(x, TOP, column_width, HEADER - 8, node.place.name, _people(node.place.registered_population),
                         f"#place-{node.place.code}", "place"))
        y = TOP + HEADER
        for child in node.networks or node.commissioners:
            share = (child.registered_population or 0) / largest
            height = max(MIN_BOX, MAX_BOX * share)
            boxes.append(Box(x + 8, y, column_width - 16, height,
                             _fit(child.name.replace(" (illustrative)", ""), column_width - 28),
                             _people(child.registered_population), f"/organisations/{child.code}", child.type))
            y += height + BOX_GAP
        bottom = max(bottom, y)
    return boxes, bottom + 8


def _fit(label: str, width: float) -> str:
    """Shorten a label to fit a box (about 7 px a character at 13 px Arial)."""
    room = int(width / 7)
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _people(population: int | None) -> str:
    return f"{population:,} people" if population is not None else "population not recorded"
