"""Population interval charts as drawn: labels wrapped whole onto lines (never cut), rows making room for them, and
every text inside the drawing, the reference line's label too when the line is near the right edge."""

import re
import xml.etree.ElementTree as ET

from caresystem.population.charts import FONT, interval_chart
from caresystem.population.schemas import Comparison, Measure
from caresystem.svg_text import text_width
from caresystem.web.templating import make_templates

LONG = "Chronic obstructive pulmonary disease with a long qualifier after it"


def _measure(value: float, suppressed: bool = False) -> Measure:
    return Measure() if suppressed else Measure(value=value, lower_ci95=value * 0.8, upper_ci95=value * 1.1)


ROWS = [Comparison(key="copd", label=LONG, area=_measure(0.02), place=_measure(0.03), system=_measure(0.025)),
        Comparison(key="asthma", label="Asthma", area=_measure(0.06)),
        Comparison(key="ld", label="Learning disability", area=_measure(0, suppressed=True))]


def drawn(chart: dict) -> ET.Element:
    source = ('{% import "population/_common.html" as pop %}'
              '{{ pop.interval_chart("c", chart, "Caption", "Description", "Area", "Place", "System") }}')
    html = make_templates().env.from_string(source).render(chart=chart)
    return ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))


def lines(svg: ET.Element) -> list[tuple[str, float, float, str | None]]:
    """Each line of text drawn: (text, x, baseline y, anchor), a tspan taking its text's anchor."""
    found = []
    for text in svg.iter("text"):
        anchor = text.get("text-anchor")
        spans = list(text.iter("tspan"))
        for part in spans or [text]:
            found.append((part.text, float(part.get("x")), float(part.get("y")), anchor))
    return found


def test_every_label_is_whole_and_inside_the_drawing():
    chart = interval_chart(ROWS, "proportion", reference=_measure(0.099), reference_label="All deciles")
    svg = drawn(chart)
    _, _, width, height = (float(v) for v in svg.get("viewBox").split())
    drawn_lines = lines(svg)
    for text, x, y, anchor in drawn_lines:
        assert not text.endswith(("…", "...")), text
        left = x - text_width(text, FONT) if anchor == "end" else x - text_width(text, FONT) / 2 \
            if anchor == "middle" else x
        assert 0 <= left and left + text_width(text, FONT) <= width and FONT <= y <= height, (text, left)
    words = " ".join(t for t, *_ in drawn_lines)
    assert LONG in words, "the long label is drawn whole, over lines"
    assert chart["reference"]["anchor"] == "end"  # near the right edge, its label turns to the left of the line


def test_long_labels_wrap_onto_lines_and_their_rows_make_room():
    chart = interval_chart(ROWS, "proportion")
    long, short, suppressed = chart["rows"]
    assert len(long["lines"]) > 1 and len(short["lines"]) == 1
    assert " ".join(line["text"] for line in long["lines"]) == LONG
    first_gap, second_gap = short["y"] - long["y"], suppressed["y"] - short["y"]
    assert first_gap > second_gap == 26  # single-line rows keep their spacing
    assert chart["height"] == suppressed["y"] + 13 + 33


def test_a_reference_away_from_the_edge_is_labelled_to_its_right():
    chart = interval_chart(ROWS, "proportion", reference=_measure(0.01), reference_label="All deciles")
    assert chart["reference"]["anchor"] == "start" and chart["reference"]["label_x"] > chart["reference"]["x"]
    assert interval_chart(ROWS, "proportion")["reference"] is None
