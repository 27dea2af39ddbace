"""The governance structure drawn as an SVG tree: one row per body, indented under the body it reports to."""

from dataclasses import dataclass

ROW, INDENT, BOX_HEIGHT, BOX_WIDTH, LEFT = 40, 36, 30, 520, 10


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


def layout(tree, kind_labels: dict[str, str]) -> tuple[list[Row], int]:
    rows: list[Row] = []

    def walk(branch, depth: int, parent: Row | None) -> None:
        for body, children in branch:
            row = Row(x=LEFT + depth * INDENT, y=10 + len(rows) * ROW, label=body.name,
                      detail=kind_labels.get(body.kind, body.kind) + (" · meets in public" if body.meets_in_public else ""),
                      href=f"/governance/{body.key}", parent_x=parent.x if parent else None,
                      parent_y=parent.y if parent else None, public=body.meets_in_public)
            rows.append(row)
            walk(children, depth + 1, row)

    walk(tree, 0, None)
    width = max((r.x for r in rows), default=0) + BOX_WIDTH + 20
    return rows, width
