"""The governance structure drawn as an SVG tree: one box per body, indented under the body it reports to, its name
wrapped onto as many lines as it needs (never cut) above its kind."""

from dataclasses import dataclass

from caresystem.svg_text import wrap

GAP, INDENT, BOX_WIDTH, LEFT, TOP = 10, 36, 520, 10, 10
FONT, LINE, INSET = 13, 16, 8  # the stylesheet's diagram text (.cs-diagram text); the tree is drawn no smaller


@dataclass(frozen=True)
class Row:
    x: int
    y: int
    label: str
    detail: str
    href: str
    parent_x: int | None
    parent_y: int | None
    public: bool
    lines: tuple[str, ...] = ()
    height: int = 30
    parent_height: int | None = None


def layout(tree, kind_labels: dict[str, str]) -> tuple[list[Row], int, int]:
    """The rows, and the drawing's width and height."""
    rows: list[Row] = []
    bottom = TOP

    def walk(branch, depth: int, parent: Row | None) -> None:
        nonlocal bottom
        for body, children in branch:
            lines = tuple(wrap(body.name, BOX_WIDTH - 2 * INSET, FONT, bold=True))
            row = Row(x=LEFT + depth * INDENT, y=bottom, label=body.name,
                      detail=kind_labels.get(body.kind, body.kind) + (" · meets in public" if body.meets_in_public else ""),
                      href=f"/governance/{body.key}", parent_x=parent.x if parent else None,
                      parent_y=parent.y if parent else None, public=body.meets_in_public, lines=lines,
                      height=(len(lines) + 1) * LINE + INSET, parent_height=parent.height if parent else None)
            rows.append(row)
            bottom += row.height + GAP
            walk(children, depth + 1, row)

    walk(tree, 0, None)
    width = max((r.x for r in rows), default=0) + BOX_WIDTH + 20
    return rows, width, bottom + GAP
