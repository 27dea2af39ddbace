"""The system map and the governance tree: every name drawn whole, over as many lines as it needs, inside its box
and inside the drawing; names that differ only at their end stay told apart."""

from types import SimpleNamespace as Record

from caresystem.svg_text import text_width
from caresystem.system.geography import diagram as map_diagram
from caresystem.system.governance import diagram as tree_diagram

DGS = "Dartford, Gravesham and Swanley"


def _system(places: int, networks: int):
    def network(p, n):
        return Record(name=f"{DGS} PCN {p}.{n} (illustrative)", code=f"P{p}{n}", type="pcn",
                      registered_population=10_000 + 5_000 * n)
    nodes = [Record(place=Record(name=f"{DGS} place {p}", code=f"place-{p}"), registered_population=250_000,
                    networks=[network(p, n) for n in range(networks)], commissioners=[]) for p in range(places)]
    return Record(system="Kent and Medway Integrated Care System", registered_population=1_900_000, places=nodes)


def _letters(text: str) -> str:
    return text.replace(" ", "").replace("-", "")


def _check_box(box, width, inset, bold):
    """Whole: every letter drawn, in order (a word too long for its box is broken with a hyphen)."""
    assert _letters("".join(box.lines)) == _letters(box.label)
    assert not any(line.endswith(("…", "...")) for line in box.lines)
    assert all(text_width(line, map_diagram.FONT, bold=bold) <= width - 2 * inset for line in box.lines), box.lines
    assert box.height >= 2 * inset + len(box.lines) * map_diagram.LINE


def test_map_names_are_whole_and_fit_their_boxes():
    for places, networks in ((6, 6), (8, 3), (12, 0)):
        boxes, height = map_diagram.layout(_system(places, networks))
        for box in boxes:
            _check_box(box, box.width, map_diagram.INSET, box.bold)
            assert 0 <= box.x and box.x + box.width <= map_diagram.WIDTH and box.y + box.height <= height
        pcns = [b for b in boxes if b.kind == "pcn"]
        assert len({b.label for b in pcns}) == len(pcns) == places * networks  # told apart, not "Dartford, Gr…"


def test_map_boxes_under_a_place_do_not_overlap():
    boxes, _ = map_diagram.layout(_system(6, 6))
    for a in boxes:
        for b in boxes:
            if a is not b and a.kind != "system" and b.kind != "system":
                apart = (a.x + a.width <= b.x or b.x + b.width <= a.x or a.y + a.height <= b.y
                         or b.y + b.height <= a.y)
                assert apart, (a.label, b.label)


def test_the_map_is_drawn_at_a_readable_size():
    """13 px text at its own size; the page never draws it smaller (it scrolls on a small screen)."""
    assert map_diagram.FONT >= 12 and tree_diagram.FONT >= 12


def test_governance_names_are_whole_and_the_boxes_make_room_for_them():
    long = "Kent and Medway Integrated Care Partnership Joint Committee for the Commissioning of Specialised Services"
    tree = [(Record(name=long, kind="board", key="long", meets_in_public=True),
             [(Record(name="Finance Committee", kind="committee", key="finance", meets_in_public=False), [])])]
    rows, width, height = tree_diagram.layout(tree, {"board": "Board", "committee": "Committee"})
    first, second = rows
    assert " ".join(first.lines) == long and len(first.lines) > 1
    assert all(text_width(line, tree_diagram.FONT, bold=True) <= tree_diagram.BOX_WIDTH - 2 * tree_diagram.INSET
               for line in first.lines)
    assert second.y >= first.y + first.height and second.parent_height == first.height
    assert height >= second.y + second.height and width >= second.x + tree_diagram.BOX_WIDTH
