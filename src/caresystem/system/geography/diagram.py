"""The system map drawn as an SVG: the system, its places, and (when they fit legibly) each place's networks.

Up to eight places sit side by side with one box per network, its height showing its population. A larger system
is drawn as rows of place boxes; its networks are listed under the diagram and drawn on each place's own map.
Names are wrapped onto as many lines as they need, never cut, and every box is tall enough for its lines.
"""

from dataclasses import dataclass

from caresystem.svg_text import wrap

WIDTH, GAP, TOP, MAX_BOX, BOX_GAP, MAX_COLUMNS = 880, 16, 70, 120, 6, 8  # 880: a page's figure, drawn 1:1
FONT, LINE, INSET = 13, 16, 6  # the stylesheet's diagram text (.cs-diagram text); the map is drawn no smaller


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
    lines: tuple[str, ...] = ()

    @property
    def bold(self) -> bool:
        return self.kind in ("system", "place")

    @property
    def shows_detail(self) -> bool:
        """Whether the box has room for its detail line under its name."""
        return self.height >= _text_height(len(self.lines) + 1)


def _text_height(lines: int) -> float:
    return 2 * INSET + lines * LINE


def _box(x, y, width, height, label, detail, href, kind) -> Box:
    lines = tuple(wrap(label, width - 2 * INSET, FONT, bold=kind in ("system", "place")))
    return Box(x, y, width, max(height, _text_height(len(lines))), label, detail, href, kind, lines)


def layout(system) -> tuple[list[Box], float]:
    columns = min(max(len(system.places), 1), MAX_COLUMNS)
    column_width = (WIDTH - GAP * (columns + 1)) / columns
    boxes = [_box(GAP, 8, WIDTH - 2 * GAP, _text_height(2), system.system, _people(system.registered_population),
                  "#map-list", "system")]
    top = max(TOP, boxes[0].y + boxes[0].height + 18)
    if len(system.places) <= MAX_COLUMNS:
        return _places_with_networks(system, boxes, column_width, top)
    header = _header_height([n.place.name for n in system.places], column_width)
    bottom = top
    for i, node in enumerate(system.places):
        row, column = divmod(i, columns)
        x, y = GAP + column * (column_width + GAP), top + row * (header + 8)
        boxes.append(_box(x, y, column_width, header, node.place.name, f"{len(node.networks)} PCNs",
                          f"?place={node.place.code}", "place"))
        bottom = y + header + 8
    return boxes, bottom + 8


def _header_height(names: list[str], width: float) -> float:
    """Place boxes side by side are as tall as the one with most lines, its detail line included."""
    lines = max((len(wrap(name, width - 2 * INSET, FONT, bold=True)) for name in names), default=1)
    return _text_height(lines + 1)


def _places_with_networks(system, boxes: list[Box], column_width: float, top: float) -> tuple[list[Box], float]:
    largest = max((c.registered_population or 0 for n in system.places for c in (n.networks or n.commissioners)),
                  default=0) or 1
    header = _header_height([n.place.name for n in system.places], column_width)
    bottom = top + header + 8
    for i, node in enumerate(system.places):
        x = GAP + i * (column_width + GAP)
        boxes.append(_box(x, top, column_width, header, node.place.name, _people(node.registered_population),
                          f"#place-{node.place.code}", "place"))
        y = top + header + 8
        for child in node.networks or node.commissioners:
            box = _box(x + 4, y, column_width - 8, MAX_BOX * (child.registered_population or 0) / largest,
                       child.name.replace(" (illustrative)", ""), _people(child.registered_population),
                       f"/organisations/{child.code}", child.type)
            boxes.append(box)
            y += box.height + BOX_GAP
        bottom = max(bottom, y)
    return boxes, bottom + 8


def _people(population: int | None) -> str:
    return f"{population:,} people" if population is not None else "population not recorded"
