"""The milestone timeline as drawn: every label whole and inside the drawing, the axis labels apart from each other
and from "Today", titles wrapped onto lines rather than cut."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

import pytest

from caresystem.programme.plan.timeline import FONT, layout
from caresystem.svg_text import text_width
from caresystem.web.templating import make_templates


@dataclass
class Row:
    key: str
    title: str
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None = None
    rag: str = "green"


LONG = "Integrated care partnerships develop their outline development plans for the place"
ROWS = [Row("icp-outline", LONG, date(2019, 4, 1), date(2019, 6, 30)),
        Row("frameworks", "Frameworks agreed", date(2020, 3, 31), date(2030, 4, 1), rag="red"),
        Row("transition", "ICP transition leadership in place", date(2024, 1, 1), None)]


def drawn(rows, today: date) -> ET.Element:
    chart = layout(rows, today)
    html = make_templates().env.get_template("plan/_timeline.html").render(chart=chart, caption="Timeline")
    svg = re.search(r"<svg.*</svg>", html, re.S).group(0)
    return ET.fromstring(svg.replace("&nbsp;", " "))


def texts(svg: ET.Element) -> list[ET.Element]:
    return [t for t in svg.iter("{http://www.w3.org/2000/svg}text")] or list(svg.iter("text"))


def box(text: ET.Element) -> tuple[float, float, float, float]:
    x, y, width = float(text.get("x")), float(text.get("y")), text_width(text.text, FONT)
    left = x - width if text.get("text-anchor") == "end" else x
    return left, y - FONT, left + width, y + 3


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("today", [date(2019, 1, 10), date(2025, 12, 20), date(2030, 3, 1)])
def test_every_label_is_whole_and_inside_the_drawing(today):
    svg = drawn(ROWS, today)
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    for text in texts(svg):
        assert not text.text.endswith(("…", "...")), text.text
        left, top, right, bottom = box(text)
        assert 0 <= left and right <= width and 0 <= top and bottom <= height, (text.text, left, right, width)
    words = " ".join(t.text for t in texts(svg))
    assert LONG in " ".join(words.split()), "the long title is drawn whole, over lines"


@pytest.mark.parametrize("today", [date(2019, 3, 25), date(2020, 1, 2), date(2025, 12, 20), date(2030, 3, 1)])
def test_today_and_the_axis_labels_do_not_touch(today):
    svg = drawn(ROWS, today)
    labels = [t for t in texts(svg) if float(t.get("y")) < 40]
    today_label = [box(t) for t in labels if t.text == "Today"]
    axis = [box(t) for t in labels if t.text != "Today"]
    assert len(today_label) == 1 and len(axis) >= 3
    assert not any(overlap(today_label[0], a) for a in axis)
    assert all(not overlap(a, b) for i, a in enumerate(axis) for b in axis[i + 1:])


def test_long_titles_wrap_onto_lines_and_the_rows_make_room_for_them():
    chart = layout(ROWS, date(2025, 1, 1))
    long, short = chart.bars[0], chart.bars[1]
    assert len(long.lines) > 1 and len(short.lines) == 1
    assert " ".join(line.text for line in long.lines) == LONG
    assert all(text_width(line.text, FONT) <= chart.label_width for line in long.lines)
    assert short.y - long.y > long.lines[-1].y - long.lines[0].y  # the next row starts below the wrapped lines


def test_the_drawing_is_never_scaled_below_its_own_size():
    """Its labels are 13 px at its own size: on a narrow screen it scrolls sideways instead of shrinking."""
    chart = layout(ROWS, date(2025, 1, 1))
    html = make_templates().env.get_template("plan/_timeline.html").render(chart=chart, caption="Timeline")
    assert f'style="min-width:{chart.width}px"' in html and 'class="cs-table-scroll"' in html
