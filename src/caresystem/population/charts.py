"""Population charts laid out as inline SVG (interval bars, the age-sex pyramid); the pages add a caption, a text
summary and the data as a table. Labels are measured and wrapped with `svg_text`, as the programme's timeline and
the system diagrams are, so they are drawn whole and inside the chart."""

from caresystem.population import schemas
from caresystem.population.presentation import number
from caresystem.population.schemas import Comparison, Measure
from caresystem.svg_text import beside, wrap

FONT, LINE, ROW, PAD = 12, 14, 26, 8  # the charts' font size (set in the templates), a label's line, a row, margins
TOP = 27  # the first row starts below the reference line's label


def _axis_max(values: list[float]) -> float:
    top = max((v for v in values if v is not None), default=0) or 1
    step = 10 ** (len(str(int(top))) - 1) if top >= 1 else 0.01 if top >= 0.01 else 0.001
    while step * 10 < top:
        step *= 10
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor >= top:
            return step * factor
    return top


def interval_chart(
    rows: list[Comparison],
    unit: str | None,
    reference: Measure | None = None,
    reference_label: str = "",
    left: int = 250,
    width: int = 860,
) -> dict:
    """Horizontal interval bars: the area's value and 95% interval, marks for its place and the system."""
    values = [
        v
        for r in rows
        for m in (r.area, r.place, r.system)
        if m and not m.suppressed
        for v in (m.value, m.upper_ci95)
    ] + ([reference.value] if reference and reference.value else [])
    top_value = _axis_max(values)
    scale = (width - left - 20) / top_value

    def x(v):
        return None if v is None else round(left + v * scale, 1)

    def marks(m: Measure | None):
        return (
            {}
            if m is None or m.suppressed
            else {"x": x(m.value), "lo": x(m.lower_ci95), "hi": x(m.upper_ci95)}
        )

    laid, top = [], TOP
    for r in rows:
        lines = wrap(r.label, left - 2 * PAD, FONT)
        height = max(ROW, len(lines) * LINE + 10)
        y = top + height / 2
        first = y - (len(lines) - 1) * LINE / 2 + 4
        laid.append({
            "label": r.label,
            "lines": [{"y": round(first + i * LINE, 1), "text": line} for i, line in enumerate(lines)],
            "y": y,
            "area": marks(r.area),
            "place": marks(r.place),
            "system": marks(r.system),
            "suppressed": bool(r.area and r.area.suppressed),
        })
        top += height
    ticks = [{"x": x(top_value * f), "label": number(top_value * f, unit)} for f in (0, 0.25, 0.5, 0.75, 1)]
    return {
        "rows": laid,
        "ticks": ticks,
        "height": top + 33,
        "left": left,
        "width": width,
        "reference": _reference(x(reference.value), reference_label, left, width)
        if reference and not reference.suppressed and reference.value is not None else None,
    }


def _reference(at: float, label: str, left: int, width: int) -> dict:
    """The reference line and its label above the rows, on whichever side of the line keeps the label in view."""
    label_x, anchor = beside(at, label, FONT, low=left, high=width - 2, gap=4)
    return {"x": at, "label": label, "label_x": round(label_x, 1), "anchor": anchor}


def pyramid_chart(bands: list[schemas.PyramidBand]) -> dict:
    shares = [m.value for b in bands for m in (b.male, b.female) if not m.suppressed and m.value]
    top = _axis_max(shares)
    half, centre, gap = 270, 330, 34

    def width(m: Measure):
        return 0 if m.suppressed or not m.value else round(m.value / top * half, 1)

    rows = [
        {
            "band": b.age_band,
            "y": 30 + i * 20,
            "male": width(b.male),
            "female": width(b.female),
            "male_suppressed": b.male.suppressed,
            "female_suppressed": b.female.suppressed,
        }
        for i, b in enumerate(reversed(bands))
    ]
    return {
        "rows": rows,
        "height": 60 + 20 * len(bands),
        "centre": centre,
        "gap": gap,
        "half": half,
        "top_label": number(top, "proportion"),
    }
